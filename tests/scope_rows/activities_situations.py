"""Scope rows of the activities: situations (situation reports, hotspots, the units × topics table)."""

import datetime

from .. import factories
from .common import LOGIN, PRIVATE, row

NEW_REPORT = {
    "unit": "@commune",
    "topic": "people",
    "severity": "1",
    "title": "Báo cáo mới",
    "text": "Ổn định",
    "reported_on": "20/03/2026",
}
API_REPORT = {**NEW_REPORT, "severity": 1, "reported_on": "2026-03-20"}
REPORT = {"pk": "situation"}
STEP = {"action": "action", "text": "Đối thoại"}

# fmt: off
ROWS: list = [
    row("activities:situation_list",      "GET",   LOGIN, 200, 200, query="unit=@commune"),
    row("activities:situation_export",    "GET",   LOGIN, 200, 200, query="unit=@commune"),
    row("activities:situation_table",     "GET",   LOGIN, 404, 200, query="unit=@commune&period=2026M03"),
    row("activities:situation_create",    "GET",   LOGIN, 200, 200),
    row("activities:situation_create",    "POST",  LOGIN, 200, 302, data=NEW_REPORT),
    row("activities:situation_detail",    "GET",   LOGIN, 404, 200, **REPORT),
    row("activities:situation_edit",      "GET",   LOGIN, 404, 200, **REPORT),
    row("activities:situation_edit",      "POST",  LOGIN, 404, 302, **REPORT, data=NEW_REPORT),
    row("activities:situation_step",      "POST",  LOGIN, 404, 302, pk="hotspot", data=STEP),
    row("api:list_situations",            "GET",   401, 404, 200, query="unit=@commune&period=2026M03"),
    row("api:situation_table",            "GET",   401, 404, 200, query="unit=@commune&period=2026M03"),
    row("api:get_situation",              "GET",   401, 404, 200, report_id="situation"),
    row("api:create_situation",           "POST",  401, 404, 201, data=API_REPORT),
    row("api:add_situation_step",         "POST",  401, 404, 201, report_id="hotspot", data=STEP),
]
# fmt: on


def build(world: dict) -> dict:
    """The objects these rows name, owned by the world's commune (names carry PRIVATE)."""
    commune, owner = world["commune"], world["owner"]
    day = datetime.date(2026, 3, 20)
    situation = factories.situation(
        owner, commune, title=f"Tình hình {PRIVATE}", period="2026M03", reported_on=day
    )
    hotspot = factories.situation(owner, commune, title=f"Điểm nóng {PRIVATE}", hotspot=True, reported_on=day)
    return {"situation": situation, "hotspot": hotspot}
