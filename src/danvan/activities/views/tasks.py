"""The task pages under /hoat-dong/nhiem-vu/: the board (mine / assigned by the unit / its subtree, filters, the four
counts each opening the tasks behind it, overdue and due-soon lists), its Excel export, a task's page with its
progress, extensions and history, and the forms that assign, change, report, extend, cancel and reopen."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed
from danvan.core.excel_export import xlsx_response
from danvan.core.forms import add_service_errors
from danvan.core.lists import filtered_rows, page_of

from .. import selectors, services
from ..filters.tasks import TaskFilter
from ..forms.tasks import (
    ExtensionDecisionForm,
    ExtensionRequestForm,
    ProgressForm,
    ReasonForm,
    TaskEditForm,
    TaskForm,
)
from ..models import Task, TaskExtension
from ..selectors.tasks import COUNTED, STATUS_LABELS, Tab, status_expression
from ..task_workbooks import tasks_workbook
from .common import anchor_unit, module_crumb


def crumbs(*tail) -> list[tuple[str, str | None]]:
    return [module_crumb(), (_("Nhiệm vụ"), reverse("activities:task_board")), *tail]


def _tab(request) -> str:
    tab = request.GET.get("tab", "")
    return tab if tab in Tab.__members__.values() else Tab.MINE


def _board_query(request, unit, today):
    tab = _tab(request)
    user = request.user
    base = selectors.board_tasks(user, unit, tab) if unit else selectors.tasks_visible_to(user)
    return tab, base.select_related("assigner", "lead_unit")


@login_required
def task_board(request):
    user, today = request.user, timezone.localdate()
    unit = anchor_unit(request)
    tab, base = _board_query(request, unit, today)
    filterset = TaskFilter(request.GET, queryset=base, today=today)
    period = filterset.chosen_period
    day = selectors.status_on_day_for(period, today)
    rows = filtered_rows(filterset).annotate(status=status_expression(day)).order_by("deadline", "id")
    page = page_of(request, rows)
    counts, count_links = None, {}
    if filterset.is_valid():
        without_status = request.GET.copy()
        without_status.pop("status", None)
        without_status.pop("page", None)
        counted = TaskFilter(without_status, queryset=base, today=today)
        counts = selectors.counts_for(filtered_rows(counted), period, today)
        for status in COUNTED:
            query = without_status.copy()
            query["status"] = status.value
            if unit is not None:
                query["unit"] = str(unit.pk)
            query["tab"] = tab
            count_links[status.value] = query.urlencode()
    query = request.GET.copy()
    query.pop("page", None)
    tab_links = {}
    for each in Tab:
        tab_query = query.copy()
        tab_query["tab"] = each.value
        if unit is not None:
            tab_query["unit"] = str(unit.pk)
        tab_links[each.value] = tab_query.urlencode()
    context = {
        "filter": filterset,
        "page_obj": page,
        "unit": unit,
        "tab": tab,
        "tabs": [(each.value, selectors.TAB_LABELS[each], tab_links[each.value]) for each in Tab],
        "counts": [
            (status.value, STATUS_LABELS[status], counts[status.value], count_links[status.value])
            for status in COUNTED
        ]
        if counts is not None
        else [],
        "period": period,
        "today": today,
        "overdue": list(selectors.overdue_tasks(base, today)[:10]),
        "due_soon": list(selectors.due_soon_tasks(base, today)[:10]),
        "due_soon_days": selectors.DUE_SOON_DAYS,
        "export_query": query.urlencode(),
        "can_assign": unit is not None and services.can_edit(user, unit),
        "crumbs": crumbs(),
    }
    return render(request, "activities/tasks/board.html", context)


@login_required
def task_export(request):
    today = timezone.localdate()
    unit = anchor_unit(request)
    _tab_name, base = _board_query(request, unit, today)
    filterset = TaskFilter(request.GET, queryset=base, today=today)
    tasks = filtered_rows(filterset).prefetch_related("supporting_units").order_by("deadline", "id")
    day = selectors.status_on_day_for(filterset.chosen_period, today)  # as the board's counts read it
    return xlsx_response(tasks_workbook(tasks.iterator(chunk_size=500), day), "nhiem-vu.xlsx")


def _detail_context(request, task: Task, **forms) -> dict:
    user, today = request.user, timezone.localdate()
    reports = (
        task.progress_reports.select_related("created_by")
        .prefetch_related("evidence")
        .order_by("-reported_on", "-id")
    )
    extensions = task.extensions.select_related("requested_by", "decided_by").order_by("-requested_at", "-id")
    can_assign, can_report = services.can_assign(user, task), services.can_report(user, task)
    pending = next((ext for ext in extensions if ext.decision == TaskExtension.Decision.PENDING), None)
    return {
        "task": task,
        "status": selectors.status_of(task, today),
        "supporting": list(task.supporting_units.all()),
        "reports": reports,
        "extensions": extensions,
        "pending": pending,
        "can_assign": can_assign,
        "can_report": can_report and task.state == Task.State.OPEN,
        "history": history_for(task),
        "decision_form": forms.get("decision_form") or (ExtensionDecisionForm() if can_assign else None),
        "cancel_form": forms.get("cancel_form") or ReasonForm(prefix="cancel"),
        "reopen_form": forms.get("reopen_form") or ReasonForm(prefix="reopen"),
        "open_section": forms.get("open_section", ""),
        "crumbs": crumbs((task.title[:60], None)),
    }


@login_required
def task_detail(request, pk):
    task = selectors.get_task_for(request.user, pk)
    return render(request, "activities/tasks/detail.html", _detail_context(request, task))


@login_required
def task_create(request):
    user = request.user
    unit = anchor_unit(request)
    if unit is None:
        raise Http404(_("Hãy chọn đơn vị giao nhiệm vụ."))
    if not services.can_edit(user, unit):
        raise NotAllowed(_("Bạn không có quyền giao nhiệm vụ thay %(unit)s.") % {"unit": unit.name})
    form = TaskForm(request.POST or None)
    form.set_units(user, unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = services.assign_task(
                user,
                assigner=unit,
                lead_unit=data["lead_unit"],
                supporting_units=data["supporting_units"],
                title=data["title"],
                deadline=data["deadline"],
                source=data["source"],
                source_reference=data["source_reference"],
                assigned_on=data["assigned_on"],
                expected_result=data["expected_result"],
                description=data["description"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã giao nhiệm vụ cho %(unit)s.") % {"unit": task.lead_unit.name})
            return redirect("activities:task_detail", task.pk)
    context = {
        "form": form,
        "unit": unit,
        "title": _("Giao nhiệm vụ"),
        "crumbs": crumbs((_("Giao nhiệm vụ"), None)),
    }
    return render(request, "activities/tasks/form.html", context)


@login_required
def task_edit(request, pk):
    user = request.user
    task = selectors.get_task_for(user, pk)
    if not services.can_assign(user, task):
        raise NotAllowed(_("Chỉ đơn vị giao nhiệm vụ mới sửa được nhiệm vụ."))
    supporting = list(task.supporting_units.all())
    initial = {
        "title": task.title,
        "lead_unit": task.lead_unit,
        "supporting_units": supporting,
        "deadline": task.deadline,
        "expected_result": task.expected_result,
        "source_reference": task.source_reference,
        "description": task.description,
    }
    form = TaskEditForm(request.POST or None, initial=initial)
    form.set_units(user, task.assigner, include=[task.lead_unit, *supporting])
    if request.method == "POST" and form.is_valid():
        try:
            services.update_task(user, task, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect("activities:task_detail", task.pk)
    context = {
        "form": form,
        "task": task,
        "unit": task.assigner,
        "title": _("Sửa nhiệm vụ"),
        "crumbs": crumbs(
            (task.title[:60], reverse("activities:task_detail", args=[task.pk])), (_("Sửa"), None)
        ),
    }
    return render(request, "activities/tasks/form.html", context)


@login_required
def task_progress(request, pk):
    user = request.user
    task = selectors.get_task_for(user, pk)
    if not services.can_report(user, task):
        raise NotAllowed(_("Chỉ đơn vị chủ trì mới báo cáo tiến độ nhiệm vụ."))
    form = ProgressForm(request.POST or None, request.FILES or None, initial={"percent": task.progress})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_progress(
                user,
                task,
                percent=data["percent"],
                text=data["text"],
                reported_on=data["reported_on"],
                completes=data["completes"],
                evidence=data["evidence"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done = _("Đã ghi nhận hoàn thành nhiệm vụ.") if data["completes"] else _("Đã báo cáo tiến độ.")
            messages.success(request, done)
            return redirect("activities:task_detail", task.pk)
    context = {
        "form": form,
        "task": task,
        "crumbs": crumbs(
            (task.title[:60], reverse("activities:task_detail", args=[task.pk])), (_("Báo cáo tiến độ"), None)
        ),
    }
    return render(request, "activities/tasks/progress.html", context)


@login_required
def task_extension(request, pk):
    user = request.user
    task = selectors.get_task_for(user, pk)
    if not services.can_report(user, task):
        raise NotAllowed(_("Chỉ đơn vị chủ trì mới đề nghị gia hạn nhiệm vụ."))
    form = ExtensionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_extension(user, task, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Đã gửi đề nghị gia hạn tới %(unit)s.") % {"unit": task.assigner.name}
            )
            return redirect("activities:task_detail", task.pk)
    context = {
        "form": form,
        "task": task,
        "crumbs": crumbs(
            (task.title[:60], reverse("activities:task_detail", args=[task.pk])), (_("Đề nghị gia hạn"), None)
        ),
    }
    return render(request, "activities/tasks/extension.html", context)


@login_required
@require_POST
def task_extension_decide(request, pk):
    user = request.user
    extension = get_object_or_404(
        TaskExtension.objects.filter(task__in=selectors.tasks_visible_to(user)).select_related("task"), pk=pk
    )
    task = extension.task
    form = ExtensionDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_extension(user, extension, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error, {"note": "note"})
        else:
            messages.success(request, _("Đã ghi quyết định gia hạn."))
            return redirect("activities:task_detail", task.pk)
    task.refresh_from_db()
    context = _detail_context(request, task, decision_form=form, open_section="extensions")
    return render(request, "activities/tasks/detail.html", context)


def _reason_step(request, pk, step, prefix: str, done: str):
    user = request.user
    task = selectors.get_task_for(user, pk)
    form = ReasonForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            step(user, task, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("activities:task_detail", task.pk)
    task.refresh_from_db()
    context = _detail_context(request, task, **{f"{prefix}_form": form, "open_section": prefix})
    return render(request, "activities/tasks/detail.html", context)


@login_required
@require_POST
def task_cancel(request, pk):
    return _reason_step(request, pk, services.cancel_task, "cancel", _("Đã hủy nhiệm vụ."))


@login_required
@require_POST
def task_reopen(request, pk):
    return _reason_step(request, pk, services.reopen_task, "reopen", _("Đã mở lại nhiệm vụ."))


@login_required
def task_evidence(request, pk):
    """An evidence file, for readers of its task only (the files are not served from a public folder)."""
    found = get_object_or_404(selectors.evidence_visible_to(request.user), pk=pk)
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404(_("Không tìm thấy tệp.")) from None
    response = FileResponse(
        handle, as_attachment=True, filename=found.original_name, content_type=found.content_type
    )
    response["Cache-Control"] = "private, max-age=0"
    return response
