"""Reporting periods (kỳ báo cáo) and their codes: 2026, 2026H1, 2026Q3, 2026M07, 2026N9.

A period is a value, not a row: its code is what the API, the data values and the URLs carry, and everything else
(dates, Vietnamese label, the period before, the same period a year earlier) is computed from it.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.errors import ValidationError

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
RECENT_PERIODS = 4
_CODE = re.compile(r"^(?P<year>\d{4})(?:(?P<kind>[HQMN])(?P<number>\d{1,2}))?$")


class PeriodType(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    NINE_MONTHS = "nine_months"
    YEAR = "year"

    @property
    def label(self) -> str:
        return str(PERIOD_TYPE_LABELS[self])


PERIOD_TYPE_LABELS = {
    PeriodType.MONTH: gettext_lazy("Tháng"),
    PeriodType.QUARTER: gettext_lazy("Quý"),
    PeriodType.HALF_YEAR: gettext_lazy("6 tháng"),
    PeriodType.NINE_MONTHS: gettext_lazy("9 tháng"),
    PeriodType.YEAR: gettext_lazy("Năm"),
}
# Months each period of a type covers: (first month, last month) by its number.
_SPANS = {
    PeriodType.MONTH: {n: (n, n) for n in range(1, 13)},
    PeriodType.QUARTER: {n: (3 * n - 2, 3 * n) for n in range(1, 5)},
    PeriodType.HALF_YEAR: {1: (1, 6), 2: (7, 12)},
    PeriodType.NINE_MONTHS: {9: (1, 9)},
    PeriodType.YEAR: {0: (1, 12)},
}
_LETTER = {
    PeriodType.MONTH: "M",
    PeriodType.QUARTER: "Q",
    PeriodType.HALF_YEAR: "H",
    PeriodType.NINE_MONTHS: "N",
}
_TYPE_OF_LETTER = {letter: kind for kind, letter in _LETTER.items()}


@dataclass(frozen=True, order=True)
class Period:
    year: int
    type: PeriodType
    number: int = 0  # month 1–12, quarter 1–4, half 1–2, 9 for nine months, 0 for the year

    def __post_init__(self):
        if not 1900 <= self.year <= 2999 or self.number not in _SPANS[self.type]:
            raise ValueError(_("Kỳ báo cáo không hợp lệ."))

    @classmethod
    def parse(cls, code: str) -> "Period":
        """2026 → year; 2026H1 → first half; 2026Q3 → third quarter; 2026M07 → July; 2026N9 → first nine months."""
        match = _CODE.match((code or "").strip().upper())
        if not match:
            raise ValueError(
                _("Mã kỳ báo cáo “%(code)s” không hợp lệ: dùng 2026, 2026H1, 2026Q3, 2026M07 hoặc 2026N9.")
                % {"code": code}
            )
        year = int(match["year"])
        if match["kind"] is None:
            return cls(year, PeriodType.YEAR)
        kind, number = _TYPE_OF_LETTER[match["kind"]], int(match["number"])
        if number not in _SPANS[kind]:
            raise ValueError(_("Mã kỳ báo cáo “%(code)s” không hợp lệ.") % {"code": code})
        return cls(year, kind, number)

    @classmethod
    def of_type(cls, kind: PeriodType, year: int) -> list["Period"]:
        return [cls(year, kind, number) for number in _SPANS[kind]]

    @classmethod
    def containing(cls, kind: PeriodType, day: datetime.date) -> "Period | None":
        """The period of that type that includes the day (None for nine months after September)."""
        for period in cls.of_type(kind, day.year):
            if period.start <= day <= period.end:
                return period
        return None

    @property
    def code(self) -> str:
        if self.type == PeriodType.YEAR:
            return str(self.year)
        width = 2 if self.type == PeriodType.MONTH else 1
        return f"{self.year}{_LETTER[self.type]}{self.number:0{width}d}"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, _SPANS[self.type][self.number][0], 1)

    @property
    def end(self) -> datetime.date:
        last_month = _SPANS[self.type][self.number][1]
        return datetime.date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    @property
    def label(self) -> str:
        """How a Vietnamese report names it: "6 tháng đầu năm 2026", "quý III năm 2026", "tháng 7 năm 2026"."""
        if self.type == PeriodType.YEAR:
            return _("năm %(year)s") % {"year": self.year}
        if self.type == PeriodType.HALF_YEAR:
            if self.number == 1:
                return _("6 tháng đầu năm %(year)s") % {"year": self.year}
            return _("6 tháng cuối năm %(year)s") % {"year": self.year}
        if self.type == PeriodType.NINE_MONTHS:
            return _("9 tháng đầu năm %(year)s") % {"year": self.year}
        if self.type == PeriodType.QUARTER:
            return _("quý %(roman)s năm %(year)s") % {"roman": ROMAN[self.number], "year": self.year}
        return _("tháng %(month)s năm %(year)s") % {"month": self.number, "year": self.year}

    def deadline(self, days_after_end: int) -> datetime.date:
        return self.end + datetime.timedelta(days=days_after_end)

    def previous(self) -> "Period":
        """The period of the same type just before (for nine months and years: a year earlier)."""
        numbers = list(_SPANS[self.type])
        index = numbers.index(self.number)
        if index > 0:
            return Period(self.year, self.type, numbers[index - 1])
        return Period(self.year - 1, self.type, numbers[-1])

    def next(self) -> "Period":
        """The period of the same type just after (for nine months and years: a year later)."""
        numbers = list(_SPANS[self.type])
        index = numbers.index(self.number)
        if index < len(numbers) - 1:
            return Period(self.year, self.type, numbers[index + 1])
        return Period(self.year + 1, self.type, numbers[0])

    def a_year_earlier(self) -> "Period":
        return Period(self.year - 1, self.type, self.number)

    def __str__(self) -> str:
        return self.code


# --- the periods of a form ------------------------------------------------------------------------------------------


def wrong_type_message(period_type: str) -> str:
    """What a user reads when a period is not of the form's type (a page shows it, a service raises it)."""
    return _("Biểu mẫu này báo cáo theo kỳ %(type)s.") % {"type": PeriodType(period_type).label.lower()}


def form_period(form, code: str) -> Period:
    """The period a code names, if it is of the form's type: a ValidationError on "period" otherwise (a malformed
    code or another type). `form` is anything with a `period_type`."""
    try:
        period = Period.parse(code)
    except ValueError as error:
        raise ValidationError({"period": [str(error)]}) from None
    if period.type != form.period_type:
        raise ValidationError({"period": [wrong_type_message(form.period_type)]})
    return period


def recent_periods(period_type: str, today: datetime.date, count: int = RECENT_PERIODS) -> list[Period]:
    """The period of the type running today (or the last one begun) and the ones before it, newest first."""
    kind = PeriodType(period_type)
    latest = Period.containing(kind, today) or max(
        p for p in Period.of_type(kind, today.year) if p.start <= today
    )
    periods = [latest]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods


def last_ended_period(period_type: str, today: datetime.date) -> Period:
    """The most recent period of the type that has ended: the one whose reports are due."""
    period = recent_periods(period_type, today, 1)[0]
    return period if period.end < today else period.previous()


def current_period(form, today: datetime.date | None = None) -> Period:
    """The period units are reporting now: the last one while its deadline has not passed, else the present one.
    `form` is anything with a `period_type` and `deadline_days`."""
    today = today or timezone.localdate()
    kind = PeriodType(form.period_type)
    period = Period.containing(kind, today) or Period.of_type(kind, today.year)[-1]
    earlier = period.previous()
    return earlier if today <= earlier.deadline(form.deadline_days) else period
