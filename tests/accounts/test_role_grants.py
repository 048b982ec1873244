"""Role grants reach only users of the granting admin's units, and never reveal which usernames exist."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.accounts import services
from danvan.accounts.models import UnitRole
from danvan.accounts.scope import Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

NOT_FOUND = "Không tìm thấy người dùng trong phạm vi đơn vị của bạn"


def grant(client, unit, username, role=Role.VIEWER):
    return client.post(
        reverse("accounts:role_assign") + f"?unit={unit.pk}",
        {"unit": unit.pk, "username": username, "role": role},
    )


def test_unit_admin_cannot_grant_a_role_to_a_user_of_another_province(units, province_admin, client_for):
    outsider = make_user("canbo.vinhlong", units["cau_ke"], Role.EDITOR)
    response = grant(client_for(province_admin), units["thuc_phan"], outsider.username)
    assert response.status_code == 200
    assert NOT_FOUND in response.content.decode()
    assert not UnitRole.objects.filter(user=outsider, unit=units["thuc_phan"]).exists()
    with pytest.raises(ValidationError):
        services.assign_role(province_admin, outsider, units["thuc_phan"], Role.VIEWER)


def test_grant_error_is_the_same_for_an_unknown_and_an_out_of_scope_username(
    units, province_admin, client_for
):
    make_user("canbo.vinhlong", units["cau_ke"], Role.EDITOR)
    client = client_for(province_admin)
    outside = grant(client, units["thuc_phan"], "canbo.vinhlong").content.decode()
    unknown = grant(client, units["thuc_phan"], "khong.ai.ca").content.decode()
    assert NOT_FOUND in outside and NOT_FOUND in unknown
    assert outside.replace("canbo.vinhlong", "X").count("invalid-feedback") == unknown.count(
        "invalid-feedback"
    )
    assert "Không có người dùng" not in outside + unknown


def test_unit_admin_grants_a_role_to_a_user_of_their_subtree(
    units, province_admin, commune_editor, client_for
):
    response = grant(client_for(province_admin), units["nung_tri_cao"], commune_editor.username.upper())
    assert response.status_code == 302
    assert UnitRole.objects.filter(user=commune_editor, unit=units["nung_tri_cao"], role=Role.VIEWER).exists()


def test_superuser_grants_to_anyone(units, superuser, client_for):
    outsider = make_user("canbo.vinhlong", units["cau_ke"], Role.EDITOR)
    assert grant(client_for(superuser), units["thuc_phan"], outsider.username).status_code == 302
    assert UnitRole.objects.filter(user=outsider, unit=units["thuc_phan"]).exists()
