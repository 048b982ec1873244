"""Django's error views, answering JSON {"detail": …} under /api/ (an unknown route, a body Django refuses, a
crash) and the site's pages elsewhere."""

from django.http import JsonResponse

from danvan.home import views as pages

API_PREFIX = "/api/"


def _json(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request, exception=None):
    if _is_api(request):
        return _json("Yêu cầu không hợp lệ.", 400)
    return pages.bad_request(request, exception)


def forbidden(request, exception=None):
    if _is_api(request):
        return _json(str(exception or "") or "Bạn không có quyền thực hiện thao tác này.", 403)
    return pages.forbidden(request, exception)


def not_found(request, exception=None):
    if _is_api(request):
        return _json("Không có địa chỉ này trong API: xem danh sách tại /api/v1/docs.", 404)
    return pages.not_found(request, exception)


def server_error(request):
    if _is_api(request):
        reference = getattr(request, "request_id", "")
        return _json(f"Hệ thống gặp sự cố; đã ghi lại lỗi (mã yêu cầu {reference}). Hãy thử lại sau.", 500)
    return pages.server_error(request)
