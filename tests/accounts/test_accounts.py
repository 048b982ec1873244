"""Logging in and out, passwords, brute-force protection, users and roles managed within one's subtree, tokens."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import reverse

from danvan.accounts import services
from danvan.accounts.models import ApiToken, UnitRole, User
from danvan.accounts.scope import Role
from danvan.core.models import ChangeLog
from tests.conftest import DEMO_PASSWORD, make_user

pytestmark = pytest.mark.django_db


def login(client, username, password=DEMO_PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_log_in_and_out(commune_editor):
    client = Client()
    assert login(client, commune_editor.username).status_code == 302
    assert client.get(reverse("home:dashboard")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home:dashboard")).status_code == 302


def test_wrong_password_shows_a_vietnamese_message(commune_editor):
    response = login(Client(), commune_editor.username, "sai-mat-khau")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_wrong_passwords_lock_the_login(commune_editor):
    client = Client()
    for _ in range(3):
        login(client, commune_editor.username, "sai-mat-khau")
    locked = login(client, commune_editor.username)
    assert locked.status_code == 429
    assert "tạm bị khóa" in locked.content.decode()


def test_changing_password_keeps_the_session_and_is_logged(commune_editor):
    client = Client()
    login(client, commune_editor.username)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Mat-khau-moi-2026",
            "new_password2": "Mat-khau-moi-2026",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("home:dashboard")).status_code == 200
    commune_editor.refresh_from_db()
    assert commune_editor.check_password("Mat-khau-moi-2026")
    assert ChangeLog.objects.filter(object_id=str(commune_editor.pk), action="update").exists()


def test_province_admin_creates_a_user_for_a_commune_of_the_province(province_admin, units, client_for):
    response = client_for(province_admin).post(
        reverse("accounts:user_create") + f"?unit={units['thuc_phan'].pk}",
        {
            "unit": units["thuc_phan"].pk,
            "username": "canbo.thucphan",
            "full_name": "Lục Văn Cán",
            "role": Role.EDITOR,
            "password": "Thuc-Phan-2026!",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="canbo.thucphan")
    assert UnitRole.objects.get(user=user).unit == units["thuc_phan"]
    assert user.check_password("Thuc-Phan-2026!")


def test_weak_password_is_refused_naming_the_field(province_admin, units, client_for):
    response = client_for(province_admin).post(
        reverse("accounts:user_create") + f"?unit={units['thuc_phan'].pk}",
        {"unit": units["thuc_phan"].pk, "username": "yeu", "role": Role.EDITOR, "password": "12345678"},
    )
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert not User.objects.filter(username="yeu").exists()


def test_commune_editor_cannot_manage_users(commune_editor, units, client_for):
    client = client_for(commune_editor)
    assert client.get(reverse("accounts:user_create") + f"?unit={units['thuc_phan'].pk}").status_code == 403
    with pytest.raises(PermissionDenied):
        services.assign_role(commune_editor, commune_editor, units["thuc_phan"], Role.ADMIN)


def test_admin_cannot_manage_users_outside_their_subtree(units, province_admin, client_for):
    outsider = make_user("canbo.vinhlong", units["cau_ke"], Role.EDITOR)
    client = client_for(province_admin)
    assert client.get(reverse("accounts:user_detail", args=[outsider.pk])).status_code == 404
    assert outsider.username not in client.get(reverse("accounts:user_list")).content.decode()
    with pytest.raises(PermissionDenied):
        services.update_user(province_admin, outsider, full_name="Đổi tên")


def test_admin_assigns_and_revokes_a_role_with_history(units, province_admin, commune_editor, client_for):
    client = client_for(province_admin)
    response = client.post(
        reverse("accounts:role_assign") + f"?unit={units['nung_tri_cao'].pk}",
        {"unit": units["nung_tri_cao"].pk, "username": commune_editor.username, "role": Role.VIEWER},
    )
    assert response.status_code == 302
    held = UnitRole.objects.get(user=commune_editor, unit=units["nung_tri_cao"])
    client.post(reverse("accounts:role_remove", args=[held.pk]))
    assert not UnitRole.objects.filter(pk=held.pk).exists()
    assert ChangeLog.objects.filter(content_type__model="unitrole", action="delete").exists()


def test_user_list_search_is_accent_insensitive(province_admin, commune_editor, client_for):
    page = client_for(province_admin).get(reverse("accounts:user_list"), {"q": "hoang thi"}).content.decode()
    assert commune_editor.username in page


def test_user_list_search_with_a_nul_byte_answers_the_page(province_admin, commune_editor, client_for):
    page = client_for(province_admin).get(reverse("accounts:user_list"), {"q": "hoang\x00thi"})
    assert page.status_code == 200 and commune_editor.username in page.content.decode()


def test_a_form_sent_without_its_csrf_cookie_gets_a_vietnamese_page_saying_what_to_do(db):
    # Django's own CSRF page is in English ("403 Forbidden", lang="en"): what a user with a stale page saw.
    response = Client(enforce_csrf_checks=True).post(
        reverse("accounts:login"), {"username": "a", "password": "b"}
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert 'lang="vi"' in html and "tải lại trang" in html and "Forbidden" not in html


def test_admin_cannot_lock_themselves_out(province_admin):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.update_user(province_admin, province_admin, is_active=False)


def test_api_token_page_shows_the_key_once_and_revokes(commune_editor, client_for):
    client = client_for(commune_editor)
    page = client.post(reverse("accounts:tokens"), {"name": "Phần mềm phường"}).content.decode()
    token = ApiToken.objects.get(user=commune_editor)
    assert token.key_prefix in page
    assert "dvs_" in page
    assert client.get(reverse("accounts:tokens")).content.decode().count("dvs_") == 1  # only the prefix now
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_security_headers_are_sent(commune_editor, client_for):
    response = client_for(commune_editor).get(reverse("home:dashboard"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Request-ID"]
