"""The unit-tree helpers (orgunits/tree.py, orgunits/lineage.py): what each returns, empty input included.

A list of paths stands for the union of their subtrees, so an empty list covers nothing; None means no limit."""

import datetime

import pytest

from danvan.orgunits.lineage import lineage_paths, lineage_unit_ids, predecessor_paths
from danvan.orgunits.models import LineageLink, OrgUnit, UnitLineage
from danvan.orgunits.tree import (
    covers,
    intersect_paths,
    open_during_q,
    open_on_q,
    outermost,
    path_ids,
    subtree_q,
    subtree_range,
    subtrees_q,
)
from tests import factories

DAY = datetime.date(2025, 7, 1)

# --- paths, no database ---------------------------------------------------------------------------------------------


def test_subtree_range_is_the_path_up_to_the_next_character_after_the_slash():
    assert subtree_range("/12/34/") == ("/12/34/", "/12/340")
    low, high = subtree_range("/12/")
    assert low <= "/12/" < high and low <= "/12/34/" < high
    assert not (low <= "/120/" < high) and not (low <= "/13/" < high)


def test_path_ids_are_the_units_from_the_root():
    assert path_ids("/54/909/") == [54, 909]
    assert path_ids("/7/") == [7]
    assert path_ids("") == []


def test_outermost_drops_paths_inside_another_and_sorts():
    assert outermost(["/1/2/", "/1/", "/3/", "/1/2/5/", "/3/"]) == ["/1/", "/3/"]
    assert outermost(["/12/", "/1/"]) == ["/1/", "/12/"], "a sibling with a longer number is not inside"
    assert outermost([]) == []


def test_intersect_keeps_what_both_lists_cover():
    assert intersect_paths(["/1/2/"], ["/1/"]) == ["/1/2/"]
    assert intersect_paths(["/1/"], ["/1/2/", "/1/3/"]) == ["/1/2/", "/1/3/"]
    assert intersect_paths(["/1/"], ["/2/"]) == []


def test_intersect_with_an_empty_list_is_empty_and_with_none_is_the_paths():
    assert intersect_paths(["/1/"], []) == []
    assert intersect_paths([], ["/1/"]) == []
    assert intersect_paths(["/1/2/", "/1/"], None) == ["/1/"]


def test_covers_a_path_inside_one_of_the_subtrees():
    assert covers(["/1/", "/5/"], "/1/2/")
    assert covers(["/1/"], "/1/")
    assert not covers(["/1/"], "/12/")
    assert not covers([], "/1/")
    assert covers(None, "/1/")


# --- filters on the database ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_subtree_q_is_the_unit_and_everything_under_it(units):
    cao_bang = units["cao_bang"]
    found = OrgUnit.objects.filter(subtree_q(cao_bang.path))
    assert found.filter(pk=cao_bang.pk).exists()
    assert found.filter(pk=units["thuc_phan"].pk).exists()
    assert not found.filter(pk=units["cau_ke"].pk).exists()


@pytest.mark.django_db
def test_subtrees_q_of_an_empty_list_is_nothing_and_of_none_everything(units):
    assert not OrgUnit.objects.filter(subtrees_q([])).exists()
    assert OrgUnit.objects.filter(subtrees_q(None)).count() == OrgUnit.objects.count()
    both = OrgUnit.objects.filter(subtrees_q([units["thuc_phan"].path, units["cau_ke"].path]))
    assert both.filter(pk=units["thuc_phan"].pk).exists() and both.filter(pk=units["cau_ke"].pk).exists()
    assert not both.filter(pk=units["cao_bang"].pk).exists()


@pytest.mark.django_db
def test_subtrees_q_reads_another_path_column(units):
    """An owned object's copy of its unit's path: here a unit's parent's path, through the relation."""
    thuc_phan = units["thuc_phan"]
    children = OrgUnit.objects.filter(subtrees_q([thuc_phan.path], "parent__path"))
    assert children.exists() and not children.filter(pk=thuc_phan.pk).exists()
    assert not OrgUnit.objects.filter(subtrees_q([], "parent__path")).exists()


@pytest.mark.django_db
def test_open_on_q_takes_the_day_itself_from_either_end(units):
    unit = units["thuc_phan"]
    unit.valid_from, unit.valid_to = DAY, DAY
    unit.save()
    at = OrgUnit.objects.filter(pk=unit.pk)
    assert at.filter(open_on_q(DAY)).exists()
    assert not at.filter(open_on_q(DAY - datetime.timedelta(days=1))).exists()
    assert not at.filter(open_on_q(DAY + datetime.timedelta(days=1))).exists()
    assert OrgUnit.objects.filter(parent=unit).filter(open_on_q(DAY, prefix="parent__")).exists()


@pytest.mark.django_db
def test_open_on_q_counts_an_unknown_start_or_end_as_open(units):
    unit = units["thuc_phan"]
    unit.valid_from, unit.valid_to = None, None
    unit.save()
    assert OrgUnit.objects.filter(pk=unit.pk).filter(open_on_q(datetime.date(1900, 1, 1))).exists()
    assert unit.is_open_on(datetime.date(1900, 1, 1))


@pytest.mark.django_db
def test_open_during_q_is_open_on_at_least_one_day(units):
    unit = units["thuc_phan"]
    unit.valid_from, unit.valid_to = datetime.date(2025, 7, 1), datetime.date(2025, 9, 30)
    unit.save()
    at = OrgUnit.objects.filter(pk=unit.pk)
    assert at.filter(open_during_q(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))).exists()
    assert at.filter(open_during_q(datetime.date(2025, 9, 30), datetime.date(2025, 10, 31))).exists()
    assert not at.filter(open_during_q(datetime.date(2025, 10, 1), datetime.date(2025, 12, 31))).exists()
    assert not at.filter(open_during_q(datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))).exists()


@pytest.mark.django_db
def test_open_during_q_with_an_open_bound_reaches_to_that_side(units):
    unit = units["thuc_phan"]
    unit.valid_from, unit.valid_to = datetime.date(2025, 7, 1), datetime.date(2025, 9, 30)
    unit.save()
    at = OrgUnit.objects.filter(pk=unit.pk)
    assert at.filter(open_during_q(None, datetime.date(2025, 7, 1))).exists()
    assert not at.filter(open_during_q(None, datetime.date(2025, 6, 30))).exists()
    assert at.filter(open_during_q(datetime.date(2025, 9, 30), None)).exists()
    assert not at.filter(open_during_q(datetime.date(2025, 10, 1), None)).exists()
    assert at.filter(open_during_q(None, None)).exists()


# --- lineage --------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_lineage_paths_are_the_unit_then_its_same_kind_predecessors(units, django_assert_num_queries):
    thuc_phan = units["thuc_phan"]
    with django_assert_num_queries(1):
        paths = lineage_paths(thuc_phan)
    assert paths[0] == thuc_phan.path and paths[1:] == sorted(paths[1:])
    predecessors = OrgUnit.objects.filter(path__in=paths[1:])
    assert predecessors.exists() and set(predecessors.values_list("kind", flat=True)) == {
        OrgUnit.Kind.COMMUNE
    }
    assert units["tp_cao_bang"].path not in paths, "the dissolved district is not a commune's predecessor"


def _merge(into: OrgUnit, *predecessors: OrgUnit, day=DAY):
    event = UnitLineage.objects.create(kind=UnitLineage.Kind.MERGE, date=day)
    LineageLink.objects.create(event=event, unit=into, role=LineageLink.Role.SUCCESSOR)
    for unit in predecessors:
        LineageLink.objects.create(event=event, unit=unit, role=LineageLink.Role.PREDECESSOR)


@pytest.mark.django_db
def test_lineage_follows_predecessors_of_predecessors_of_the_same_kind(units):
    commune = units["thuc_phan"]
    newest = factories.unit(commune.parent, "Phường Mới", OrgUnit.Kind.COMMUNE)
    agency = factories.agency(commune, "Hội Nông dân")
    _merge(newest, commune, agency)
    paths = lineage_paths(newest)
    assert paths[0] == newest.path
    assert commune.path in paths and set(lineage_paths(commune)) <= set(paths), (
        "the commune's own lineage too"
    )
    assert agency.path not in paths, "an agency is not a commune's predecessor"


@pytest.mark.django_db
def test_a_merged_province_counts_the_provinces_it_was_formed_from(units):
    vinh_long = OrgUnit.objects.get(external_id="vn2025:province:86")
    assert len(lineage_paths(vinh_long)) == 4


@pytest.mark.django_db
def test_a_unit_without_history_has_only_its_own_path(units, django_assert_num_queries):
    cau_ke = units["cau_ke"]
    assert lineage_paths(cau_ke) == [cau_ke.path]
    with django_assert_num_queries(0):
        assert predecessor_paths([]) == []


@pytest.mark.django_db
def test_predecessor_paths_of_several_units_leave_the_units_themselves_out(units):
    thuc_phan, cao_bang = units["thuc_phan"], units["cao_bang"]
    both = predecessor_paths([thuc_phan.path, cao_bang.path])
    assert set(both) == set(lineage_paths(thuc_phan)[1:]) | set(lineage_paths(cao_bang)[1:])
    assert thuc_phan.path not in both and cao_bang.path not in both
    assert both == sorted(both)


@pytest.mark.django_db
def test_lineage_unit_ids_are_the_ids_at_the_end_of_the_lineage_paths(units):
    thuc_phan = units["thuc_phan"]
    ids = lineage_unit_ids(thuc_phan)
    assert ids[0] == thuc_phan.pk
    assert set(OrgUnit.objects.filter(pk__in=ids).values_list("path", flat=True)) == set(
        lineage_paths(thuc_phan)
    )
