"""Scope rows of the citizens' legal clocks. Rules and calendars belong to no unit: every signed-in user reads them,
only a superuser changes them (the world's owner and other are unit users: 403)."""

from .common import LOGIN, row

DEADLINE = "step=xu_ly_don&from=2026-08-21"
CALENDAR = {"days_off": ["2026-09-02"], "working_days": []}
VERSION = {"valid_from": "01/01/2030", "day_type": "working_days", "days": "10", "legal_basis": "Luật mới"}

# fmt: off
ROWS: list = [
    row("citizens:deadline_rules",     "GET",  LOGIN, 200, 200),
    row("citizens:deadline_rule_add",  "GET",  LOGIN, 403, 403, step="clock_step"),
    row("citizens:deadline_rule_add",  "POST", LOGIN, 403, 403, step="clock_step", data=VERSION),
    row("citizens:calendar_year",      "GET",  LOGIN, 200, 200, year="clock_year"),
    row("citizens:calendar_year",      "POST", LOGIN, 403, 403, year="clock_year", data={"days_off": "02/09/2026"}),
    row("api:compute_deadline",        "GET",  401,   200, 200, query=DEADLINE),
    row("api:get_calendar",            "GET",  401,   200, 200, year="clock_year"),
    row("api:put_calendar",            "PUT",  401,   403, 403, year="clock_year", data=CALENDAR),
]
# fmt: on


def build(world: dict) -> dict:
    return {"clock_step": "xu_ly_don", "clock_year": 2026}
