"""The iCalendar feeds, read as a calendar program reads them (parsed with `icalendar`): a unit's or a leader's
calendar at its secret address without signing in, 404 for a wrong token, the public address only when the unit
chose it; entries, meetings and inspections with stable UIDs and SEQUENCE, cancelled ones marked so."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from danvan.accounts.scope import Role
from danvan.activities import services
from danvan.activities.models import Attendance, CalendarFeed, InspectionMember, Meeting
from tests import factories

from .calendar_records import at, inspection, meeting


@pytest.fixture
def monday():
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday())


@pytest.fixture
def calendar(units, commune_editor, monday):
    unit = units["thuc_phan"]
    leader = factories.person(unit, "Hoàng Văn Thụ", "Bí thư Đảng ủy")
    entry = services.add_entry(
        commune_editor,
        unit=unit,
        starts_at=at(monday, 8),
        ends_at=at(monday, 10),
        title="Giao ban Thường trực",
        place="Phòng họp 2",
        person=leader,
    )
    held = meeting(unit, "Hội nghị sơ kết", at(monday + datetime.timedelta(days=1), 14), place="Hội trường")
    Attendance.objects.create(meeting=held, person=leader, role=Attendance.Role.CHAIR)
    checked = inspection(
        units["cao_bang"],
        "Kiểm tra công tác dân vận",
        monday + datetime.timedelta(days=2),
        ends_on=monday + datetime.timedelta(days=3),
        inspected=[unit],
        members=[(leader, InspectionMember.Role.MEMBER)],
    )
    other_editor = factories.user("nungtricao_ed", units["nung_tri_cao"], Role.EDITOR)
    services.add_entry(
        other_editor, unit=units["nung_tri_cao"], starts_at=at(monday, 9), title="Việc của xã khác"
    )
    return {"unit": unit, "leader": leader, "entry": entry, "meeting": held, "inspection": checked}


def _events(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    parsed = Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in parsed.walk("VEVENT")}


def _feed_url(feed) -> str:
    return reverse("activities:calendar_feed", args=[feed.token])


def test_a_units_feed_is_read_without_signing_in(calendar, commune_editor, client, monday):
    feed = services.feed_for(commune_editor, calendar["unit"])
    events = _events(client.get(_feed_url(feed)))
    assert set(events) == {"Giao ban Thường trực", "Hội nghị sơ kết", "Kiểm tra công tác dân vận"}
    assert client.head(_feed_url(feed)).status_code == 200  # calendar programs may ask first
    entry = events["Giao ban Thường trực"]
    assert entry["UID"].startswith(f"calendar-{calendar['entry'].pk}@")
    assert entry.decoded("DTSTART") == at(monday, 8)
    assert entry.decoded("DTEND") == at(monday, 10)
    assert str(entry["LOCATION"]) == "Phòng họp 2" and str(entry["STATUS"]) == "CONFIRMED"
    held = events["Hội nghị sơ kết"]
    assert held["UID"].startswith(f"meeting-{calendar['meeting'].pk}@")
    assert str(held["URL"]).endswith(f"/hoat-dong/hoi-nghi/{calendar['meeting'].pk}/")
    checked = events["Kiểm tra công tác dân vận"]
    assert checked.decoded("DTSTART") == monday + datetime.timedelta(days=2)
    assert checked.decoded("DTEND") == monday + datetime.timedelta(days=4)  # all day, the end exclusive


def test_the_feed_token_of_one_unit_never_shows_anothers_entries(calendar, commune_editor, client, units):
    other_editor = factories.user("nungtricao_admin", units["nung_tri_cao"], Role.EDITOR)
    mine = _events(client.get(_feed_url(services.feed_for(commune_editor, calendar["unit"]))))
    theirs = _events(client.get(_feed_url(services.feed_for(other_editor, units["nung_tri_cao"]))))
    assert "Việc của xã khác" not in mine
    assert set(theirs) == {"Việc của xã khác"}


def test_a_wrong_or_old_token_is_404(calendar, commune_editor, client):
    feed = services.feed_for(commune_editor, calendar["unit"])
    old = _feed_url(feed)
    for token in ("sai-ma", feed.token + "x", "a" * 80, "..%2F"):
        assert client.get(reverse("activities:calendar_feed", args=[token])).status_code == 404
    feed = services.regenerate_feed(commune_editor, feed)
    assert client.get(old).status_code == 404
    assert client.get(_feed_url(feed)).status_code == 200


def test_a_change_and_a_cancellation_reach_the_feed_with_a_higher_sequence(
    calendar, commune_editor, client, monday
):
    feed = services.feed_for(commune_editor, calendar["unit"])
    before = _events(client.get(_feed_url(feed)))["Giao ban Thường trực"]
    services.change_entry(
        commune_editor,
        calendar["entry"],
        reason="Lùi sang chiều",
        starts_at=at(monday, 14),
        ends_at=at(monday, 15),
    )
    changed = _events(client.get(_feed_url(feed)))["Giao ban Thường trực"]
    assert changed["UID"] == before["UID"] and changed["SEQUENCE"] == before["SEQUENCE"] + 1
    assert changed.decoded("DTSTART") == at(monday, 14)
    services.cancel_entry(commune_editor, calendar["entry"], reason="Hoãn")
    cancelled = _events(client.get(_feed_url(feed)))["Giao ban Thường trực"]
    assert str(cancelled["STATUS"]) == "CANCELLED" and cancelled["SEQUENCE"] == before["SEQUENCE"] + 2
    assert "Hoãn" in str(cancelled["DESCRIPTION"])


def test_a_meeting_moved_moves_in_the_feed(calendar, commune_editor, client, monday):
    feed = services.feed_for(commune_editor, calendar["unit"])
    Meeting.objects.filter(pk=calendar["meeting"].pk).update(
        starts_at=at(monday + datetime.timedelta(days=4), 7, 30), sequence=1, status=Meeting.Status.CANCELLED
    )
    held = _events(client.get(_feed_url(feed)))["Hội nghị sơ kết"]
    assert held.decoded("DTSTART") == at(monday + datetime.timedelta(days=4), 7, 30)
    assert held["SEQUENCE"] == 1 and str(held["STATUS"]) == "CANCELLED"


def test_a_leaders_feed_holds_their_entries_meetings_and_teams(calendar, commune_editor, client):
    feed = services.feed_for(commune_editor, calendar["unit"], calendar["leader"])
    services.add_entry(
        commune_editor,
        unit=calendar["unit"],
        starts_at=calendar["entry"].starts_at,
        title="Việc chung của phường",
    )
    events = _events(client.get(_feed_url(feed)))
    assert set(events) == {"Giao ban Thường trực", "Hội nghị sơ kết", "Kiểm tra công tác dân vận"}


def test_the_public_address_answers_only_when_the_unit_chose_it(calendar, commune_editor, client):
    url = reverse("activities:calendar_public_feed", args=[calendar["unit"].pk])
    assert client.get(url).status_code == 404
    feed = services.feed_for(commune_editor, calendar["unit"])
    assert client.get(url).status_code == 404
    approver = factories.user("thucphan_approver", calendar["unit"], Role.APPROVER)
    services.set_feed_public(approver, feed, True)
    assert "Hội nghị sơ kết" in _events(client.get(url))
    services.set_feed_public(approver, feed, False)
    assert client.get(url).status_code == 404


def test_the_feeds_page_makes_shows_and_regenerates_the_addresses(calendar, commune_editor, client_for):
    client = client_for(commune_editor)
    url = reverse("activities:calendar_feeds") + f"?unit={calendar['unit'].pk}"
    page = client.get(url).content.decode()
    assert "Tạo địa chỉ nguồn lịch" in page and "/hoat-dong/lich/ical/" not in page
    assert client.post(url, {"action": "create"}).status_code == 302
    feed = CalendarFeed.objects.get(unit=calendar["unit"], person=None)
    page = client.get(url).content.decode()
    assert f"/hoat-dong/lich/ical/{feed.token}.ics" in page
    assert "Người phê duyệt hoặc quản trị của đơn vị mới chọn được công khai." in page
    client.post(url, {"action": "public", "feed": feed.pk, "public": "1"})
    feed.refresh_from_db()
    assert not feed.public  # an editor may not publish
    client.post(url, {"action": "regenerate", "feed": feed.pk})
    assert CalendarFeed.objects.get(pk=feed.pk).token != feed.token
    client.post(url, {"action": "create", "person": calendar["leader"].pk})
    assert CalendarFeed.objects.filter(unit=calendar["unit"], person=calendar["leader"]).exists()


def test_an_admin_publishes_through_the_feeds_page(calendar, commune_editor, client_for):
    admin = factories.user("thucphan_admin", calendar["unit"], Role.ADMIN)
    feed = services.feed_for(commune_editor, calendar["unit"])
    client = client_for(admin)
    url = reverse("activities:calendar_feeds") + f"?unit={calendar['unit'].pk}"
    client.post(url, {"action": "public", "feed": feed.pk, "public": "1"})
    feed.refresh_from_db()
    assert feed.public
    assert "Ai cũng xem được lịch tại" in client.get(url).content.decode()


def test_the_feeds_page_is_the_editors(calendar, client_for, other_commune_editor):
    viewer = factories.user("thucphan_viewer", calendar["unit"], Role.VIEWER)
    url = reverse("activities:calendar_feeds") + f"?unit={calendar['unit'].pk}"
    assert client_for(viewer).get(url).status_code == 403
    assert client_for(other_commune_editor).get(url).status_code == 404
