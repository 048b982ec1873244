"""The clock engine and its services: versions by start date, suspended days, the default calendar's lunar days
(computed for UTC+7), a new rule version, a calendar change, and `recompute_clocks` moving only the clocks that
could move, in a fixed number of queries."""

import datetime

import holidays
import pytest
from django.core.exceptions import ValidationError

from danvan.citizens import services
from danvan.citizens.clock_rules import default_year
from danvan.citizens.clocks import add_working_days, deadline, petition_deadline
from danvan.citizens.models import CalendarYear, DeadlineRule, Petition, Suspension
from danvan.core.errors import NotAllowed
from danvan.core.models import ChangeLog

D = datetime.date


def petition(actor, unit, received_on, **data):
    return services.create_petition(
        actor,
        unit=unit,
        data={
            "kind": "kien_nghi",
            "channel": "buu_chinh",
            "field": "dat_dai",
            "subject": "Đề nghị sửa đường liên thôn",
            "content": "Đường hỏng sau mưa lũ.",
            "received_on": received_on,
            **data,
        },
        senders=[{"name": "Lò Văn Gửi"}],
    )


def test_the_vietnamese_new_year_is_computed_for_utc_plus_7():
    # 1985: Vietnam's Tết fell on 21/1, China's on 20/2; 2007: 17/2 in Vietnam, 18/2 in China.
    assert holidays.VN(years=1985).get(D(1985, 1, 21)) == "Tết Nguyên Đán"
    assert holidays.CN(years=1985).get(D(1985, 2, 20))
    assert D(1985, 2, 20) not in holidays.VN(years=1985)
    assert holidays.VN(years=2007).get(D(2007, 2, 17)) == "Tết Nguyên Đán"
    assert D(2007, 2, 18) in holidays.CN(years=2007)
    off, _worked = default_year(1985)
    assert D(1985, 1, 21) in off and D(1985, 2, 20) not in off


def test_the_default_year_keeps_the_swapped_saturday_and_leaves_weekend_holidays_out():
    off, worked = default_year(2025)
    assert D(2025, 5, 2) in off and D(2025, 4, 26) in worked  # Fri 2/5 off, worked on Sat 26/4
    assert D(2025, 2, 1) not in off  # a Saturday
    assert D(2025, 4, 7) in off  # Giỗ Tổ, 10/3 lunar


def test_the_seeded_years_are_stored(db):
    assert set(CalendarYear.objects.values_list("year", flat=True)) >= {2025, 2026, 2027}
    assert DeadlineRule.objects.filter(valid_from=D(2026, 7, 1)).count() == 9
    assert DeadlineRule.objects.filter(valid_to=D(2026, 6, 30)).count() == 9
    assert (
        "136/2025/QH15"
        in DeadlineRule.objects.get(step="to_cao.giai_quyet", valid_from=D(2026, 7, 1)).legal_basis
    )


def test_suspended_days_do_not_count(db):
    # 30 days from Wed 1/7/2026 end Fri 31/7; ten days suspended (10–19/7) carry it to Mon 10/8.
    plain = deadline("khieu_nai_lan_1.giai_quyet", D(2026, 7, 1))
    held = deadline(
        "khieu_nai_lan_1.giai_quyet", D(2026, 7, 1), suspended=((D(2026, 7, 10), D(2026, 7, 19)),)
    )
    assert (plain.due, held.due) == (D(2026, 7, 31), D(2026, 8, 10))
    # In working days: 10 working days from Fri 6/11/2026 end Fri 20/11; 9–10/11 suspended → Tue 24/11 is the
    # seeded day off (Ngày Văn hóa Việt Nam) → Wed 25/11.
    held = deadline("xu_ly_don", D(2026, 11, 6), suspended=((D(2026, 11, 9), D(2026, 11, 10)),))
    assert held.due == D(2026, 11, 25)


def test_a_suspension_still_open_stops_the_clock(db, commune_editor, units):
    p = petition(commune_editor, units["thuc_phan"], D(2026, 11, 16))
    Suspension.objects.create(petition=p, start=D(2026, 11, 18), reason="Chờ kết quả giám định")
    assert petition_deadline(p) is None
    with pytest.raises(ValidationError) as error:
        deadline("xu_ly_don", D(2026, 11, 16), suspended=((D(2026, 11, 18), D.max),))
    assert "suspended" in error.value.message_dict


def test_add_working_days_follows_the_calendar(db):
    # From Fri 28/8/2026: 31/8, 1/9, 2/9 are off (seeded), so the 3rd working day is Mon 7/9.
    assert add_working_days(D(2026, 8, 28), 3) == D(2026, 9, 7)


def test_a_superuser_adds_a_version_when_the_law_changes(superuser, commune_editor, units):
    p = petition(commune_editor, units["thuc_phan"], D(2026, 11, 16))
    assert p.due_on == D(2026, 12, 1)  # 10 working days, 24/11 off
    data = {"valid_from": D(2026, 11, 1), "day_type": "working_days", "days": 5, "legal_basis": "Luật mới"}
    with pytest.raises(NotAllowed):
        services.add_rule_version(commune_editor, step="xu_ly_don", data=data)
    rule = services.add_rule_version(superuser, step="xu_ly_don", data=data)
    assert DeadlineRule.objects.get(step="xu_ly_don", valid_from=D(2026, 7, 1)).valid_to == D(2026, 10, 31)
    assert deadline("xu_ly_don", D(2026, 10, 30)).days == 10
    assert deadline("xu_ly_don", D(2026, 11, 2)).days == 5
    p.refresh_from_db()
    assert p.due_on == D(2026, 11, 23)  # 17–20/11, 23/11
    assert ChangeLog.objects.filter(object_id=str(rule.pk)).exists()


@pytest.mark.parametrize("valid_from", [D(2026, 7, 1), D(2026, 6, 1), None])
def test_versions_never_overlap(superuser, valid_from):
    data = {"valid_from": valid_from, "day_type": "days", "days": 5, "legal_basis": "Luật mới"}
    with pytest.raises(ValidationError) as error:
        services.add_rule_version(superuser, step="xu_ly_don", data=data)
    assert "valid_from" in error.value.message_dict


def test_a_calendar_change_moves_the_open_clocks_through_the_year(superuser, commune_editor, units):
    p = petition(commune_editor, units["thuc_phan"], D(2026, 11, 16))
    closed = petition(commune_editor, units["thuc_phan"], D(2026, 11, 16))
    Petition.objects.filter(pk=closed.pk).update(stage=Petition.Stage.CLOSED)
    off, worked = default_year(2026)
    services.set_calendar_year(superuser, 2026, days_off=[*off, D(2026, 11, 25)], working_days=list(worked))
    p.refresh_from_db()
    closed.refresh_from_db()
    assert p.due_on == D(2026, 12, 2)  # 25/11 off too
    assert closed.due_on == D(2026, 12, 1)  # a closed petition's clock is not touched


def test_recompute_costs_the_same_queries_for_5_or_25_petitions(
    commune_editor, units, django_assert_max_num_queries
):
    for _n in range(5):
        petition(commune_editor, units["thuc_phan"], D(2026, 11, 16))
    Petition.objects.update(due_on=None)
    with django_assert_max_num_queries(12):
        assert services.recompute_clocks(since=D(2026, 1, 1), until=D(2026, 12, 31)) == 5
    for _n in range(20):
        petition(commune_editor, units["thuc_phan"], D(2026, 11, 16))
    Petition.objects.update(due_on=None)
    with django_assert_max_num_queries(12):
        assert services.recompute_clocks(since=D(2026, 1, 1), until=D(2026, 12, 31)) == 25
    assert set(Petition.objects.values_list("due_on", flat=True)) == {D(2026, 12, 1)}
    # Run again: nothing moves, nothing is written.
    assert services.recompute_clocks(since=D(2026, 1, 1), until=D(2026, 12, 31)) == 0
