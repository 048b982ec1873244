"""The meeting pages under /hoat-dong/hoi-nghi/: the list (and its Excel export), a meeting as its minutes show it,
the forms (meeting, attendance, conclusions → tasks, documents), the lifecycle steps, the minutes and the conclusion
notice as Word and PDF, and the invitation as an .ics file."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.scope import units_visible_to
from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.core.forms import add_service_errors
from danvan.core.lists import filtered_rows, page_of
from danvan.orgunits.forms import tree_choices
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import open_on_q

from .. import documents
from ..filters.meetings import MeetingFilter
from ..forms import meetings as meeting_forms
from ..models import Meeting, MeetingDocument
from ..selectors import meetings as meeting_selectors
from ..selectors.tasks import STATUS_LABELS, status_of
from ..services import meeting_invitations
from ..services import meetings as meeting_services
from ..services.access import can_edit
from .common import module_crumb
from .meetings_export import meetings_workbook_response

DOCUMENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _crumbs(*tail):
    return [module_crumb(), (_("Hội nghị, giao ban"), reverse("activities:meeting_list")), *tail]


def _filtered(request):
    data = request.GET.copy()
    current = getattr(request, "current_unit", None)
    if "unit" not in data and current is not None:
        data["unit"] = str(current.pk)
    base = meeting_selectors.with_task_counts(meeting_selectors.meetings_visible_to(request.user))
    filterset = MeetingFilter(data, queryset=base)
    field = filterset.form.fields["unit"]
    field.queryset = units_visible_to(request.user)
    field.widget.choices = _unit_choices(request.user, current)
    return filterset


def _unit_choices(user, current):
    """A short unit list for the filter: the user's units and the current one, with their children (no hamlets)."""
    roots = list(OrgUnit.objects.filter(pk__in=[r.unit_id for r in user.unit_roles.all()]))
    if current is not None:
        roots.append(current)
    if not roots and user.is_superuser:
        roots = list(OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE).open_on(timezone.localdate()))
    children = OrgUnit.objects.filter(parent__in=roots).exclude(kind=OrgUnit.Kind.HAMLET)
    children = children.filter(open_on_q(timezone.localdate()))
    units = {unit.pk: unit for unit in [*roots, *units_visible_to(user).filter(pk__in=children.values("pk"))]}
    return tree_choices(units.values(), _("Tất cả đơn vị trong phạm vi"))


@login_required
def meeting_list(request):
    filterset = _filtered(request)
    rows = filtered_rows(filterset).order_by("-starts_at", "-id")
    page = page_of(request, rows)
    context = {
        "crumbs": _crumbs(),
        "filter": filterset,
        "page_obj": page,
        "can_create": meeting_forms.organizer_units(request.user).exists(),
        "export_query": request.GET.urlencode(),
    }
    return render(request, "activities/meetings/list.html", context)


@login_required
def meeting_export(request):
    filterset = _filtered(request)
    return meetings_workbook_response(filtered_rows(filterset).order_by("-starts_at", "-id"))


def _editable(request, pk: int) -> Meeting:
    meeting = meeting_selectors.get_meeting_for(request.user, pk)
    if not can_edit(request.user, meeting.organizer):
        raise NotAllowed(_("Bạn không có quyền sửa hội nghị này."))
    return meeting


@login_required
def meeting_detail(request, pk: int):
    meeting = meeting_selectors.get_meeting_for(request.user, pk)
    today = timezone.localdate()
    tasks = list(
        meeting.tasks.select_related("lead_unit").prefetch_related("supporting_units").order_by("id")
    )
    for task in tasks:
        task.status_now = status_of(task, today)
        task.status_label = STATUS_LABELS[task.status_now]
    context = {
        "crumbs": _crumbs((meeting.title, None)),
        "meeting": meeting,
        "attendance": meeting_selectors.attendance_of(meeting),
        "connection_points": list(meeting.connection_points.all()),
        "documents": list(meeting.documents.all()),
        "tasks": tasks,
        "can_edit": can_edit(request.user, meeting.organizer),
        "document_form": meeting_forms.DocumentForm(),
        "history": history_for(meeting)[:50],
    }
    return render(request, "activities/meetings/detail.html", context)


@transaction.atomic
def _save_meeting(request, form, meeting):
    """The meeting and its connection points, both or neither."""
    fields = form.service_fields()
    if meeting is None:
        meeting = meeting_services.create_meeting(request.user, **fields)
    else:
        meeting = meeting_services.update_meeting(
            request.user, meeting, reason=form.cleaned_data.get("reason", ""), **fields
        )
    names = form.connection_point_names()
    if names or meeting.connection_points.exists():
        meeting_services.set_connection_points(request.user, meeting, names)
    return meeting


@login_required
def meeting_create(request):
    return _meeting_form(request, None)


@login_required
def meeting_edit(request, pk: int):
    return _meeting_form(request, _editable(request, pk))


def _meeting_form(request, meeting):
    form = meeting_forms.MeetingForm(request.POST or None, user=request.user, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save_meeting(request, form, meeting)
        except ValidationError as error:
            add_service_errors(
                form, error, {"starts_at": "day", "ends_at": "end_time", "attendances": "__all__"}
            )
        except NotAllowed as error:
            form.add_error("organizer", str(error))
        else:
            messages.success(request, _("Đã lưu hội nghị."))
            return redirect("activities:meeting_detail", saved.pk)
    title = _("Sửa hội nghị") if meeting else _("Ghi hội nghị, giao ban")
    crumbs = _crumbs(
        *((meeting.title, reverse("activities:meeting_detail", args=[meeting.pk])),) if meeting else ()
    )
    context = {"crumbs": [*crumbs, (title, None)], "form": form, "meeting": meeting, "title": title}
    return render(request, "activities/meetings/form.html", context)


@login_required
def meeting_attendance(request, pk: int):
    meeting = _editable(request, pk)
    formset = meeting_forms.AttendanceFormSet(
        request.POST or None,
        user=request.user,
        prefix="people",
        initial=None if request.method == "POST" else meeting_forms.attendance_initial(meeting),
    )
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        try:
            meeting_services.set_attendance(request.user, meeting, formset.entries())
        except ValidationError as error:
            errors = [message for messages_ in messages_of(error).values() for message in messages_]
        else:
            messages.success(request, _("Đã lưu thành phần tham dự."))
            return redirect("activities:meeting_detail", meeting.pk)
    context = {
        "crumbs": _crumbs(
            (meeting.title, reverse("activities:meeting_detail", args=[meeting.pk])), (_("Thành phần"), None)
        ),
        "meeting": meeting,
        "formset": formset,
        "service_errors": errors,
    }
    return render(request, "activities/meetings/attendance.html", context)


_TASK_KEY = re.compile(r"^tasks-(\d+)-(\w+)$")


@login_required
def meeting_tasks(request, pk: int):
    meeting = _editable(request, pk)
    formset = meeting_forms.TaskFormSet(request.POST or None, organizer=meeting.organizer, prefix="tasks")
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        rows = formset.rows()
        try:
            meeting_services.conclusion_to_tasks(request.user, meeting, [row for _index, row in rows])
        except ValidationError as error:
            for key, found in messages_of(error).items():
                match = _TASK_KEY.match(key)
                if match and int(match[1]) < len(rows):
                    form = formset.forms[rows[int(match[1])][0]]
                    field = match[2] if match[2] in form.fields else None
                    for message in found:
                        form.add_error(field, message)
                else:
                    errors.extend(found)
        else:
            messages.success(request, _("Đã giao %(n)s nhiệm vụ từ kết luận.") % {"n": len(rows)})
            return redirect("activities:meeting_detail", meeting.pk)
    context = {
        "crumbs": _crumbs(
            (meeting.title, reverse("activities:meeting_detail", args=[meeting.pk])),
            (_("Giao nhiệm vụ từ kết luận"), None),
        ),
        "meeting": meeting,
        "formset": formset,
        "service_errors": errors,
    }
    return render(request, "activities/meetings/tasks.html", context)


@login_required
@require_POST
def meeting_document_upload(request, pk: int):
    meeting = _editable(request, pk)
    form = meeting_forms.DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            meeting_services.add_document(
                request.user, meeting, form.cleaned_data["file"], form.cleaned_data["description"]
            )
        except ValidationError as error:
            for found in messages_of(error).values():
                for message in found:
                    messages.error(request, message)
        else:
            messages.success(request, _("Đã tải tài liệu lên."))
    else:
        for found in form.errors.values():
            for message in found:
                messages.error(request, message)
    return redirect(reverse("activities:meeting_detail", args=[meeting.pk]) + "#tai-lieu")


@login_required
def meeting_document(request, pk: int, document_pk: int):
    meeting = meeting_selectors.get_meeting_for(request.user, pk)
    document = get_object_or_404(MeetingDocument, pk=document_pk, meeting=meeting)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


@login_required
@require_POST
def meeting_document_delete(request, pk: int, document_pk: int):
    meeting = _editable(request, pk)
    document = get_object_or_404(MeetingDocument, pk=document_pk, meeting=meeting)
    meeting_services.delete_document(request.user, document)
    messages.success(request, _("Đã xóa tài liệu."))
    return redirect(reverse("activities:meeting_detail", args=[meeting.pk]) + "#tai-lieu")


@login_required
@require_POST
def meeting_transition(request, pk: int, action: str):
    meeting = _editable(request, pk)
    if action not in meeting_services.ACTIONS:
        raise Http404
    form = meeting_forms.ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        meeting_services.transition(request.user, meeting, action, reason)
    except ValidationError as error:
        for found in messages_of(error).values():
            for message in found:
                messages.error(request, message)
    else:
        messages.success(request, _("Đã cập nhật tình trạng hội nghị."))
    return redirect("activities:meeting_detail", meeting.pk)


def _document(request, pk: int, kind: str, extension: str):
    meeting = meeting_selectors.get_meeting_for(request.user, pk)
    if extension not in DOCUMENT_TYPES:
        raise Http404
    builders = {
        ("minutes", "docx"): documents.minutes_docx,
        ("minutes", "pdf"): documents.minutes_pdf,
        ("notice", "docx"): documents.notice_docx,
        ("notice", "pdf"): documents.notice_pdf,
    }
    content = builders[(kind, extension)](meeting)
    name = documents.file_name(meeting, kind, extension)
    disposition = "inline" if extension == "pdf" else "attachment"
    return HttpResponse(
        content,
        content_type=DOCUMENT_TYPES[extension],
        headers={"Content-Disposition": f'{disposition}; filename="{name}"'},
    )


@login_required
def meeting_minutes(request, pk: int, extension: str):
    return _document(request, pk, "minutes", extension)


@login_required
def meeting_notice(request, pk: int, extension: str):
    return _document(request, pk, "notice", extension)


@login_required
def meeting_ics(request, pk: int):
    meeting = meeting_selectors.get_meeting_for(request.user, pk)
    cancelled = meeting.status == Meeting.Status.CANCELLED
    return HttpResponse(
        meeting_invitations.ics_of(meeting, cancel=cancelled),
        content_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="hoi-nghi-{meeting.pk}.ics"'},
    )
