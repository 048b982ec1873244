import ipaddress
import logging

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

from .context import new_request_id, request_id_var


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def client_address(request) -> str:
    """The client's address (REMOTE_ADDR, already the real one behind a trusted proxy): lockout and rate limits."""
    return request.META.get("REMOTE_ADDR", "")


class TrustedProxyMiddleware:
    """Behind the reverse proxies of DANVAN_TRUSTED_PROXIES, REMOTE_ADDR becomes the real client's address.

    Only when the direct peer is a trusted proxy: X-Forwarded-For is walked from the right, skipping trusted hops;
    the first untrusted address is the client. A request that did not come through a trusted proxy keeps its own
    address and loses any X-Forwarded-Proto it sent, so nobody can claim HTTPS or another address by a header.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.networks = [ipaddress.ip_network(network) for network in settings.TRUSTED_PROXIES]

    def trusted(self, address) -> bool:
        return address is not None and any(address in network for network in self.networks)

    def __call__(self, request):
        meta = request.META
        if self.trusted(_address(meta.get("REMOTE_ADDR", ""))):
            hops = [hop for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
            for hop in reversed(hops):
                address = _address(hop)
                if address is None:
                    break
                meta["REMOTE_ADDR"] = str(address)
                if not self.trusted(address):
                    break
        else:
            meta.pop("HTTP_X_FORWARDED_PROTO", None)
        return self.get_response(request)


def _client_request_id(request) -> str:
    incoming = request.headers.get("X-Request-ID", "")
    return incoming[:64] if incoming.isascii() and incoming.isprintable() else ""


class RequestIdMiddleware:
    """Gives each request our own id, for the change log, the logs and the X-Request-ID response header.

    An X-Request-ID sent by a client or a proxy is never taken as ours: it is kept apart as
    request.client_request_id and written in the access log beside ours (gunicorn_conf)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.client_request_id = _client_request_id(request)
        request.request_id = new_request_id()
        token = request_id_var.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class RequestIdLogFilter(logging.Filter):
    """Adds our request id to each log line; Django logs a 4xx/5xx response after the middleware has finished, with
    the request attached to the record."""

    def filter(self, record):
        request = getattr(record, "request", None)
        record.request_id = request_id_var.get() or getattr(request, "request_id", None) or "-"
        return True


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
