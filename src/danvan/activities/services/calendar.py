"""The work calendar (lịch công tác): entries typed into a unit's week (a leader's when `person` is set), changed or
cancelled with a reason that the change log keeps, last week's entries copied forward, and the secret addresses of
the iCalendar feeds. Meetings and inspections are never copied into the calendar: the week reads them from their
own records (selectors.calendar)."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import Role
from danvan.accounts.scope import has_role_on
from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.text import nfc
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import covers

from ..models import CalendarEntry, CalendarFeed, Person
from ..selectors.people import people_pickable_by
from .access import can_edit

TEXT_FIELDS = ("title", "place", "participants", "preparation")
CHANGEABLE = ("starts_at", "ends_at", "title", "place", "participants", "preparation", "person")
REASON_MAX = CalendarEntry._meta.get_field("change_reason").max_length
# How far an entry may lie from today: a typo of the year ("2062") is refused, not filed forty years away.
YEARS_AROUND = 5


def _max(name: str) -> int:
    return CalendarEntry._meta.get_field(name).max_length


def _label(name: str) -> str:
    return str(CalendarEntry._meta.get_field(name).verbose_name)


def entry_snapshot(entry: CalendarEntry) -> dict:
    """The entry as logged; its iCalendar SEQUENCE is a counter of these changes, not a change of its own."""
    return snapshot(entry, exclude=("sequence",))


def feed_snapshot(feed: CalendarFeed) -> dict:
    """The feed as logged: never its token (the secret of its address)."""
    return snapshot(feed, exclude=("token",))


def _clean_text(value, name: str, errors: dict, *, required: bool = False) -> str:
    text = nfc(str(value or ""))
    if "\x00" in text:
        errors.setdefault(name, []).append(
            _("%(field)s không được chứa ký tự NUL.") % {"field": _label(name).capitalize()}
        )
        return ""
    if required and not text:
        errors.setdefault(name, []).append(_("Hãy nhập %(field)s.") % {"field": _label(name)})
    elif len(text) > _max(name):
        errors.setdefault(name, []).append(
            _("%(field)s dài quá %(max)d ký tự.") % {"field": _label(name).capitalize(), "max": _max(name)}
        )
    return text


def _clean_reason(reason, errors: dict) -> str:
    text = nfc(str(reason or ""))
    if "\x00" in text:
        errors.setdefault("reason", []).append(_("Lý do không được chứa ký tự NUL."))
    elif not text:
        errors.setdefault("reason", []).append(_("Hãy nhập lý do thay đổi lịch."))
    elif len(text) > REASON_MAX:
        errors.setdefault("reason", []).append(_("Lý do dài quá %(max)d ký tự.") % {"max": REASON_MAX})
    return text


def _check_times(starts_at, ends_at, errors: dict) -> None:
    if not isinstance(starts_at, datetime.datetime):
        errors.setdefault("starts_at", []).append(_("Hãy nhập ngày và giờ bắt đầu."))
        return
    if timezone.is_naive(starts_at):
        errors.setdefault("starts_at", []).append(_("Giờ bắt đầu phải kèm múi giờ."))
        return
    today = timezone.localdate()
    day = timezone.localtime(starts_at).date()
    if abs(day.year - today.year) > YEARS_AROUND:
        errors.setdefault("starts_at", []).append(
            _("Ngày bắt đầu (%(day)s) cách hôm nay quá %(years)d năm.")
            % {"day": f"{day:%d/%m/%Y}", "years": YEARS_AROUND}
        )
    if ends_at is None:
        return
    if not isinstance(ends_at, datetime.datetime) or timezone.is_naive(ends_at):
        errors.setdefault("ends_at", []).append(_("Giờ kết thúc không hợp lệ."))
    elif ends_at < starts_at:
        errors.setdefault("ends_at", []).append(_("Giờ kết thúc trước giờ bắt đầu."))
    elif ends_at - starts_at > datetime.timedelta(days=31):
        errors.setdefault("ends_at", []).append(_("Một mục lịch không kéo dài quá 31 ngày."))


def _check_person(actor, unit: OrgUnit, person: Person | None, errors: dict) -> None:
    """A leader of the entry: a person of the register the actor may name, kept by the unit or one above it."""
    if person is None:
        return
    if actor is not None and not people_pickable_by(actor).filter(pk=person.pk).exists():
        errors.setdefault("person", []).append(
            _("Người được chọn không có trong danh sách cán bộ bạn được xem.")
        )
    elif not (covers([person.unit_path], unit.path) or covers([unit.path], person.unit_path)):
        errors.setdefault("person", []).append(
            _("%(person)s không thuộc %(unit)s hay đơn vị cấp trên, cấp dưới của nó.")
            % {"person": person.name, "unit": unit.name}
        )


def _new_entry(unit: OrgUnit, **fields) -> CalendarEntry:
    entry = CalendarEntry(unit=unit, unit_path=unit.path, **fields)
    entry.save()
    return entry


@transaction.atomic
def add_entry(
    actor,
    *,
    unit: OrgUnit,
    starts_at: datetime.datetime,
    title: str,
    ends_at: datetime.datetime | None = None,
    place: str = "",
    participants: str = "",
    preparation: str = "",
    person: Person | None = None,
) -> CalendarEntry:
    """An entry of `unit`'s week (and `person`'s, a leader of the register), typed in by an editor of the unit."""
    if not can_edit(actor, unit):
        raise NotAllowed(_("Bạn không có quyền ghi lịch công tác của %(unit)s.") % {"unit": unit.name})
    errors: dict[str, list[str]] = {}
    texts = {
        "title": _clean_text(title, "title", errors, required=True),
        "place": _clean_text(place, "place", errors),
        "participants": _clean_text(participants, "participants", errors),
        "preparation": _clean_text(preparation, "preparation", errors),
    }
    _check_times(starts_at, ends_at, errors)
    _check_person(actor, unit, person, errors)
    if errors:
        raise ValidationError(errors)
    entry = _new_entry(unit, starts_at=starts_at, ends_at=ends_at, person=person, **texts)
    record_change(actor, "create", entry, None, entry_snapshot(entry), unit=unit)
    return entry


def _locked(entry: CalendarEntry) -> CalendarEntry:
    return (
        CalendarEntry.objects.select_for_update(of=("self",))
        .select_related("unit", "person")
        .get(pk=entry.pk)
    )


@transaction.atomic
def change_entry(actor, entry: CalendarEntry, *, reason: str, **fields) -> CalendarEntry:
    """Changes an entry's time, content, place, participants, preparation or leader. The reason is required and
    kept (the entry's `change_reason`, in the change log with the change); the iCalendar SEQUENCE goes up, so a
    subscribed calendar replaces the event."""
    unknown = sorted(set(fields) - set(CHANGEABLE))
    if unknown:
        raise ValidationError({name: [_("Không sửa được trường này của lịch.")] for name in unknown})
    entry = _locked(entry)
    if not can_edit(actor, entry.unit):
        raise NotAllowed(_("Bạn không có quyền sửa lịch công tác của %(unit)s.") % {"unit": entry.unit.name})
    errors: dict[str, list[str]] = {}
    if entry.cancelled:
        raise ValidationError({"__all__": [_("Lịch này đã bị hủy, không sửa được nữa.")]})
    reason = _clean_reason(reason, errors)
    changes = {}
    for name in TEXT_FIELDS:
        if name in fields:
            changes[name] = _clean_text(fields[name], name, errors, required=name == "title")
    for name in ("starts_at", "ends_at", "person"):
        if name in fields:
            changes[name] = fields[name]
    starts_at = changes.get("starts_at", entry.starts_at)
    ends_at = changes.get("ends_at", entry.ends_at)
    if "starts_at" in changes or "ends_at" in changes:
        _check_times(starts_at, ends_at, errors)
    if changes.get("person") is not None and changes["person"] != entry.person:
        _check_person(actor, entry.unit, changes["person"], errors)
    changed = {name: value for name, value in changes.items() if getattr(entry, name) != value}
    if not errors and not changed:
        errors.setdefault("__all__", []).append(_("Không có gì thay đổi so với lịch đang có."))
    if errors:
        raise ValidationError(errors)
    before = entry_snapshot(entry)
    for name, value in changed.items():
        setattr(entry, name, value)
    entry.change_reason = reason
    entry.sequence += 1
    entry.save()
    record_change(actor, "update", entry, before, entry_snapshot(entry), unit=entry.unit)
    return entry


@transaction.atomic
def cancel_entry(actor, entry: CalendarEntry, *, reason: str) -> CalendarEntry:
    """Cancels an entry: it stays in the week, struck through, and its feed event becomes STATUS:CANCELLED."""
    entry = _locked(entry)
    if not can_edit(actor, entry.unit):
        raise NotAllowed(_("Bạn không có quyền hủy lịch công tác của %(unit)s.") % {"unit": entry.unit.name})
    errors: dict[str, list[str]] = {}
    reason = _clean_reason(reason, errors)
    if entry.cancelled:
        errors.setdefault("__all__", []).append(_("Lịch này đã bị hủy."))
    if errors:
        raise ValidationError(errors)
    before = entry_snapshot(entry)
    entry.cancelled = True
    entry.change_reason = reason
    entry.sequence += 1
    entry.save()
    record_change(actor, "update", entry, before, entry_snapshot(entry), unit=entry.unit)
    return entry


def week_bounds(week_start: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The local Monday 00:00 of the week holding `week_start`, and the next Monday's."""
    monday = week_start - datetime.timedelta(days=week_start.weekday())
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    return start, timezone.make_aware(
        datetime.datetime.combine(monday + datetime.timedelta(days=7), datetime.time.min)
    )


@transaction.atomic
def copy_last_week(actor, unit: OrgUnit, week_start: datetime.date, person: Person | None = None) -> list:
    """Copies the entries typed into `unit`'s previous week (only `person`'s when given) into the week of
    `week_start`, each moved by seven days. Cancelled entries are not copied, nor those already copied (an entry
    of the same leader, content and time already in the week), so copying twice copies once. Meetings and
    inspections are not entries: they show in the week from their own records."""
    if not can_edit(actor, unit):
        raise NotAllowed(_("Bạn không có quyền ghi lịch công tác của %(unit)s.") % {"unit": unit.name})
    start, end = week_bounds(week_start)
    week = datetime.timedelta(days=7)
    source = CalendarEntry.objects.filter(
        unit=unit, cancelled=False, starts_at__gte=start - week, starts_at__lt=start
    ).order_by("starts_at", "id")
    target = CalendarEntry.objects.filter(unit=unit, starts_at__gte=start, starts_at__lt=end)
    if person is not None:
        source, target = source.filter(person=person), target.filter(person=person)
    present = set(target.values_list("person_id", "title", "starts_at"))
    copies = []
    for entry in source:
        moved = timezone.localtime(entry.starts_at) + week
        key = (entry.person_id, entry.title, moved)
        if key in present:
            continue
        present.add(key)
        copy = _new_entry(
            unit,
            person_id=entry.person_id,
            starts_at=moved,
            ends_at=timezone.localtime(entry.ends_at) + week if entry.ends_at else None,
            title=entry.title,
            place=entry.place,
            participants=entry.participants,
            preparation=entry.preparation,
        )
        record_change(actor, "create", copy, None, entry_snapshot(copy), unit=unit)
        copies.append(copy)
    return copies


def _check_feed_owner(actor, unit: OrgUnit, person: Person | None) -> None:
    if not can_edit(actor, unit):
        raise NotAllowed(_("Bạn không có quyền quản lý nguồn lịch của %(unit)s.") % {"unit": unit.name})
    if person is not None and not covers([unit.path], person.unit_path):
        raise ValidationError(
            {"person": [_("%(person)s không thuộc %(unit)s.") % {"person": person.name, "unit": unit.name}]}
        )


@transaction.atomic
def feed_for(actor, unit: OrgUnit, person: Person | None = None) -> CalendarFeed:
    """The secret iCalendar address of the unit's calendar (of a leader's when `person` is given), made the first
    time it is asked for. Not public until the unit's approver or admin chooses so."""
    _check_feed_owner(actor, unit, person)
    feed = CalendarFeed.objects.filter(unit=unit, person=person).first()
    if feed is not None:
        return feed
    feed = CalendarFeed.objects.create(unit=unit, person=person, token=secrets.token_urlsafe(32))
    record_change(actor, "create", feed, None, feed_snapshot(feed), unit=unit)
    return feed


@transaction.atomic
def regenerate_feed(actor, feed: CalendarFeed) -> CalendarFeed:
    """A new secret address: the old one answers 404 from now on (the address was given to the wrong person)."""
    feed = (
        CalendarFeed.objects.select_for_update(of=("self",)).select_related("unit", "person").get(pk=feed.pk)
    )
    _check_feed_owner(actor, feed.unit, feed.person)
    feed.token = secrets.token_urlsafe(32)
    feed.save(update_fields=["token"])
    # The token is never logged: the entry says only that the address was made anew.
    record_change(actor, "update", feed, {"token": "…"}, {"token": "(mới)"}, unit=feed.unit)
    return feed


def can_publish(user, unit: OrgUnit) -> bool:
    """Making a unit's calendar public is the choice of its approver or admin."""
    return has_role_on(user, Role.APPROVER, unit.path)


@transaction.atomic
def set_feed_public(actor, feed: CalendarFeed, public: bool) -> CalendarFeed:
    """Public: the unit's calendar (without a leader) is also at the public address /hoat-dong/lich/cong-khai/<id>.ics,
    and anyone may read it."""
    feed = CalendarFeed.objects.select_for_update(of=("self",)).select_related("unit").get(pk=feed.pk)
    if not can_publish(actor, feed.unit):
        raise NotAllowed(
            _("Chỉ người phê duyệt hoặc quản trị của %(unit)s mới chọn công khai lịch.")
            % {"unit": feed.unit.name}
        )
    public = bool(public)
    if public and feed.person_id is not None:
        raise ValidationError(
            {"public": [_("Chỉ lịch của đơn vị mới công khai được, không phải lịch của một lãnh đạo.")]}
        )
    if feed.public == public:
        return feed
    before = feed_snapshot(feed)
    feed.public = public
    feed.save(update_fields=["public"])
    record_change(actor, "update", feed, before, feed_snapshot(feed), unit=feed.unit)
    return feed
