"""Password recovery by e-mail and the first-login password change (issue #10, Deliver 6 and 8): the mail goes
through a real SMTP server (aiosmtpd) and the test follows its link as the user would; accounts an administrator
created or reset must choose their own password first; the demo accounts are not forced; password rules speak
Vietnamese; the users list has *Thêm*."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from danvan.accounts import services
from danvan.accounts.scope import Role
from danvan.core.errors import ValidationError
from danvan.core.models import ChangeLog
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Thuc-Phan-2026-moi"


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def officer(units):
    return make_user("tp_canbo", units["thuc_phan"], Role.EDITOR, email="canbo@thucphan.example.vn")


def test_a_user_recovers_a_forgotten_password_by_email_end_to_end(officer, smtp_inbox):
    client = Client()
    login = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in login  # “Quên mật khẩu?” on the login page

    response = client.post(reverse("accounts:password_reset"), {"email": "canbo@thucphan.example.vn"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_reset_done")
    [mail] = smtp_inbox.messages
    assert mail.to == ["canbo@thucphan.example.vn"]
    assert mail.subject == "Đặt lại mật khẩu Dân vận số"
    assert "tp_canbo" in mail.body
    link = re.search(r"https?://\S+/tai-khoan/dat-lai-mat-khau/\S+/", mail.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    form_page = client.get("/" + path, follow=True)
    assert "Đặt mật khẩu mới" in form_page.content.decode()
    weak = client.post(form_page.redirect_chain[-1][0], {"new_password1": "12345", "new_password2": "12345"})
    assert "Mật khẩu quá ngắn" in weak.content.decode() and "chỉ gồm chữ số" in weak.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    signed_in = Client().post(reverse("accounts:login"), {"username": "tp_canbo", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302 and signed_in["Location"] == reverse("home:dashboard")
    assert ChangeLog.objects.filter(object_id=str(officer.pk), after__password="đã đổi").exists()
    # The link works once.
    again = client.get("/" + path, follow=True).content.decode()
    assert "không còn hiệu lực" in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(officer, smtp_inbox):
    response = Client().post(reverse("accounts:password_reset"), {"email": "ai-do@example.vn"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert smtp_inbox.messages == []


def test_password_recovery_is_rate_limited_like_the_login(officer, smtp_inbox, settings):
    settings.DANVAN_RATE_LIMITS = {**settings.DANVAN_RATE_LIMITS, "auth_username": "2/min"}
    client = Client()
    for _attempt in range(2):
        assert client.post(reverse("accounts:password_reset"), {"email": officer.email}).status_code == 302
    refused = client.post(reverse("accounts:password_reset"), {"email": officer.email})
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert "Quá nhiều lần thử" in refused.content.decode() and "thử lại sau" in refused.content.decode()
    assert len(smtp_inbox.messages) == 2


def test_a_user_created_by_an_admin_must_change_the_password_before_anything_else(units, province_admin):
    created = services.create_user(
        province_admin, unit=units["thuc_phan"], role=Role.EDITOR, password="Ban-dau-2026-abc", username="moi"
    )
    client = Client()
    client.force_login(created)
    for page in (reverse("home:dashboard"), reverse("reporting:home"), reverse("accounts:profile")):
        response = client.get(page)
        assert response.status_code == 302 and response["Location"] == reverse("accounts:password_change")
    form = client.get(reverse("accounts:password_change")).content.decode()
    assert "Mật khẩu của bạn do quản trị viên đặt" in form and "Mật khẩu hiện tại" in form
    # The token API waits for it too.
    token = client.post(
        "/api/v1/auth/token",
        {"username": "moi", "password": "Ban-dau-2026-abc"},
        content_type="application/json",
    )
    assert token.status_code == 401 and "đổi mật khẩu" in token.json()["detail"]

    changed = client.post(
        reverse("accounts:password_change"),
        {"old_password": "Ban-dau-2026-abc", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert changed["Location"] == reverse("home:dashboard")
    assert client.get(reverse("home:dashboard")).status_code == 200
    created.refresh_from_db()
    assert not created.must_change_password

    # An administrator's reset asks again.
    services.set_password(province_admin, created, "Quan-tri-dat-2026")
    created.refresh_from_db()
    assert created.must_change_password


def test_demo_and_existing_accounts_are_not_forced(commune_editor, client_for):
    assert client_for(commune_editor).get(reverse("home:dashboard")).status_code == 200


def test_weak_passwords_are_refused_in_vietnamese(units, province_admin):
    with pytest.raises(ValidationError) as error:
        services.create_user(
            province_admin, unit=units["thuc_phan"], role=Role.EDITOR, password="12345678", username="yeu"
        )
    words = " ".join(error.value.message_dict["password"])
    assert "Mật khẩu quá ngắn: phải có ít nhất 10 ký tự." in words
    assert "quá phổ biến" in words and "chỉ gồm chữ số" in words
    assert "password" not in words.lower()


def test_the_users_list_has_an_add_button_for_the_unit_one_administers(units, province_admin, client_for):
    client = client_for(province_admin)
    page = client.get(reverse("accounts:user_list")).content.decode()
    add = f"{reverse('accounts:user_create')}?unit={units['cao_bang'].pk}"
    assert add in page and "Thêm" in page
    response = client.post(
        add,
        {
            "username": "them_moi",
            "full_name": "Người Mới",
            "role": Role.EDITOR,
            "password": "Khoi-tao-2026-xyz",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert "them_moi" in client.get(reverse("accounts:user_list")).content.decode()


def test_a_commune_editor_sees_no_add_button(commune_editor, client_for):
    page = client_for(commune_editor).get(reverse("accounts:user_list")).content.decode()
    assert reverse("accounts:user_create") not in page
