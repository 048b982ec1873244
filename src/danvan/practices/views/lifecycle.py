"""A practice's lifecycle from its page: the steps (implement, recognise, not recognise, stop), replication,
reconfirmation for a new year, commendations and attached files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.forms import add_service_errors

from .. import forms as register_forms
from .. import selectors, services
from ..models import Attachment, Practice
from .common import scoped
from .register import STEP_FORMS, render_detail


def _progress_url(practice: Practice, tab: str = "progress") -> str:
    return f"{reverse('practices:detail', args=[practice.pk])}?tab={tab}"


@login_required
@require_POST
def transition(request, pk):
    """implement / recognise / not_recognise / stop, from the forms of the Tiến trình tab."""
    user = request.user
    practice = selectors.get_practice_for(user, pk)
    action = request.POST.get("action", "")
    if action not in STEP_FORMS:
        messages.error(request, _("Bước không hợp lệ."))
        return redirect(_progress_url(practice))
    if action == "recognise":
        form = register_forms.RecogniseForm(request.POST, user=user, practice=practice, prefix=action)
    else:
        form = STEP_FORMS[action](request.POST, prefix=action)
    if form.is_valid():
        data = form.cleaned_data
        details = {}
        if action == "recognise":
            details = {"decision": data["decision"], "recognised_by": data["recognised_by"]}
        try:
            services.transition(
                user, practice, action, date=data["date"], note=data.get("note", ""), **details
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi bước “%(step)s”.") % {"step": services.ACTION_LABELS[action]})
            return redirect(_progress_url(practice))
    return render_detail(request, practice, "progress", {action: form})


@login_required
@require_POST
def replicate(request, pk):
    user = request.user
    practice = selectors.get_practice_for(user, pk)
    form = register_forms.ReplicateForm(request.POST, user=user, practice=practice, prefix="replicate")
    if form.is_valid():
        try:
            replica = services.replicate(
                user,
                practice,
                owner=form.cleaned_data["owner"],
                registration_year=form.cleaned_data["registration_year"],
                name=form.cleaned_data["name"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except NotAllowed as denied:
            form.add_error("owner", denied.message)
        else:
            messages.success(
                request,
                _("Đã nhân rộng mô hình tại %(unit)s.") % {"unit": replica.owner.name},
            )
            return redirect("practices:detail", replica.pk)
    return render_detail(request, practice, "progress", {"replicate": form})


@login_required
@require_POST
def reconfirm(request, pk):
    user = request.user
    practice = selectors.get_practice_for(user, pk)
    form = register_forms.ReconfirmForm(request.POST, prefix="reconfirm")
    if form.is_valid():
        try:
            services.reconfirm(user, practice, form.cleaned_data["year"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Mô hình được tính tiếp trong năm %(year)s.") % {"year": form.cleaned_data["year"]},
            )
            return redirect(_progress_url(practice))
    return render_detail(request, practice, "progress", {"reconfirm": form})


@login_required
@require_POST
def commendation_add(request, pk):
    user = request.user
    practice = selectors.get_practice_for(user, pk)
    form = register_forms.CommendationForm(request.POST, prefix="award")
    if form.is_valid():
        try:
            services.add_commendation(user, practice, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi khen thưởng."))
            return redirect(_progress_url(practice, "awards"))
    return render_detail(request, practice, "awards", {"award": form})


@login_required
@require_POST
def attachment_add(request, pk):
    user = request.user
    practice = selectors.get_practice_for(user, pk)
    form = register_forms.AttachmentForm(request.POST, request.FILES, prefix="file")
    if form.is_valid():
        try:
            added = services.add_attachment(user, practice, form.cleaned_data["file"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã đính kèm “%(name)s”.") % {"name": added.original_name})
            return redirect(_progress_url(practice, "files"))
    return render_detail(request, practice, "files", {"file": form})


def _attachment_for(user, pk) -> Attachment:
    queryset = scoped(Attachment.objects.select_related("practice"), user, "practice__owner_path")
    return get_object_or_404(queryset, pk=pk)


@login_required
def attachment(request, pk):
    """The file, for readers in scope only (the files are not served from a public folder)."""
    found = _attachment_for(request.user, pk)
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404(_("Không tìm thấy tệp.")) from None
    inline = request.GET.get("xem") == "1" and found.is_image
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=found.original_name,
        content_type=found.content_type,
    )
    response["Cache-Control"] = "private, max-age=0"
    return response


@login_required
@require_POST
def attachment_delete(request, pk):
    removed = _attachment_for(request.user, pk)
    services.remove_attachment(request.user, removed)
    messages.success(request, _("Đã xóa “%(name)s”.") % {"name": removed.original_name})
    return redirect(_progress_url(removed.practice, "files"))
