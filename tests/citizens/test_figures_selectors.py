"""The citizens' figures: what a unit's subtree received in a period and what became of it, receptions and dialogues
held, counted in one query each, a merged commune's predecessor included, another province never."""

import datetime

import pytest

from danvan.citizens.models import Petition
from danvan.citizens.selectors import counts_table, dialogues_held, petition_figures, receptions_held
from danvan.citizens.selectors.figures import lineages
from danvan.core.periods import Period
from tests.citizens.figures_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db
H1 = Period.parse("2026H1")
TODAY = datetime.date(2026, 7, 15)


def test_a_province_counts_what_its_communes_received_in_the_half_year_and_what_became_of_it(
    citizen_records, units, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the lineage, then one aggregate
        figures = petition_figures(units["cao_bang"], H1, TODAY)
    assert figures["received"] == 7
    assert figures["accepted"] == 4
    assert (figures["on_time"], figures["late"]) == (2, 1)  # one on time without a legal clock
    assert (figures["open"], figures["overdue"]) == (3, 2)
    assert figures["kind_kien_nghi"] == 2
    assert figures["kind_khieu_nai_1"] == 2
    assert (figures["kind_to_cao"], figures["kind_phan_anh"], figures["kind_khieu_nai_2"]) == (1, 1, 1)
    assert figures["field_dat_dai"] == 5
    assert (figures["field_chinh_sach"], figures["field_tham_nhung"]) == (1, 1)
    assert sum(figures[f"kind_{kind}"] for kind in Petition.Kind.values) == figures["received"]


def test_a_commune_counts_only_its_own_subtree(citizen_records, units):
    figures = petition_figures(units["nung_tri_cao"], H1, TODAY)
    assert (figures["received"], figures["open"], figures["overdue"], figures["accepted"]) == (2, 2, 1, 0)


def test_overdue_is_as_of_the_day_asked(citizen_records, units):
    assert petition_figures(units["cao_bang"], H1, datetime.date(2026, 6, 1))["overdue"] == 1
    assert petition_figures(units["cao_bang"], H1, datetime.date(2026, 8, 1))["overdue"] == 3


def test_receptions_and_dialogues_held_in_the_period(citizen_records, units, django_assert_num_queries):
    paths = [units["cao_bang"].path]
    with django_assert_num_queries(2):
        assert receptions_held(units["cao_bang"], H1, lineage=paths) == 3
        assert dialogues_held(units["cao_bang"], H1, lineage=paths) == 1  # planned and cancelled left out
    assert receptions_held(units["thuc_phan"], H1) == 2
    assert dialogues_held(units["nung_tri_cao"], H1) == 0


def test_a_merged_commune_counts_the_commune_it_was_formed_from(predecessor_records, units, predecessor):
    before = Period.parse("2025H1")
    figures = petition_figures(units["thuc_phan"], before, TODAY)
    assert (figures["received"], figures["late"], figures["kind_khieu_nai_1"]) == (1, 1, 1)
    assert receptions_held(units["thuc_phan"], before) == 1
    assert dialogues_held(units["thuc_phan"], before) == 1
    assert petition_figures(units["nung_tri_cao"], before, TODAY)["received"] == 0


def test_the_lineages_of_many_units_are_read_at_once(units, predecessor, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = lineages([units["thuc_phan"].path, units["nung_tri_cao"].path])
    assert found[units["thuc_phan"].path][0] == units["thuc_phan"].path
    assert predecessor.path in found[units["thuc_phan"].path]
    assert predecessor.path not in found[units["nung_tri_cao"].path]


def test_the_counts_table_gives_each_child_its_row_in_one_aggregate_statement(
    citizen_records, units, django_assert_num_queries
):
    cao_bang = units["cao_bang"]
    with django_assert_num_queries(3):  # the rows, their lineages, one aggregate (UNION ALL)
        rows, figures = counts_table(cao_bang, H1, TODAY)
    assert units["thuc_phan"] in rows and units["nung_tri_cao"] in rows
    ward, commune, own = (
        figures[units["thuc_phan"].pk],
        figures[units["nung_tri_cao"].pk],
        figures[cao_bang.pk],
    )
    assert (ward["received"], ward["on_time"], ward["late"], ward["overdue"]) == (4, 2, 1, 1)
    assert (ward["receptions"], ward["dialogues"], ward["kind_to_cao"]) == (2, 1, 1)
    assert (commune["received"], commune["receptions"], commune["dialogues"]) == (2, 1, 0)
    assert (own["received"], own["kind_khieu_nai_2"]) == (1, 1)  # the province's own register
    assert sum(numbers["received"] for numbers in figures.values()) == 7


def test_the_counts_table_of_a_period_before_the_merger_puts_the_predecessor_under_the_new_commune(
    predecessor_records, units, predecessor
):
    rows, figures = counts_table(units["cao_bang"], Period.parse("2025"), TODAY)
    assert units["thuc_phan"] in rows and predecessor not in rows
    assert figures[units["thuc_phan"].pk]["received"] == 1
    assert figures[units["thuc_phan"].pk]["receptions"] == 1
