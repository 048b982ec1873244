"""The work calendar as read: a unit's week (its typed entries, its meetings, its inspections) and a leader's week
(their entries, the meetings they attend, the inspections whose team they are in), as one list of items sorted by day
and time. Meetings and inspections are read from their own records, never copied: a meeting moved moves in the week.
Situation reports are not calendar items (some are confidential)."""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.scope import visible_paths, visible_q
from danvan.orgunits.models import OrgUnit

from ..models import Attendance, CalendarEntry, Inspection, InspectionMember, Meeting, Person

ENTRY, MEETING, INSPECTION = "entry", "meeting", "inspection"
MORNING, AFTERNOON, ALL_DAY = "morning", "afternoon", "all_day"
_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)
# A week's Monday lies within these years (a typo such as W99 or the year 0001 is refused).
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass
class CalendarItem:
    """One line of the calendar: an entry typed in, a meeting or an inspection. `day` is the first day the item
    covers; an inspection (all day) covers `day` to `last_day`."""

    kind: str
    pk: int
    title: str
    day: datetime.date
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    last_day: datetime.date | None = None
    place: str = ""
    participants: str = ""
    preparation: str = ""
    cancelled: bool = False
    sequence: int = 0
    person: Person | None = None
    unit: OrgUnit | None = None
    change_reason: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def all_day(self) -> bool:
        return self.starts_at is None

    @property
    def session(self) -> str:
        if self.starts_at is None:
            return ALL_DAY
        return MORNING if timezone.localtime(self.starts_at).hour < 12 else AFTERNOON

    @property
    def time(self) -> str:
        if self.starts_at is None:
            return ""
        text = f"{timezone.localtime(self.starts_at):%H:%M}"
        if self.ends_at is not None and timezone.localtime(self.ends_at).date() == self.day:
            text += f"–{timezone.localtime(self.ends_at):%H:%M}"
        return text

    @property
    def sort_key(self):
        moment = timezone.localtime(self.starts_at).time() if self.starts_at else datetime.time.min
        return (self.day, moment, {ENTRY: 1, MEETING: 0, INSPECTION: 2}[self.kind], self.pk)


# --- weeks -----------------------------------------------------------------------------------------------------------


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def parse_week(value: str | None) -> datetime.date | None:
    """The Monday of the week named by `value`: an ISO week ("2026-W49"), a date ("2026-12-03", "03/12/2026");
    today's week when empty; None when it is none of these."""
    value = (value or "").strip()
    if not value:
        return monday_of(timezone.localdate())
    if len(value) > 20:
        return None
    found = _WEEK.match(value)
    try:
        if found:
            monday = datetime.date.fromisocalendar(int(found.group(1)), int(found.group(2)), 1)
        elif "/" in value:
            monday = monday_of(datetime.datetime.strptime(value, "%d/%m/%Y").date())
        else:
            monday = monday_of(datetime.date.fromisoformat(value))
    except ValueError:
        return None
    return monday if FIRST_YEAR <= monday.year <= LAST_YEAR else None


def week_code(monday: datetime.date) -> str:
    year, number, _day = monday.isocalendar()
    return f"{year}-W{number:02d}"


def week_number(monday: datetime.date) -> int:
    return monday.isocalendar()[1]


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Local midnight of `start` and of the day after `end`."""
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    last = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min))
    return first, last


# --- reads through scope ---------------------------------------------------------------------------------------------


def entries_visible_to(user):
    """The calendar entries of the units in the user's scope."""
    queryset = CalendarEntry.objects.select_related("unit", "person")
    return queryset if visible_paths(user) is None else queryset.filter(visible_q(user, "unit_path"))


def get_entry_for(user, pk) -> CalendarEntry:
    return get_object_or_404(entries_visible_to(user), pk=pk)


def leaders_visible_to(user):
    """The people whose week a user may read: those kept by the units in the user's scope."""
    queryset = Person.objects.select_related("unit")
    return queryset if visible_paths(user) is None else queryset.filter(visible_q(user, "unit_path"))


def get_leader_for(user, pk) -> Person:
    return get_object_or_404(leaders_visible_to(user), pk=pk)


def leaders_of(unit: OrgUnit):
    """The people a unit's week offers to look at one by one: those the unit keeps."""
    return Person.objects.filter(unit=unit).order_by("sort_key", "id")


# --- the items -------------------------------------------------------------------------------------------------------


def entry_item(entry: CalendarEntry) -> CalendarItem:
    return CalendarItem(
        kind=ENTRY,
        pk=entry.pk,
        title=entry.title,
        day=timezone.localtime(entry.starts_at).date(),
        starts_at=entry.starts_at,
        ends_at=entry.ends_at,
        place=entry.place,
        participants=entry.participants,
        preparation=entry.preparation,
        cancelled=entry.cancelled,
        sequence=entry.sequence,
        person=entry.person,
        unit=entry.unit,
        change_reason=entry.change_reason,
    )


def _meetings(queryset):
    chairs = Attendance.objects.filter(role=Attendance.Role.CHAIR).select_related("person")
    return queryset.select_related("organizer", "host").prefetch_related(
        Prefetch("attendances", queryset=chairs, to_attr="calendar_chairs")
    )


def _meeting_item(meeting: Meeting) -> CalendarItem:
    chairs = ", ".join(a.name or a.person.name for a in meeting.calendar_chairs)
    place = meeting.place
    if meeting.online:
        place = f"{place} ({_('trực tuyến')})" if place else _("Trực tuyến")
    return CalendarItem(
        kind=MEETING,
        pk=meeting.pk,
        title=meeting.title,
        day=timezone.localtime(meeting.starts_at).date(),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=place,
        participants=_("Chủ trì: %(names)s") % {"names": chairs} if chairs else "",
        preparation=(meeting.host or meeting.organizer).name,
        cancelled=meeting.status == Meeting.Status.CANCELLED,
        sequence=meeting.sequence,
        unit=meeting.organizer,
        extra={"type": meeting.get_type_display(), "status": meeting.status},
    )


def _inspections(queryset):
    leaders = InspectionMember.objects.filter(role=InspectionMember.Role.LEADER).select_related("person")
    return queryset.select_related("organizer").prefetch_related(
        Prefetch("members", queryset=leaders, to_attr="calendar_leaders"),
        "inspected_units__unit",
    )


def inspection_sequence(inspection: Inspection) -> int:
    """An inspection has no change counter of its own: its SEQUENCE is the minutes from 2020 to its last change,
    which grows with every change (any save touches `updated_at`)."""
    origin = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    return max(0, int((inspection.updated_at - origin).total_seconds() // 60))


def _inspection_item(inspection: Inspection, first: datetime.date, last: datetime.date) -> CalendarItem:
    ends_on = inspection.ends_on or inspection.starts_on
    leaders = ", ".join(member.person.name for member in inspection.calendar_leaders)
    inspected = ", ".join(row.unit.name for row in inspection.inspected_units.all())
    return CalendarItem(
        kind=INSPECTION,
        pk=inspection.pk,
        title=inspection.title,
        day=max(inspection.starts_on, first),
        last_day=min(ends_on, last),
        place=inspected,
        participants=_("Trưởng đoàn: %(names)s") % {"names": leaders} if leaders else "",
        preparation=inspection.organizer.name,
        sequence=inspection_sequence(inspection),
        unit=inspection.organizer,
        extra={
            "kind": inspection.get_kind_display(),
            "starts_on": inspection.starts_on,
            "ends_on": ends_on,
            "status": inspection.status,
        },
    )


def _overlapping(first: datetime.date, last: datetime.date) -> Q:
    """Inspections that cover a day between `first` and `last`."""
    return Q(starts_on__lte=last) & (Q(ends_on__gte=first) | Q(ends_on__isnull=True, starts_on__gte=first))


def unit_items(unit: OrgUnit, first: datetime.date, last: datetime.date) -> list[CalendarItem]:
    """A unit's calendar from `first` to `last` (local days): its typed entries (cancelled ones included, shown
    struck through), the meetings it organises or hosts, the inspections it organises or receives. Four queries."""
    start, end = _bounds(first, last)
    entries = CalendarEntry.objects.filter(unit=unit, starts_at__gte=start, starts_at__lt=end).select_related(
        "unit", "person"
    )
    meetings = _meetings(
        Meeting.objects.filter(Q(organizer=unit) | Q(host=unit), starts_at__gte=start, starts_at__lt=end)
    )
    inspection_ids = Inspection.objects.filter(
        Q(organizer=unit) | Q(inspected_units__unit=unit), _overlapping(first, last)
    ).values("pk")
    inspections = _inspections(Inspection.objects.filter(pk__in=inspection_ids))
    items = [entry_item(entry) for entry in entries]
    items += [_meeting_item(meeting) for meeting in meetings]
    items += [_inspection_item(inspection, first, last) for inspection in inspections]
    return sorted(items, key=lambda item: item.sort_key)


def leader_items(
    person: Person, first: datetime.date, last: datetime.date, *, entries_q: Q | None = None
) -> list[CalendarItem]:
    """A leader's calendar from `first` to `last`: the entries naming them (limited by `entries_q`, the reader's
    scope), the meetings they attend (chair, secretary, member, guest: not those they are absent from), and the
    inspections whose team they are in."""
    start, end = _bounds(first, last)
    entries = CalendarEntry.objects.filter(person=person, starts_at__gte=start, starts_at__lt=end)
    if entries_q is not None:
        entries = entries.filter(entries_q)
    attended = (
        Attendance.objects.filter(person=person).exclude(role=Attendance.Role.ABSENT).values("meeting_id")
    )
    meetings = _meetings(Meeting.objects.filter(pk__in=attended, starts_at__gte=start, starts_at__lt=end))
    teams = InspectionMember.objects.filter(person=person).values("inspection_id")
    inspections = _inspections(Inspection.objects.filter(_overlapping(first, last), pk__in=teams))
    items = [entry_item(entry) for entry in entries.select_related("unit", "person")]
    items += [_meeting_item(meeting) for meeting in meetings]
    items += [_inspection_item(inspection, first, last) for inspection in inspections]
    return sorted(items, key=lambda item: item.sort_key)


def unit_week(user, unit: OrgUnit, monday: datetime.date) -> list[CalendarItem]:
    """The week of a unit the caller has already found in the user's scope (`get_unit_for`)."""
    return unit_items(unit, monday, monday + datetime.timedelta(days=6))


def leader_week(user, person: Person, monday: datetime.date) -> list[CalendarItem]:
    """The week of a leader the caller has found in the user's scope (`get_leader_for`): the entries of the units
    the user sees, the meetings and inspections the leader takes part in."""
    scope = None if visible_paths(user) is None else visible_q(user, "unit_path")
    return leader_items(person, monday, monday + datetime.timedelta(days=6), entries_q=scope)


# --- the week as the official table ----------------------------------------------------------------------------------

WEEKDAYS = (
    gettext_lazy("Thứ Hai"),
    gettext_lazy("Thứ Ba"),
    gettext_lazy("Thứ Tư"),
    gettext_lazy("Thứ Năm"),
    gettext_lazy("Thứ Sáu"),
    gettext_lazy("Thứ Bảy"),
    gettext_lazy("Chủ nhật"),
)


@dataclass
class SessionRows:
    session: str
    label: str
    items: list

    @property
    def rows(self) -> list:
        """The items, or one empty row (a session with nothing planned still has its line)."""
        return self.items or [None]


@dataclass
class DayRows:
    day: datetime.date
    weekday: str
    sessions: list[SessionRows]

    @property
    def empty(self) -> bool:
        return not any(part.items for part in self.sessions)

    @property
    def rowspan(self) -> int:
        return sum(max(1, len(part.items)) for part in self.sessions)


def week_table(items: list[CalendarItem], monday: datetime.date) -> list[DayRows]:
    """The week in the official layout: a block per day (Monday to Friday always, Saturday and Sunday when
    something starts on them), each split into Sáng and Chiều (and Cả ngày for an inspection), an inspection shown on each of
    its days."""
    labels = {ALL_DAY: _("Cả ngày"), MORNING: _("Sáng"), AFTERNOON: _("Chiều")}
    days = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        of_day = [item for item in items if item.day <= day <= (item.last_day or item.day)]
        if offset >= 5:
            # A weekend day shows what happens on it, not an inspection that runs through the week.
            of_day = [item for item in of_day if item.day == day]
            if not of_day:
                continue
        sessions = []
        for session in (ALL_DAY, MORNING, AFTERNOON):
            found = [item for item in of_day if item.session == session]
            if found or session != ALL_DAY:
                sessions.append(SessionRows(session, labels[session], found))
        days.append(DayRows(day, str(WEEKDAYS[offset]), sessions))
    return days
