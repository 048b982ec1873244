"""API tokens: one per device name, an expiry, last use, revoked by a password change, listed for revocation."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.models import ApiToken
from danvan.core.models import ChangeLog
from tests.conftest import DEMO_PASSWORD, make_user

pytestmark = pytest.mark.django_db


def ask_token(username, name=None, password=DEMO_PASSWORD):
    body = {"username": username, "password": password}
    if name is not None:
        body["name"] = name
    return Client().post("/api/v1/auth/token", json.dumps(body), content_type="application/json")


def me(key):
    return Client().get("/api/v1/me", headers={"Authorization": f"Bearer {key}"})


def test_token_expires_after_the_configured_days(commune_editor, settings):
    settings.DANVAN_TOKEN_DAYS = 30
    answer = ask_token(commune_editor.username).json()
    token = ApiToken.objects.get(user=commune_editor)
    assert abs(token.expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)
    assert answer["name"] == "API" and answer["expires_at"]


def test_expired_token_answers_401_in_vietnamese(commune_editor):
    key = ask_token(commune_editor.username).json()["token"]
    assert me(key).status_code == 200
    ApiToken.objects.filter(user=commune_editor).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = me(key)
    assert response.status_code == 401
    assert "hết hạn" in response.json()["detail"]


def test_asking_again_for_a_device_replaces_its_token_instead_of_piling_up(commune_editor):
    first = ask_token(commune_editor.username, "Máy chủ đồng bộ").json()["token"]
    second = ask_token(commune_editor.username, "Máy chủ đồng bộ").json()["token"]
    assert ApiToken.objects.filter(user=commune_editor).count() == 1
    assert me(first).status_code == 401
    assert me(second).status_code == 200
    ask_token(commune_editor.username, "Điện thoại")
    assert sorted(ApiToken.objects.filter(user=commune_editor).values_list("name", flat=True)) == [
        "Máy chủ đồng bộ",
        "Điện thoại",
    ]


def test_token_creation_replacement_and_revocation_are_logged(commune_editor, client_for):
    ask_token(commune_editor.username, "Điện thoại")
    ask_token(commune_editor.username, "Điện thoại")
    token = ApiToken.objects.get(user=commune_editor)
    client_for(commune_editor).post(reverse("accounts:token_revoke", args=[token.pk]))
    actions = list(
        ChangeLog.objects.filter(content_type__model="apitoken", object_id=str(token.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]


def test_last_use_is_saved_at_most_once_a_minute(commune_editor):
    key = ask_token(commune_editor.username).json()["token"]
    me(key)
    token = ApiToken.objects.get(user=commune_editor)
    assert token.last_used_at is not None
    recent = timezone.now() - timedelta(seconds=30)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recent)
    me(key)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == recent
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(seconds=90))
    me(key)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > recent


def test_admin_password_reset_revokes_tokens_and_ends_sessions(commune_editor, province_admin, client_for):
    key = ask_token(commune_editor.username).json()["token"]
    own = Client()
    own.post(reverse("accounts:login"), {"username": commune_editor.username, "password": DEMO_PASSWORD})
    assert own.get(reverse("home:dashboard")).status_code == 200
    client_for(province_admin).post(
        reverse("accounts:user_detail", args=[commune_editor.pk]),
        {"action": "password", "password": "Mat-khau-moi-2026"},
    )
    assert me(key).status_code == 401
    assert not ApiToken.objects.filter(user=commune_editor).exists()
    assert ChangeLog.objects.filter(
        content_type__model="apitoken", action="delete", user=province_admin
    ).exists()
    assert own.get(reverse("home:dashboard")).status_code == 302


def test_own_password_change_revokes_tokens_and_keeps_this_session(commune_editor):
    key = ask_token(commune_editor.username).json()["token"]
    client = Client()
    client.post(reverse("accounts:login"), {"username": commune_editor.username, "password": DEMO_PASSWORD})
    client.post(
        reverse("accounts:password_change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Mat-khau-moi-2026",
            "new_password2": "Mat-khau-moi-2026",
        },
    )
    assert me(key).status_code == 401
    assert client.get(reverse("home:dashboard")).status_code == 200


def test_tokens_page_lists_name_expiry_and_last_use(commune_editor, client_for, settings):
    settings.DANVAN_TOKEN_DAYS = 90
    key = ask_token(commune_editor.username, "Phần mềm phường").json()["token"]
    me(key)
    token = ApiToken.objects.get(user=commune_editor)
    page = client_for(commune_editor).get(reverse("accounts:tokens")).content.decode()
    assert "Phần mềm phường" in page
    assert (timezone.localtime() + timedelta(days=90)).strftime("%d/%m/%Y") in page
    assert timezone.localtime(token.last_used_at).strftime("%d/%m/%Y %H:%M") in page
    assert reverse("accounts:token_revoke", args=[token.pk]) in page


def test_admin_revokes_a_users_token_from_the_user_page(commune_editor, province_admin, client_for):
    key = ask_token(commune_editor.username, "Điện thoại").json()["token"]
    token = ApiToken.objects.get(user=commune_editor)
    client = client_for(province_admin)
    page = client.get(reverse("accounts:user_detail", args=[commune_editor.pk])).content.decode()
    assert "Điện thoại" in page
    client.post(reverse("accounts:user_token_revoke", args=[commune_editor.pk, token.pk]))
    assert me(key).status_code == 401


def test_admin_of_another_province_cannot_revoke_a_users_token(commune_editor, units, client_for):
    ask_token(commune_editor.username)
    token = ApiToken.objects.get(user=commune_editor)
    outsider = make_user("vinhlong_admin", units["cau_ke"], "admin")
    response = client_for(outsider).post(
        reverse("accounts:user_token_revoke", args=[commune_editor.pk, token.pk])
    )
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_a_password_set_outside_the_pages_also_ends_the_tokens(commune_editor):
    key = ask_token(commune_editor.username).json()["token"]
    commune_editor.set_password("Mat-khau-moi-2026")  # as Django's admin and `danvan changepassword` do
    commune_editor.save()
    assert me(key).status_code == 401


def test_saving_a_user_without_a_new_password_keeps_the_tokens(commune_editor):
    key = ask_token(commune_editor.username).json()["token"]
    commune_editor.full_name = "Hoàng Thị Phường Mới"
    commune_editor.save()
    assert me(key).status_code == 200
