"""Pages of the publicity checklist under /don-thu/cong-khai/: a commune's checklist for a period (each item due,
its deadline, when and how it was publicised: on time, late, missing), the province's communes × items, recording
a publication and its channels with their evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.activities.views.common import anchor_unit
from danvan.activities.views.oversight import unit_filter_choices
from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed
from danvan.core.forms import add_service_errors
from danvan.orgunits.models import OrgUnit

from .. import services
from ..forms import ChannelForm, PublicationEditForm, PublicationForm
from ..models.publicity import Status
from ..selectors import publicity as selectors
from .common import file_response, module_crumb, period_of

STATUS_CLASSES = {
    Status.ON_TIME: "text-bg-success",
    Status.LATE: "text-bg-warning",
    Status.MISSING: "text-bg-danger",
    Status.PENDING: "text-bg-secondary",
}


def crumbs(*tail) -> list:
    return [
        module_crumb(),
        (_("Công khai theo Luật THDC ở cơ sở"), reverse("citizens:publicity_checklist")),
        *tail,
    ]


@login_required
def publicity_checklist(request):
    """A commune's checklist, or for a unit above the communes its communes × items."""
    unit = anchor_unit(request)
    period, period_error = period_of(request)
    context = {
        "unit": unit,
        "period": period,
        "period_error": period_error,
        "code": request.GET.get("period", "").strip()[:16] or period.code,
        "unit_choices": unit_filter_choices(request),
        "status_classes": STATUS_CLASSES,
        "crumbs": crumbs(),
    }
    if unit is not None and unit.kind != OrgUnit.Kind.COMMUNE:
        items, rows = selectors.communes_matrix(unit, period)
        context.update(items=items, rows=rows)
        return render(request, "citizens/publicity/overview.html", context)
    entries = selectors.checklist(unit, period) if unit is not None else []
    context.update(
        entries=entries,
        totals=selectors.checklist_totals(entries),
        can_record=unit is not None and services.can_handle(request.user, unit),
    )
    return render(request, "citizens/publicity/checklist.html", context)


@login_required
def publicity_record(request):
    unit = anchor_unit(request)
    if unit is None or unit.kind != OrgUnit.Kind.COMMUNE:
        messages.info(request, _("Hãy chọn một xã, phường để ghi việc công khai."))
        return redirect("citizens:publicity_checklist")
    if not services.can_handle(request.user, unit):
        raise NotAllowed()
    initial = {key: request.GET.get(key, "")[:40] for key in ("item", "period")}
    form = PublicationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            publication = services.record_publication(request.user, unit=unit, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận. Hãy thêm các hình thức công khai đã dùng."))
            return redirect("citizens:publication_detail", publication.pk)
    title = _("Ghi nhận việc công khai")
    return render(
        request,
        "citizens/publicity/form.html",
        {"form": form, "unit": unit, "title": title, "crumbs": crumbs((unit.name, None), (title, None))},
    )


def _render_detail(request, publication, channel_form=None, status=200):
    can_edit = services.can_handle(request.user, publication.unit)
    return render(
        request,
        "citizens/publicity/detail.html",
        {
            "publication": publication,
            "channels": list(publication.channels.all()),
            "status_classes": STATUS_CLASSES,
            "can_edit": can_edit,
            "channel_form": (channel_form or ChannelForm()) if can_edit else None,
            "history": history_for(publication)[:50] if can_edit else [],
            "crumbs": crumbs((publication.title, None)),
        },
        status=status,
    )


@login_required
def publication_detail(request, pk):
    return _render_detail(request, selectors.get_publication_for(request.user, pk))


@login_required
def publication_edit(request, pk):
    publication = selectors.get_publication_for(request.user, pk)
    if not services.can_handle(request.user, publication.unit):
        raise NotAllowed()
    initial = {"title": publication.title, "reference": publication.reference, "note": publication.note}
    form = PublicationEditForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_publication(request.user, publication, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("citizens:publication_detail", publication.pk)
    title = _("Sửa việc công khai")
    return render(
        request,
        "citizens/publicity/form.html",
        {
            "form": form,
            "unit": publication.unit,
            "publication": publication,
            "title": title,
            "crumbs": crumbs(
                (publication.title, reverse("citizens:publication_detail", args=[publication.pk])),
                (title, None),
            ),
        },
    )


@login_required
@require_POST
def publication_channel_add(request, pk):
    publication = selectors.get_publication_for(request.user, pk)
    if not services.can_handle(request.user, publication.unit):
        raise NotAllowed()
    form = ChannelForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_channel(request.user, publication, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm hình thức công khai."))
            return redirect("citizens:publication_detail", publication.pk)
    return _render_detail(request, publication, form, status=200)


@login_required
@require_POST
def publication_channel_remove(request, pk):
    found = selectors.get_channel_for(request.user, pk)
    publication = found.publication
    if not services.can_handle(request.user, publication.unit):
        raise NotAllowed()
    services.remove_channel(request.user, found)
    messages.success(request, _("Đã xóa hình thức công khai."))
    return redirect("citizens:publication_detail", publication.pk)


@login_required
def publication_file(request, pk):
    return file_response(selectors.get_publication_for(request.user, pk))


@login_required
def publication_channel_file(request, pk):
    return file_response(selectors.get_channel_for(request.user, pk))
