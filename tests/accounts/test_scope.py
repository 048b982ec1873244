"""A role on a unit covers its subtree and the history of the same-kind units it was formed from."""

import pytest

from danvan.accounts.scope import Role, can_view_path, has_role_on, units_visible_to, visible_paths
from danvan.orgunits.models import OrgUnit
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_commune_editor_sees_own_commune_and_its_predecessor_communes(units, commune_editor):
    thuc_phan = units["thuc_phan"]
    visible = units_visible_to(commune_editor)
    assert visible.filter(pk=thuc_phan.pk).exists()
    predecessors = OrgUnit.objects.filter(
        lineage_links__role="pred", lineage_links__event__links__unit=thuc_phan, kind=OrgUnit.Kind.COMMUNE
    )
    assert predecessors.exists()
    assert set(predecessors.values_list("pk", flat=True)) <= set(visible.values_list("pk", flat=True))


def test_commune_editor_cannot_see_other_commune(units, commune_editor):
    assert not units_visible_to(commune_editor).filter(pk=units["nung_tri_cao"].pk).exists()
    assert not can_view_path(commune_editor, units["nung_tri_cao"].path)


def test_commune_editor_does_not_inherit_the_old_district(units, commune_editor):
    """The dissolved district is not a same-kind predecessor: its other wards belong to other communes."""
    assert not units_visible_to(commune_editor).filter(pk=units["tp_cao_bang"].pk).exists()


def test_province_role_covers_old_districts_and_new_communes(units, province_admin):
    visible = units_visible_to(province_admin)
    assert visible.filter(pk=units["tp_cao_bang"].pk).exists()
    assert visible.filter(pk=units["nung_tri_cao"].pk).exists()
    assert not visible.filter(pk=units["cau_ke"].pk).exists()


def test_new_province_role_covers_merged_provinces_history(units):
    vinh_long = OrgUnit.objects.get(external_id="vn2025:province:86")
    user = make_user("vinhlong", vinh_long, Role.VIEWER)
    visible = units_visible_to(user)
    assert visible.filter(pk=units["cau_ke"].pk).exists(), (
        "Cầu Kè (old Trà Vinh) is history of the new Vĩnh Long"
    )
    assert not visible.filter(pk=units["cao_bang"].pk).exists()


def test_roles_rank_viewer_editor_approver_admin(units):
    user = make_user("approver", units["thuc_phan"], Role.APPROVER)
    path = units["thuc_phan"].path
    assert has_role_on(user, Role.EDITOR, path)
    assert has_role_on(user, Role.APPROVER, path)
    assert not has_role_on(user, Role.ADMIN, path)
    assert not has_role_on(user, Role.VIEWER, units["cao_bang"].path)


def test_superuser_sees_everything(superuser):
    assert visible_paths(superuser) is None


def test_user_without_roles_sees_nothing(db):
    user = make_user("nobody")
    assert not units_visible_to(user).exists()
