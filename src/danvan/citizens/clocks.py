"""The legal clocks: the due date of a step from the rule in force and the working calendar.

BINDING INTERFACE (issue #12 helpers): `deadline(...)`, `Deadline`, `add_working_days` and `petition_deadline` keep
their names and arguments.

- The rule is the `DeadlineRule` version of the step in force on the start date (the receipt, the acceptance, …):
  the law's changes (Luật 136/2025/QH15 from 1/7/2026) are new versions, the old ones stay for older petitions.
- Counting starts the day after the start (Bộ luật Dân sự 2015, art. 147). A limit in days counts every day and,
  when its last day is not a working day, ends on the next working day (art. 148); a limit in working days counts
  only working days. Suspended days (tạm đình chỉ) do not count.
- The working calendar is Monday–Friday, less each year's days off, plus the weekend days made working by the
  year's swaps (`CalendarDay` rows of a year set in `CalendarYear`; a year nobody set is computed by
  `clock_rules.default_year`, never saved on read).

`ClockBook` keeps the rules and the years it read, so recomputing many petitions (`services.clocks.recompute_clocks`)
reads each once; `deadline()` and `add_working_days()` use a fresh one per call (two or three queries)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .clock_rules import default_year
from .models import CalendarDay, CalendarYear, DayType, DeadlineRule

# The years a clock may start in: beyond them no calendar is meaningful (and a date near 9999 would overflow).
FIRST_YEAR, LAST_YEAR = 2000, 2100
# "Due soon": the clock ends within this many working days (the reminders, the due-soon list).
DUE_SOON_WORKING_DAYS = 3


@dataclass(frozen=True)
class Deadline:
    step: str
    start: date
    due: date
    days: int
    day_type: str  # "days" | "working_days"


@dataclass
class YearDays:
    """One year's exceptions to Monday–Friday: {date: name} of the weekdays off and of the weekend days worked."""

    year: int
    stored: bool
    days_off: dict[date, str] = field(default_factory=dict)
    working_days: dict[date, str] = field(default_factory=dict)


def year_days(year: int) -> YearDays:
    """The working calendar of `year`: the stored one, else the default computed (and not saved)."""
    if CalendarYear.objects.filter(year=year).exists():
        found = YearDays(year, True)
        rows = CalendarDay.objects.filter(date__year=year).order_by("date")
        for row in rows:
            target = found.days_off if row.kind == CalendarDay.Kind.DAY_OFF else found.working_days
            target[row.date] = row.name
        return found
    off, working = default_year(year)
    return YearDays(year, False, off, working)


class ClockBook:
    """The rules and the calendar years read so far: the engine behind `deadline()`."""

    def __init__(self):
        self._years: dict[int, YearDays] = {}
        self._rules: dict[str, list[DeadlineRule]] = {}

    # --- the calendar ---
    def year(self, year: int) -> YearDays:
        if year not in self._years:
            self._years[year] = year_days(year)
        return self._years[year]

    def is_working_day(self, day: date) -> bool:
        found = self.year(day.year)
        if day in found.working_days:
            return True
        if day in found.days_off:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, count: int, suspended=()) -> date:
        day, left = start, count
        while left > 0:
            day += timedelta(days=1)
            if self.is_working_day(day) and not _in(day, suspended):
                left -= 1
        return day

    def add_days(self, start: date, count: int, suspended=()) -> date:
        if suspended:
            day, left = start, count
            while left > 0:
                day += timedelta(days=1)
                if not _in(day, suspended):
                    left -= 1
        else:
            day = start + timedelta(days=count)
        while not self.is_working_day(day) or _in(day, suspended):
            day += timedelta(days=1)
        return day

    # --- the rules ---
    def versions(self, step: str) -> list[DeadlineRule]:
        if step not in self._rules:
            self._rules[step] = list(DeadlineRule.objects.filter(step=step).order_by("valid_from"))
        return self._rules[step]

    def rule(self, step: str, start: date) -> DeadlineRule:
        versions = self.versions(step)
        if not versions:
            raise ValidationError(
                {"step": [_("Không có quy định thời hạn cho bước “%(step)s”.") % {"step": step}]}
            )
        for rule in reversed(versions):
            if rule.valid_from <= start and (rule.valid_to is None or start <= rule.valid_to):
                return rule
        raise ValidationError(
            {
                "start": [
                    _("Ngày %(day)s không thuộc phiên bản quy định nào của bước “%(step)s”.")
                    % {"day": start.strftime("%d/%m/%Y"), "step": versions[0].name}
                ]
            }
        )

    def deadline(
        self,
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
        if not FIRST_YEAR <= start.year <= LAST_YEAR:
            raise ValidationError(
                {
                    "start": [
                        _("Ngày bắt đầu phải trong các năm %(first)d–%(last)d.")
                        % {"first": FIRST_YEAR, "last": LAST_YEAR}
                    ]
                }
            )
        rule = self.rule(step, start)
        days = limit_days(
            rule, complex_case=complex_case or very_complex, remote_area=remote_area, verify=verify
        )
        days += extension_days(rule, extensions, complex_case=complex_case, very_complex=very_complex)
        ranges = _checked(suspended)
        if rule.day_type == DayType.WORKING_DAYS:
            due = self.add_working_days(start, days, ranges)
        else:
            due = self.add_days(start, days, ranges)
        return Deadline(step=step, start=start, due=due, days=days, day_type=rule.day_type)


def limit_days(rule: DeadlineRule, *, complex_case: bool, remote_area: bool, verify: bool) -> int:
    """The rule's time limit for the case: remote and complex, remote, complex, to be verified, else the plain one."""
    if remote_area and complex_case and rule.remote_complex_days:
        return rule.remote_complex_days
    if remote_area and rule.remote_days:
        return rule.remote_days
    if complex_case and rule.complex_days:
        return rule.complex_days
    if verify and rule.verify_days:
        return rule.verify_days
    return rule.days


def extension_days(rule: DeadlineRule, extensions: int, *, complex_case: bool, very_complex: bool) -> int:
    """The days the extensions add, or a ValidationError on `extensions` when the law does not allow them."""
    if extensions < 0:
        raise ValidationError({"extensions": [_("Số lần gia hạn không được âm.")]})
    if not extensions:
        return 0
    if not rule.extension_days:
        raise ValidationError(
            {"extensions": [_("Thời hạn “%(step)s” không được gia hạn.") % {"step": rule.name}]}
        )
    if very_complex:
        allowed, label = rule.max_extensions_very_complex, _("đặc biệt phức tạp")
    elif complex_case:
        allowed, label = rule.max_extensions_complex, _("phức tạp")
    else:
        allowed, label = 0, ""
    if not allowed:
        raise ValidationError(
            {"extensions": [_("Vụ việc không phức tạp thì không được gia hạn thời hạn giải quyết.")]}
        )
    if extensions > allowed:
        raise ValidationError(
            {
                "extensions": [
                    _(
                        "Vụ việc %(label)s chỉ được gia hạn tối đa %(count)d lần, mỗi lần không quá %(days)d ngày."
                    )
                    % {"label": label, "count": allowed, "days": rule.extension_days}
                ]
            }
        )
    return extensions * rule.extension_days


def _checked(suspended) -> tuple[tuple[date, date], ...]:
    ranges = []
    for first, last in suspended:
        if last is None or last == date.max:
            raise ValidationError(
                {"suspended": [_("Đang tạm đình chỉ: thời hạn dừng lại cho đến khi tiếp tục.")]}
            )
        if last < first:
            raise ValidationError({"suspended": [_("Ngày kết thúc tạm đình chỉ trước ngày bắt đầu.")]})
        ranges.append((first, last))
    return tuple(sorted(ranges))


def _in(day: date, ranges) -> bool:
    return any(first <= day <= last for first, last in ranges)


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
    """The day `step`'s time limit ends when it runs from `start` (the receipt, the acceptance, …). Raises a
    ValidationError naming `step` (no such rule), `start` (no version in force), `extensions` (an extension the law
    does not allow: a simple case's, or one beyond the maximum) or `suspended` (a suspension still open)."""
    return ClockBook().deadline(
        step,
        start,
        complex_case=complex_case,
        very_complex=very_complex,
        remote_area=remote_area,
        extensions=extensions,
        verify=verify,
        suspended=suspended,
    )


def due_soon_until(today: date) -> date:
    """The last day a clock ending is "due soon" (within DUE_SOON_WORKING_DAYS working days): one definition for the
    register's filter, the petition's page, the front page, the due list and the reminders."""
    return add_working_days(today, DUE_SOON_WORKING_DAYS)


def add_working_days(start: date, count: int) -> date:
    """The `count`-th working day after `start` (a service level: "within 10 working days"), on the working
    calendar (days off and swaps included)."""
    return ClockBook().add_working_days(start, count)


def petition_deadline(petition, book: ClockBook | None = None) -> Deadline | None:
    """The clock running on a petition now: its `clock_step` counted from `clock_from`, with the petition's own
    conditions, its extensions (a denunciation's resolution) and its suspended days. None when no clock runs, and
    while a suspension is open (the clock stops until the petition is resumed)."""
    if not petition.clock_step or petition.clock_from is None:
        return None
    suspensions = list(petition.suspensions.all())
    if any(s.end is None for s in suspensions):
        return None
    suspended = tuple((s.start, s.end) for s in suspensions)
    extensions = len(petition.extensions.all()) if petition.clock_step == "to_cao.giai_quyet" else 0
    return (book or ClockBook()).deadline(
        petition.clock_step,
        petition.clock_from,
        complex_case=petition.complex_case,
        very_complex=petition.very_complex,
        remote_area=petition.remote_area,
        extensions=extensions,
        verify=petition.needs_verification,
        suspended=suspended,
    )
