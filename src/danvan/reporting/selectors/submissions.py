"""Reports: those a user sees, a report's cells and history, the completeness and timeliness of a form's reports."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F
from django.http import Http404

from danvan.accounts.scope import visible_q
from danvan.core.figures import UNITS, cached_figures
from danvan.core.periods import Period
from danvan.orgunits.lineage import lineage_unit_ids
from danvan.orgunits.models import OrgUnit

from ..models import (
    CellComment,
    Form,
    Indicator,
    Submission,
    SubmissionEvent,
    Value,
    ValueChange,
)
from .definitions import expected_units


def submissions_visible_to(user):
    return Submission.objects.filter(visible_q(user, "unit_path"))


def get_submission_for(user, pk) -> Submission:
    submission = (
        submissions_visible_to(user)
        .filter(pk=pk)
        .select_related("form", "form__owner", "unit", "unit__parent")
        .first()
    )
    if submission is None:
        raise Http404
    return submission


def submission_events(submission: Submission):
    return SubmissionEvent.objects.filter(submission=submission).select_related("actor")


def values_of(submission: Submission) -> dict[tuple[int, str], Value]:
    """{(indicator id, category): Value} of the unit's cells for the period (all indicators of the unit), each
    naming its indicator's code (`indicator_code`) for the rules and the computed indicators."""
    rows = Value.objects.filter(unit=submission.unit, period=submission.period).annotate(
        indicator_code=F("indicator__code")
    )
    return {(row.indicator_id, row.category): row for row in rows}


def cell_comments(unit: OrgUnit, period: str, indicator: Indicator, category: str):
    return CellComment.objects.filter(
        unit=unit, period=period, indicator=indicator, category=category
    ).select_related("author")


def commented_cells(unit: OrgUnit, period: str) -> set[tuple[int, str]]:
    """{(indicator id, category)} of the unit's cells of the period that have a note."""
    return set(CellComment.objects.filter(unit=unit, period=period).values_list("indicator_id", "category"))


def cell_history(unit: OrgUnit, period: str, indicator: Indicator, category: str):
    return ValueChange.objects.filter(
        unit=unit, period=period, indicator=indicator, category=category
    ).select_related("user")[:50]


def unit_lineage(unit: OrgUnit, token: int | None = None) -> list[int]:
    """The ids of the unit and of the same-kind units it was formed from (`orgunits.lineage`), cached under the
    units' version (`token`: that version, when the caller read it already with `core.figures.token_subquery`)."""
    return cached_figures(
        "unit-lineage",
        [UNITS],
        unit.pk,
        lambda: lineage_unit_ids(unit),
        tokens=None if token is None else {UNITS: token},
    )


def lineage_figures(unit_ids: list[int], periods: list[str]) -> dict[tuple[str, int, str], float]:
    """{(period, indicator id, category): number} of these units' cells (a unit and the units it was formed from)
    added up per period: the figures a commune formed in 2025 compares its own with (one query)."""
    totals: dict[tuple[str, int, str], float] = {}
    rows = Value.objects.filter(unit_id__in=unit_ids, period__in=periods, number__isnull=False).values_list(
        "period", "indicator_id", "category", "number"
    )
    for period, indicator_id, category, number in rows:
        key = (period, indicator_id, category)
        totals[key] = totals.get(key, 0.0) + number
    return totals


def unit_history(
    unit: OrgUnit, indicator: Indicator, category: str, period: Period, count: int = 6
) -> list[float]:
    """The unit's values of the indicator in the `count` periods of the same type before `period`, each period's
    the sum over the unit and the units it was formed from (a new commune's history is its predecessors')."""
    codes = earlier_periods(period, count)
    figures = lineage_figures(unit_lineage(unit), codes)
    return [
        number
        for (code, indicator_id, cell), number in figures.items()
        if indicator_id == indicator.pk and cell == category
    ]


def earlier_periods(period: Period, count: int = 6) -> list[str]:
    """The codes of the `count` periods of the same type before `period`, latest first."""
    codes, current = [], period
    for _ in range(count):
        current = current.previous()
        codes.append(current.code)
    return codes


@dataclass
class Completeness:
    """Expected, submitted (on time, late), returned and missing reports (not started or still being entered), each
    with the units behind the number."""

    deadline: datetime.date
    expected: list[OrgUnit] = field(default_factory=list)
    on_time: list[tuple[OrgUnit, Submission]] = field(default_factory=list)
    late: list[tuple[OrgUnit, Submission]] = field(default_factory=list)
    returned: list[tuple[OrgUnit, Submission]] = field(default_factory=list)
    missing: list[tuple[OrgUnit, Submission | None]] = field(default_factory=list)
    approved: int = 0

    @property
    def not_submitted(self) -> list[tuple[OrgUnit, Submission | None]]:
        """Every unit whose report is not with its approver: missing and returned."""
        return self.missing + self.returned

    @property
    def submitted(self) -> list[tuple[OrgUnit, Submission]]:
        return self.on_time + self.late

    def rate(self, part) -> float:
        return round(100 * len(part) / len(self.expected), 1) if self.expected else 0.0


def completeness(form: Form, period: Period, root: OrgUnit | None = None) -> Completeness:
    units = list(expected_units(form, period, root))
    by_unit = {
        submission.unit_id: submission
        for submission in Submission.objects.filter(
            form=form, period=period.code, unit_id__in=[unit.pk for unit in units]
        )
    }
    result = Completeness(deadline=period.deadline(form.deadline_days), expected=units)
    for unit in units:
        submission = by_unit.get(unit.pk)
        if submission is not None and submission.status == Submission.Status.RETURNED:
            result.returned.append((unit, submission))
            continue
        if (
            submission is None
            or submission.submitted_at is None
            or submission.status == Submission.Status.DRAFT
        ):
            result.missing.append((unit, submission))
            continue
        if submission.status == Submission.Status.APPROVED:
            result.approved += 1
        if submission.submitted_at.date() <= result.deadline:
            result.on_time.append((unit, submission))
        else:
            result.late.append((unit, submission))
    return result
