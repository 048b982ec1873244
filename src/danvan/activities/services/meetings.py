"""Meetings: recorded by an editor of the organising unit (the host may be any unit, e.g. Thường trực Thị ủy above
it), with who attended in which role, the connection points of an online meeting, its documents, and the
conclusions turned into tasks. A change of time, place or status needs a reason and raises the iCalendar sequence;
the people invited are told (`meeting_invitations`) once the transaction commits."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.periods import Period
from danvan.core.text import fold, nfc, nfc_lines
from danvan.core.uploads import check_upload
from danvan.orgunits.models import OrgUnit

from ..models import Attendance, ConnectionPoint, Meeting, MeetingDocument, Person, Task
from ..selectors.people import people_pickable_by
from . import meeting_invitations
from .access import can_edit, user_or_none
from .tasks import assign_task

# Fields a change of which needs a reason and raises the sequence (the invitation changes).
SCHEDULE_FIELDS = ("starts_at", "ends_at", "place", "online")
TEXT_FIELDS = {
    "title": (True, False),  # (one line, required)
    "place": (True, False),
    "agenda": (False, False),
    "minutes": (False, False),
    "conclusions": (False, False),
    "conclusion_number": (True, False),
    "source_note": (True, False),
}
EDITABLE = (
    "organizer",
    "type",
    "title",
    "starts_at",
    "ends_at",
    "host",
    "place",
    "online",
    "period",
    "agenda",
    "minutes",
    "conclusions",
    "conclusion_number",
    "conclusion_date",
    "source_note",
)
MAX_TEXT = 50_000
MAX_ATTENDEES = 500
MAX_TASKS = 100
ACTIONS = {
    # action: (from statuses, to status, reason required)
    "hold": ((Meeting.Status.PLANNED,), Meeting.Status.HELD, False),
    "cancel": ((Meeting.Status.PLANNED,), Meeting.Status.CANCELLED, True),
    "reopen": ((Meeting.Status.CANCELLED, Meeting.Status.HELD), Meeting.Status.PLANNED, True),
}
REASON_KEY = "Lý do thay đổi"


def meeting_snapshot(meeting: Meeting) -> dict:
    return snapshot(meeting, exclude=("search_key", "organizer_path", "province_code"))


def _label(field: str) -> str:
    return str(Meeting._meta.get_field(field).verbose_name)


def _clean_text(value, field: str, errors: dict) -> str:
    one_line, required = TEXT_FIELDS[field]
    value = "" if value is None else str(value)
    if "\x00" in value:
        errors.setdefault(field, []).append(
            _("%(label)s chứa ký tự không hợp lệ.") % {"label": _label(field)}
        )
        return ""
    value = nfc(value) if one_line else nfc_lines(value)
    limit = Meeting._meta.get_field(field).max_length or MAX_TEXT
    if len(value) > limit:
        errors.setdefault(field, []).append(
            _("%(label)s dài quá %(max)s ký tự.")
            % {"label": _label(field), "max": f"{limit:,}".replace(",", ".")}
        )
    if required and not value:
        errors.setdefault(field, []).append(_("Hãy nhập %(label)s.") % {"label": _label(field)})
    return value


def _clean(data: dict, errors: dict) -> dict:
    """The fields of `data` checked and normalised; errors collected by field."""
    clean = dict(data)
    for field in TEXT_FIELDS:
        if field in data:
            clean[field] = _clean_text(data[field], field, errors)
    if "title" in data and not clean.get("title"):
        errors.setdefault("title", []).append(_("Hãy nhập tên hội nghị."))
    if "type" in data and data["type"] not in Meeting.Type.values:
        errors.setdefault("type", []).append(_("Loại hội nghị không hợp lệ."))
    if "period" in data:
        code = nfc(str(data["period"] or "")).upper()
        if code:
            try:
                code = Period.parse(code).code
            except ValueError as error:
                errors.setdefault("period", []).append(str(error))
        clean["period"] = code
    if "online" in data:
        clean["online"] = bool(data["online"])
    for field in ("starts_at", "ends_at"):
        value = data.get(field)
        if value is not None and not isinstance(value, datetime.datetime):
            errors.setdefault(field, []).append(
                _("%(label)s không phải là ngày giờ.") % {"label": _label(field)}
            )
            clean[field] = None
        elif value is not None:
            # Stored and logged in UTC, as the database gives them back.
            aware = timezone.make_aware(value) if timezone.is_naive(value) else value
            clean[field] = aware.astimezone(datetime.UTC)
    if "starts_at" in data and data.get("starts_at") is None and "starts_at" not in errors:
        errors.setdefault("starts_at", []).append(_("Hãy nhập thời gian bắt đầu."))
    for field in ("starts_at", "ends_at"):
        value = clean.get(field)
        if isinstance(value, datetime.datetime) and not 1945 <= value.year <= 2200:
            errors.setdefault(field, []).append(_("Năm %(year)s không hợp lệ.") % {"year": value.year})
    conclusion_date = data.get("conclusion_date")
    if conclusion_date is not None and not isinstance(conclusion_date, datetime.date):
        errors.setdefault("conclusion_date", []).append(_("Ngày thông báo kết luận không hợp lệ."))
    for field in ("organizer", "host"):
        if data.get(field) is not None and not isinstance(data[field], OrgUnit):
            errors.setdefault(field, []).append(_("Đơn vị không hợp lệ."))
    return clean


def _check_whole(meeting: Meeting, errors: dict) -> None:
    """Checks between fields, on the meeting as it would be saved."""
    if meeting.starts_at and meeting.ends_at and meeting.ends_at < meeting.starts_at:
        errors.setdefault("ends_at", []).append(_("Thời gian kết thúc trước thời gian bắt đầu."))
    if (
        meeting.starts_at
        and meeting.conclusion_date
        and meeting.conclusion_date < timezone.localtime(meeting.starts_at).date()
    ):
        errors.setdefault("conclusion_date", []).append(_("Ngày thông báo kết luận trước ngày hội nghị."))


def _search_key(meeting: Meeting) -> str:
    return fold(" ".join([meeting.title, meeting.place, meeting.organizer.name]))[:600]


def _copy_paths(meeting: Meeting) -> None:
    meeting.organizer_path = meeting.organizer.path
    meeting.province_code = meeting.organizer.province_code or ""
    meeting.search_key = _search_key(meeting)


def _check_organizer(actor, organizer) -> None:
    if not isinstance(organizer, OrgUnit):
        raise ValidationError({"organizer": [_("Hãy chọn đơn vị tổ chức.")]})
    if not can_edit(actor, organizer):
        raise NotAllowed(_("Bạn không có quyền ghi hội nghị của %(unit)s.") % {"unit": organizer.name})


@transaction.atomic
def create_meeting(
    actor,
    *,
    organizer: OrgUnit,
    type: str,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    host: OrgUnit | None = None,
    place: str = "",
    online: bool = False,
    period: str = "",
    agenda: str = "",
    minutes: str = "",
    conclusions: str = "",
    conclusion_number: str = "",
    conclusion_date: datetime.date | None = None,
    source_note: str = "",
    status: str = Meeting.Status.PLANNED,
) -> Meeting:
    """A meeting of `organizer` (the actor an editor of it or above). A meeting recorded after it was held may be
    created `held` at once."""
    _check_organizer(actor, organizer)
    errors: dict[str, list[str]] = {}
    data = _clean(
        {
            "type": type,
            "title": title,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "host": host,
            "place": place,
            "online": online,
            "period": period,
            "agenda": agenda,
            "minutes": minutes,
            "conclusions": conclusions,
            "conclusion_number": conclusion_number,
            "conclusion_date": conclusion_date,
            "source_note": source_note,
        },
        errors,
    )
    if status not in (Meeting.Status.PLANNED, Meeting.Status.HELD):
        errors.setdefault("status", []).append(_("Tình trạng không hợp lệ."))
    meeting = Meeting(organizer=organizer, status=status, **data)
    _check_whole(meeting, errors)
    if errors:
        raise ValidationError(errors)
    _copy_paths(meeting)
    meeting.save()
    record_change(actor, "create", meeting, None, meeting_snapshot(meeting), unit=organizer)
    return meeting


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("organizer", "host").get(pk=meeting.pk)


@transaction.atomic
def update_meeting(actor, meeting: Meeting, *, reason: str = "", **fields) -> Meeting:
    """Changes the meeting's fields. A change of time or place needs `reason` (kept in the change log) and raises the
    iCalendar sequence; the people invited receive the changed invitation."""
    meeting = _locked(meeting)
    _check_organizer(actor, meeting.organizer)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError({"__all__": [_("Không sửa được: %(f)s.") % {"f": ", ".join(sorted(unknown))}]})
    if "organizer" in fields:
        _check_organizer(actor, fields["organizer"])
    errors: dict[str, list[str]] = {}
    data = _clean(fields, errors)
    before = meeting_snapshot(meeting)
    # Compared as values (a moment is the same whatever its time zone), not as their logged text.
    rescheduled = [f for f in SCHEDULE_FIELDS if f in data and getattr(meeting, f) != data[f]]
    for field, value in data.items():
        setattr(meeting, field, value)
    _check_whole(meeting, errors)
    reason = nfc(str(reason or "")).replace("\x00", "")[:300]
    if rescheduled and not reason:
        errors.setdefault("reason", []).append(_("Hãy ghi lý do thay đổi thời gian, địa điểm."))
    if errors:
        raise ValidationError(errors)
    if rescheduled:
        meeting.sequence += 1
    _copy_paths(meeting)
    meeting.save()
    after = meeting_snapshot(meeting)
    if after == before:
        return meeting
    if reason:
        before, after = {**before, REASON_KEY: ""}, {**after, REASON_KEY: reason}
    record_change(actor, "update", meeting, before, after, unit=meeting.organizer)
    if rescheduled:
        meeting_invitations.announce_change(meeting, reason)
    return meeting


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
    meeting = _locked(meeting)
    _check_organizer(actor, meeting.organizer)
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
    before = {"attendances": attendance_snapshot(meeting)}
    meeting.attendances.all().delete()
    Attendance.objects.bulk_create(rows)
    after = {"attendances": attendance_snapshot(meeting)}
    if after != before:
        record_change(actor, "update", meeting, before, after, unit=meeting.organizer)
        meeting_invitations.announce_to_new(meeting, before_people)
    return list(meeting.attendances.select_related("person", "unit"))


@transaction.atomic
def set_connection_points(actor, meeting: Meeting, names) -> list[ConnectionPoint]:
    """Replaces an online meeting's connection points (điểm cầu): units of the register or places by name."""
    meeting = _locked(meeting)
    _check_organizer(actor, meeting.organizer)
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
    before = {"connection_points": list(meeting.connection_points.values_list("name", flat=True))}
    meeting.connection_points.all().delete()
    ConnectionPoint.objects.bulk_create(points)
    after = {"connection_points": [p.name for p in points]}
    if after != before:
        record_change(actor, "update", meeting, before, after, unit=meeting.organizer)
        meeting_invitations.announce_to_new(meeting, before_people)
    return points


@transaction.atomic
def transition(actor, meeting: Meeting, action: str, reason: str = "") -> Meeting:
    """hold (planned → held), cancel (planned → cancelled, with a reason), reopen (cancelled or held → planned, with
    a reason). Each raises the iCalendar sequence; a cancellation sends CANCEL, a reopening the invitation again."""
    meeting = _locked(meeting)
    _check_organizer(actor, meeting.organizer)
    if action not in ACTIONS:
        raise ValidationError({"action": [_("Bước không hợp lệ.")]})
    allowed_from, to_status, needs_reason = ACTIONS[action]
    if meeting.status not in allowed_from:
        raise ValidationError(
            {"action": [_("Hội nghị đang ở tình trạng “%(s)s”.") % {"s": meeting.get_status_display()}]}
        )
    reason = nfc(str(reason or "")).replace("\x00", "")
    if len(reason) > 300:
        raise ValidationError({"reason": [_("Lý do dài quá 300 ký tự.")]})
    if needs_reason and not reason:
        raise ValidationError({"reason": [_("Hãy ghi lý do.")]})
    before = meeting_snapshot(meeting)
    meeting.status = to_status
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    after = meeting_snapshot(meeting)
    if reason:
        before, after = {**before, REASON_KEY: ""}, {**after, REASON_KEY: reason}
    record_change(actor, action, meeting, before, after, unit=meeting.organizer)
    if action == "cancel":
        meeting_invitations.announce_cancel(meeting, reason)
    elif action == "reopen":
        meeting_invitations.announce_change(meeting, reason)
    return meeting


@transaction.atomic
def add_document(actor, meeting: Meeting, uploaded, description: str = "") -> MeetingDocument:
    """A document of the meeting (report presented, signed minutes, slides): JPG, PNG, PDF or DOCX, its type checked
    by its first bytes."""
    meeting = _locked(meeting)
    _check_organizer(actor, meeting.organizer)
    if uploaded is None:
        raise ValidationError({"file": [_("Hãy chọn tệp.")]})
    checked = check_upload(uploaded, "file")
    description = nfc(str(description or "")).replace("\x00", "")
    if len(description) > 255:
        raise ValidationError({"description": [_("Mô tả dài quá 255 ký tự.")]})
    document = MeetingDocument(
        meeting=meeting,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        description=description,
        uploaded_by=user_or_none(actor),
    )
    uploaded.seek(0)
    document.file.save(f"tai-lieu{checked.extension}", uploaded, save=False)
    document.save()
    record_change(
        actor, "create", document, None, snapshot(document, exclude=("file",)), unit=meeting.organizer
    )
    return document


@transaction.atomic
def delete_document(actor, document: MeetingDocument) -> None:
    meeting = _locked(document.meeting)
    _check_organizer(actor, meeting.organizer)
    record_change(
        actor, "delete", document, snapshot(document, exclude=("file",)), None, unit=meeting.organizer
    )
    stored = document.file
    document.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


TASK_KEYS = {
    "lead_unit",
    "title",
    "deadline",
    "supporting_units",
    "source_reference",
    "assigned_on",
    "expected_result",
    "description",
}


@transaction.atomic
def conclusion_to_tasks(actor, meeting: Meeting, tasks) -> list[Task]:
    """Turns the meeting's conclusion into tasks of the organiser (the assigner) for units of its subtree: each row
    the keyword arguments of `assign_task` (lead_unit, title, deadline, supporting_units, expected_result…). All or
    none: the errors are keyed by row and field, `tasks-<row from 0>-<field>`, as a formset names its fields."""
    meeting = _locked(meeting)
    _check_organizer(actor, meeting.organizer)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError({"__all__": [_("Hội nghị đã hủy: không giao nhiệm vụ từ kết luận.")]})
    rows = list(tasks or [])
    if not rows:
        raise ValidationError({"__all__": [_("Hãy nhập ít nhất một nhiệm vụ.")]})
    if len(rows) > MAX_TASKS:
        raise ValidationError({"__all__": [_("Tối đa %(n)s nhiệm vụ một lần.") % {"n": MAX_TASKS}]})
    day = timezone.localtime(meeting.starts_at).date()
    errors: dict[str, list[str]] = {}
    made: list[Task] = []
    for index, row in enumerate(rows):
        prefix = f"tasks-{index}-"
        unknown = set(row) - TASK_KEYS
        if unknown:
            errors[prefix + "title"] = [_("Không nhận: %(f)s.") % {"f": ", ".join(sorted(unknown))}]
            continue
        missing = [k for k in ("lead_unit", "title", "deadline") if not row.get(k)]
        for key in missing:
            errors[prefix + key] = [_("Hãy nhập trường này.")]
        if missing:
            continue
        if not isinstance(row["deadline"], datetime.date) or isinstance(row["deadline"], datetime.datetime):
            errors[prefix + "deadline"] = [_("Hạn hoàn thành không phải là ngày.")]
            continue
        if row["deadline"] < day:
            errors[prefix + "deadline"] = [
                _("Dòng %(row)s: hạn hoàn thành (%(deadline)s) trước ngày hội nghị (%(day)s).")
                % {"row": index + 1, "deadline": f"{row['deadline']:%d/%m/%Y}", "day": f"{day:%d/%m/%Y}"}
            ]
            continue
        try:
            with transaction.atomic():
                made.append(
                    assign_task(
                        actor,
                        assigner=meeting.organizer,
                        source=Task.Source.MEETING,
                        meeting=meeting,
                        source_reference=row.get("source_reference") or meeting.conclusion_number,
                        **{k: v for k, v in row.items() if k != "source_reference"},
                    )
                )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(prefix + field, []).extend(
                    _("Dòng %(row)s: %(message)s") % {"row": index + 1, "message": message}
                    for message in messages
                )
    if errors:
        raise ValidationError(errors)
    return made
