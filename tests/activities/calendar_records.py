"""Meetings and inspections written straight to the database for the calendar's tests (the calendar only reads them;
their own services are tested with their topics)."""

import datetime

from django.utils import timezone

from danvan.activities.models import (
    Attendance,
    InspectedUnit,
    Inspection,
    InspectionMember,
    Meeting,
)
from danvan.core.text import fold


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """A local (Vietnam) time on `day`."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def meeting(organizer, title, starts_at, *, host=None, place="", attendees=(), **fields) -> Meeting:
    """A meeting of `organizer`; `attendees` are (person, role) pairs."""
    found = Meeting.objects.create(
        type=fields.pop("type", Meeting.Type.GIAO_BAN),
        title=title,
        organizer=organizer,
        organizer_path=organizer.path,
        province_code=organizer.province_code or "",
        host=host,
        starts_at=starts_at,
        place=place,
        search_key=fold(title),
        **fields,
    )
    for position, (person, role) in enumerate(attendees, start=1):
        Attendance.objects.create(meeting=found, person=person, role=role, position=position)
    return found


def inspection(
    organizer, title, starts_on, *, ends_on=None, inspected=(), members=(), **fields
) -> Inspection:
    """An inspection by `organizer` of the `inspected` units; `members` are (person, role) pairs."""
    found = Inspection.objects.create(
        organizer=organizer,
        organizer_path=organizer.path,
        province_code=organizer.province_code or "",
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        search_key=fold(title),
        **fields,
    )
    for unit in inspected:
        InspectedUnit.objects.create(inspection=found, unit=unit, unit_path=unit.path)
    for position, (person, role) in enumerate(members, start=1):
        InspectionMember.objects.create(inspection=found, person=person, role=role, position=position)
    return found
