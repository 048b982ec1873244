"""The activities' figures for the reports: what a unit's subtree did in a period, counted from the records, never
typed — the reporting engine's indicators bound to a source `activities.*` read them here (`reporting.services.system`;
reporting sits above activities and imports this module, never the reverse).

A unit's figures cover its subtree and those of the same-kind units it was formed from (`orgunits.lineage`), as the
"Dân vận khéo" counts do: the 2025H1 figure of a commune formed on 1/7/2025 counts its predecessors' meetings. Each
function answers in one query, given the unit's `lineage` paths when the caller has read them already.

- meetings held, by type: status held, starting within the period, organised by a unit of the subtree;
- inspections done, by kind (kiểm tra, giám sát): concluded or closed within the period (the conclusion's date,
  else the closing date), organised by a unit of the subtree;
- tasks by the four statuses: `tasks.period_counts` (the one definition), lead unit in the subtree;
- hotspots: situation reports flagged *nguy cơ điểm nóng* reported within the period, and those resolved within it.
"""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from danvan.core.periods import Period
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtrees_q

from ..models import Inspection, Meeting, SituationReport, Task
from .tasks import COUNTED, ONE, period_counts, period_q, status_q


def figure_paths(unit: OrgUnit, lineage: list[str] | None = None) -> list[str]:
    """The subtrees a unit's figures count: its own and its predecessors' (one query unless `lineage` is given)."""
    return lineage if lineage is not None else lineage_paths(unit)


def _moments(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """[first moment, first moment after) of the period in the site's time zone, for the datetime fields."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(period.start, datetime.time.min, tzinfo=zone)
    after = datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return start, after


def meetings_held(unit: OrgUnit, period: Period, lineage: list[str] | None = None) -> dict[str, int]:
    """{meeting type: number held} of the unit's subtree in the period, every type present (0 when none)."""
    start, after = _moments(period)
    rows = (
        Meeting.objects.filter(
            subtrees_q(figure_paths(unit, lineage), "organizer_path"),
            status=Meeting.Status.HELD,
            starts_at__gte=start,
            starts_at__lt=after,
        )
        .order_by()
        .values_list("type")
        .annotate(n=Count("*"))
    )
    counts = dict.fromkeys(Meeting.Type.values, 0)
    counts.update(dict(rows))
    return counts


def inspections_done(unit: OrgUnit, period: Period, lineage: list[str] | None = None) -> dict[str, int]:
    """{kind: number} of the inspections and supervisions the unit's subtree concluded (or closed, without a
    conclusion date) within the period."""
    rows = (
        Inspection.objects.filter(
            subtrees_q(figure_paths(unit, lineage), "organizer_path"),
            status__in=(Inspection.Status.CONCLUDED, Inspection.Status.CLOSED),
        )
        .annotate(done_on=Coalesce("conclusion_date", "closed_on"))
        .filter(done_on__gte=period.start, done_on__lte=period.end)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("*"))
    )
    counts = dict.fromkeys(Inspection.Kind.values, 0)
    counts.update(dict(rows))
    return counts


def task_counts(
    unit: OrgUnit, period: Period, today: datetime.date | None = None, lineage: list[str] | None = None
) -> dict[str, int]:
    """The four counts of the tasks led by the unit's subtree and due in the period (`period_counts`)."""
    tasks = Task.objects.filter(subtrees_q(figure_paths(unit, lineage), "lead_path"))
    return period_counts(tasks, period, today or timezone.localdate())


def task_counts_by_province(period: Period, today: datetime.date | None = None) -> dict[str, dict[str, int]]:
    """{province code: the four counts} of the whole country's tasks due in the period, in one query grouped by
    province (read from the covering index `task_prov_cover`); a province without tasks is left out. Only callers
    that may see the whole country (superusers) ask this."""
    day = min(today or timezone.localdate(), period.end)
    statuses = [status.value for status in COUNTED]
    rows = (
        Task.objects.filter(period_q(period))
        .order_by()
        .values("province_code")
        .annotate(**{status: Count(ONE, filter=status_q(status, day)) for status in statuses})
        .values_list("province_code", *statuses)
    )
    return {code: dict(zip(statuses, counts, strict=True)) for code, *counts in rows}


def hotspots(unit: OrgUnit, period: Period, lineage: list[str] | None = None) -> dict[str, int]:
    """{"reported": n, "resolved": n}: the unit's subtree's *nguy cơ điểm nóng* reported within the period, and those
    resolved within it (whenever reported), in one query."""
    start, after = _moments(period)
    reported = Q(reported_on__gte=period.start, reported_on__lte=period.end)
    resolved = Q(hotspot=SituationReport.HotspotState.RESOLVED, resolved_at__gte=start, resolved_at__lt=after)
    counted = SituationReport.objects.filter(
        subtrees_q(figure_paths(unit, lineage), "unit_path"), ~Q(hotspot="")
    ).aggregate(reported=Count(ONE, filter=reported), resolved=Count(ONE, filter=resolved))
    return {key: counted[key] or 0 for key in ("reported", "resolved")}
