from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

LOCKED_MESSAGE = "Đăng nhập sai quá nhiều lần; tài khoản tạm bị khóa đăng nhập 15 phút."


def locked_out(request, credentials=None, *args, **kwargs):
    """Axes' answer to a locked-out login: JSON for the API, a page for people."""
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": LOCKED_MESSAGE}, status=429)
    else:
        response = render(request, "accounts/locked_out.html", status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME * 3600))
    return response
