"""The public feedback pages, without signing in: /gop-y/ (choose the province, then send to a unit), the thank-you
page with the tracking code, and the lookup /gop-y/tra-cuu/ by code, where the sender may say once that the answer
did not resolve it. No page shows a person or an internal note."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.forms import add_service_errors
from danvan.orgunits.models import OrgUnit

from .. import antispam, selectors, services, tracking
from ..forms import FeedbackForm, LookupForm, ReopenForm

TEMPLATES = "citizens/feedback/public"


def _refused(request, message: str, status: int):
    return render(request, f"{TEMPLATES}/refused.html", {"message": message}, status=status)


def _province(request) -> OrgUnit | None:
    raw = request.POST.get("tinh") or request.GET.get("tinh", "")
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 12:
        raise Http404(_("Không tìm thấy tỉnh, thành phố."))
    return get_object_or_404(selectors.accepting_provinces(), pk=int(raw))


@require_http_methods(["GET", "POST"])
def feedback(request):
    province = _province(request)
    if province is None:
        return render(request, f"{TEMPLATES}/choose.html", {"provinces": selectors.accepting_provinces()})
    units = list(selectors.accepting_units(province))
    if request.method == "GET":
        form = FeedbackForm(units=units, initial={"unit": request.GET.get("don_vi", "")})
        return render(request, f"{TEMPLATES}/form.html", {"form": form, "province": province})
    if antispam.request_over_limit(request, "feedback_send"):
        return _refused(request, antispam.limited_message("feedback_send"), 429)
    form = FeedbackForm(request.POST, request.FILES, units=units)
    status = 200
    if antispam.trapped(request.POST):
        form.add_error(None, antispam.trap_message())
        status = 400
    elif problem := antispam.fill_time_problem(request.POST.get(antispam.STARTED_FIELD, "")):
        form.add_error(None, problem)
        status = 400
    elif form.is_valid():
        unit = next(u for u in units if str(u.pk) == form.cleaned_data["unit"])
        try:
            petition = services.submit_feedback(
                unit=unit, data=form.service_data(), files=form.cleaned_data["attachments"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("citizens_public:feedback_sent", code=petition.tracking_code)
    return render(request, f"{TEMPLATES}/form.html", {"form": form, "province": province}, status=status)


def _tracked(code):
    """The feedback of `code` as the public sees it, after the lookup limit."""
    normal = tracking.normalise(code)
    if normal is None:
        raise Http404(_("Không tìm thấy góp ý có mã này."))
    return selectors.feedback_by_code(normal)


def feedback_sent(request, code):
    if antispam.request_over_limit(request, "feedback_lookup"):
        return _refused(request, antispam.limited_message("feedback_lookup"), 429)
    try:
        petition = _tracked(code)
    except Http404:
        return render(request, f"{TEMPLATES}/not_found.html", status=404)
    return render(request, f"{TEMPLATES}/sent.html", {"item": selectors.public_view(petition)})


def feedback_lookup(request):
    form = LookupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        normal = tracking.normalise(form.cleaned_data["code"])
        if normal is not None:
            return redirect("citizens_public:feedback_track", code=normal)
        form.add_error("code", _("Mã tra cứu gồm 12 ký tự sau chữ GY, ví dụ GY-7K3M-Q9TD-2WXA."))
    return render(request, f"{TEMPLATES}/lookup.html", {"form": form})


@require_http_methods(["GET", "POST"])
def feedback_track(request, code):
    if antispam.request_over_limit(request, "feedback_lookup"):
        return _refused(request, antispam.limited_message("feedback_lookup"), 429)
    try:
        petition = _tracked(code)
    except Http404:
        return render(request, f"{TEMPLATES}/not_found.html", status=404)
    if petition.tracking_code != code:
        return redirect("citizens_public:feedback_track", code=petition.tracking_code)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_reopen(petition, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(
                reverse("citizens_public:feedback_track", args=[petition.tracking_code]) + "?da_gui=1"
            )
    return render(
        request,
        f"{TEMPLATES}/track.html",
        {
            "item": selectors.public_view(petition),
            "form": form,
            "reopened": "da_gui" in request.GET,
            "statuses": list(selectors.PUBLIC_STATUS.items()),
        },
    )
