"""Reads of the legal clocks: the rule table by step with its versions, and a year's calendar month by month. Rules
and calendars belong to no unit: every signed-in user reads them. Reading never writes (a year not set is computed)."""

import calendar as monthly
import datetime
from dataclasses import dataclass

from ..clocks import YearDays, year_days
from ..models import DeadlineRule


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
