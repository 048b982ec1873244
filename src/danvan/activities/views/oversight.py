"""Pages of the inspections and supervisions under /hoat-dong/kiem-tra/: the year's plans, the list and its Excel
export, an inspection's page, its forms (record, edit, conclude with task rows, re-check)."""

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.scope import can_view_path, role_paths
from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.excel_export import xlsx_response
from danvan.core.excel_lists import ListSheet
from danvan.core.forms import add_service_errors
from danvan.core.lists import filtered_rows, page_of
from danvan.orgunits.forms import tree_choices
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import path_ids

from .. import services
from ..filters.oversight import InspectionFilter
from ..forms import oversight as forms
from ..models import Inspection
from ..selectors import oversight as selectors
from .common import module_crumb

STATUS_BADGES = {
    "planned": "text-bg-light border",
    "ongoing": "text-bg-info",
    "concluded": "text-bg-warning",
    "closed": "text-bg-success",
}


def crumbs(*tail) -> list:
    return [module_crumb(), (_("Kiểm tra, giám sát"), reverse("activities:inspection_list")), *tail]


def unit_filter_choices(request) -> list:
    """The unit filter's short list: the user's units, the units above them they see, their children."""
    paths = role_paths(request.user)
    ids = {unit_id for path in paths for unit_id in path_ids(path)}
    units = [
        unit
        for unit in OrgUnit.objects.filter(pk__in=ids)
        | OrgUnit.objects.filter(parent__path__in=paths, valid_to__isnull=True)
        if can_view_path(request.user, unit.path)
    ]
    return tree_choices(units, _("Tất cả đơn vị trong phạm vi"))


def year_choices(empty_label):
    this_year = timezone.localdate().year
    return [("", empty_label)] + [(y, y) for y in range(this_year + 1, this_year - 8, -1)]


def _filtered(request):
    data = request.GET.copy()
    filterset = InspectionFilter(data, queryset=selectors.inspection_list(request.user))
    form = filterset.form
    form.fields["unit"].widget.choices = unit_filter_choices(request)
    form.fields["year"].widget = django_forms.Select(choices=year_choices(_("Mọi năm")))
    for name, label in (("kind", _("Mọi hình thức")), ("status", _("Mọi tình trạng"))):
        form.fields[name].widget.choices = [("", label), *list(form.fields[name].choices)[1:]]
    form.fields["q"].widget.attrs["placeholder"] = _("Tên, số quyết định, đơn vị…")
    return filterset


@login_required
def inspection_list(request):
    filterset = _filtered(request)
    page = page_of(request, filtered_rows(filterset).order_by("-starts_on", "-id"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "activities/oversight/list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "badges": STATUS_BADGES,
            "export_query": query.urlencode(),
            "can_record": request.user.is_superuser or bool(role_paths(request.user, "editor")),
            "crumbs": crumbs(),
        },
    )


@login_required
def inspection_export(request):
    filterset = _filtered(request)
    sheet = ListSheet(
        _("Kiểm tra, giám sát"),
        [
            (_("Tên cuộc kiểm tra, giám sát"), 44),
            (_("Hình thức"), 12),
            (_("Đơn vị kiểm tra"), 30),
            (_("Đơn vị được kiểm tra"), 40),
            (_("Số quyết định"), 16),
            (_("Ngày quyết định"), 14),
            (_("Từ ngày"), 12),
            (_("Đến ngày"), 12),
            (_("Trưởng đoàn"), 24),
            (_("Tình trạng"), 16),
            (_("Số thông báo kết luận"), 18),
            (_("Ngày kết luận"), 14),
        ],
    )
    for inspection in filtered_rows(filterset).order_by("-starts_on", "-id").iterator(chunk_size=500):
        sheet.append(
            [
                inspection.title,
                inspection.get_kind_display(),
                inspection.organizer.name,
                "; ".join(row.unit.name for row in inspection.inspected_units.all()),
                sheet.text(inspection.decision_number),
                sheet.date(inspection.decision_date),
                sheet.date(inspection.starts_on),
                sheet.date(inspection.ends_on),
                ", ".join(member.person.name for member in inspection.leaders),
                inspection.get_status_display(),
                sheet.text(inspection.conclusion_number),
                sheet.date(inspection.conclusion_date),
            ]
        )
    return xlsx_response(sheet.content(), "kiem-tra-giam-sat.xlsx")


@login_required
def plan_list(request):
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 1000 <= int(raw) <= 9999 else timezone.localdate().year
    plans = (
        selectors.plans_visible_to(request.user)
        .filter(year=year)
        .select_related("unit")
        .annotate(inspection_count=Count("inspections"))
        .order_by("unit__sort_key", "title", "id")
    )
    return render(
        request,
        "activities/oversight/plans.html",
        {
            "year": year,
            "years": [y for y, _label in year_choices("")[1:]],
            "plans": plans,
            "can_record": request.user.is_superuser or bool(role_paths(request.user, "editor")),
            "crumbs": crumbs((_("Kế hoạch năm %(year)s") % {"year": year}, None)),
        },
    )


@login_required
def plan_create(request):
    form = forms.PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except NotAllowed as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã lưu kế hoạch."))
            return redirect(f"{reverse('activities:plan_list')}?year={plan.year}")
    return render(
        request,
        "activities/oversight/form.html",
        {
            "form": form,
            "title": _("Kế hoạch kiểm tra, giám sát"),
            "crumbs": crumbs((_("Kế hoạch mới"), None)),
        },
    )


@login_required
def inspection_detail(request, pk):
    inspection = selectors.get_inspection_for(request.user, pk)
    can_edit = services.can_edit(request.user, inspection.organizer)
    return render(
        request,
        "activities/oversight/detail.html",
        {
            "inspection": inspection,
            "badge": STATUS_BADGES[inspection.status],
            "team": selectors.team_of(inspection),
            "units": list(inspection.inspected_units.select_related("unit").order_by("unit__sort_key")),
            "tasks": selectors.tasks_of(inspection, timezone.localdate()),
            "rechecks": list(inspection.rechecks.select_related("created_by")),
            "can_edit": can_edit and inspection.status != Inspection.Status.CLOSED,
            "can_conclude": can_edit
            and inspection.status in (Inspection.Status.PLANNED, Inspection.Status.ONGOING),
            "can_start": can_edit and inspection.status == Inspection.Status.PLANNED,
            "can_recheck": can_edit and inspection.status == Inspection.Status.CONCLUDED,
            "history": history_for(inspection)[:50] if can_edit else [],
            "crumbs": crumbs((inspection.title, None)),
        },
    )


def _render_form(request, form, inspection=None):
    title = _("Sửa cuộc kiểm tra, giám sát") if inspection else _("Ghi cuộc kiểm tra, giám sát")
    tail = (
        [(inspection.title, reverse("activities:inspection_detail", args=[inspection.pk]))]
        if inspection
        else []
    )
    return render(
        request,
        "activities/oversight/inspection_form.html",
        {"form": form, "inspection": inspection, "title": title, "crumbs": crumbs(*tail, (title, None))},
    )


@login_required
def inspection_create(request):
    form = forms.InspectionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.create_inspection(
                request.user,
                organizer=form.cleaned_data["organizer"],
                inspected_units=form.cleaned_data["inspected_units"],
                members=form.members_list(),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error, {"members": "leader"})
        except NotAllowed as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã ghi cuộc kiểm tra, giám sát."))
            return redirect("activities:inspection_detail", inspection.pk)
    return _render_form(request, form)


@login_required
def inspection_edit(request, pk):
    inspection = selectors.get_inspection_for(request.user, pk)
    if not services.can_edit(request.user, inspection.organizer):
        raise NotAllowed()
    form = forms.InspectionForm(
        request.POST or None, user=request.user, inspection=inspection, initial=forms.initial_of(inspection)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_inspection(
                request.user,
                inspection,
                inspected_units=form.cleaned_data["inspected_units"],
                members=form.members_list(),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error, {"members": "leader"})
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("activities:inspection_detail", inspection.pk)
    return _render_form(request, form, inspection)


@login_required
@require_POST
def inspection_start(request, pk):
    inspection = selectors.get_inspection_for(request.user, pk)
    try:
        services.start_inspection(request.user, inspection)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("activities:inspection_detail", inspection.pk)


@login_required
def inspection_conclude(request, pk):
    inspection = selectors.get_inspection_for(request.user, pk)
    if not services.can_edit(request.user, inspection.organizer):
        raise NotAllowed()
    units = list(forms.inspection_units_of(inspection))
    data = request.POST or None
    form = forms.ConclusionForm(data, initial={"conclusion_date": timezone.localdate()})
    rows = forms.TaskRowFormSet(data, prefix="tasks", form_kwargs={"units": units})
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        try:
            services.conclude_inspection(
                request.user, inspection, tasks=forms.task_rows(rows), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi kết luận và giao nhiệm vụ cho đơn vị được kiểm tra."))
            return redirect("activities:inspection_detail", inspection.pk)
    return render(
        request,
        "activities/oversight/conclude.html",
        {
            "form": form,
            "rows": rows,
            "inspection": inspection,
            "crumbs": crumbs(
                (inspection.title, reverse("activities:inspection_detail", args=[inspection.pk])),
                (_("Kết luận"), None),
            ),
        },
    )


@login_required
def inspection_recheck(request, pk):
    inspection = selectors.get_inspection_for(request.user, pk)
    if not services.can_edit(request.user, inspection.organizer):
        raise NotAllowed()
    form = forms.RecheckForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_recheck(request.user, inspection, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi kết quả kiểm tra lại."))
            return redirect("activities:inspection_detail", inspection.pk)
    return render(
        request,
        "activities/oversight/form.html",
        {
            "form": form,
            "title": _("Kiểm tra lại: %(title)s") % {"title": inspection.title},
            "cancel": reverse("activities:inspection_detail", args=[inspection.pk]),
            "crumbs": crumbs(
                (inspection.title, reverse("activities:inspection_detail", args=[inspection.pk])),
                (_("Kiểm tra lại"), None),
            ),
        },
    )
