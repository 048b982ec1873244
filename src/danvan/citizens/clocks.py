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


def add_working_days(start: date, count: int) -> date:
    """The `count`-th working day after `start` (a service level: "within 10 working days")."""
    day, left = start, count
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def petition_deadline(petition) -> Deadline | None:
    """The clock running on a petition now: its `clock_step` counted from `clock_from`, with the petition's own
    conditions, its extensions (a denunciation's resolution) and its suspended days. None when no clock runs."""
    if not petition.clock_step or petition.clock_from is None:
        return None
    suspended = tuple((s.start, s.end or date.max) for s in petition.suspensions.all())
    extensions = petition.extensions.count() if petition.clock_step == "to_cao.giai_quyet" else 0
    return deadline(
        petition.clock_step,
        petition.clock_from,
        complex_case=petition.complex_case,
        very_complex=petition.very_complex,
        remote_area=petition.remote_area,
        extensions=extensions,
        verify=petition.needs_verification,
        suspended=suspended,
    )
