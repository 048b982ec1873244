"""Who attended a meeting (chairs, minute-taker, members, guests, members absent with their reason) and the
connection points of an online meeting: each list replaced as a whole, checked, logged, and the newly invited told."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change
from danvan.core.text import fold, nfc
from danvan.orgunits.models import OrgUnit

from ..models import Attendance, ConnectionPoint, Meeting, Person
from ..selectors.people import people_pickable_by
from . import meeting_invitations
from .meeting_checks import ATTENDANCE_KEY, MAX_ATTENDEES, POINTS_KEY, check_organizer, locked


def _entry_text(entry: dict, key: str, limit: int, row: int, errors: list[str]) -> str:
    value = entry.get(key) or ""
    if not isinstance(value, str) or "\x00" in value:
        errors.append(_("Dòng %(row)s: nội dung không hợp lệ.") % {"row": row})
        return ""
    value = nfc(value)
    if len(value) > limit:
        errors.append(_("Dòng %(row)s: dài quá %(max)s ký tự.") % {"row": row, "max": limit})
        return value[:limit]
    return value


def attendance_snapshot(meeting: Meeting) -> list[str]:
    return [
        f"{row.get_role_display()}: {row.person.name if row.person_id else row.name}"
        + (f" ({row.absence_reason})" if row.absence_reason else "")
        for row in meeting.attendances.select_related("person").order_by("position", "id")
    ]


@transaction.atomic
def set_attendance(actor, meeting: Meeting, entries) -> list[Attendance]:
    """Replaces who attended: each entry `{"role", "person" | ("name", "title"), "unit"?, "absence_reason"?}`.
    Chairs and the minute-taker (secretary) are roles; a member absent gives a reason; a person or a name listed
    twice is an error naming them. People in the register are those the actor may pick (their scope and the units
    above it)."""
    meeting = locked(meeting)
    check_organizer(actor, meeting.organizer)
    entries = list(entries or [])
    if len(entries) > MAX_ATTENDEES:
        raise ValidationError({"attendances": [_("Tối đa %(n)s người một hội nghị.") % {"n": MAX_ATTENDEES}]})
    pickable = people_pickable_by(actor) if actor is not None else Person.objects.all()
    wanted_ids = {e["person"].pk if isinstance(e.get("person"), Person) else e.get("person") for e in entries}
    wanted_ids.discard(None)
    people = {p.pk: p for p in pickable.filter(pk__in=[i for i in wanted_ids if isinstance(i, int)])}
    errors: list[str] = []
    rows: list[Attendance] = []
    seen: dict[str, int] = {}
    for row_number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            errors.append(_("Dòng %(row)s: không đọc được.") % {"row": row_number})
            continue
        role = entry.get("role")
        if role not in Attendance.Role.values:
            errors.append(_("Dòng %(row)s: vai trò không hợp lệ.") % {"row": row_number})
            continue
        given = entry.get("person")
        person = None
        if given is not None:
            person = people.get(given.pk if isinstance(given, Person) else given)
            if person is None:
                errors.append(
                    _("Dòng %(row)s: người được chọn không có trong danh sách cán bộ bạn được xem.")
                    % {"row": row_number}
                )
                continue
        name = _entry_text(entry, "name", 150, row_number, errors)
        title = _entry_text(entry, "title", 300, row_number, errors)
        reason = _entry_text(entry, "absence_reason", 300, row_number, errors)
        unit = entry.get("unit")
        if unit is not None and not isinstance(unit, OrgUnit):
            errors.append(_("Dòng %(row)s: đơn vị không hợp lệ.") % {"row": row_number})
            unit = None
        if person is None and not name:
            errors.append(_("Dòng %(row)s: hãy chọn một người hoặc nhập họ và tên.") % {"row": row_number})
            continue
        if role == Attendance.Role.ABSENT and not reason:
            errors.append(
                _("Dòng %(row)s: hãy ghi lý do vắng của %(name)s.")
                % {"row": row_number, "name": person or name}
            )
        if role != Attendance.Role.ABSENT:
            reason = ""
        key = f"p{person.pk}" if person else "n" + fold(name)
        shown = person.name if person else name
        if key in seen:
            errors.append(
                _("%(name)s được ghi hai lần (dòng %(first)s và dòng %(row)s).")
                % {"name": shown, "first": seen[key], "row": row_number}
            )
            continue
        seen[key] = row_number
        rows.append(
            Attendance(
                meeting=meeting,
                role=role,
                person=person,
                name="" if person else name,
                title=title,
                unit=unit,
                absence_reason=reason,
                position=row_number,
            )
        )
    if errors:
        raise ValidationError({"attendances": errors})
    before_people = meeting_invitations.invited_users(meeting)
    before = {ATTENDANCE_KEY: "; ".join(attendance_snapshot(meeting))}
    meeting.attendances.all().delete()
    Attendance.objects.bulk_create(rows)
    after = {ATTENDANCE_KEY: "; ".join(attendance_snapshot(meeting))}
    if after != before:
        record_change(actor, "update", meeting, before, after, unit=meeting.organizer)
        meeting_invitations.announce_to_new(meeting, before_people)
    return list(meeting.attendances.select_related("person", "unit"))


@transaction.atomic
def set_connection_points(actor, meeting: Meeting, names) -> list[ConnectionPoint]:
    """Replaces an online meeting's connection points (điểm cầu): units of the register or places by name."""
    meeting = locked(meeting)
    check_organizer(actor, meeting.organizer)
    errors: list[str] = []
    points: list[ConnectionPoint] = []
    seen: set[str] = set()
    for position, item in enumerate(list(names or [])[:MAX_ATTENDEES], start=1):
        if isinstance(item, OrgUnit):
            unit, name = item, item.name
        elif isinstance(item, str) and "\x00" not in item:
            unit, name = None, nfc(item)
        else:
            errors.append(_("Điểm cầu thứ %(n)s không hợp lệ.") % {"n": position})
            continue
        if not name:
            continue
        if len(name) > 255:
            errors.append(_("Tên điểm cầu thứ %(n)s dài quá 255 ký tự.") % {"n": position})
            continue
        if fold(name) in seen:
            errors.append(_("Điểm cầu “%(name)s” được ghi hai lần.") % {"name": name})
            continue
        seen.add(fold(name))
        points.append(ConnectionPoint(meeting=meeting, unit=unit, name=name, position=position))
    if errors:
        raise ValidationError({"connection_points": errors})
    before_people = meeting_invitations.invited_users(meeting)
    before = {POINTS_KEY: "; ".join(meeting.connection_points.values_list("name", flat=True))}
    meeting.connection_points.all().delete()
    ConnectionPoint.objects.bulk_create(points)
    after = {POINTS_KEY: "; ".join(p.name for p in points)}
    if after != before:
        record_change(actor, "update", meeting, before, after, unit=meeting.organizer)
        meeting_invitations.announce_to_new(meeting, before_people)
    return points
