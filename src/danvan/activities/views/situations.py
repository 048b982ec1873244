"""Pages of the situation reports under /hoat-dong/tinh-hinh/: the list and its Excel export, a report's page with its
hotspot steps, the forms, and the table of units × topics for a period. Everything read goes through
`situations_visible_to`, so a confidential report shows nowhere to those not allowed to read it."""

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.scope import role_paths
from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.excel_export import xlsx_response
from danvan.core.excel_lists import ListSheet
from danvan.core.forms import add_service_errors
from danvan.core.lists import filtered_rows, page_of
from danvan.core.periods import Period, PeriodType

from .. import services
from ..filters.situations import SituationFilter
from ..forms import situations as forms
from ..models import HotspotStep, SituationReport
from ..selectors import situations as selectors
from ..services.situations import can_follow_hotspot
from .common import anchor_unit, module_crumb
from .oversight import unit_filter_choices

SEVERITY_CLASSES = {1: "dv-sev-1", 2: "dv-sev-2", 3: "dv-sev-3", 4: "dv-sev-4"}
Action = HotspotStep.Action


def crumbs(*tail) -> list:
    return [module_crumb(), (_("Tình hình nhân dân, điểm nóng"), reverse("activities:situation_list")), *tail]


def _filtered(request):
    queryset = selectors.situations_visible_to(request.user).select_related("unit", "area")
    filterset = SituationFilter(request.GET, queryset=queryset)
    form = filterset.form
    form.fields["unit"].widget.choices = unit_filter_choices(request)
    form.fields["reported_by"].widget = django_forms.HiddenInput()
    for name, label in (("topic", _("Mọi chủ đề")), ("severity", _("Mọi mức độ")), ("hotspot", _("Tất cả"))):
        form.fields[name].widget.choices = [("", label), *list(form.fields[name].choices)[1:]]
    form.fields["q"].widget.attrs["placeholder"] = _("Tiêu đề, đơn vị, địa bàn…")
    form.fields["period"].widget.attrs["placeholder"] = timezone.localdate().strftime("%YM%m")
    return filterset


@login_required
def situation_list(request):
    filterset = _filtered(request)
    page = page_of(request, filtered_rows(filterset).order_by("-reported_on", "-id"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "activities/situations/list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "severity_classes": SEVERITY_CLASSES,
            "export_query": query.urlencode(),
            "can_report": request.user.is_superuser or bool(role_paths(request.user, "editor")),
            "crumbs": crumbs(),
        },
    )


@login_required
def situation_export(request):
    filterset = _filtered(request)
    sheet = ListSheet(
        _("Báo cáo tình hình"),
        [
            (_("Ngày báo cáo"), 12),
            (_("Kỳ"), 10),
            (_("Đơn vị báo cáo"), 30),
            (_("Địa bàn"), 26),
            (_("Chủ đề"), 20),
            (_("Mức độ"), 18),
            (_("Tiêu đề"), 44),
            (_("Nội dung"), 60),
            (_("Mật"), 6),
            (_("Điểm nóng"), 14),
        ],
    )
    for report in filtered_rows(filterset).order_by("-reported_on", "-id").iterator(chunk_size=500):
        sheet.append(
            [
                sheet.date(report.reported_on),
                sheet.text(report.period),
                report.unit.name,
                report.area.name if report.area_id else "",
                report.get_topic_display(),
                report.get_severity_display(),
                report.title,
                report.text,
                _("Mật") if report.confidential else "",
                report.get_hotspot_display() if report.hotspot else "",
            ]
        )
    return xlsx_response(sheet.content(), "bao-cao-tinh-hinh.xlsx")


def step_actions(user, report: SituationReport, steps) -> list[str]:
    """The hotspot steps this user may record now."""
    if report.hotspot != SituationReport.HotspotState.OPEN:
        return []
    if can_follow_hotspot(user, report):
        acknowledged = any(step.action == Action.ACKNOWLEDGED for step in steps)
        return [
            a
            for a in (Action.ACKNOWLEDGED, Action.ACTION, Action.RESOLVED)
            if a != Action.ACKNOWLEDGED or not acknowledged
        ]
    return [Action.ACTION] if services.can_edit(user, report.unit) else []


def _render_detail(request, report, step_form=None):
    steps = selectors.steps_of(report) if report.hotspot else []
    actions = step_actions(request.user, report, steps)
    can_edit = services.can_edit(request.user, report.unit)
    return render(
        request,
        "activities/situations/detail.html",
        {
            "report": report,
            "steps": steps,
            "step_form": step_form or (forms.StepForm(actions=actions) if actions else None),
            "severity_class": SEVERITY_CLASSES[report.severity],
            "can_edit": can_edit,
            "history": history_for(report)[:50] if can_edit else [],
            "crumbs": crumbs((report.title, None)),
        },
    )


@login_required
def situation_detail(request, pk):
    return _render_detail(request, selectors.get_situation_for(request.user, pk))


@login_required
@require_POST
def situation_step(request, pk):
    report = selectors.get_situation_for(request.user, pk)
    steps = selectors.steps_of(report) if report.hotspot else []
    form = forms.StepForm(request.POST, actions=step_actions(request.user, report, steps))
    if not form.fields["action"].choices:
        raise NotAllowed()
    if form.is_valid():
        try:
            services.hotspot_step(
                request.user, report, form.cleaned_data["action"], form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi bước xử lý."))
            return redirect("activities:situation_detail", report.pk)
    return _render_detail(request, report, form)


def _render_form(request, form, report=None):
    title = _("Sửa báo cáo tình hình") if report else _("Báo cáo tình hình")
    tail = [(report.title, reverse("activities:situation_detail", args=[report.pk]))] if report else []
    return render(
        request,
        "activities/situations/form.html",
        {"form": form, "report": report, "title": title, "crumbs": crumbs(*tail, (title, None))},
    )


@login_required
def situation_create(request):
    form = forms.SituationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_situation(request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except NotAllowed as error:
            form.add_error(None, error.message)
        else:
            if report.hotspot:
                messages.warning(
                    request, _("Đã báo nguy cơ điểm nóng: lãnh đạo hai cấp trên đã được thông báo.")
                )
            else:
                messages.success(request, _("Đã gửi báo cáo tình hình."))
            return redirect("activities:situation_detail", report.pk)
    return _render_form(request, form)


@login_required
def situation_edit(request, pk):
    report = selectors.get_situation_for(request.user, pk)
    if not services.can_edit(request.user, report.unit):
        raise NotAllowed()
    form = forms.SituationForm(
        request.POST or None, user=request.user, report=report, initial=forms.initial_of(report)
    )
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "unit"}
        if report.hotspot:
            data.pop("hotspot", None)
        try:
            services.update_situation(request.user, report, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("activities:situation_detail", report.pk)
    return _render_form(request, form, report)


@login_required
def situation_table(request):
    today = timezone.localdate()
    unit = anchor_unit(request)
    code = request.GET.get("period", "").strip()[:16]
    error = ""
    try:
        period = Period.parse(code) if code else Period.containing(PeriodType.MONTH, today)
    except ValueError as problem:
        period, error = Period.containing(PeriodType.MONTH, today), str(problem)
    rows = selectors.severity_table(request.user, unit, period, today) if unit is not None else []
    topics = SituationReport.Topic.choices
    return render(
        request,
        "activities/situations/table.html",
        {
            "unit": unit,
            "period": period,
            "period_error": error,
            "code": code or period.code,
            "rows": rows,
            "topics": topics,
            "severities": SituationReport.Severity.choices,
            "severity_classes": SEVERITY_CLASSES,
            "unit_choices": unit_filter_choices(request),
            "crumbs": crumbs((_("Bảng tình hình theo đơn vị"), None)),
        },
    )
