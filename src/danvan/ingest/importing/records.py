"""Where an imported event goes besides a new meeting: the record already made of it (the demo and the users
recorded some of these events by hand before their articles were read), and the portal site and category that
receive its story."""

import datetime

from django.db.models import Q
from django.utils import timezone

from danvan.activities.models import Inspection, Meeting
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import path_ids
from danvan.portal.access import can_write_in
from danvan.portal.models import Category, Site

from .event import CleanEvent


def _day_range(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    return start, start + datetime.timedelta(days=1)


def _source_q(event: CleanEvent) -> Q:
    """A record whose source note names the article: its address, or its headline."""
    q = Q(source_note__contains=event.title) if len(event.title) >= 20 else Q(pk__in=[])
    if event.source_url:
        q |= Q(source_note__contains=event.source_url)
    return q


def existing_meeting(event: CleanEvent, organizer: OrgUnit | None) -> Meeting | None:
    """The meeting already recorded of this event: one whose source note names the article, held within a day of
    it; else one of the same organiser (or host), day and type."""
    start, end = _day_range(event.event_date)
    around = Meeting.objects.filter(
        starts_at__gte=start - datetime.timedelta(days=1), starts_at__lt=end
    ).exclude(status=Meeting.Status.CANCELLED)
    found = around.filter(_source_q(event)).order_by("id").first()
    if found is None and organizer is not None:
        found = (
            around.filter(starts_at__gte=start, type=event.meeting_type)
            .filter(Q(organizer=organizer) | Q(host=organizer))
            .order_by("id")
            .first()
        )
    return found


def existing_inspection(event: CleanEvent) -> Inspection | None:
    """For an inspection visit: the inspection already recorded whose source note names the article, begun that
    day."""
    if event.event_type != "kiem_tra":
        return None
    return Inspection.objects.filter(_source_q(event), starts_on=event.event_date).order_by("id").first()


def site_for(organizer: OrgUnit, site: Site | None = None) -> Site | None:
    """The given site, else the organiser's own site or that of its nearest unit above that has one."""
    if site is not None:
        return site
    ids = path_ids(organizer.path)
    sites = {s.unit_id: s for s in Site.objects.filter(unit_id__in=ids, is_active=True)}
    for unit_id in reversed(ids):
        if unit_id in sites:
            return sites[unit_id]
    return None


def category_for(actor, site: Site, category: Category | None = None) -> Category | None:
    """The given category, else the site's first active category (in menu order) the actor may write in."""
    if category is not None:
        return category
    for candidate in site.categories.filter(is_active=True).select_related("site", "editor_unit"):
        if actor is None or can_write_in(actor, candidate):
            return candidate
    return None
