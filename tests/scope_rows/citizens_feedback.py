"""Scope rows of the citizens' public feedback: the public pages and API answer anyone (nothing private shown); the
staff pages are the unit's."""

from danvan.accounts.scope import Role
from danvan.citizens import services

from .. import factories
from .common import LOGIN, row

IN_COMMUNE = "unit=@commune"
FEEDBACK = {
    "unit": "@commune",
    "kind": "kien_nghi",
    "subject": "Đề nghị lắp đèn đường",
    "field": "xay_dung",
    "content": "Ngõ tối, đề nghị lắp đèn.",
}

# fmt: off
ROWS: list = [
    row("citizens_public:feedback",         "GET",  200,   200, 200),
    row("citizens_public:feedback_lookup",  "GET",  200,   200, 200),
    row("citizens_public:feedback_track",   "GET",  200,   200, 200, code="feedback_code"),
    row("citizens_public:feedback_sent",    "GET",  200,   200, 200, code="feedback_code"),
    row("citizens:feedback_list",           "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("citizens:feedback_settings",       "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("citizens:feedback_detail",         "GET",  LOGIN, 404, 200, pk="feedback"),
    row("api:send_feedback",                "POST", 201,   201, 201, data=FEEDBACK),
    row("api:get_feedback",                 "GET",  200,   200, 200, code="feedback_code"),
]
# fmt: on


def build(world: dict) -> dict:
    """A commune that accepts feedback and one feedback sent to it (its subject is public, so not PRIVATE)."""
    commune = world["commune"]
    approver = factories.user("matrix_feedback_approver", commune, Role.APPROVER)
    services.set_feedback_setting(approver, commune, accepts_feedback=True, answer_within_working_days=10)
    feedback = services.submit_feedback(
        unit=commune,
        data={
            "kind": "phan_anh",
            "field": "moi_truong",
            "subject": "Rác thải ở đầu ngõ",
            "content": "Chưa thu gom.",
            "name": "Người Gửi Riêng",
            "phone": "0912345678",
        },
    )
    return {"feedback": feedback, "feedback_code": feedback.tracking_code}
