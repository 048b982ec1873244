"""Rate limits: authentication per address and per username, the API per user and per address; 429 + Retry-After."""

import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

HIGH = "1000/min"


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def limits(settings):
    """limits(**rates): lowers the named rates for this test, the others stay high."""

    def set_rates(**rates):
        settings.DANVAN_RATE_LIMITS = {
            scope: rates.get(scope, HIGH)
            for scope in ("auth_address", "auth_username", "api_user", "api_address")
        }

    return set_rates


def ask_token(username, password="sai-mat-khau", address="10.0.0.1", **headers):
    return Client(REMOTE_ADDR=address).post(
        "/api/v1/auth/token",
        json.dumps({"username": username, "password": password}),
        content_type="application/json",
        headers=headers,
    )


def assert_rate_limited_json(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "thử lại sau" in response.json()["detail"]


def test_token_endpoint_answers_429_with_retry_after_per_address(commune_editor, limits):
    limits(auth_address="3/min")
    for username in ("a", "b", "c"):
        assert ask_token(username).status_code == 401
    assert_rate_limited_json(ask_token(commune_editor.username, DEMO_PASSWORD))
    assert ask_token(commune_editor.username, DEMO_PASSWORD, address="10.0.0.2").status_code == 200


def test_token_endpoint_limits_one_username_tried_from_many_addresses(commune_editor, limits):
    limits(auth_username="3/min")
    for n in range(3):
        assert ask_token(commune_editor.username, address=f"10.0.1.{n}").status_code == 401
    assert_rate_limited_json(ask_token(commune_editor.username.upper(), DEMO_PASSWORD, address="10.0.1.9"))
    assert ask_token("someone-else", address="10.0.1.9").status_code == 401


def test_limits_count_the_client_address_not_a_forwarded_for_header(limits):
    limits(auth_address="2/min")
    for n in range(2):
        ask_token(f"user{n}", **{"X-Forwarded-For": f"192.0.2.{n}"})
    assert_rate_limited_json(ask_token("user9", **{"X-Forwarded-For": "192.0.2.99"}))


def test_login_page_answers_a_plain_429_page_with_retry_after(commune_editor, limits):
    limits(auth_address="2/min")
    client = Client(REMOTE_ADDR="10.0.2.1")
    for _ in range(2):
        client.post(
            reverse("accounts:login"), {"username": commune_editor.username, "password": "sai-mat-khau"}
        )
    response = client.post(
        reverse("accounts:login"), {"username": commune_editor.username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "Quá nhiều lần thử đăng nhập" in response.content.decode()
    assert client.get(reverse("accounts:login")).status_code == 200  # reading the page is not an attempt


def test_login_page_limits_one_username_tried_from_many_addresses(commune_editor, limits):
    limits(auth_username="2/min")
    for n in range(2):
        Client(REMOTE_ADDR=f"10.0.3.{n}").post(
            reverse("accounts:login"), {"username": commune_editor.username, "password": "sai-mat-khau"}
        )
    response = Client(REMOTE_ADDR="10.0.3.9").post(
        reverse("accounts:login"), {"username": commune_editor.username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 429


def test_api_answers_429_per_user(commune_editor, other_commune_editor, client_for, limits):
    limits(api_user="3/min")
    client = client_for(commune_editor)
    for _ in range(3):
        assert client.get("/api/v1/me").status_code == 200
    assert_rate_limited_json(client.get("/api/v1/me"))
    assert client_for(other_commune_editor).get("/api/v1/me").status_code == 200


def test_api_answers_429_per_address(commune_editor, other_commune_editor, limits):
    limits(api_address="3/min")
    first, second = Client(REMOTE_ADDR="10.0.4.1"), Client(REMOTE_ADDR="10.0.4.1")
    first.force_login(commune_editor)
    second.force_login(other_commune_editor)
    for _ in range(3):
        assert first.get("/api/v1/me").status_code == 200
    assert_rate_limited_json(second.get("/api/v1/me"))


def test_bearer_token_calls_are_limited_per_user(commune_editor, limits):
    limits(api_user="2/min")
    key = (
        Client()
        .post(
            "/api/v1/auth/token",
            json.dumps({"username": commune_editor.username, "password": DEMO_PASSWORD}),
            content_type="application/json",
        )
        .json()["token"]
    )
    client = Client(headers={"Authorization": f"Bearer {key}"})
    for _ in range(2):
        assert client.get("/api/v1/me").status_code == 200
    assert_rate_limited_json(client.get("/api/v1/me"))


def test_openapi_documents_the_429_answer(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/auth/token", "/api/v1/me"):
        for operation in schema["paths"][path].values():
            assert "Retry-After" in operation["responses"]["429"]["headers"]


def test_a_form_encoded_token_request_is_refused_cleanly_not_with_a_500(limits):
    limits()
    response = Client().post("/api/v1/auth/token", {"username": "a", "password": "b"})
    assert response.status_code in (400, 415, 422)
