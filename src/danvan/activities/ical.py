"""iCalendar (RFC 5545) of the activities: a meeting as an event (its invitation `.ics` and the calendar feeds), and a
calendar of events. One UID per record, stable across changes; SEQUENCE is the record's own counter, so a calendar
program replaces the event it already holds instead of adding a second one."""

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Dân vận số//Lịch công tác//VI"


def uid(kind: str, pk: int) -> str:
    """ "meeting-12@<host>": the same record keeps the same UID in every invitation and feed."""
    host = (settings.ALLOWED_HOSTS or ["danvan"])[0].lstrip(".") or "danvan"
    if host == "*":
        host = "danvan"
    return f"{kind}-{pk}@{host}"


def event(
    *,
    kind: str,
    pk: int,
    summary: str,
    starts: datetime.datetime | datetime.date,
    ends: datetime.datetime | datetime.date | None = None,
    location: str = "",
    description: str = "",
    sequence: int = 0,
    cancelled: bool = False,
    url: str = "",
) -> Event:
    """One VEVENT. Times are written in UTC; a date alone is an all-day event."""
    item = Event()
    item.add("uid", uid(kind, pk))
    item.add("dtstamp", timezone.now())
    item.add("summary", summary)
    item.add("dtstart", _utc(starts))
    if ends is not None:
        item.add("dtend", _utc(ends))
    if location:
        item.add("location", location)
    if description:
        item.add("description", description)
    if url:
        item.add("url", url)
    item.add("sequence", sequence)
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return item


def calendar(events, *, name: str = "", method: str = "") -> bytes:
    """A VCALENDAR holding `events`: `method` "REQUEST" or "CANCEL" for an invitation, none for a feed."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    for item in events:
        cal.add_component(item)
    return cal.to_ical()


def _utc(moment):
    if isinstance(moment, datetime.datetime):
        return moment.astimezone(datetime.UTC)
    return moment
