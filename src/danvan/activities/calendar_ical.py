"""The iCalendar feeds of the work calendar: a unit's (or a leader's) entries, meetings and inspections as events,
from some weeks back to a year ahead. UIDs are those of the records (a meeting has the same UID as its invitation),
SEQUENCE their change counters, so a calendar program that subscribed replaces an event when it changes."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.orgunits.tree import subtrees_q

from . import ical
from .models import CalendarFeed
from .selectors.calendar import ENTRY, INSPECTION, MEETING, CalendarItem, leader_items, unit_items

WEEKS_BACK = 8
DAYS_AHEAD = 366
PATHS = {MEETING: "/hoat-dong/hoi-nghi/{pk}/", INSPECTION: "/hoat-dong/kiem-tra/{pk}/"}
UID_KINDS = {ENTRY: "calendar", MEETING: "meeting", INSPECTION: "inspection"}


def _description(item: CalendarItem) -> str:
    lines = []
    if item.participants:
        lines.append(_("Thành phần: %(text)s") % {"text": item.participants})
    if item.preparation:
        lines.append(_("Đơn vị chuẩn bị: %(text)s") % {"text": item.preparation})
    if item.person is not None:
        lines.append(_("Lịch của: %(name)s") % {"name": item.person.name})
    if item.change_reason:
        label = _("Lý do hủy") if item.cancelled else _("Lý do thay đổi")
        lines.append(f"{label}: {item.change_reason}")
    return "\n".join(lines)


def item_event(item: CalendarItem):
    """One VEVENT for an item: timed for an entry or a meeting (an hour long when no end is given), all day for an
    inspection (its end exclusive, as RFC 5545 wants)."""
    if item.all_day:
        starts = item.extra["starts_on"]
        ends = item.extra["ends_on"] + datetime.timedelta(days=1)
    else:
        starts = item.starts_at
        ends = item.ends_at or item.starts_at + datetime.timedelta(hours=1)
    url = PATHS[item.kind].format(pk=item.pk) if item.kind in PATHS else ""
    return ical.event(
        kind=UID_KINDS[item.kind],
        pk=item.pk,
        summary=item.title,
        starts=starts,
        ends=ends,
        location=item.place,
        description=_description(item),
        sequence=item.sequence,
        cancelled=item.cancelled,
        url=settings.DANVAN_SITE_URL + url if url else "",
    )


def feed_items(feed: CalendarFeed, today: datetime.date | None = None) -> list[CalendarItem]:
    """What a feed holds: the unit's calendar, or the leader's (their entries kept by the feed's unit and below)."""
    today = today or timezone.localdate()
    first = today - datetime.timedelta(weeks=WEEKS_BACK)
    last = today + datetime.timedelta(days=DAYS_AHEAD)
    if feed.person_id is None:
        return unit_items(feed.unit, first, last)
    return leader_items(feed.person, first, last, entries_q=subtrees_q([feed.unit.path], "unit_path"))


def feed_calendar(feed: CalendarFeed) -> bytes:
    name = feed.unit.name if feed.person_id is None else f"{feed.person.name} ({feed.unit.name})"
    return ical.calendar(
        [item_event(item) for item in feed_items(feed)], name=_("Lịch công tác %(name)s") % {"name": name}
    )
