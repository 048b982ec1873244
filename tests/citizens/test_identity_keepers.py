"""The keeper's role: granted and revoked by an approver or admin of the unit, only to someone holding a role on that
very unit, logged in the change log, shown on the user's own page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.accounts.scope import Role
from danvan.citizens.models import IdentityKeeper
from danvan.citizens.services.identity import grant_keeper
from danvan.core.models import ChangeLog
from tests import factories

from .identity_fixtures import *  # noqa: F403 — the fixtures

pytestmark = pytest.mark.django_db


def keepers_url(unit):
    return f"{reverse('citizens:identity_keepers')}?unit={unit.pk}"


def test_an_approver_grants_and_revokes_the_role_and_both_are_logged(
    units, commune_approver, commune_editor, client_for
):
    client = client_for(commune_approver)
    unit = units["thuc_phan"]
    page = client.get(keepers_url(unit))
    assert page.status_code == 200 and commune_editor.username in page.content.decode()
    assert client.post(keepers_url(unit), {"user": commune_editor.pk}).status_code == 302
    keeper = IdentityKeeper.objects.get(user=commune_editor, unit=unit)
    assert keeper.granted_by == commune_approver
    profile = client_for(commune_editor).get(reverse("accounts:profile")).content.decode()
    assert "Được xem danh tính người tố cáo" in profile and unit.name in profile
    assert client.post(reverse("citizens:identity_keeper_revoke", args=[keeper.pk])).status_code == 302
    assert not IdentityKeeper.objects.exists()
    actions = list(
        ChangeLog.objects.filter(content_type__model="identitykeeper")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "delete"]


def test_the_role_goes_only_to_someone_holding_a_role_on_the_unit_itself(units, province_admin, client_for):
    outsider = factories.user("hamlet_user", factories.hamlet(units["thuc_phan"], "Tổ 9"), Role.EDITOR)
    response = client_for(province_admin).post(keepers_url(units["thuc_phan"]), {"user": outsider.pk})
    assert response.status_code == 200 and "Chọn" in response.content.decode()
    assert not IdentityKeeper.objects.exists()


def test_an_editor_cannot_manage_keepers_and_another_province_does_not_see_the_page(
    units, commune_editor, other_commune_editor, keeper, client_for
):
    unit = units["thuc_phan"]
    assert client_for(commune_editor).get(keepers_url(unit)).status_code == 403
    assert client_for(commune_editor).post(keepers_url(unit), {"user": commune_editor.pk}).status_code == 403
    assert client_for(other_commune_editor).get(keepers_url(unit)).status_code == 404
    revoke = reverse("citizens:identity_keeper_revoke", args=[keeper.identity_keeper_of.get().pk])
    assert client_for(commune_editor).post(revoke).status_code == 403
    assert client_for(other_commune_editor).post(revoke).status_code == 404
    assert IdentityKeeper.objects.count() == 1


def test_a_province_admin_is_no_keeper_until_granted_on_the_handling_unit(
    units, province_admin, denunciation, client_for
):
    page = reverse("citizens:identity", args=[denunciation.pk])
    assert client_for(province_admin).get(page).status_code == 403
    IdentityKeeper.objects.create(user=province_admin, unit=units["thuc_phan"])
    assert client_for(province_admin).get(page).status_code == 200


def test_an_approver_cannot_appoint_themselves(units, commune_approver):
    with pytest.raises(ValidationError):
        grant_keeper(commune_approver, user=commune_approver, unit=units["thuc_phan"])
    assert not IdentityKeeper.objects.exists()
