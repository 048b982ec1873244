"""Scope rows of the citizens: the petition register (pages and API)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.citizens.services import create_petition

from .common import LOGIN, PRIVATE, row

IN_COMMUNE = "unit=@commune"
PETITION = {"pk": "petition"}
STEP = {"pk": "petition", "action": "petition_action"}
NEW_PETITION = {
    "unit": "@commune",
    "kind": "kien_nghi",
    "channel": "truc_tuyen",
    "field": "khac",
    "subject": "Kiến nghị qua API",
    "content": "Nội dung",
    "senders": [{"name": "Người Gửi"}],
}
TRANSITION = {"action": "process", "on": timezone.localdate().isoformat(), "processing": "within"}

# fmt: off
ROWS: list = [
    row("citizens:home",                "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("citizens:petition_list",       "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("citizens:petition_export",     "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("citizens:petition_create",     "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("citizens:petition_create",     "POST", LOGIN, 404, 200, query=IN_COMMUNE),
    row("citizens:petition_detail",     "GET",  LOGIN, 404, 200, **PETITION),
    row("citizens:petition_step",       "GET",  LOGIN, 404, 200, **STEP),
    row("citizens:petition_step",       "POST", LOGIN, 404, 200, **STEP),
    row("citizens:petition_attachment", "GET",  LOGIN, 404, 200, pk="petition_attachment"),
    row("api:list_petitions",           "GET",  401, 404, 200, query=IN_COMMUNE),
    row("api:register_petition",        "POST", 401, 404, 201, data=NEW_PETITION),
    row("api:get_petition",             "GET",  401, 404, 200, petition_id="petition"),
    row("api:petition_transition",      "POST", 401, 404, 201, petition_id="petition", data=TRANSITION),
]
# fmt: on


def build(world: dict) -> dict:
    """A first complaint in the commune's register, with a file (names carry PRIVATE)."""
    petition = create_petition(
        world["owner"],
        unit=world["commune"],
        data={
            "kind": "khieu_nai_1",
            "channel": "buu_chinh",
            "field": "dat_dai",
            "subject": f"Khiếu nại {PRIVATE}",
            "content": f"Nội dung {PRIVATE}",
            "received_on": datetime.date(2026, 6, 1),
            "attachments": [SimpleUploadedFile(f"đơn {PRIVATE}.pdf", b"%PDF-1.4\n%%EOF\n")],
        },
        senders=[{"name": f"Người gửi {PRIVATE}"}],
    )
    return {
        "petition": petition,
        "petition_action": "process",
        "petition_attachment": petition.attachments.get(),
    }
