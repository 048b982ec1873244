"""Reporting periods: the codes of the API and their Vietnamese names."""

import datetime

import pytest

from danvan.core.periods import Period, PeriodType

D = datetime.date


@pytest.mark.parametrize(
    ("code", "label", "start", "end"),
    [
        ("2026", "năm 2026", D(2026, 1, 1), D(2026, 12, 31)),
        ("2026H1", "6 tháng đầu năm 2026", D(2026, 1, 1), D(2026, 6, 30)),
        ("2026H2", "6 tháng cuối năm 2026", D(2026, 7, 1), D(2026, 12, 31)),
        ("2026Q3", "quý III năm 2026", D(2026, 7, 1), D(2026, 9, 30)),
        ("2026M07", "tháng 7 năm 2026", D(2026, 7, 1), D(2026, 7, 31)),
        ("2024M02", "tháng 2 năm 2024", D(2024, 2, 1), D(2024, 2, 29)),
        ("2026N9", "9 tháng đầu năm 2026", D(2026, 1, 1), D(2026, 9, 30)),
    ],
)
def test_each_code_names_its_period_in_vietnamese_with_its_dates(code, label, start, end):
    period = Period.parse(code)
    assert (period.code, period.label, period.start, period.end) == (code, label, start, end)


@pytest.mark.parametrize(
    "code", ["", "26", "2026H3", "2026Q5", "2026M13", "2026M00", "2026N6", "2026X1", "abcd"]
)
def test_malformed_codes_are_refused_in_vietnamese(code):
    with pytest.raises(ValueError, match="không hợp lệ"):
        Period.parse(code)


def test_codes_are_read_leniently_and_written_canonically():
    assert Period.parse(" 2026m7 ").code == "2026M07"
    assert Period.parse("2026q3") == Period(2026, PeriodType.QUARTER, 3)


def test_previous_period_and_the_same_period_a_year_earlier():
    assert Period.parse("2026H1").previous().code == "2025H2"
    assert Period.parse("2026Q1").previous().code == "2025Q4"
    assert Period.parse("2026M07").previous().code == "2026M06"
    assert Period.parse("2026N9").previous().code == "2025N9"
    assert Period.parse("2026H1").a_year_earlier().code == "2025H1"


def test_deadline_counts_days_after_the_period_ends():
    assert Period.parse("2026H1").deadline(15) == D(2026, 7, 15)


def test_periods_of_a_type_and_the_one_containing_a_day():
    assert [p.code for p in Period.of_type(PeriodType.HALF_YEAR, 2026)] == ["2026H1", "2026H2"]
    assert Period.containing(PeriodType.QUARTER, D(2026, 11, 22)).code == "2026Q4"
    assert Period.containing(PeriodType.NINE_MONTHS, D(2026, 11, 22)) is None
