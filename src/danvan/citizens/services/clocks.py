"""Writes of the legal clocks: a year's working calendar, a new version of a step's rule (superusers only), and
`recompute_clocks`, run after either, which moves the due date of every open petition whose clock could move."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.text import clean_text

from ..clocks import FIRST_YEAR, LAST_YEAR, ClockBook, petition_deadline
from ..models import CalendarDay, CalendarYear, DayType, DeadlineRule, Petition, Suspension

RECOMPUTE_BATCH = 2000


def check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            {"year": [_("Năm phải từ %(first)d đến %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR}]}
        )


def parse_days(values, field: str, errors: dict) -> list[datetime.date]:
    """Dates given as `yyyy-mm-dd` or `dd/mm/yyyy` strings (or dates); each bad one is a message on `field`."""
    found = []
    for value in values or ():
        if isinstance(value, datetime.date):
            found.append(value)
            continue
        text = str(value).strip()
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                found.append(datetime.datetime.strptime(text, pattern).date())
                break
            except ValueError:
                continue
        else:
            errors.setdefault(field, []).append(
                _("“%(value)s” không phải là ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd).")
                % {"value": text[:40]}
            )
    return found


def _year_snapshot(year: int) -> dict:
    days = CalendarDay.objects.filter(date__year=year).order_by("date")
    return {
        "year": year,
        "days_off": [d.date.isoformat() for d in days if d.kind == CalendarDay.Kind.DAY_OFF],
        "working_days": [d.date.isoformat() for d in days if d.kind == CalendarDay.Kind.WORKING],
    }


@transaction.atomic
def set_calendar_year(actor, year: int, *, days_off, working_days, names: dict | None = None) -> CalendarYear:
    """Sets `year`'s working calendar (superusers): the weekdays off and the weekend days worked, each a date of the
    year; then the open petitions' clocks running through the year are recomputed. `names` optionally names days."""
    if not getattr(actor, "is_superuser", False):
        raise NotAllowed(_("Chỉ quản trị hệ thống được sửa lịch làm việc."))
    check_year(year)
    errors: dict[str, list[str]] = {}
    off = parse_days(days_off, "days_off", errors)
    worked = parse_days(working_days, "working_days", errors)
    for field, days, weekend_wanted in (("days_off", off, False), ("working_days", worked, True)):
        for day in days:
            shown = day.strftime("%d/%m/%Y")
            if day.year != year:
                errors.setdefault(field, []).append(
                    _("Ngày %(day)s không thuộc năm %(year)d.") % {"day": shown, "year": year}
                )
            elif weekend_wanted and day.weekday() < 5:
                errors.setdefault(field, []).append(
                    _("Ngày %(day)s là ngày thường, đã là ngày làm việc: chỉ ghi thứ Bảy, Chủ nhật làm bù.")
                    % {"day": shown}
                )
            elif not weekend_wanted and day.weekday() >= 5:
                errors.setdefault(field, []).append(
                    _("Ngày %(day)s là thứ Bảy hoặc Chủ nhật, vốn đã nghỉ: chỉ ghi ngày thường được nghỉ.")
                    % {"day": shown}
                )
    if errors:
        raise ValidationError(errors)
    names = names or {}
    before = _year_snapshot(year) if CalendarYear.objects.filter(year=year).exists() else None
    calendar, _created = CalendarYear.objects.update_or_create(year=year, defaults={"updated_by": actor})
    CalendarDay.objects.filter(date__year=year).delete()
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(date=day, kind=CalendarDay.Kind.DAY_OFF, name=str(names.get(day, ""))[:200])
            for day in sorted(set(off))
        ]
        + [
            CalendarDay(date=day, kind=CalendarDay.Kind.WORKING, name=str(names.get(day, ""))[:200])
            for day in sorted(set(worked))
        ]
    )
    record_change(actor, "update" if before else "create", calendar, before, _year_snapshot(year))
    recompute_clocks(since=datetime.date(year, 1, 1), until=datetime.date(year, 12, 31))
    return calendar


RULE_LIMITS = (
    "days",
    "complex_days",
    "remote_days",
    "remote_complex_days",
    "verify_days",
    "extension_days",
    "max_extensions_complex",
    "max_extensions_very_complex",
)


@transaction.atomic
def add_rule_version(actor, *, step: str, data: dict) -> DeadlineRule:
    """A new version of `step`'s time limit when the law changes (superusers): it starts after the last version
    starts, which then ends the day before; versions never overlap. Petitions whose clock started from the new
    version's first day are recomputed."""
    if not getattr(actor, "is_superuser", False):
        raise NotAllowed(_("Chỉ quản trị hệ thống được thêm phiên bản quy định thời hạn."))
    versions = list(DeadlineRule.objects.select_for_update().filter(step=step).order_by("valid_from"))
    if not versions:
        raise ValidationError({"step": [_("Không có bước “%(step)s”.") % {"step": step}]})
    last = versions[-1]
    errors: dict[str, list[str]] = {}
    valid_from = data.get("valid_from")
    if not isinstance(valid_from, datetime.date):
        errors.setdefault("valid_from", []).append(_("Hãy nhập ngày hiệu lực."))
    elif valid_from <= last.valid_from:
        errors.setdefault("valid_from", []).append(
            _("Phiên bản mới phải có hiệu lực sau ngày %(day)s (phiên bản đang có).")
            % {"day": last.valid_from.strftime("%d/%m/%Y")}
        )
    if data.get("day_type") not in DayType.values:
        errors.setdefault("day_type", []).append(_("Hãy chọn loại ngày."))
    limits = {}
    for name in RULE_LIMITS:
        value = data.get(name)
        if value in (None, ""):
            value = 0 if name.startswith("max_") else None
        if name == "days" and not value:
            errors.setdefault("days", []).append(_("Hãy nhập thời hạn (số ngày lớn hơn 0)."))
        elif value is not None and (not isinstance(value, int) or not 0 <= value <= 365):
            errors.setdefault(name, []).append(_("Số ngày phải từ 0 đến 365."))
        limits[name] = value
    basis = clean_text(
        data.get("legal_basis"),
        "legal_basis",
        errors,
        required_message=_("Hãy nhập căn cứ pháp lý."),
        limit=300,
    )
    counted_from = clean_text(
        data.get("counted_from") or last.counted_from, "counted_from", errors, limit=100
    )
    if errors:
        raise ValidationError(errors)
    before = snapshot(last)
    last.valid_to = valid_from - datetime.timedelta(days=1)
    last.save(update_fields=["valid_to"])
    record_change(actor, "update", last, before, snapshot(last))
    rule = DeadlineRule.objects.create(
        step=step,
        name=last.name,
        counted_from=counted_from,
        day_type=data["day_type"],
        legal_basis=basis,
        valid_from=valid_from,
        **limits,
    )
    record_change(actor, "create", rule, None, snapshot(rule))
    recompute_clocks(steps=[step], since=valid_from)
    return rule


def recompute_clocks(
    *,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    steps=None,
    batch_size: int = RECOMPUTE_BATCH,
) -> int:
    """Sets `due_on` from `petition_deadline` on every open petition whose clock could move: with `steps`, those
    whose clock runs one of them from `since` on (a new rule version); with `since`/`until` alone, those whose clock
    runs through that range (a calendar year: it started by `until` and ends from `since` on, or is suspended).
    Read in batches by id with one query for the suspensions and one for the extensions per batch; only changed
    rows are written (`bulk_update`). Returns how many petitions changed."""
    rows = Petition.objects.filter(stage__in=Petition.OPEN_STAGES, clock_from__isnull=False).exclude(
        clock_step=""
    )
    if steps is not None:
        rows = rows.filter(clock_step__in=list(steps))
        if since:
            rows = rows.filter(clock_from__gte=since)
    else:
        if until:
            rows = rows.filter(clock_from__lte=until)
        if since:
            # A suspension can carry a clock past its first due date: those petitions are looked at too.
            suspended = Exists(Suspension.objects.filter(petition=OuterRef("pk")))
            rows = rows.filter(Q(due_on__gte=since) | Q(due_on__isnull=True) | suspended)
    rows = rows.only(
        "pk",
        "clock_step",
        "clock_from",
        "due_on",
        "complex_case",
        "very_complex",
        "remote_area",
        "needs_verification",
    ).prefetch_related(
        Prefetch("suspensions", Suspension.objects.only("petition_id", "start", "end")), "extensions"
    )
    book = ClockBook()
    changed = 0
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            return changed
        last = batch[-1].pk
        moved = []
        for petition in batch:
            try:
                found = petition_deadline(petition, book)
            except ValidationError:
                # A clock that no rule version covers keeps the date it had; the petition's page shows it.
                continue
            due = found.due if found else None
            if due != petition.due_on:
                petition.due_on = due
                moved.append(petition)
        if moved:
            Petition.objects.bulk_update(moved, ["due_on"], batch_size=batch_size)
            changed += len(moved)
