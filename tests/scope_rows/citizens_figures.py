"""Scope rows of the citizens: the figures (the counts page, its export, the official books)."""

import datetime

from danvan.citizens.models import Petition
from danvan.citizens.services.petitions import create_petition

from .common import LOGIN, PRIVATE, row

IN_COMMUNE = "unit=@commune"
BOOK_RANGE = "unit=@commune&from=2026-01-01&to=2026-06-30"

# fmt: off
ROWS: list = [
    row("citizens:counts",         "GET", LOGIN, 404, 200, query=f"{IN_COMMUNE}&year=2026&part=H1"),
    row("citizens:counts_export",  "GET", LOGIN, 404, 200, query=f"{IN_COMMUNE}&year=2026&part=H1"),
    row("citizens:petition_book",  "GET", LOGIN, 404, 200, query=BOOK_RANGE),
    row("citizens:reception_book", "GET", LOGIN, 404, 200, query=BOOK_RANGE),
]
# fmt: on


def build(world: dict) -> dict:
    """A petition received by the world's hamlet in 2026H1, so the counts and the books have a line."""
    create_petition(
        world["owner"],
        unit=world["hamlet"],
        data={
            "kind": Petition.Kind.KIEN_NGHI,
            "channel": Petition.Channel.POST,
            "field": Petition.Field.LAND,
            "subject": f"Kiến nghị {PRIVATE}",
            "content": "Đề nghị xem xét.",
            "received_on": datetime.date(2026, 3, 3),
        },
        senders=[{"name": f"Người gửi {PRIVATE}"}],
    )
    return {}
