"""What the citizens' pages of publicity and consultations share: the breadcrumbs' first step, the period asked
for, a stored file answered as a download."""

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.periods import Period, PeriodType


def module_crumb() -> tuple[str, str]:
    return (_("Đơn thư, tiếp công dân"), reverse("citizens:home"))


def period_of(request, default_type: PeriodType = PeriodType.YEAR) -> tuple[Period, str]:
    """The period ?period= names (the current one of `default_type` when absent), and the error when it is not one."""
    today = timezone.localdate()
    fallback = Period.containing(default_type, today)
    code = request.GET.get("period", "").strip()[:16]
    if not code:
        return fallback, ""
    try:
        return Period.parse(code), ""
    except ValueError as error:
        return fallback, str(error)


def file_response(found, *, public: bool = False) -> FileResponse:
    """The row's stored file as a download under its original name."""
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404(_("Không tìm thấy tệp.")) from None
    response = FileResponse(
        handle, as_attachment=True, filename=found.original_name, content_type=found.content_type
    )
    response["Cache-Control"] = "public, max-age=300" if public else "private, max-age=0"
    response["X-Content-Type-Options"] = "nosniff"
    return response
