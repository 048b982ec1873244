"""Scope rows of the citizens' legal clocks. Rules and calendars belong to no unit: every signed-in user reads them,
only a superuser changes them (the world's owner and other are unit users: 403)."""

import datetime

from danvan.citizens.services import create_petition

from .common import LOGIN, PRIVATE, row

DEADLINE = "step=xu_ly_don&from=2026-08-21"
CALENDAR = {"days_off": ["2026-09-02"], "working_days": []}
VERSION = {"valid_from": "01/01/2030", "day_type": "working_days", "days": "10", "legal_basis": "Luật mới"}

# fmt: off
ROWS: list = [
    row("citizens:deadline_rules",     "GET",  LOGIN, 200, 200),
    row("citizens:deadline_rule_add",  "GET",  LOGIN, 403, 403, step="clock_step"),
    row("citizens:deadline_rule_add",  "POST", LOGIN, 403, 403, step="clock_step", data=VERSION),
    row("citizens:clock_watch",        "GET",  LOGIN, 404, 200, query="unit=@commune&which=overdue"),
    row("citizens:calendar_year",      "GET",  LOGIN, 200, 200, year="clock_year"),
    row("citizens:calendar_year",      "POST", LOGIN, 403, 403, year="clock_year", data={"days_off": "02/09/2026"}),
    row("api:compute_deadline",        "GET",  401,   200, 200, query=DEADLINE),
    row("api:get_calendar",            "GET",  401,   200, 200, year="clock_year"),
    row("api:put_calendar",            "PUT",  401,   403, 403, year="clock_year", data=CALENDAR),
]
# fmt: on


def build(world: dict) -> dict:
    """An overdue petition of the commune (PRIVATE), on its unit's overdue list."""
    create_petition(
        world["owner"],
        unit=world["commune"],
        data={
            "kind": "kien_nghi",
            "channel": "buu_chinh",
            "field": "dat_dai",
            "subject": f"Đơn quá hạn {PRIVATE}",
            "content": "Nội dung",
            "received_on": datetime.date(2026, 1, 5),
        },
    )
    return {"clock_step": "xu_ly_don", "clock_year": 2026}
