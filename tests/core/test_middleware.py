"""The request's id and the client's real address behind a reverse proxy (core/middleware.py)."""

import logging

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from danvan.core.middleware import RequestIdLogFilter, RequestIdMiddleware, TrustedProxyMiddleware
from tests.conftest import DEMO_PASSWORD


def seen_by_the_app(settings, trusted: str, remote: str, forwarded: str = "", proto: str = ""):
    """What the application sees as REMOTE_ADDR and X-Forwarded-Proto behind TrustedProxyMiddleware."""
    settings.TRUSTED_PROXIES = [p for p in trusted.split(",") if p]
    middleware = TrustedProxyMiddleware(
        lambda request: HttpResponse(f"{request.META['REMOTE_ADDR']} {request.is_secure()}")
    )
    headers = {"REMOTE_ADDR": remote}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    if proto:
        headers["HTTP_X_FORWARDED_PROTO"] = proto
    return middleware(RequestFactory().get("/", **headers)).content.decode()


@pytest.fixture
def proxy_ssl_header(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def test_behind_a_trusted_proxy_the_client_address_comes_from_x_forwarded_for(settings, proxy_ssl_header):
    assert seen_by_the_app(settings, "127.0.0.1", "127.0.0.1", "203.0.113.7", "https") == "203.0.113.7 True"


def test_the_chain_is_walked_from_the_right_skipping_trusted_hops(settings, proxy_ssl_header):
    # The client wrote "1.1.1.1" itself; 203.0.113.7 reached our load balancer (10.0.0.5), which reached nginx.
    chain = "1.1.1.1, 203.0.113.7, 10.0.0.5"
    assert seen_by_the_app(settings, "127.0.0.1,10.0.0.0/8", "127.0.0.1", chain).split()[0] == "203.0.113.7"


def test_a_client_talking_directly_cannot_claim_another_address_or_https(settings, proxy_ssl_header):
    assert seen_by_the_app(settings, "127.0.0.1", "198.51.100.9", "10.9.9.9", "https") == "198.51.100.9 False"


def test_without_trusted_proxies_forwarded_headers_are_ignored(settings, proxy_ssl_header):
    assert seen_by_the_app(settings, "", "127.0.0.1", "203.0.113.7", "https") == "127.0.0.1 False"


def test_a_garbled_forwarded_chain_stops_at_the_last_good_hop(settings):
    chain = "203.0.113.7, not-an-address, 192.0.2.44"
    assert seen_by_the_app(settings, "127.0.0.1", "127.0.0.1", chain).split()[0] == "192.0.2.44"


def test_ipv6_clients_behind_a_trusted_proxy(settings):
    assert seen_by_the_app(settings, "::1", "::1", "2001:db8::5").split()[0] == "2001:db8::5"


@pytest.mark.django_db
def test_lockout_behind_a_proxy_keys_on_the_real_client_not_the_proxy(settings, commune_editor):
    """Five wrong passwords from one client lock that client out, not every user behind the same nginx."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    url = reverse("accounts:login")
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.66")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(url, {"username": commune_editor.username, "password": "sai-mat-khau"})
    assert (
        attacker.post(url, {"username": commune_editor.username, "password": DEMO_PASSWORD}).status_code
        == 429
    )

    colleague = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    answer = colleague.post(url, {"username": commune_editor.username, "password": DEMO_PASSWORD})
    assert answer.status_code == 302


def test_the_request_id_is_ours_even_when_the_client_sends_one():
    seen = {}

    def app(request):
        seen["ours"], seen["client"] = request.request_id, request.client_request_id
        return HttpResponse()

    response = RequestIdMiddleware(app)(RequestFactory().get("/", HTTP_X_REQUEST_ID="chosen-by-client"))
    assert seen["client"] == "chosen-by-client"
    assert seen["ours"] != "chosen-by-client"
    assert response["X-Request-ID"] == seen["ours"]


def test_a_client_request_id_with_control_characters_is_dropped():
    seen = {}

    def app(request):
        seen["client"] = request.client_request_id
        return HttpResponse()

    RequestIdMiddleware(app)(RequestFactory().get("/", HTTP_X_REQUEST_ID="a\x1b[31mb"))
    assert seen["client"] == ""


def test_log_lines_written_after_the_response_carry_our_request_id():
    """Django logs a 404 or a 500 once the middleware has finished: the id comes from the request then."""
    request = RequestFactory().get("/")
    request.request_id = "0123456789abcdef"
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found", (), None)
    record.request = request
    RequestIdLogFilter().filter(record)
    assert record.request_id == "0123456789abcdef"
