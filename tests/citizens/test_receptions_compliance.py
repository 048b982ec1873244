"""The counts the figures bind to, and the compliance table: each leader's days received per month against the rule
in force (the commune chair's weekly rule until 30/6/2026, two days a month from 1/7/2026)."""

import pytest

from danvan.accounts.models import Role
from danvan.citizens import selectors
from danvan.citizens.models import LeaderRole
from danvan.citizens.selectors.receptions import receptions_held
from danvan.orgunits.tree import subtree_q
from tests import factories

from .receptions_fixtures import D, chair, duty, reception

TODAY = D(2026, 12, 3)


@pytest.fixture
def approver(units):
    return factories.user("duyet_tinh", units["cao_bang"], Role.APPROVER)


@pytest.fixture
def leader(units, approver):
    person = chair(units["thuc_phan"])
    duty(approver, units["thuc_phan"], person)
    return person


def cells(approver, unit, person, year=2026):
    rows = selectors.compliance_table(approver, unit, year, TODAY)
    return next(row for row in rows if row.duty.person == person).cells


def test_receptions_held_counts_the_subtree_in_the_date_range(units, commune_editor, other_commune_editor):
    reception(commune_editor, units["thuc_phan"], D(2026, 3, 5))
    reception(commune_editor, units["thuc_phan"], D(2026, 7, 9))
    reception(other_commune_editor, units["nung_tri_cao"], D(2026, 3, 6))
    thuc_phan = subtree_q(units["thuc_phan"].path, "unit_path")
    assert receptions_held(thuc_phan, D(2026, 1, 1), D(2026, 6, 30)) == 1
    assert receptions_held(thuc_phan, D(2026, 1, 1), D(2026, 12, 31)) == 2
    province = subtree_q(units["cao_bang"].path, "unit_path")
    assert receptions_held(province, D(2026, 1, 1), D(2026, 6, 30)) == 2


def test_june_2026_is_short_when_one_week_had_no_reception(units, commune_editor, approver, leader):
    # June 2026's weeks by their Monday: 1, 8, 15, 22, 29. The week of the 15th has none.
    for day in (D(2026, 6, 4), D(2026, 6, 11), D(2026, 6, 25), D(2026, 7, 2)):
        reception(commune_editor, units["thuc_phan"], day, leader)
    june = cells(approver, units["cao_bang"], leader)[5]
    # 4 days in June's weeks: the 2nd of July belongs to the week of Monday 29 June.
    assert (june.days, june.required, june.per) == (4, 5, "week")
    assert june.short and june.missed_weeks == [D(2026, 6, 15)]


def test_june_2026_is_met_with_a_reception_each_week_including_one_spilling_into_july(
    units, commune_editor, approver, leader
):
    for day in (D(2026, 6, 1), D(2026, 6, 12), D(2026, 6, 18), D(2026, 6, 26), D(2026, 7, 3)):
        reception(commune_editor, units["thuc_phan"], day, leader)
    june = cells(approver, units["cao_bang"], leader)[5]
    # 5/5: the 3rd of July is in the week of Monday 29 June, so it counts for June.
    assert not june.short and june.days == 5


def test_from_july_2026_two_days_a_month_are_enough(units, commune_editor, approver, leader):
    for day in (D(2026, 7, 3), D(2026, 7, 24), D(2026, 8, 14)):
        reception(commune_editor, units["thuc_phan"], day, leader)
    july, august = cells(approver, units["cao_bang"], leader)[6:8]
    assert (july.days, july.required, july.per, july.short) == (2, 2, "month", False)
    assert (august.days, august.required, august.short) == (1, 2, True)


def test_a_month_not_yet_over_is_not_judged(units, approver, leader):
    december = cells(approver, units["cao_bang"], leader)[11]
    assert december.pending and not december.short


def test_a_month_before_the_duty_began_is_not_counted(units, approver):
    person = chair(units["nung_tri_cao"], "Lý Văn Sau")
    duty(approver, units["nung_tri_cao"], person, valid_from=D(2026, 9, 1))
    row = cells(approver, units["cao_bang"], person)
    assert row[7].required is None and row[8].required == 2


def test_the_province_chair_and_a_commune_secretary_follow_their_own_rules(units, approver):
    governor = chair(units["cao_bang"], "Hoàng Xuân Ánh")
    secretary = factories.person(units["thuc_phan"], "Bế Thị Bí Thư", "Bí thư Đảng ủy xã")
    duty(approver, units["cao_bang"], governor, LeaderRole.PROVINCE_CHAIR)
    duty(approver, units["thuc_phan"], secretary, LeaderRole.COMMUNE_SECRETARY)
    assert cells(approver, units["cao_bang"], governor)[2].required == 1
    assert cells(approver, units["cao_bang"], secretary)[2].required == 2


def test_the_table_reads_in_a_fixed_number_of_queries(
    units, commune_editor, approver, leader, django_assert_max_num_queries
):
    for index in range(6):
        other = chair(units["thuc_phan"], f"Phó {index}")
        duty(approver, units["thuc_phan"], other)
        reception(commune_editor, units["thuc_phan"], D(2026, 3, 2 + index), other)
    with django_assert_max_num_queries(4):
        rows = selectors.compliance_table(approver, units["cao_bang"], 2026, TODAY)
    assert len(rows) == 7


def test_a_commune_sees_only_its_own_leaders(units, approver, leader, other_commune_editor):
    other = chair(units["nung_tri_cao"], "Lý Văn Khác")
    duty(approver, units["nung_tri_cao"], other)
    rows = selectors.compliance_table(other_commune_editor, units["cao_bang"], 2026, TODAY)
    assert [row.duty.person for row in rows] == [other]
