"""The work calendar's writes: an editor types entries into the unit's week (a leader's when a person is named),
changes them only with a reason (kept in the change log, the iCalendar SEQUENCE raised), cancels with a reason,
copies last week once; the feeds' secret addresses."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from danvan.accounts.scope import Role
from danvan.activities import services
from danvan.activities.models import CalendarEntry, CalendarFeed
from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed
from tests import factories

from .calendar_records import at

MONDAY = datetime.date(2026, 11, 30)  # week 2026-W49
LAST_MONDAY = MONDAY - datetime.timedelta(days=7)


def _entry(actor, unit, day=MONDAY, hour=8, title="Giao ban Thường trực", **fields):
    return services.add_entry(actor, unit=unit, starts_at=at(day, hour), title=title, **fields)


def test_an_editor_types_an_entry_into_the_units_week(units, commune_editor):
    entry = _entry(
        commune_editor,
        units["thuc_phan"],
        title="  Họp  Ban Dân vận ",
        ends_at=at(MONDAY, 10),
        place="Phòng họp số 1",
        participants="Thường trực Ban",
        preparation="Văn phòng",
    )
    assert entry.title == "Họp Ban Dân vận"
    assert entry.unit_path == units["thuc_phan"].path
    assert entry.sequence == 0 and not entry.cancelled
    (logged,) = history_for(entry)
    assert logged.action == "create" and logged.user == commune_editor


def test_a_leaders_entry_names_a_person_of_the_register(units, commune_editor):
    leader = factories.person(units["thuc_phan"], "Hoàng Văn Thụ", "Bí thư Đảng ủy")
    entry = _entry(commune_editor, units["thuc_phan"], person=leader)
    assert entry.person == leader


def test_a_person_of_another_province_is_refused(units, commune_editor):
    stranger = factories.person(factories.other_province_commune(units["cao_bang"]), "Người Ngoài")
    with pytest.raises(ValidationError) as error:
        _entry(commune_editor, units["thuc_phan"], person=stranger)
    assert "person" in error.value.message_dict


def test_an_entry_needs_content_and_an_end_after_its_start(units, commune_editor):
    with pytest.raises(ValidationError) as error:
        services.add_entry(
            commune_editor,
            unit=units["thuc_phan"],
            starts_at=at(MONDAY, 9),
            ends_at=at(MONDAY, 8),
            title="   ",
        )
    assert error.value.message_dict["title"] == ["Hãy nhập nội dung."]
    assert error.value.message_dict["ends_at"] == ["Giờ kết thúc trước giờ bắt đầu."]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"title": "Họp\x00"}, "title"),
        ({"title": "x" * 501}, "title"),
        ({"place": "p" * 301}, "place"),
        ({"starts_at": at(datetime.date(2062, 1, 5), 8)}, "starts_at"),
    ],
)
def test_bad_input_is_refused_naming_the_field(units, commune_editor, fields, field):
    data = {"unit": units["thuc_phan"], "starts_at": at(MONDAY, 8), "title": "Họp"} | fields
    with pytest.raises(ValidationError) as error:
        services.add_entry(commune_editor, **data)
    assert field in error.value.message_dict
    assert not CalendarEntry.objects.exists()


def test_only_an_editor_of_the_unit_or_above_writes_its_calendar(units, commune_editor, other_commune_editor):
    viewer = factories.user("thucphan_viewer", units["thuc_phan"], Role.VIEWER)
    for actor in (viewer, other_commune_editor):
        with pytest.raises(NotAllowed):
            _entry(actor, units["thuc_phan"])
    province = factories.user("caobang_editor", units["cao_bang"], Role.EDITOR)
    assert _entry(province, units["thuc_phan"]).unit == units["thuc_phan"]


def test_a_change_without_a_reason_is_refused(units, commune_editor):
    entry = _entry(commune_editor, units["thuc_phan"])
    with pytest.raises(ValidationError) as error:
        services.change_entry(commune_editor, entry, reason="  ", starts_at=at(MONDAY, 14))
    assert error.value.message_dict["reason"] == ["Hãy nhập lý do thay đổi lịch."]
    entry.refresh_from_db()
    assert entry.starts_at == at(MONDAY, 8) and entry.sequence == 0


def test_a_change_keeps_its_reason_and_raises_the_sequence(units, commune_editor):
    entry = _entry(commune_editor, units["thuc_phan"])
    services.change_entry(commune_editor, entry, reason="Trưởng ban đi công tác", starts_at=at(MONDAY, 14))
    services.change_entry(commune_editor, entry, reason="Đổi phòng họp", place="Hội trường")
    entry.refresh_from_db()
    assert entry.starts_at == at(MONDAY, 14) and entry.place == "Hội trường"
    assert entry.sequence == 2
    reasons = [change.after["change_reason"] for change in history_for(entry) if change.action == "update"]
    assert sorted(reasons) == ["Trưởng ban đi công tác", "Đổi phòng họp"]


def test_a_change_that_changes_nothing_is_refused(units, commune_editor):
    entry = _entry(commune_editor, units["thuc_phan"])
    with pytest.raises(ValidationError):
        services.change_entry(commune_editor, entry, reason="Không đổi gì", title=entry.title)


def test_cancelling_keeps_the_entry_with_its_reason(units, commune_editor):
    entry = _entry(commune_editor, units["thuc_phan"])
    with pytest.raises(ValidationError):
        services.cancel_entry(commune_editor, entry, reason="")
    services.cancel_entry(commune_editor, entry, reason="Trùng lịch họp của Tỉnh ủy")
    entry.refresh_from_db()
    assert entry.cancelled and entry.change_reason == "Trùng lịch họp của Tỉnh ủy" and entry.sequence == 1
    with pytest.raises(ValidationError):
        services.change_entry(commune_editor, entry, reason="Mở lại", title="Khác")
    with pytest.raises(ValidationError):
        services.cancel_entry(commune_editor, entry, reason="Lần nữa")


def test_copy_last_week_copies_once_and_skips_the_cancelled(units, commune_editor):
    unit = units["thuc_phan"]
    kept = _entry(
        commune_editor, unit, day=LAST_MONDAY, hour=8, title="Giao ban đầu tuần", ends_at=at(LAST_MONDAY, 9)
    )
    _entry(commune_editor, unit, day=LAST_MONDAY + datetime.timedelta(days=2), hour=14, title="Tiếp dân")
    cancelled = _entry(commune_editor, unit, day=LAST_MONDAY + datetime.timedelta(days=3), title="Đã hủy")
    services.cancel_entry(commune_editor, cancelled, reason="Hoãn")
    _entry(commune_editor, unit, day=MONDAY - datetime.timedelta(days=14), title="Hai tuần trước")

    copies = services.copy_last_week(commune_editor, unit, MONDAY + datetime.timedelta(days=3))
    assert sorted((c.title, c.starts_at) for c in copies) == [
        ("Giao ban đầu tuần", at(MONDAY, 8)),
        ("Tiếp dân", at(MONDAY + datetime.timedelta(days=2), 14)),
    ]
    first = next(c for c in copies if c.title == kept.title)
    assert first.ends_at == at(MONDAY, 9) and first.sequence == 0
    assert services.copy_last_week(commune_editor, unit, MONDAY) == []
    assert CalendarEntry.objects.filter(unit=unit, starts_at__gte=at(MONDAY, 0)).count() == 2


def test_copy_last_week_for_a_leader_copies_only_theirs(units, commune_editor):
    unit = units["thuc_phan"]
    leader = factories.person(unit, "Hoàng Văn Thụ")
    _entry(commune_editor, unit, day=LAST_MONDAY, title="Làm việc với thôn", person=leader)
    _entry(commune_editor, unit, day=LAST_MONDAY, title="Họp chung")
    (copy,) = services.copy_last_week(commune_editor, unit, MONDAY, person=leader)
    assert copy.person == leader and copy.title == "Làm việc với thôn"


def test_a_feed_has_a_secret_token_made_anew_on_demand(units, commune_editor):
    unit = units["thuc_phan"]
    feed = services.feed_for(commune_editor, unit)
    assert len(feed.token) >= 40 and not feed.public
    assert services.feed_for(commune_editor, unit) == feed
    old = feed.token
    services.regenerate_feed(commune_editor, feed)
    feed.refresh_from_db()
    assert feed.token != old
    assert all(old not in str(change.after) for change in history_for(feed))
    assert all(feed.token not in str(change.after) for change in history_for(feed))


def test_only_the_units_approver_or_admin_makes_its_calendar_public(units, commune_editor):
    unit = units["thuc_phan"]
    feed = services.feed_for(commune_editor, unit)
    with pytest.raises(NotAllowed):
        services.set_feed_public(commune_editor, feed, True)
    approver = factories.user("thucphan_approver", unit, Role.APPROVER)
    assert services.set_feed_public(approver, feed, True).public
    leader_feed = services.feed_for(commune_editor, unit, factories.person(unit, "Hoàng Văn Thụ"))
    with pytest.raises(ValidationError):
        services.set_feed_public(approver, leader_feed, True)
    assert CalendarFeed.objects.filter(public=True).count() == 1
