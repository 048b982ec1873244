"""Meetings through the user's scope, and who attended them with the titles they held on the meeting's date."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from danvan.accounts.scope import visible_paths
from danvan.orgunits.tree import subtrees_q

from ..models import Attendance, ConnectionPoint, Meeting, Post
from .people import held_on_q, titles_on


def meetings_visible_to(user):
    """The meetings a user reads: those organised in their scope, and those where one of their units (or a unit
    below it) hosts or is a connection point."""
    if not getattr(user, "is_authenticated", False):
        return Meeting.objects.none()
    paths = visible_paths(user)
    base = Meeting.objects.select_related("organizer", "host")
    if paths is None:
        return base
    if not paths:
        return base.none()
    points = ConnectionPoint.objects.filter(subtrees_q(paths, "unit__path")).values("meeting_id")
    return base.filter(
        subtrees_q(paths, "organizer_path") | subtrees_q(paths, "host__path") | Q(pk__in=points)
    )


def get_meeting_for(user, pk: int) -> Meeting:
    """One meeting the user reads, or 404 (outside the scope exactly as if it did not exist)."""
    return get_object_or_404(meetings_visible_to(user), pk=pk)


def meeting_day(meeting: Meeting) -> datetime.date:
    return timezone.localtime(meeting.starts_at).date()


@dataclass
class Attendee:
    role: str
    name: str
    title: str
    unit: str = ""
    absence_reason: str = ""
    person_id: int | None = None


@dataclass
class AttendanceList:
    """Who attended, by role, each with the title held on the meeting's date."""

    chairs: list[Attendee] = field(default_factory=list)
    secretaries: list[Attendee] = field(default_factory=list)
    members: list[Attendee] = field(default_factory=list)
    guests: list[Attendee] = field(default_factory=list)
    absent: list[Attendee] = field(default_factory=list)

    def all(self) -> list[Attendee]:
        return [*self.chairs, *self.secretaries, *self.members, *self.guests, *self.absent]

    def present(self) -> list[Attendee]:
        return [*self.chairs, *self.secretaries, *self.members, *self.guests]


_BUCKETS = {
    Attendance.Role.CHAIR: "chairs",
    Attendance.Role.SECRETARY: "secretaries",
    Attendance.Role.MEMBER: "members",
    Attendance.Role.GUEST: "guests",
    Attendance.Role.ABSENT: "absent",
}


def _attendee(row: Attendance, titles: dict[int, str]) -> Attendee:
    if row.person_id:
        # The posts held that day; what was written for the meeting when the register has none.
        title = titles.get(row.person_id) or row.title
        name = row.person.name
    else:
        title, name = row.title, row.name
    return Attendee(
        role=row.role,
        name=name,
        title=title,
        unit=row.unit.name if row.unit_id else "",
        absence_reason=row.absence_reason,
        person_id=row.person_id,
    )


def attendance_of(meeting: Meeting) -> AttendanceList:
    """The meeting's attendance in two queries (the rows, the posts held on its date)."""
    rows = list(meeting.attendances.select_related("person", "unit").order_by("position", "id"))
    titles = titles_on([row.person_id for row in rows if row.person_id], meeting_day(meeting))
    found = AttendanceList()
    for row in rows:
        getattr(found, _BUCKETS[row.role]).append(_attendee(row, titles))
    return found


def attendance_by_meeting(meetings) -> dict[int, AttendanceList]:
    """{meeting id: its attendance} for many meetings in two queries, whatever their number and dates: the posts of
    all the people named, each matched to the day of the meeting that names them."""
    days = {meeting.pk: meeting_day(meeting) for meeting in meetings}
    rows = list(
        Attendance.objects.filter(meeting_id__in=days)
        .select_related("person", "unit")
        .order_by("meeting_id", "position", "id")
    )
    person_ids = {row.person_id for row in rows if row.person_id}
    posts: dict[int, list[tuple]] = defaultdict(list)
    if person_ids and days:
        first, last = min(days.values()), max(days.values())
        for post in (
            Post.objects.filter(person_id__in=person_ids)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
            .order_by("person_id", "position", "valid_from", "id")
            .values_list("person_id", "title", "valid_from", "valid_to")
        ):
            posts[post[0]].append(post[1:])
    found: dict[int, AttendanceList] = {pk: AttendanceList() for pk in days}
    for row in rows:
        day = days[row.meeting_id]
        titles = {}
        if row.person_id:
            held = [
                title
                for title, start, end in posts.get(row.person_id, [])
                if (start is None or start <= day) and (end is None or end >= day)
            ]
            titles = {row.person_id: ", ".join(held)}
        getattr(found[row.meeting_id], _BUCKETS[row.role]).append(_attendee(row, titles))
    return found


def with_task_counts(meetings):
    """The meetings with `task_count`: the tasks made of their conclusions."""
    return meetings.annotate(task_count=Count("tasks", distinct=True))


def years_of(meetings) -> list[int]:
    """The years the meetings span, latest first (the year filter's choices)."""
    return sorted({moment.year for moment in meetings.dates("starts_at", "year")}, reverse=True)


__all__ = [
    "AttendanceList",
    "Attendee",
    "attendance_by_meeting",
    "attendance_of",
    "get_meeting_for",
    "held_on_q",
    "meeting_day",
    "meetings_visible_to",
    "with_task_counts",
    "years_of",
]
