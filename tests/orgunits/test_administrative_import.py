"""The national units, before and after 1/7/2025, as `danvan import_units` loads them (done once for the test DB)."""

import datetime
import io

import pytest
from django.core.management import call_command

from danvan.core.figures import UNITS
from danvan.core.models import FiguresVersion
from danvan.orgunits.models import LineageLink, OrgUnit
from danvan.orgunits.selectors import lineage_of

pytestmark = pytest.mark.django_db

AFTER = datetime.date(2026, 1, 1)
BEFORE = datetime.date(2025, 6, 30)


def count(kind, day):
    return OrgUnit.objects.filter(kind=kind, external_id__startswith="vn").open_on(day).count()


def test_today_vietnam_has_34_provinces_3321_communes_and_no_districts(db):
    assert count(OrgUnit.Kind.PROVINCE, AFTER) == 34
    assert count(OrgUnit.Kind.COMMUNE, AFTER) == 3321
    assert count(OrgUnit.Kind.DISTRICT, AFTER) == 0


def test_before_the_reform_vietnam_had_63_provinces_696_districts_10051_communes(db):
    assert count(OrgUnit.Kind.PROVINCE, BEFORE) == 63
    assert count(OrgUnit.Kind.DISTRICT, BEFORE) == 696
    assert count(OrgUnit.Kind.COMMUNE, BEFORE) == 10051


def test_import_is_idempotent(db):
    before = OrgUnit.objects.count(), LineageLink.objects.count()
    call_command("import_units", verbosity=0)
    assert (OrgUnit.objects.count(), LineageLink.objects.count()) == before


def test_unchanged_province_stays_one_unit_across_the_reform(units):
    cao_bang = units["cao_bang"]
    assert cao_bang.valid_from is None and cao_bang.valid_to is None
    assert cao_bang.children.filter(kind=OrgUnit.Kind.DISTRICT).exists()
    assert cao_bang.children.filter(kind=OrgUnit.Kind.COMMUNE, valid_from=datetime.date(2025, 7, 1)).exists()


def test_merged_province_closes_and_the_new_one_lists_its_predecessors(superuser):
    new_vinh_long = OrgUnit.objects.get(external_id="vn2025:province:86")
    predecessors = {link.unit.name for link in lineage_of(superuser, new_vinh_long)["predecessors"]}
    assert predecessors == {"Tỉnh Vĩnh Long", "Tỉnh Bến Tre", "Tỉnh Trà Vinh"}


def test_cau_ke_district_leads_to_todays_communes(units, superuser):
    successors = lineage_of(superuser, units["cau_ke"])["successors"]
    assert successors
    assert all(link.unit.kind == OrgUnit.Kind.COMMUNE and link.unit.valid_to is None for link in successors)
    assert {link.unit.parent.name for link in successors} == {"Tỉnh Vĩnh Long"}


def test_paths_depths_and_province_codes_are_consistent(units):
    thuc_phan = units["thuc_phan"]
    assert thuc_phan.path == f"/{units['cao_bang'].pk}/{thuc_phan.pk}/"
    assert thuc_phan.depth == 1
    assert thuc_phan.province_code == "04"
    assert units["tp_cao_bang"].province_code == "04"


def test_subtree_count_matches_the_orm_with_and_without_a_date(units):
    from danvan.orgunits.selectors import subtree_count
    from danvan.orgunits.tree import subtree_q

    cao_bang = units["cao_bang"]
    assert subtree_count(cao_bang) == OrgUnit.objects.filter(subtree_q(cao_bang.path)).count()
    assert (
        subtree_count(cao_bang, AFTER)
        == OrgUnit.objects.filter(subtree_q(cao_bang.path)).open_on(AFTER).count()
    )
    assert subtree_count(cao_bang, BEFORE) > subtree_count(cao_bang, AFTER)


def test_an_import_that_changes_the_tree_changes_the_units_figures_version(db):
    """Cached counts and the list of province codes the nation's figures are put together from are keyed by it."""
    # A name the import will put right.
    OrgUnit.objects.filter(external_id="vn:province:04").update(name="Tỉnh Cao Bằng (tên cũ)")
    before = FiguresVersion.objects.get(name=UNITS).token
    call_command("import_units", stdout=io.StringIO())
    assert FiguresVersion.objects.get(name=UNITS).token != before
