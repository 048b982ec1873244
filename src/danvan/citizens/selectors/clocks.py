"""Reads of the legal clocks: the rule table by step with its versions, and a year's calendar month by month. Rules
and calendars belong to no unit: every signed-in user reads them. Reading never writes (a year not set is computed)."""

import calendar as monthly
import datetime
from dataclasses import dataclass

from danvan.accounts.scope import visible_q
from danvan.orgunits.tree import subtree_q

from ..clock_rules import STEP_NAMES
from ..clocks import YearDays, due_soon_until, year_days
from ..models import DeadlineRule, Petition


@dataclass
class StepRules:
    step: str
    name: str
    versions: list[DeadlineRule]


def rule_table() -> list[StepRules]:
    """Each step (in the order of the law's table) with its versions, oldest first."""
    steps: dict[str, StepRules] = {}
    for rule in DeadlineRule.objects.order_by("id"):
        steps.setdefault(rule.step, StepRules(rule.step, rule.name, [])).versions.append(rule)
    for found in steps.values():
        found.versions.sort(key=lambda rule: rule.valid_from)
    return list(steps.values())


@dataclass
class CalendarCell:
    day: datetime.date | None
    kind: str = ""  # "working" | "weekend" | "off" | "swap" (a weekend day worked)
    name: str = ""


def calendar_year(year: int) -> YearDays:
    return year_days(year)


def calendar_months(found: YearDays) -> list[dict]:
    """Twelve months of weeks (Monday first) of cells: what the calendar page draws."""
    months = []
    for month in range(1, 13):
        weeks = []
        for week in monthly.Calendar(firstweekday=0).monthdatescalendar(found.year, month):
            cells = []
            for day in week:
                if day.month != month:
                    cells.append(CalendarCell(None))
                elif day in found.working_days:
                    cells.append(CalendarCell(day, "swap", found.working_days[day]))
                elif day in found.days_off:
                    cells.append(CalendarCell(day, "off", found.days_off[day]))
                else:
                    cells.append(CalendarCell(day, "weekend" if day.weekday() >= 5 else "working"))
            weeks.append(cells)
        months.append({"month": month, "weeks": weeks})
    return months


OVERDUE, DUE_SOON = "overdue", "due_soon"


def clock_watch(user, unit, today: datetime.date, which: str):
    """The open petitions of `unit`'s subtree, in the user's scope, whose clock has passed (`OVERDUE`) or ends
    within DUE_SOON_WORKING_DAYS working days (`DUE_SOON`), earliest due first: one indexed range on
    (unit_path, due_on)."""
    rows = Petition.objects.filter(
        visible_q(user, "unit_path"), subtree_q(unit.path, "unit_path"), stage__in=Petition.OPEN_STAGES
    )
    if which == OVERDUE:
        rows = rows.filter(due_on__lt=today)
    else:
        soon = due_soon_until(today)
        rows = rows.filter(due_on__gte=today, due_on__lte=soon)
    return rows.select_related("unit").order_by("due_on", "id")


def with_days_left(petitions, today: datetime.date) -> list:
    """Each petition of a page with `days_left`, `days_over` (its opposite) and `step_name`."""
    for petition in petitions:
        petition.days_left = (petition.due_on - today).days
        petition.days_over = -petition.days_left
        petition.step_name = STEP_NAMES.get(petition.clock_step, petition.clock_step)
    return petitions
