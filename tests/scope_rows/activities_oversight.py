"""Scope rows of the activities: oversight (inspections and supervisions, the year's plans)."""

import datetime

from danvan.activities import services

from .. import factories
from .common import LOGIN, PRIVATE, row

NEW_INSPECTION = {
    "organizer": "@commune",
    "kind": "inspection",
    "title": "Kiểm tra mới",
    "starts_on": "10/03/2026",
    "inspected_units": "@hamlet",
    "leader": "@inspection_leader",
}
CONCLUSION = {
    "conclusion_date": "12/03/2026",
    "conclusion": "Đạt",
    "tasks-TOTAL_FORMS": "0",
    "tasks-INITIAL_FORMS": "0",
}
INSPECTION = {"pk": "inspection"}
NEW_PLAN = {"unit": "@commune", "year": "2026", "title": "Kế hoạch"}
RECHECK = {"date": "12/03/2026", "result": "x"}

# fmt: off
ROWS: list = [
    row("activities:inspection_list",     "GET",   LOGIN, 200, 200, query="unit=@commune"),
    row("activities:inspection_export",   "GET",   LOGIN, 200, 200, query="unit=@commune"),
    row("activities:plan_list",           "GET",   LOGIN, 200, 200, query="year=2026"),
    row("activities:plan_create",         "GET",   LOGIN, 200, 200),
    row("activities:plan_create",         "POST",  LOGIN, 200, 302, data=NEW_PLAN),
    row("activities:inspection_create",   "GET",   LOGIN, 200, 200),
    row("activities:inspection_create",   "POST",  LOGIN, 200, 302, data=NEW_INSPECTION),
    row("activities:inspection_detail",   "GET",   LOGIN, 404, 200, **INSPECTION),
    row("activities:inspection_edit",     "GET",   LOGIN, 404, 200, **INSPECTION),
    row("activities:inspection_edit",     "POST",  LOGIN, 404, 302, **INSPECTION, data=NEW_INSPECTION),
    row("activities:inspection_start",    "POST",  LOGIN, 404, 302, **INSPECTION),
    row("activities:inspection_conclude", "GET",   LOGIN, 404, 200, **INSPECTION),
    row("activities:inspection_conclude", "POST",  LOGIN, 404, 302, **INSPECTION, data=CONCLUSION),
    row("activities:inspection_recheck",  "GET",   LOGIN, 404, 200, **INSPECTION),
    row("activities:inspection_recheck",  "POST",  LOGIN, 404, 200, **INSPECTION, data=RECHECK),
    row("api:list_inspections",           "GET",   401, 404, 200, query="unit=@commune&year=2026"),
    row("api:get_inspection",             "GET",   401, 404, 200, inspection_id="inspection"),
]
# fmt: on


def build(world: dict) -> dict:
    """The objects these rows name, owned by the world's commune (names carry PRIVATE)."""
    commune, owner = world["commune"], world["owner"]
    leader = factories.person(commune, f"Trưởng đoàn {PRIVATE}", "Phó Bí thư")
    inspection = factories.inspection(
        owner,
        commune,
        [world["hamlet"]],
        leader,
        title=f"Kiểm tra {PRIVATE}",
        starts_on=datetime.date(2026, 3, 10),
    )
    services.create_plan(owner, unit=commune, year=2026, title=f"Kế hoạch {PRIVATE}")
    return {"inspection_leader": leader, "inspection": inspection}
