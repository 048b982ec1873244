"""Pages of the consultations under /don-thu/lay-y-kien/: the list, a draft's form, a consultation's page with its
steps (open, close, conclude with the summary), the comments entered by staff, the hamlets' household ballots and
the result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from danvan.accounts.scope import role_paths
from danvan.activities.views.common import anchor_unit
from danvan.activities.views.oversight import unit_filter_choices
from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed
from danvan.core.forms import add_service_errors
from danvan.core.lists import filtered_rows, page_of
from danvan.orgunits.models import OrgUnit

from .. import services
from ..filters import ConsultationFilter
from ..forms import BallotForm, CommentForm, ConsultationForm
from ..forms.consultations import StepForm
from ..models import Consultation
from ..selectors import consultations as selectors
from .common import file_response, module_crumb

STATUS_CLASSES = {
    Consultation.Status.DRAFT: "text-bg-secondary",
    Consultation.Status.OPEN: "text-bg-primary",
    Consultation.Status.CLOSED: "text-bg-warning",
    Consultation.Status.CONCLUDED: "text-bg-success",
}
NEXT_ACTIONS = {
    Consultation.Status.DRAFT: ("open", gettext_lazy("Mở lấy ý kiến")),
    Consultation.Status.OPEN: ("close", gettext_lazy("Kết thúc lấy ý kiến")),
    Consultation.Status.CLOSED: ("conclude", gettext_lazy("Công bố kết quả")),
}


def crumbs(*tail) -> list:
    return [module_crumb(), (_("Lấy ý kiến Nhân dân"), reverse("citizens:consultation_list")), *tail]


@login_required
def consultation_list(request):
    queryset = selectors.consultations_visible_to(request.user).select_related("unit")
    filterset = ConsultationFilter(request.GET, queryset=queryset)
    filterset.form.fields["unit"].widget.choices = unit_filter_choices(request)
    for name, label in (("status", _("Mọi tình trạng")), ("kind", _("Mọi hình thức"))):
        filterset.form.fields[name].widget.choices = [
            ("", label),
            *list(filterset.form.fields[name].choices)[1:],
        ]
    page = page_of(request, filtered_rows(filterset).order_by("-opens_on", "-id"))
    return render(
        request,
        "citizens/consultations/list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "status_classes": STATUS_CLASSES,
            "can_create": request.user.is_superuser or bool(role_paths(request.user, "editor")),
            "crumbs": crumbs(),
        },
    )


@login_required
def consultation_create(request):
    unit = anchor_unit(request)
    if unit is None or unit.kind != OrgUnit.Kind.COMMUNE:
        messages.info(request, _("Hãy chọn một xã, phường để lấy ý kiến Nhân dân."))
        return redirect("citizens:consultation_list")
    if not services.can_handle(request.user, unit):
        raise NotAllowed()
    form = ConsultationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.create_consultation(request.user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu dự thảo. Mở lấy ý kiến khi sẵn sàng."))
            return redirect("citizens:consultation_detail", consultation.pk)
    title = _("Lấy ý kiến Nhân dân về dự thảo")
    return render(
        request,
        "citizens/consultations/form.html",
        {"form": form, "unit": unit, "title": title, "crumbs": crumbs((title, None))},
    )


@login_required
def consultation_edit(request, pk):
    consultation = selectors.get_consultation_for(request.user, pk)
    if not services.can_handle(request.user, consultation.unit):
        raise NotAllowed()
    fields = ("kind", "title", "text", "opens_on", "closes_on")
    form = ConsultationForm(
        request.POST or None,
        request.FILES or None,
        initial={name: getattr(consultation, name) for name in fields},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_consultation(request.user, consultation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("citizens:consultation_detail", consultation.pk)
    title = _("Sửa dự thảo")
    return render(
        request,
        "citizens/consultations/form.html",
        {
            "form": form,
            "unit": consultation.unit,
            "consultation": consultation,
            "title": title,
            "crumbs": crumbs(
                (consultation.title, reverse("citizens:consultation_detail", args=[consultation.pk])),
                (title, None),
            ),
        },
    )


def _render_detail(request, consultation, *, step_form=None, comment_form=None, ballot_form=None):
    can_edit = services.can_handle(request.user, consultation.unit)
    hamlets = selectors.hamlets_of(consultation)
    if not can_edit:
        # A hamlet head enters their own hamlet's ballot only.
        hamlets = hamlets.filter(pk__in=[h.pk for h in hamlets if services.can_handle(request.user, h)])
    taking = consultation.status in (Consultation.Status.OPEN, Consultation.Status.CLOSED)
    next_action = NEXT_ACTIONS.get(consultation.status) if can_edit else None
    return render(
        request,
        "citizens/consultations/detail.html",
        {
            "consultation": consultation,
            "result": selectors.consultation_result(consultation),
            "ballots": list(selectors.ballots_of(consultation)),
            "comments": list(selectors.comments_of(consultation)),
            "status_classes": STATUS_CLASSES,
            "can_edit": can_edit,
            "next_action": next_action,
            "step_form": step_form or StepForm(initial={"action": next_action[0]}) if next_action else None,
            "comment_form": (comment_form or CommentForm(initial={"received_on": timezone.localdate()}))
            if can_edit and taking
            else None,
            "ballot_form": (ballot_form or BallotForm(hamlets=hamlets))
            if taking and hamlets.exists()
            else None,
            "history": history_for(consultation)[:50] if can_edit else [],
            "crumbs": crumbs((consultation.title, None)),
        },
    )


@login_required
def consultation_detail(request, pk):
    return _render_detail(request, selectors.get_consultation_for(request.user, pk))


@login_required
@require_POST
def consultation_step(request, pk):
    consultation = selectors.get_consultation_for(request.user, pk)
    if not services.can_handle(request.user, consultation.unit):
        raise NotAllowed()
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_transition(
                request.user, consultation, form.cleaned_data["action"], summary=form.cleaned_data["summary"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã chuyển bước."))
            return redirect("citizens:consultation_detail", consultation.pk)
    for field, errors in form.errors.items():
        if field != "summary":
            for message in errors:
                messages.error(request, message)
    return _render_detail(request, consultation, step_form=form)


@login_required
@require_POST
def consultation_comment(request, pk):
    consultation = selectors.get_consultation_for(request.user, pk)
    if not services.can_handle(request.user, consultation.unit):
        raise NotAllowed()
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(request.user, consultation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi góp ý."))
            return redirect("citizens:consultation_detail", consultation.pk)
    return _render_detail(request, consultation, comment_form=form)


@login_required
@require_POST
def consultation_ballot(request, pk):
    consultation = selectors.get_consultation_for(request.user, pk)
    form = BallotForm(request.POST, hamlets=selectors.hamlets_of(consultation))
    if form.is_valid():
        try:
            services.record_ballot(request.user, consultation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi kết quả biểu quyết."))
            return redirect("citizens:consultation_detail", consultation.pk)
    return _render_detail(request, consultation, ballot_form=form)


@login_required
def consultation_file(request, pk):
    return file_response(selectors.get_consultation_for(request.user, pk))
