"""Pages of the legal clocks: the rule table `/don-thu/thoi-han/` (a superuser adds a version when the law changes)
and a year's working calendar `/don-thu/thoi-han/lich/<year>/` (read by every signed-in user, set by superusers)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.activities.views.common import anchor_unit
from danvan.core.errors import ValidationError
from danvan.core.forms import add_service_errors
from danvan.core.lists import page_of

from .. import selectors, services
from ..forms import CalendarYearForm, RuleVersionForm
from ..models import DeadlineRule
from ..services.clocks import FIRST_YEAR, LAST_YEAR, RULE_LIMITS, parse_days


def _crumbs(*tail):
    return [(_("Đơn thư, tiếp công dân"), reverse("citizens:home")), *tail]


@login_required
def deadline_rules(request):
    this_year = timezone.localdate().year
    return render(
        request,
        "citizens/clocks/rules.html",
        {
            "steps": selectors.rule_table(),
            "years": range(this_year - 1, this_year + 3),
            "crumbs": _crumbs((_("Thời hạn giải quyết"), None)),
        },
    )


@login_required
def deadline_rule_add(request, step: str):
    if not request.user.is_superuser:
        raise PermissionDenied(_("Chỉ quản trị hệ thống được thêm phiên bản quy định thời hạn."))
    last = DeadlineRule.objects.filter(step=step).order_by("-valid_from").first()
    if last is None:
        raise Http404
    form = RuleVersionForm(
        request.POST or None,
        initial={
            **{name: getattr(last, name) for name in RULE_LIMITS},
            "day_type": last.day_type,
            "counted_from": last.counted_from,
            "legal_basis": last.legal_basis,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_rule_version(request.user, step=step, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm phiên bản mới của quy định thời hạn."))
            return redirect("citizens:deadline_rules")
    return render(
        request,
        "citizens/clocks/rule_form.html",
        {
            "form": form,
            "last": last,
            "crumbs": _crumbs(
                (_("Thời hạn giải quyết"), reverse("citizens:deadline_rules")), (last.name, None)
            ),
        },
    )


@login_required
def calendar_year(request, year: int):
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    if request.method == "POST" and not request.user.is_superuser:
        raise PermissionDenied(_("Chỉ quản trị hệ thống được sửa lịch làm việc."))
    found = selectors.calendar_year(year)
    form = None
    if request.user.is_superuser:
        form = CalendarYearForm(
            request.POST or None,
            initial={
                "days_off": CalendarYearForm.initial_text(found.days_off),
                "working_days": CalendarYearForm.initial_text(found.working_days),
            },
        )
    if request.method == "POST" and form.is_valid():
        off, off_names = CalendarYearForm.lines(form.cleaned_data["days_off"])
        worked, worked_names = CalendarYearForm.lines(form.cleaned_data["working_days"])
        names = {}
        for text, name in {**off_names, **worked_names}.items():
            for day in parse_days([text], "ignored", {}):
                names[day] = name
        try:
            services.set_calendar_year(request.user, year, days_off=off, working_days=worked, names=names)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu lịch làm việc năm %(year)d.") % {"year": year})
            return redirect("citizens:calendar_year", year=year)
    return render(
        request,
        "citizens/clocks/calendar.html",
        {
            "year": year,
            "found": found,
            "months": selectors.calendar_months(found),
            "form": form,
            "weekdays": [_("T2"), _("T3"), _("T4"), _("T5"), _("T6"), _("T7"), _("CN")],
            "crumbs": _crumbs(
                (_("Thời hạn giải quyết"), reverse("citizens:deadline_rules")),
                (_("Lịch làm việc năm %(year)d") % {"year": year}, None),
            ),
        },
    )


@login_required
def clock_watch(request):
    """`/don-thu/thoi-han/den-han/?unit=&which=overdue|due_soon`: a unit's open petitions past their clock or near it."""
    unit = anchor_unit(request)
    if unit is None:
        raise Http404
    which = selectors.OVERDUE if request.GET.get("which") == selectors.OVERDUE else selectors.DUE_SOON
    today = timezone.localdate()
    page = page_of(request, selectors.clock_watch(request.user, unit, today, which))
    selectors.with_days_left(page.object_list, today)
    return render(
        request,
        "citizens/clocks/watch.html",
        {
            "unit": unit,
            "which": which,
            "page_obj": page,
            "crumbs": _crumbs(
                (_("Thời hạn giải quyết"), reverse("citizens:deadline_rules")),
                (_("Đơn đến hạn, quá hạn"), None),
            ),
        },
    )
