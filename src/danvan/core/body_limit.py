"""Request bodies bigger than Django's DATA_UPLOAD_MAX_MEMORY_SIZE (5 MB): refused as JSON 413 on the API, and let
through, within their own bound, for the one endpoint documented to take more (the bulk write of report values)."""

import functools

from django.conf import settings
from django.http import JsonResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

# 200,000 rows of {"unit": …, "period": "2026H1", "indicator": "…", "category": "", "value": …, "reason": ""}
# take about 25 MB; twice that leaves room for long codes, reasons and indentation.
BULK_MAX_BYTES = 50 * 1024 * 1024


def content_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except (TypeError, ValueError):
        return 0


def _megabytes(size: int) -> str:
    return number_format(size / 1024 / 1024, 1)


def too_big(request, limit: int) -> JsonResponse:
    """413 with a JSON {"detail": …} saying the size and the limit."""
    detail = _(
        "Nội dung gửi lên (%(size)s MB) vượt quá giới hạn %(limit)s MB của thao tác này: hãy chia thành nhiều lần "
        "gửi. Ghi số liệu hàng loạt (POST /api/v1/reporting/values) nhận tới %(bulk)s MB."
    ) % {
        "size": _megabytes(content_length(request)),
        "limit": _megabytes(limit),
        "bulk": _megabytes(BULK_MAX_BYTES),
    }
    return JsonResponse({"detail": detail}, status=413, json_dumps_params={"ensure_ascii": False})


def larger_body(limit: int = BULK_MAX_BYTES):
    """A view decorator (ninja: @decorate_view) for an endpoint that takes bodies up to `limit` bytes: the declared
    length is checked before anything is read; a body over 5 MB is then read here, past Django's general bound."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            length = content_length(request)
            if length > limit:
                return too_big(request, limit)
            if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE and not hasattr(request, "_body"):
                request._body = (
                    request.read()
                )  # what HttpRequest.body keeps; read within this endpoint's bound
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
