"""What a total covers: of the units that must report a form for a period, how many reports are counted in it
("51/56 đơn vị đã báo cáo"), and which units are behind each number."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from danvan.core.figures import REPORTING, UNITS, cached_figures
from danvan.core.periods import Period
from danvan.orgunits.models import OrgUnit

from ..models import Form, SectionIndicator, Submission
from .aggregation import COUNTED_STATUSES
from .definitions import expected_units, reporting_scope


@dataclass
class Coverage:
    """`expected` units must report; `counted` of them have a report whose figures the total counts. With the units
    asked for, `counted_units` and `missing_units` name them (in the tree's order)."""

    expected: int = 0
    counted: int = 0
    counted_units: list[OrgUnit] = field(default_factory=list)
    missing_units: list[OrgUnit] = field(default_factory=list)

    def __add__(self, other: "Coverage") -> "Coverage":
        return Coverage(self.expected + other.expected, self.counted + other.counted)

    @property
    def complete(self) -> bool:
        return self.counted == self.expected


def _counted_reports(form: Form, period: Period, status: str):
    reports = Submission.objects.filter(form=form, period=period.code)
    statuses = COUNTED_STATUSES[status]
    return reports if statuses is None else reports.filter(status__in=statuses)


def coverage(
    form: Form,
    period: Period,
    unit: OrgUnit | None,
    status: str,
    units: bool = False,
    scope: tuple[list[str], list[int]] | None = None,
) -> Coverage:
    """The coverage of the form's totals for the unit's subtree (None: the country) in the period: one counting
    query, or with `units` the units themselves (two queries). `scope`: `reporting_scope(form, unit)`, worked out
    once for several periods."""
    scope = scope if scope is not None else reporting_scope(form, unit)
    expected = expected_units(form, period, unit, scope=scope)
    reports = _counted_reports(form, period, status)
    if not units:
        counts = expected.order_by().aggregate(
            expected=Count("pk", distinct=True),
            counted=Count("pk", distinct=True, filter=Q(pk__in=reports.values("unit_id"))),
        )
        return Coverage(expected=counts["expected"], counted=counts["counted"])
    found = list(expected.only("id", "name", "kind", "path", "sort_key", "valid_from", "valid_to"))
    counted_ids = set(reports.filter(unit_id__in=[u.pk for u in found]).values_list("unit_id", flat=True))
    return Coverage(
        expected=len(found),
        counted=len(counted_ids),
        counted_units=[u for u in found if u.pk in counted_ids],
        missing_units=[u for u in found if u.pk not in counted_ids],
    )


def coverage_by_period(
    form: Form, periods: list[Period], unit: OrgUnit | None, status: str, units: bool = False
) -> dict[str, Coverage]:
    """{period code: coverage} of the form's totals for the unit's subtree in each period, cached until the next
    write of a report, a definition or the unit tree (core.figures)."""

    def compute():
        scope = reporting_scope(form, unit)
        return {p.code: coverage(form, p, unit, status, units, scope) for p in periods}

    key = (form.pk, sorted(p.code for p in periods), unit.pk if unit is not None else None, status, units)
    return cached_figures("coverage", (REPORTING, UNITS), key, compute)


def indicators_coverage(indicator_ids: list[int], unit: OrgUnit | None, periods: list[Period], status: str):
    """The coverage of totals of these indicators (the API's): over every form holding one of them whose period type
    is the period's, the expected reports and the counted ones added up, a form and period at a time."""
    form_ids = set(
        SectionIndicator.objects.filter(indicator_id__in=indicator_ids).values_list(
            "section__form_id", flat=True
        )
    )
    total = Coverage()
    for form in Form.objects.filter(pk__in=form_ids).select_related("owner").order_by("pk"):
        of_type = [period for period in periods if period.type == form.period_type]
        if of_type:
            scope = reporting_scope(form, unit)
            for period in of_type:
                total = total + coverage(form, period, unit, status, scope=scope)
    return total
