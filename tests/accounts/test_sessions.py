"""Sessions end after DANVAN_SESSION_IDLE_MINUTES without a request and SESSION_COOKIE_AGE after logging in."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from danvan.accounts.middleware import LAST_SEEN, STARTED
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(commune_editor):
    client = Client()
    client.post(reverse("accounts:login"), {"username": commune_editor.username, "password": DEMO_PASSWORD})
    assert client.get(reverse("home:dashboard")).status_code == 200
    return client


def shift(client, **seconds_ago):
    """Moves the session's bookkeeping back in time: shift(client, seen=…, started=…)."""
    session = client.session
    now = int(time.time())
    if "seen" in seconds_ago:
        session[LAST_SEEN] = now - seconds_ago["seen"]
    if "started" in seconds_ago:
        session[STARTED] = now - seconds_ago["started"]
    session.save()


def test_idle_session_expires_and_the_login_page_says_why(signed_in, settings):
    settings.DANVAN_SESSION_IDLE_MINUTES = 480
    shift(signed_in, seen=481 * 60)
    response = signed_in.get(reverse("home:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    page = signed_in.get(response["Location"]).content.decode()
    assert "Phiên làm việc đã hết hạn" in page
    assert signed_in.get(reverse("home:dashboard")).status_code == 302


def test_idle_time_is_configurable(signed_in, settings):
    settings.DANVAN_SESSION_IDLE_MINUTES = 30
    shift(signed_in, seen=31 * 60)
    assert signed_in.get(reverse("home:dashboard")).status_code == 302


def test_activity_within_the_idle_time_keeps_the_session_alive(signed_in, settings):
    settings.DANVAN_SESSION_IDLE_MINUTES = 480
    shift(signed_in, seen=479 * 60)
    assert signed_in.get(reverse("home:dashboard")).status_code == 200
    assert time.time() - signed_in.session[LAST_SEEN] < 60


def test_an_active_session_still_ends_after_its_absolute_lifetime(signed_in, settings):
    shift(signed_in, seen=10, started=settings.SESSION_COOKIE_AGE + 1)
    assert signed_in.get(reverse("home:dashboard")).status_code == 302


def test_the_session_is_not_written_on_every_request(signed_in):
    signed_in.get(reverse("home:dashboard"))
    stored = Session.objects.get().session_data
    for _ in range(3):
        signed_in.get(reverse("home:dashboard"))
    assert Session.objects.get().session_data == stored


def test_an_idle_session_no_longer_authenticates_the_api(signed_in):
    shift(signed_in, seen=481 * 60)
    assert signed_in.get("/api/v1/me").status_code == 401
