"""The activities' front page (/hoat-dong/): what the unit looked at has under way — the year's four task counts,
its week, its meetings, the inspections in progress and the hotspots still open — each linking to its topic's page."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from danvan.core.periods import Period, PeriodType
from danvan.orgunits.tree import subtree_q

from .. import selectors
from ..models import Inspection, Meeting
from ..selectors.calendar import monday_of, week_code
from ..selectors.tasks import COUNTED, STATUS_LABELS
from .common import anchor_unit

SHOWN = 5


def _upcoming_meetings(user, unit, now: datetime.datetime):
    meetings = selectors.meetings_visible_to(user).exclude(status=Meeting.Status.CANCELLED)
    if unit is not None:
        meetings = meetings.filter(subtree_q(unit.path, "organizer_path"))
    meetings = meetings.select_related("organizer")
    return {
        "upcoming": list(meetings.filter(starts_at__gte=now).order_by("starts_at", "id")[:SHOWN]),
        "recent": list(meetings.filter(starts_at__lt=now).order_by("-starts_at", "-id")[:SHOWN]),
    }


def _inspections_under_way(user, unit):
    inspections = selectors.inspections_visible_to(user).filter(
        status__in=[Inspection.Status.ONGOING, Inspection.Status.CONCLUDED]
    )
    if unit is not None:
        inspections = inspections.filter(subtree_q(unit.path, "organizer_path"))
    return list(inspections.select_related("organizer").order_by("-starts_on", "-id")[:SHOWN])


@login_required
def home(request):
    user, today = request.user, timezone.localdate()
    unit = anchor_unit(request)
    year = Period(today.year, PeriodType.YEAR)
    counts = None
    if unit is not None:
        counted = selectors.subtree_stats(unit, year, today)
        counts = [(status.value, STATUS_LABELS[status], counted[status.value]) for status in COUNTED]
    monday = monday_of(today)
    week = selectors.unit_week(user, unit, monday) if unit is not None else []
    rest_of_week = [item for item in week if (item.last_day or item.day) >= today and not item.cancelled]
    return render(
        request,
        "activities/home.html",
        {
            "unit": unit,
            "today": today,
            "year": year,
            "counts": counts,
            "week": rest_of_week[:SHOWN],
            "week_code": week_code(monday),
            "meetings": _upcoming_meetings(user, unit, timezone.now()),
            "inspections": _inspections_under_way(user, unit),
            "hotspots": selectors.open_hotspots_for(user, limit=SHOWN),
        },
    )
