"""The staff pages of public feedback under /don-thu/gop-y/: the unit's online feedback with its service level (due
date, days left, answered on time / late / overdue, each count opening its rows), one feedback with its sender, the
sender's request to look again and the answer form, and the unit's service level (its approver)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.errors import NotAllowed
from danvan.core.forms import add_service_errors
from danvan.core.lists import page_of
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import get_unit_for

from .. import selectors, services
from ..forms import AnswerForm, SettingForm
from ..models import FeedbackSetting, PetitionStep


def _unit(request) -> OrgUnit | None:
    """?unit= (404 outside the scope or malformed), else the unit the user works as."""
    raw = request.GET.get("unit", "")
    if raw:
        if not raw.isdigit() or len(raw) > 12:
            raise Http404(_("Không tìm thấy đơn vị."))
        return get_unit_for(request.user, int(raw))
    current = getattr(request, "current_unit", None)
    if current is not None:
        return current
    return next(iter(getattr(request, "user_units", None) or []), None)


def crumbs(*tail) -> list[tuple[str, str | None]]:
    return [(_("Đơn thư, tiếp công dân"), reverse("citizens:home")), *tail]


@login_required
def feedback_list(request):
    unit, today = _unit(request), timezone.localdate()
    if unit is None:
        raise Http404(_("Bạn chưa được giao đơn vị nào."))
    rows = selectors.feedback_of_unit(request.user, unit, today)
    counts = selectors.service_counts(rows)
    state = request.GET.get("state", "")
    if state in selectors.SERVICE_STATES:
        rows = rows.filter(service_state=state)
    page = page_of(request, rows)
    for row in page.object_list:
        row.days_left = (
            (row.service_due_on - today).days if row.service_due_on and not row.answered_on else None
        )
    setting = FeedbackSetting.objects.filter(unit=unit).first()
    return render(
        request,
        "citizens/feedback/list.html",
        {
            "crumbs": crumbs((_("Góp ý trực tuyến"), None)),
            "unit": unit,
            "page_obj": page,
            "counts": [(key, str(label), counts[key]) for key, label in selectors.SERVICE_STATES.items()],
            "state": state,
            "states": selectors.SERVICE_STATES,
            "setting": setting,
            "can_decide": services.can_decide(request.user, unit),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def feedback_detail(request, pk):
    petition = selectors.feedback_for(request.user, pk)
    can_answer = services.can_handle(request.user, petition.unit)
    form = AnswerForm(
        request.POST or None, initial={"answer": petition.answer, "public": petition.answer_public}
    )
    if request.method == "POST":
        if not can_answer:
            raise NotAllowed(_("Bạn không có quyền trả lời góp ý này."))
        if form.is_valid():
            try:
                services.answer_feedback(
                    request.user,
                    petition,
                    answer=form.cleaned_data["answer"],
                    public=form.cleaned_data["public"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Đã lưu câu trả lời. Người gửi xem được bằng mã tra cứu."))
                return redirect("citizens:feedback_detail", pk=petition.pk)
    today = timezone.localdate()
    steps = list(petition.steps.all())
    return render(
        request,
        "citizens/feedback/detail.html",
        {
            "crumbs": crumbs(
                (_("Góp ý trực tuyến"), reverse("citizens:feedback_list") + f"?unit={petition.unit_id}"),
                (petition.tracking_code, None),
            ),
            "petition": petition,
            "senders": list(petition.senders.all()),
            "attachments": list(petition.attachments.all()),
            "steps": steps,
            "reopen": next(
                (
                    s
                    for s in steps
                    if s.action == PetitionStep.Action.REOPEN and s.details.get("by") == "sender"
                ),
                None,
            ),
            "days_left": (petition.service_due_on - today).days
            if petition.service_due_on and not petition.answered_on
            else None,
            "form": form,
            "can_answer": can_answer,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def feedback_settings(request):
    unit = _unit(request)
    if unit is None:
        raise Http404(_("Bạn chưa được giao đơn vị nào."))
    if not services.can_decide(request.user, unit):
        raise NotAllowed(_("Chỉ người phê duyệt của đơn vị đặt được cam kết trả lời góp ý."))
    setting = FeedbackSetting.objects.filter(unit=unit).first()
    form = SettingForm(request.POST or None, instance=setting or FeedbackSetting(unit=unit))
    if request.method == "POST" and form.is_valid():
        try:
            services.set_feedback_setting(
                request.user,
                unit,
                accepts_feedback=form.cleaned_data["accepts_feedback"],
                answer_within_working_days=form.cleaned_data["answer_within_working_days"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu cam kết trả lời góp ý của %(unit)s.") % {"unit": unit.name})
            return redirect(reverse("citizens:feedback_list") + f"?unit={unit.pk}")
    return render(
        request,
        "citizens/feedback/settings.html",
        {
            "crumbs": crumbs(
                (_("Góp ý trực tuyến"), reverse("citizens:feedback_list") + f"?unit={unit.pk}"),
                (_("Cam kết trả lời"), None),
            ),
            "unit": unit,
            "form": form,
        },
    )
