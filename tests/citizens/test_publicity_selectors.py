"""The publicity figures (`publicity_counts`, bound by the half-year report), the commune's checklist and the
province's communes × items: what is due, on time, late and missing, within the scope the caller passes."""

import datetime

import pytest
from django.db.models import Q

from danvan.citizens import services
from danvan.citizens.selectors import checklist, communes_matrix, publicity_counts
from danvan.core.periods import Period
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import open_on_q, subtree_q, subtrees_q

from .publicity_fixtures import item, publish

pytestmark = pytest.mark.django_db
APRIL = (datetime.date(2026, 4, 1), datetime.date(2026, 4, 30))
LATER = datetime.date(2026, 6, 1)  # "today" of the counts: April's deadlines have passed


def communes_open(unit, day):
    return OrgUnit.objects.filter(subtree_q(unit.path), open_on_q(day), kind=OrgUnit.Kind.COMMUNE).count()


def test_a_commune_s_quarterly_budget_published_on_the_deadline_is_on_time(commune_editor, units):
    publish(
        commune_editor, units["thuc_phan"], "thuc-hien-ngan-sach-quy", "2026Q1", on=datetime.date(2026, 4, 15)
    )
    paths = subtree_q(units["thuc_phan"].path, "unit_path")
    assert publicity_counts(paths, *APRIL, today=LATER) == {"due": 1, "on_time": 1, "late": 0, "missing": 0}


def test_a_day_after_the_deadline_is_late_and_nothing_published_is_missing(commune_editor, units):
    publish(
        commune_editor, units["thuc_phan"], "thuc-hien-ngan-sach-quy", "2026Q1", on=datetime.date(2026, 4, 16)
    )
    services.record_publication(
        commune_editor,
        unit=units["thuc_phan"],
        item=item("thu-hoi-dat"),
        decision_on=datetime.date(2026, 4, 20),
        title="Phương án bồi thường đường tránh",
    )
    paths = subtree_q(units["thuc_phan"].path, "unit_path")
    assert publicity_counts(paths, *APRIL, today=LATER) == {"due": 2, "on_time": 0, "late": 1, "missing": 1}


def test_before_its_deadline_an_item_not_yet_published_is_not_counted(commune_editor, units):
    paths = subtree_q(units["thuc_phan"].path, "unit_path")
    assert publicity_counts(paths, *APRIL, today=datetime.date(2026, 4, 15)) == {
        "due": 0,
        "on_time": 0,
        "late": 0,
        "missing": 0,
    }
    assert publicity_counts(paths, *APRIL, today=datetime.date(2026, 4, 16))["missing"] == 1


def test_a_province_counts_every_commune_open_on_the_deadline_and_no_other_province(commune_editor, units):
    publish(
        commune_editor, units["thuc_phan"], "thuc-hien-ngan-sach-quy", "2026Q1", on=datetime.date(2026, 4, 2)
    )
    province = units["cao_bang"]
    communes = communes_open(province, datetime.date(2026, 4, 15))
    assert communes > 10
    counts = publicity_counts(subtree_q(province.path, "unit_path"), *APRIL, today=LATER)
    assert counts == {"due": communes, "on_time": 1, "late": 0, "missing": communes - 1}
    other = subtree_q(units["nung_tri_cao"].path, "unit_path")
    assert publicity_counts(other, *APRIL, today=LATER) == {"due": 1, "on_time": 0, "late": 0, "missing": 1}
    nobody = subtrees_q([], "unit_path")
    assert publicity_counts(nobody, *APRIL, today=LATER) == {"due": 0, "on_time": 0, "late": 0, "missing": 0}


def test_the_counts_take_three_queries_whatever_the_communes(
    commune_editor, units, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        publicity_counts(Q(), *APRIL, today=LATER)


def test_the_checklist_lists_each_item_due_in_the_period_with_its_status(commune_editor, units):
    commune = units["thuc_phan"]
    publish(commune_editor, commune, "thuc-hien-ngan-sach-quy", "2026Q1", on=datetime.date(2026, 4, 10))
    services.record_publication(
        commune_editor,
        unit=commune,
        item=item("du-an-dau-tu"),
        decision_on=datetime.date(2026, 5, 5),
        title="Dự án nhà văn hóa thôn",
    )
    entries = checklist(commune, Period.parse("2026Q2"), today=datetime.date(2026, 7, 1))
    found = {(e.item.code, e.period_code): e.status for e in entries}
    assert found == {
        ("thuc-hien-ngan-sach-quy", "2026Q1"): "on_time",
        ("du-an-dau-tu", "2026"): "missing",
    }


def test_the_province_view_shows_each_commune_s_missing_items(
    commune_editor, units, django_assert_max_num_queries
):
    publish(
        commune_editor, units["thuc_phan"], "thuc-hien-ngan-sach-quy", "2026Q1", on=datetime.date(2026, 4, 2)
    )
    with django_assert_max_num_queries(3):
        items, rows = communes_matrix(
            units["cao_bang"], Period.parse("2026Q2"), today=datetime.date(2026, 7, 20)
        )
    column = [i.code for i in items].index("thuc-hien-ngan-sach-quy")
    by_unit = {row.unit.pk: row for row in rows}
    mine = by_unit[units["thuc_phan"].pk].cells[column]
    assert (mine.due, mine.on_time, mine.missing) == (1, 1, 0)
    other = by_unit[units["nung_tri_cao"].pk].cells[column]
    assert (other.due, other.on_time, other.missing) == (1, 0, 1)
    half = [i.code for i in items].index("thuc-hien-ngan-sach-6-thang")
    assert (
        by_unit[units["thuc_phan"].pk].cells[half].due == 0
    )  # the first half's is due on 15/07, in the third quarter
    _items, rows = communes_matrix(
        units["cao_bang"], Period.parse("2026Q3"), today=datetime.date(2026, 7, 20)
    )
    assert {row.unit.pk: row for row in rows}[units["thuc_phan"].pk].cells[half].missing == 1
