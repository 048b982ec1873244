"""Scope rows of the citizens: publicity (the checklist, publications and their channels) and consultations, with
their public pages and API. What is published and open to the people is public: its names carry no PRIVATE; a
commenter's full name and contact, a decision not yet published, a draft do carry it, so a public page showing
them fails."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.citizens import services
from danvan.citizens.models import PublicityItem

from .common import LOGIN, PRIVATE, row

IN_COMMUNE = "unit=@commune"
PUBLICATION = {"pk": "publication"}
CHANNEL = {"pk": "publication_channel"}
CONSULTATION = {"pk": "consultation"}
DRAFT = {"pk": "consultation_draft"}

# fmt: off
ROWS: list = [
    row("citizens:publicity_checklist",        "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("citizens:publicity_record",           "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("citizens:publicity_record",           "POST", LOGIN, 404, 200, query=IN_COMMUNE),
    row("citizens:publication_detail",         "GET",  LOGIN, 404, 200, **PUBLICATION),
    row("citizens:publication_edit",           "GET",  LOGIN, 404, 200, **PUBLICATION),
    row("citizens:publication_edit",           "POST", LOGIN, 404, 200, **PUBLICATION),
    row("citizens:publication_file",           "GET",  LOGIN, 404, 200, **PUBLICATION),
    row("citizens:publication_channel_add",    "POST", LOGIN, 404, 200, **PUBLICATION),
    row("citizens:publication_channel_remove", "POST", LOGIN, 404, 302, **CHANNEL),
    row("citizens:publication_channel_file",   "GET",  LOGIN, 404, 200, **CHANNEL),
    row("citizens:consultation_list",          "GET",  LOGIN, 200, 200),
    row("citizens:consultation_create",        "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("citizens:consultation_create",        "POST", LOGIN, 404, 200, query=IN_COMMUNE),
    row("citizens:consultation_detail",        "GET",  LOGIN, 404, 200, **CONSULTATION),
    row("citizens:consultation_edit",          "GET",  LOGIN, 404, 200, **DRAFT),
    row("citizens:consultation_edit",          "POST", LOGIN, 404, 200, **DRAFT),
    row("citizens:consultation_step",          "POST", LOGIN, 404, 200, **CONSULTATION),
    row("citizens:consultation_comment",       "POST", LOGIN, 404, 200, **CONSULTATION),
    row("citizens:consultation_ballot",        "POST", LOGIN, 404, 200, **CONSULTATION),
    row("citizens:consultation_file",          "GET",  LOGIN, 404, 200, **CONSULTATION),
    row("citizens_public:public_publicity",         "GET",  200, 200, 200, unit_id="commune"),
    row("citizens_public:public_publication_file",  "GET",  200, 200, 200, **PUBLICATION),
    row("citizens_public:public_consultation",      "GET",  200, 200, 200, **CONSULTATION),
    row("citizens_public:public_consultation",      "POST", 400, 400, 400, **CONSULTATION),
    row("citizens_public:public_consultation_file", "GET",  200, 200, 200, **CONSULTATION),
    row("api:publicity_checklist",             "GET",  401, 404, 200, query=IN_COMMUNE),
    row("api:list_consultations",              "GET",  401, 404, 200, query=IN_COMMUNE),
    row("api:get_consultation",                "GET",  401, 404, 200, consultation_id="consultation"),
    row("api:public_publicity",                "GET",  200, 200, 200, unit_id="commune"),
    row("api:public_consultation",             "GET",  200, 200, 200, consultation_id="consultation"),
]
# fmt: on


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def build(world: dict) -> dict:
    """A published quarterly budget with a channel, a decision not yet published, an open consultation with a
    comment and a ballot, and a draft, all of the world's commune."""
    owner, commune, hamlet = world["owner"], world["commune"], world["hamlet"]
    today = timezone.localdate()
    items = {item.code: item for item in PublicityItem.objects.all()}
    publication = services.record_publication(
        owner,
        unit=commune,
        item=items["thuc-hien-ngan-sach-quy"],
        period="2026Q1",
        title="Thực hiện dự toán ngân sách quý I năm 2026",
        file=_pdf("ngan-sach-quy-1.pdf"),
    )
    channel = services.add_channel(
        owner,
        publication,
        channel="niem_yet",
        started_on=datetime.date(2026, 4, 10),
        ended_on=datetime.date(2026, 5, 20),
        note=f"Ảnh chụp bảng tin {PRIVATE}",
        file=_pdf(f"anh-niem-yet {PRIVATE}.pdf"),
    )
    services.record_publication(
        owner,
        unit=commune,
        item=items["thu-hoi-dat"],
        decision_on=today,
        title=f"Quyết định thu hồi đất chưa công khai {PRIVATE}",
    )
    consultation = services.create_consultation(
        owner,
        unit=commune,
        kind="decide",
        title="Mức đóng góp làm đường nội đồng",
        text="Mỗi hộ đóng góp 500.000 đồng.",
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=30),
        file=_pdf("du-thao.pdf"),
    )
    consultation = services.consultation_transition(owner, consultation, "open")
    services.add_comment(
        owner,
        consultation,
        text="Đồng ý mức đóng góp.",
        name=f"Nông Văn {PRIVATE}",
        shown_name="Bác Nông",
        contact=f"Số 5 ngõ {PRIVATE}",
        received_on=today,
    )
    services.record_ballot(
        owner, consultation, hamlet=hamlet, households=80, agree=60, disagree=15, abstain=5
    )
    draft = services.create_consultation(
        owner,
        unit=commune,
        kind="comment",
        title=f"Dự thảo quy ước {PRIVATE}",
        text="Dự thảo",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=10),
    )
    return {
        "publication": publication,
        "publication_channel": channel,
        "consultation": consultation,
        "consultation_draft": draft,
    }
