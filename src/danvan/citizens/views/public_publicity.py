"""The public pages of publicity and consultations, without sign-in (app `citizens_public`): what a commune
publicised, searched by words (accents aside) and by period; a consultation's draft, how to comment while it is
open (protected by `citizens.antispam`) and its result once concluded. Commenters appear only under the name they
chose to show."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.errors import ValidationError
from danvan.core.forms import add_service_errors
from danvan.core.lists import page_of
from danvan.core.periods import Period

from .. import services
from ..antispam import TRAP_FIELD, over_limit, trap_message
from ..forms import PublicCommentForm, PublicSearchForm
from ..selectors import consultations as consultation_selectors
from ..selectors import publicity as selectors
from .common import file_response

COMMENTS_PER_HOUR = 5


def public_publicity(request, unit_id):
    unit = selectors.public_unit(unit_id)
    form = PublicSearchForm(request.GET or None)
    words, period, period_error = "", None, ""
    if form.is_valid():
        words = form.cleaned_data["q"]
        code = form.cleaned_data["period"].strip()
        if code:
            try:
                period = Period.parse(code)
            except ValueError as error:
                period_error = str(error)
    page = page_of(request, selectors.public_publications(unit, words=words, period=period), size=20)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "citizens/publicity/public.html",
        {
            "unit": unit,
            "form": form,
            "period_error": period_error,
            "page_obj": page,
            "query": query.urlencode(),
            "consultations": list(consultation_selectors.public_consultations(unit)[:20]),
        },
    )


def public_publication_file(request, pk):
    return file_response(selectors.public_publication(pk), public=True)


def _client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


@require_http_methods(["GET", "POST"])
def public_consultation(request, pk):
    consultation = consultation_selectors.public_consultation(pk)
    is_open = consultation_selectors.open_for_comments(consultation)
    form = PublicCommentForm(request.POST or None) if is_open else None
    status = 200
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Dự thảo này không còn nhận góp ý."))
            return redirect("citizens_public:public_consultation", consultation.pk)
        if request.POST.get(TRAP_FIELD):
            form.add_error(None, trap_message())
            status = 400
        elif over_limit(
            "consultation", _client_address(request), limit=COMMENTS_PER_HOUR, window_seconds=3600
        ):
            form.add_error(None, _("Bạn đã gửi nhiều góp ý trong một giờ. Hãy thử lại sau."))
            status = 429
        elif form.is_valid():
            data = {key: value for key, value in form.cleaned_data.items() if key != TRAP_FIELD}
            try:
                services.add_comment(None, consultation, public=True, **data)
            except ValidationError as error:
                add_service_errors(form, error)
                status = 400
            else:
                messages.success(request, _("Cảm ơn bạn đã góp ý. Ủy ban nhân dân xã sẽ tổng hợp ý kiến."))
                return redirect("citizens_public:public_consultation", consultation.pk)
        else:
            status = 400
    concluded = consultation.status == consultation.Status.CONCLUDED
    return render(
        request,
        "citizens/consultations/public.html",
        {
            "consultation": consultation,
            "is_open": is_open,
            "form": form,
            "trap_field": TRAP_FIELD,
            "comments": list(consultation_selectors.comments_of(consultation)),
            "result": consultation_selectors.consultation_result(consultation) if concluded else None,
        },
        status=status,
    )


def public_consultation_file(request, pk):
    return file_response(consultation_selectors.public_consultation(pk), public=True)
