import logging

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

from .context import new_request_id, request_id_var


class RequestIdMiddleware:
    """Gives each request an id (or keeps a proxy's X-Request-ID) for the change log and the logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = (
            incoming[:64] if incoming.isascii() and incoming.isprintable() and incoming else None
        )
        request.request_id = request.request_id or new_request_id()
        token = request_id_var.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class RequestIdLogFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get() or "-"
        return True


class CurrentUnitMiddleware:
    """Sets request.current_unit: the unit the user works as, chosen with the switcher in the top bar."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.current_unit = None
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            from danvan.core.scope import current_unit_for

            request.current_unit = current_unit_for(request)
        return self.get_response(request)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Vietnamese unless the user chose another language with the switch in the top bar (the language cookie).

    A browser that asks for English is not a choice: many officials' browsers are set up in English, and the
    platform speaks Vietnamese first (DESIGN §4.4)."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or settings.LANGUAGE_CODE
        try:
            language = translation.get_supported_language_variant(chosen)
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
