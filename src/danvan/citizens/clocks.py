"""The legal clocks: the due date of a step from the rule in force and the working calendar.

BINDING INTERFACE (issue #12 helpers): `deadline(...)` and `Deadline` keep these names and arguments; the clock
helper replaces the body with the real engine (rules from `DeadlineRule` by effective date, the working calendar
with days off and swaps, suspended days)."""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Deadline:
    step: str
    start: date
    due: date
    days: int
    day_type: str  # "days" | "working_days"


def deadline(
    step: str,
    start: date,
    *,
    complex_case: bool = False,
    very_complex: bool = False,
    remote_area: bool = False,
    extensions: int = 0,
    verify: bool = False,
    suspended: tuple[tuple[date, date], ...] = (),
) -> Deadline:
    """The day `step`'s time limit ends when it runs from `start` (the receipt, the acceptance, …)."""
    days = 10
    return Deadline(step=step, start=start, due=start + timedelta(days=days), days=days, day_type="days")
