"""Situation reports through the user's scope. A confidential report is read only by the users of the reporting unit
itself and by the approvers of it or of a unit above it — not by the editors or viewers above, nor by the units
below. Every list, page, export, API answer and table of situations starts from `situations_visible_to`."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import Role
from danvan.accounts.scope import role_paths, role_q, visible_paths, visible_q
from danvan.core.periods import Period
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import children_of
from danvan.orgunits.tree import covers, subtrees_q

from ..models import HotspotStep, SituationReport

Topic = SituationReport.Topic
State = SituationReport.HotspotState


def confidential_readable_q(user) -> Q:
    """The confidential reports the user may read: of a unit they hold a role on, or below a unit they approve."""
    own = role_paths(user, Role.VIEWER)
    return Q(unit_path__in=own) | subtrees_q(role_paths(user, Role.APPROVER), "unit_path")


def situations_visible_to(user):
    if visible_paths(user) is None:
        return SituationReport.objects.all()
    return SituationReport.objects.filter(
        (Q(confidential=False) & visible_q(user, "unit_path"))
        | (Q(confidential=True) & confidential_readable_q(user))
    )


def get_situation_for(user, pk) -> SituationReport:
    """The report, or 404 when it is outside the user's scope or confidential and not theirs to read."""
    return get_object_or_404(situations_visible_to(user).select_related("unit", "area", "author"), pk=pk)


def in_period_q(period: Period) -> Q:
    """The reports of a period: the periodic ones of its code, and the ad hoc ones made within it."""
    return Q(period=period.code) | Q(period="", reported_on__gte=period.start, reported_on__lte=period.end)


def elapsed_text(delta: datetime.timedelta) -> str:
    """A duration as a Vietnamese reader says it: "dưới 1 phút", "45 phút", "2 giờ 5 phút", "3 ngày 4 giờ"."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    if minutes < 1:
        return _("dưới 1 phút")
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [_("%(n)d ngày") % {"n": days}] if days else []
    if hours:
        parts.append(_("%(n)d giờ") % {"n": hours})
    if minutes and not days:
        parts.append(_("%(n)d phút") % {"n": minutes})
    return " ".join(parts)


def steps_of(report: SituationReport) -> list[HotspotStep]:
    """The hotspot's steps in order, each with the time since the escalation (`since_escalated`, a timedelta, and
    `elapsed`, in words)."""
    steps = list(report.hotspot_steps.select_related("by"))
    start = next((step.at for step in steps if step.action == HotspotStep.Action.ESCALATED), None)
    for step in steps:
        step.since_escalated = step.at - start if start is not None else None
        step.elapsed = elapsed_text(step.since_escalated) if start is not None else ""
    return steps


def open_hotspots_for(user, limit: int = 10) -> list[SituationReport]:
    """The open hotspots under the units the user approves (what their dashboard keeps in view until resolved),
    oldest first, with the time each was escalated, how long ago (`elapsed`) and whether the level above has
    acknowledged it. One query (none for a user who approves nothing)."""
    if not getattr(user, "is_authenticated", False):
        return []
    now = timezone.now()
    reports = list(
        situations_visible_to(user)
        .filter(role_q(user, Role.APPROVER, "unit_path"), hotspot=State.OPEN)
        .select_related("unit")
        .annotate(
            escalated_at=Min(
                "hotspot_steps__at", filter=Q(hotspot_steps__action=HotspotStep.Action.ESCALATED)
            ),
            acknowledged=Count(
                "hotspot_steps", filter=Q(hotspot_steps__action=HotspotStep.Action.ACKNOWLEDGED)
            ),
        )
        .order_by("escalated_at", "id")[:limit]
    )
    for report in reports:
        report.elapsed = elapsed_text(now - report.escalated_at) if report.escalated_at else ""
    return reports


@dataclass
class TableRow:
    unit: OrgUnit
    own: bool  # the chosen unit's own reports, not its subtree's
    cells: dict = field(default_factory=dict)  # topic → {"severity", "count"}


def severity_table(user, unit: OrgUnit, period: Period, today: datetime.date) -> list[TableRow]:
    """Units × topics for a period: a row for the unit's own reports, then one per child (its whole subtree), each
    cell the worst severity among the reports the user may read, with their count. One aggregate query."""
    as_of = min(today, period.end)
    children = sorted(
        children_of(user, unit, as_of), key=lambda c: (c.kind == OrgUnit.Kind.AGENCY, c.sort_key)
    )
    rows = [TableRow(unit, True)] + [TableRow(child, False) for child in children]
    figures = (
        situations_visible_to(user)
        .filter(subtrees_q([unit.path], "unit_path"), in_period_q(period))
        .values("unit_path", "topic")
        .annotate(worst=Max("severity"), count=Count("id"))
        .order_by()
    )
    for figure in figures:
        path = figure["unit_path"]
        row = (
            rows[0] if path == unit.path else next((r for r in rows[1:] if covers([r.unit.path], path)), None)
        )
        if row is None:  # a unit no longer a child (closed before the period ended)
            continue
        cell = row.cells.setdefault(figure["topic"], {"severity": 0, "count": 0})
        cell["severity"] = max(cell["severity"], figure["worst"])
        cell["count"] += figure["count"]
    for row in rows:
        for cell in row.cells.values():
            cell["label"] = str(SituationReport.Severity(cell["severity"]).label)
    if not rows[0].cells:
        rows = rows[1:] or rows
    return rows
