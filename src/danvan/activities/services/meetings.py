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
from danvan.core.periods import Period
from danvan.core.text import fold, nfc, nfc_lines
from danvan.orgunits.models import OrgUnit

from ..models import Meeting
from . import meeting_invitations
from .meeting_checks import REASON_KEY, check_organizer, locked
from .meeting_outcomes import add_document, conclusion_to_tasks, delete_document
from .meeting_people import attendance_snapshot, set_attendance, set_connection_points

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
ACTIONS = {
    # action: (from statuses, to status, reason required)
    "hold": ((Meeting.Status.PLANNED,), Meeting.Status.HELD, False),
    "cancel": ((Meeting.Status.PLANNED,), Meeting.Status.CANCELLED, True),
    "reopen": ((Meeting.Status.CANCELLED, Meeting.Status.HELD), Meeting.Status.PLANNED, True),
}


__all__ = [
    "ACTIONS",
    "add_document",
    "attendance_snapshot",
    "conclusion_to_tasks",
    "create_meeting",
    "delete_document",
    "meeting_snapshot",
    "set_attendance",
    "set_connection_points",
    "transition",
    "update_meeting",
]


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
    check_organizer(actor, organizer)
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


@transaction.atomic
def update_meeting(actor, meeting: Meeting, *, reason: str = "", **fields) -> Meeting:
    """Changes the meeting's fields. A change of time or place needs `reason` (kept in the change log) and raises the
    iCalendar sequence; the people invited receive the changed invitation."""
    meeting = locked(meeting)
    check_organizer(actor, meeting.organizer)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError({"__all__": [_("Không sửa được: %(f)s.") % {"f": ", ".join(sorted(unknown))}]})
    if "organizer" in fields:
        check_organizer(actor, fields["organizer"])
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


@transaction.atomic
def transition(actor, meeting: Meeting, action: str, reason: str = "") -> Meeting:
    """hold (planned → held), cancel (planned → cancelled, with a reason), reopen (cancelled or held → planned, with
    a reason). Each raises the iCalendar sequence; a cancellation sends CANCEL, a reopening the invitation again."""
    meeting = locked(meeting)
    check_organizer(actor, meeting.organizer)
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
