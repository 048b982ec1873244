"""The account pages added for production (tokens, rate limits, idle sessions) read in English when it is chosen."""

import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.middleware import LAST_SEEN
from danvan.accounts.models import ApiToken
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def in_english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_tokens_page_in_english_says_an_expired_token_expired(commune_editor, client_for):
    client = in_english(client_for(commune_editor))
    client.post(reverse("accounts:tokens"), {"name": "Phần mềm phường"})
    ApiToken.objects.filter(user=commune_editor).update(expires_at=timezone.now() - timedelta(days=1))
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert "<th>Expires</th>" in page
    assert ">Expired</span>" in page
    assert "Past the deadline" not in page
    assert "One token per device" in page


def test_rate_limited_sign_in_page_in_english(commune_editor, settings):
    settings.DANVAN_RATE_LIMITS = {
        "auth_address": "1/min",
        "auth_username": "1000/min",
        "api_user": "1000/min",
        "api_address": "1000/min",
    }
    client = in_english(Client(REMOTE_ADDR="10.0.9.1"))
    client.post(reverse("accounts:login"), {"username": commune_editor.username, "password": "sai-mat-khau"})
    page = client.post(
        reverse("accounts:login"), {"username": commune_editor.username, "password": DEMO_PASSWORD}
    ).content.decode()
    assert "Too many sign-in attempts" in page
    assert "Back to the sign-in page" in page


def test_idle_session_message_in_english(commune_editor, settings):
    settings.DANVAN_SESSION_IDLE_MINUTES = 30
    client = in_english(Client())
    client.post(reverse("accounts:login"), {"username": commune_editor.username, "password": DEMO_PASSWORD})
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    page = client.get(reverse("home:dashboard"), follow=True).content.decode()
    assert "Your session has expired after a period of inactivity" in page
