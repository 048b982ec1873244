"""The work calendar's pages: a unit's (or a leader's) week in the official layout, its print view and Word export,
an entry added, changed with a reason, cancelled, and its history; last week copied."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.core.forms import add_service_errors
from danvan.orgunits.models import OrgUnit

from .. import services
from ..calendar_docx import docx_name, week_docx
from ..forms.calendar import CancelForm, ChangeForm, EntryForm
from ..models import CalendarEntry
from ..selectors import calendar as selectors
from ..selectors.people import people_pickable_by
from .common import anchor_unit, module_crumb

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _digits(request, name: str) -> str:
    value = request.GET.get(name, "") or request.POST.get(name, "")
    if value and not (value.isdigit() and len(value) <= 18):
        raise Http404
    return value


class Week:
    """What the week's pages share: the unit, the leader (if one is chosen), the Monday, the items."""

    def __init__(self, request):
        user = request.user
        raw_person = _digits(request, "person")
        self.person = selectors.get_leader_for(user, raw_person) if raw_person else None
        self.unit = anchor_unit(request) if not self.person or request.GET.get("unit") else self.person.unit
        monday = selectors.parse_week(request.GET.get("week") or request.POST.get("week"))
        self.bad_week = monday is None
        self.monday = monday or selectors.parse_week("")
        self.sunday = self.monday + datetime.timedelta(days=6)
        if self.person is not None:
            self.items = selectors.leader_week(user, self.person, self.monday)
        elif self.unit is not None:
            self.items = selectors.unit_week(user, self.unit, self.monday)
        else:
            self.items = []
        self.days = selectors.week_table(self.items, self.monday)
        self.can_edit = self.unit is not None and services.can_edit(user, self.unit)

    def query(self, monday: datetime.date | None = None, **extra) -> str:
        params = {"week": selectors.week_code(monday or self.monday)}
        if self.unit is not None:
            params["unit"] = self.unit.pk
        if self.person is not None:
            params["person"] = self.person.pk
        params.update(extra)
        return urlencode(params)

    @property
    def code(self) -> str:
        return selectors.week_code(self.monday)

    @property
    def title(self) -> str:
        return _("Lịch công tác tuần %(number)d") % {"number": selectors.week_number(self.monday)}

    @property
    def span(self) -> str:
        return _("(từ ngày %(first)s đến ngày %(last)s)") % {
            "first": f"{self.monday:%d/%m/%Y}",
            "last": f"{self.sunday:%d/%m/%Y}",
        }

    @property
    def heading(self) -> list[str]:
        """The unit's heading: the unit above it, then the unit (uppercase, as on an official calendar)."""
        if self.unit is None:
            return []
        lines = [self.unit.parent.name.upper()] if self.unit.parent_id else []
        lines.append(self.unit.name.upper())
        return lines

    @property
    def owner(self) -> str:
        if self.person is not None:
            return _("đồng chí %(name)s") % {"name": self.person.name}
        return self.unit.name if self.unit else ""

    def context(self) -> dict:
        return {
            "week": self,
            "unit": self.unit,
            "person": self.person,
            "days": self.days,
            "count": len(self.items),
            "can_edit": self.can_edit and self.person is None,
            "prev_query": self.query(self.monday - datetime.timedelta(days=7)),
            "next_query": self.query(self.monday + datetime.timedelta(days=7)),
            "this_query": self.query(),
            "today_query": self.query(selectors.parse_week("")),
            "today": timezone.localdate(),
        }


def _crumbs(week_or_unit, *tail) -> list:
    unit = getattr(week_or_unit, "unit", week_or_unit)
    url = reverse("activities:calendar_week")
    trail = [module_crumb(), (_("Lịch công tác"), f"{url}?unit={unit.pk}" if unit else url)]
    return trail + list(tail)


@login_required
def calendar_week(request):
    week = Week(request)
    if week.bad_week:
        messages.warning(request, _("Tuần không hợp lệ: hãy chọn dạng 2026-W49 hoặc một ngày dd/mm/yyyy."))
    context = week.context()
    context["leaders"] = list(selectors.leaders_of(week.unit)) if week.unit else []
    context["user_units"] = getattr(request, "user_units", [])
    context["crumbs"] = _crumbs(week)
    context["feeds_allowed"] = week.unit is not None and services.can_edit(request.user, week.unit)
    return render(request, "activities/calendar/week.html", context)


@login_required
def calendar_print(request):
    week = Week(request)
    if week.unit is None:
        raise Http404
    context = week.context()
    context["crumbs"] = _crumbs(week, (_("Bản in"), None))
    return render(request, "activities/calendar/print.html", context)


@login_required
def calendar_docx(request):
    week = Week(request)
    if week.unit is None:
        raise Http404
    title = week.title.upper()
    if week.person is not None:
        title += " " + _("CỦA ĐỒNG CHÍ %(name)s") % {"name": week.person.name.upper()}
    content = week_docx(heading=week.heading, title=title, subtitle=week.span, days=week.days)
    return HttpResponse(
        content,
        content_type=DOCX,
        headers={"Content-Disposition": f'attachment; filename="{docx_name(week.monday)}"'},
    )


def _people(user, unit: OrgUnit):
    """The leaders an entry of `unit` may name: those kept by the unit or a unit above it, whom the user may name."""
    return (
        people_pickable_by(user).filter(unit_id__in=[*unit.ancestor_ids, unit.pk]).order_by("sort_key", "id")
    )


def _week_url(unit: OrgUnit, moment: datetime.datetime | None = None, person=None) -> str:
    params = {"unit": unit.pk}
    if moment is not None:
        params["week"] = selectors.week_code(selectors.monday_of(moment.date()))
    if person is not None:
        params["person"] = person.pk
    return reverse("activities:calendar_week") + "?" + urlencode(params)


@login_required
def calendar_entry_add(request):
    unit = anchor_unit(request)
    if unit is None:
        raise Http404
    if not services.can_edit(request.user, unit):
        raise NotAllowed(_("Bạn không có quyền ghi lịch công tác của %(unit)s.") % {"unit": unit.name})
    people = _people(request.user, unit)
    if request.method == "POST":
        form = EntryForm(request.POST, people=people)
        if form.is_valid():
            try:
                entry = services.add_entry(request.user, unit=unit, **form.entry_fields())
            except ValidationError as error:
                add_service_errors(form, error, {"starts_at": "start", "ends_at": "end"})
            else:
                messages.success(request, _("Đã thêm vào lịch: %(title)s.") % {"title": entry.title})
                return redirect(_week_url(unit, entry.starts_at))
    else:
        day = selectors.parse_week(request.GET.get("week"))
        initial = {"start": datetime.time(7, 30)}
        raw_day = request.GET.get("day", "")
        try:
            initial["day"] = datetime.date.fromisoformat(raw_day) if raw_day else day
        except ValueError:
            initial["day"] = day
        form = EntryForm(people=people, initial=initial)
    context = {
        "form": form,
        "unit": unit,
        "title": _("Thêm lịch công tác"),
        "back": _week_url(unit),
        "crumbs": _crumbs(unit, (_("Thêm lịch"), None)),
    }
    return render(request, "activities/calendar/entry_form.html", context)


def _editable(request, pk) -> CalendarEntry:
    entry = selectors.get_entry_for(request.user, pk)
    if not services.can_edit(request.user, entry.unit):
        raise NotAllowed(_("Bạn không có quyền sửa lịch công tác của %(unit)s.") % {"unit": entry.unit.name})
    return entry


@login_required
def calendar_entry_edit(request, pk: int):
    entry = _editable(request, pk)
    people = _people(request.user, entry.unit)
    if entry.cancelled:
        messages.warning(request, _("Lịch này đã bị hủy, không sửa được nữa."))
        return redirect("activities:calendar_entry_history", pk=entry.pk)
    if request.method == "POST":
        form = ChangeForm(request.POST, people=people)
        if form.is_valid():
            try:
                services.change_entry(
                    request.user, entry, reason=form.cleaned_data["reason"], **form.entry_fields()
                )
            except ValidationError as error:
                add_service_errors(form, error, {"starts_at": "start", "ends_at": "end"})
            else:
                messages.success(request, _("Đã lưu thay đổi lịch và lý do."))
                entry.refresh_from_db()
                return redirect(_week_url(entry.unit, entry.starts_at))
    else:
        form = ChangeForm(people=people, initial=EntryForm.initial_of(entry))
    context = {
        "form": form,
        "unit": entry.unit,
        "entry": entry,
        "title": _("Thay đổi lịch công tác"),
        "back": _week_url(entry.unit, entry.starts_at),
        "crumbs": _crumbs(entry.unit, (entry.title, None)),
    }
    return render(request, "activities/calendar/entry_form.html", context)


@login_required
def calendar_entry_cancel(request, pk: int):
    entry = _editable(request, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_entry(request.user, entry, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã hủy lịch: %(title)s.") % {"title": entry.title})
            return redirect(_week_url(entry.unit, entry.starts_at))
    context = {
        "form": form,
        "entry": entry,
        "back": _week_url(entry.unit, entry.starts_at),
        "crumbs": _crumbs(entry.unit, (entry.title, None)),
    }
    return render(request, "activities/calendar/entry_cancel.html", context)


@login_required
def calendar_entry_history(request, pk: int):
    entry = selectors.get_entry_for(request.user, pk)
    history = list(history_for(entry))
    for change in history:
        change.reason = (change.after or {}).get("change_reason", "") if change.action == "update" else ""
    context = {
        "entry": entry,
        "history": history,
        "can_edit": services.can_edit(request.user, entry.unit) and not entry.cancelled,
        "back": _week_url(entry.unit, entry.starts_at),
        "crumbs": _crumbs(entry.unit, (entry.title, None)),
    }
    return render(request, "activities/calendar/entry_history.html", context)


@login_required
@require_POST
def calendar_copy(request):
    week = Week(request)
    if week.unit is None:
        raise Http404
    try:
        copies = services.copy_last_week(request.user, week.unit, week.monday, person=week.person)
    except ValidationError as error:
        for found in messages_of(error).values():
            for message in found:
                messages.error(request, message)
    else:
        if copies:
            text = ngettext(
                "Đã sao chép %(count)d mục lịch của tuần trước.",
                "Đã sao chép %(count)d mục lịch của tuần trước.",
                len(copies),
            )
            messages.success(request, text % {"count": len(copies)})
        else:
            messages.info(
                request,
                _("Không có mục nào để sao chép: tuần trước trống, hoặc các mục đã được sao chép rồi."),
            )
    return redirect(reverse("activities:calendar_week") + "?" + week.query())
