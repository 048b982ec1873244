"""One NinjaAPI assembling each app's api.py (DESIGN §3), with Vietnamese errors for every failure."""

import functools
import math

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as SchemaError
from ninja.renderers import JSONRenderer
from ninja.security import django_auth

from danvan.accounts.api import me_router
from danvan.accounts.api import router as accounts_router
from danvan.accounts.auth import TokenAuth
from danvan.accounts.throttling import API_LIMITS, rate_limited_message
from danvan.activities.api import people_router
from danvan.activities.api import router as activities_router
from danvan.citizens.api import public_router
from danvan.citizens.api import router as citizens_router
from danvan.core.body_limit import too_big
from danvan.core.errors import messages_of
from danvan.ingest.api import router as ingest_router
from danvan.orgunits.api import router as units_router
from danvan.portal.api import router as portal_router
from danvan.practices.api import router as practices_router
from danvan.reporting.api import router as reporting_router

from .input import NotJson, StrictParser, UnsafeInput, check_value
from .openapi import document_errors


class UnicodeRenderer(JSONRenderer):
    """JSON with Vietnamese letters as they are, not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


class DanvanAPI(NinjaAPI):
    """ninja's API, whose OpenAPI document also lists every operation's error responses."""

    def get_openapi_schema(self, *args, **kwargs):
        return document_errors(super().get_openapi_schema(*args, **kwargs))


api = DanvanAPI(
    renderer=UnicodeRenderer(),
    parser=StrictParser(),
    title="Dân vận số API",
    version="1",
    description=(
        "API của Dân vận số. Xác thực: gửi `POST /api/v1/auth/token` với tên đăng nhập và mật khẩu để nhận mã, "
        "rồi gửi kèm mỗi yêu cầu tiêu đề `Authorization: Bearer <mã>`."
    ),
    auth=[TokenAuth(), django_auth],
    throttle=API_LIMITS,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _checked_path(run):
    """Path parameters get the checks the parser gives the query and the body (ids beyond 2**53, NUL)."""

    @functools.wraps(run)
    def checked(request, *args, **kwargs):
        try:
            for name, value in kwargs.items():
                check_value(name, value)
        except UnsafeInput as error:
            return on_unsafe_input(request, error)
        return run(request, *args, **kwargs)

    return checked


api.add_decorator(_checked_path, mode="view")
api.add_router("/auth", accounts_router)
api.add_router("/", units_router)
api.add_router("/", me_router)
api.add_router("/practices", practices_router)
api.add_router("/reporting", reporting_router)
api.add_router("/activities", activities_router)
api.add_router("/citizens", citizens_router)
api.add_router("/public", public_router)
api.add_router("/people", people_router)
api.add_router("/portal", portal_router)
api.add_router("/ingest", ingest_router)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    errors = messages_of(exc)
    detail = "; ".join(f"{m}" for messages in errors.values() for m in messages)
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(SchemaError)
def on_schema_error(request, exc):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = list(error.get("loc", ()))
        if location[:1] == ["body"] and len(location) > 2:
            location = location[2:]  # ("body", <parameter name>, field…): the field is what the caller sent
        location = [str(part) for part in location if part not in ("body", "query", "path")]
        field = ".".join(location) or "__all__"
        errors.setdefault(field, []).append(_schema_message(error))
    detail = "; ".join(f"{field}: {m}" for field, messages in errors.items() for m in messages)
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


def _schema_message(error: dict) -> str:
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind == "missing":
        return "Thiếu trường bắt buộc."
    if kind == "string_too_long":
        return f"Dài quá {context.get('max_length')} ký tự."
    if kind in ("literal_error", "enum"):
        return f"Giá trị không hợp lệ: dùng {context.get('expected')}."
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(context.values()), "")
        words = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}
        return f"Phải {words[kind]} {bound}."
    if kind.startswith("int"):
        return "Phải là số nguyên."
    if kind.startswith("date"):
        return "Ngày không hợp lệ: dùng dạng yyyy-mm-dd."
    if kind.startswith("string"):
        return "Phải là chuỗi ký tự hợp lệ."
    if kind == "json_invalid":
        return "Nội dung gửi lên không phải JSON hợp lệ."
    return "Giá trị không hợp lệ."


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return api.create_response(request, {"detail": "Chưa xác thực: hãy gửi mã truy cập hợp lệ."}, status=401)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    message = str(exc) or "Bạn không có quyền thực hiện thao tác này."
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(
        request, {"detail": "Không tìm thấy, hoặc bạn không có quyền xem."}, status=404
    )


@api.exception_handler(UnsafeInput)
def on_unsafe_input(request, exc):
    field = exc.field or "__all__"
    detail = f"{exc.field}: {exc.message}" if exc.field else exc.message
    return api.create_response(request, {"detail": detail, "errors": {field: [exc.message]}}, status=422)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request, exc):
    return too_big(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


@api.exception_handler(Throttled)
def on_throttled(request, exc):
    return api.create_response(
        request, {"detail": rate_limited_message(math.ceil(exc.wait or 60))}, status=429
    )


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    cause = exc.__cause__  # ninja turns whatever its parser raises into a 400 "Cannot parse request body"
    if isinstance(cause, UnsafeInput):
        return on_unsafe_input(request, cause)
    if isinstance(cause, NotJson):
        return api.create_response(
            request, {"detail": "Nội dung gửi lên không phải JSON hợp lệ (UTF-8, không có NaN)."}, status=400
        )
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
