"""Reads of public feedback: the units that accept it, a feedback as the public sees it by its code (status words,
subject, date, the public answer; never a person, never internal notes), and the unit's online feedback with its
service level for the staff page."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.scope import visible_q
from danvan.orgunits.models import OrgUnit

from .. import tracking
from ..models import FeedbackSetting, Petition, PetitionStep

CLOSED_STAGES = (
    Petition.Stage.CLOSED,
    Petition.Stage.WITHDRAWN,
    Petition.Stage.MERGED,
    Petition.Stage.REFUSED,
    Petition.Stage.RESOLVED,
)
PUBLIC_STATUS = {
    "received": gettext_lazy("Đã tiếp nhận"),
    "in_progress": gettext_lazy("Đang xử lý"),
    "answered": gettext_lazy("Đã trả lời"),
    "closed": gettext_lazy("Đã kết thúc"),
}
SERVICE_STATES = {
    "on_time": gettext_lazy("Trả lời đúng hạn"),
    "late": gettext_lazy("Trả lời quá hạn"),
    "overdue": gettext_lazy("Quá hạn chưa trả lời"),
    "pending": gettext_lazy("Trong hạn, chưa trả lời"),
}


def accepting_provinces():
    """The provinces with at least one unit that accepts feedback."""
    codes = set(FeedbackSetting.objects.filter(accepts_feedback=True).values_list("province_code", flat=True))
    return OrgUnit.objects.filter(path__in=[f"/{code}/" for code in codes]).vietnamese_order()


def accepting_units(province: OrgUnit):
    """The units of `province` (itself, its communes, its bodies) that accept feedback."""
    return (
        OrgUnit.objects.filter(feedback_setting__accepts_feedback=True, path__startswith=province.path)
        .select_related("feedback_setting")
        .order_by("depth", "sort_key", "id")
    )


@dataclass(frozen=True)
class PublicFeedback:
    """What anyone holding the code may read: nothing about the sender, nothing internal."""

    code: str
    status: str
    status_label: str
    subject: str
    received_on: datetime.date
    unit_name: str
    service_due_on: datetime.date | None
    answer: str  # "" unless answered and public
    answered_on: datetime.date | None
    private_answer_note: (
        str  # "Câu trả lời đã được gửi riêng…" when the answer is private and a contact exists
    )
    can_reopen: bool
    reopen_requested_on: datetime.date | None


def feedback_by_code(code) -> Petition:
    """The feedback holding `code` (typed in any case, with or without dashes); 404 otherwise."""
    normal = tracking.normalise(code)
    if normal is None:
        raise Http404(_("Không tìm thấy góp ý có mã này."))
    return get_object_or_404(Petition.objects.select_related("unit"), tracking_code=normal)


def public_view(petition: Petition) -> PublicFeedback:
    steps = list(
        petition.steps.filter(action__in=[PetitionStep.Action.REOPEN, PetitionStep.Action.ANSWER]).order_by(
            "id"
        )
    )
    reopen = next(
        (s for s in steps if s.action == PetitionStep.Action.REOPEN and s.details.get("by") == "sender"), None
    )
    # Asked to look again and not answered since.
    reopened_after_answer = reopen is not None and not any(
        s.action == PetitionStep.Action.ANSWER and s.pk > reopen.pk for s in steps
    )
    if petition.stage in CLOSED_STAGES and not reopened_after_answer:
        status = "closed"
    elif petition.answered_on is not None and not reopened_after_answer:
        status = "answered"
    elif petition.stage == Petition.Stage.RECEIVED and not reopened_after_answer:
        status = "received"
    else:
        status = "in_progress"
    answered = petition.answered_on is not None
    answer, private_note = "", ""
    if answered and petition.answer_public:
        answer = petition.answer
    elif answered and petition.senders.exclude(phone="", email="").exists():
        private_note = _("Câu trả lời đã được gửi riêng cho người gửi.")
    return PublicFeedback(
        code=petition.tracking_code,
        status=status,
        status_label=str(PUBLIC_STATUS[status]),
        subject=petition.subject,
        received_on=petition.received_on,
        unit_name=petition.unit.name,
        service_due_on=petition.service_due_on,
        answer=answer,
        answered_on=petition.answered_on,
        private_answer_note=private_note,
        can_reopen=answered and reopen is None,
        reopen_requested_on=reopen.on if reopen else None,
    )


def service_state_expression(today: datetime.date):
    return Case(
        When(answered_on__isnull=False, answered_on__lte=F("service_due_on"), then=Value("on_time")),
        When(answered_on__isnull=False, service_due_on__isnull=True, then=Value("on_time")),
        When(answered_on__isnull=False, then=Value("late")),
        When(service_due_on__lt=today, then=Value("overdue")),
        default=Value("pending"),
        output_field=CharField(),
    )


def feedback_of_unit(user, unit: OrgUnit, today: datetime.date):
    """The online feedback of `unit`'s subtree that `user` may read, with `service_state` and the sender's reopen
    request (`reopen_requests`)."""
    return (
        Petition.objects.filter(visible_q(user, "unit_path"), tracking_code__isnull=False)
        .filter(unit_path__startswith=unit.path)
        .annotate(
            service_state=service_state_expression(today),
            reopen_requests=Count("steps", filter=Q(steps__action=PetitionStep.Action.REOPEN)),
        )
        .select_related("unit")
        .order_by("-received_on", "-id")
    )


def service_counts(rows) -> dict[str, int]:
    """How many of `rows` are in each service state, in one query."""
    counted = rows.order_by().values("service_state").annotate(n=Count("id", distinct=True))
    counts = dict.fromkeys(SERVICE_STATES, 0)
    for item in counted:
        counts[item["service_state"]] = item["n"]
    return counts


def feedback_for(user, pk: int) -> Petition:
    """One online feedback in the user's scope (404 otherwise)."""
    return get_object_or_404(
        Petition.objects.filter(visible_q(user, "unit_path"), tracking_code__isnull=False).select_related(
            "unit"
        ),
        pk=pk,
    )
