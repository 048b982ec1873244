"""The calendar's API: a unit's or a leader's week with its entries, meetings and inspections (times ISO 8601), and
an entry added; scope (404 outside it) and bad input answered in Vietnamese naming the field."""

import datetime

import pytest

from danvan.activities import services
from danvan.activities.models import CalendarEntry
from tests import factories

from .calendar_records import at, inspection, meeting

MONDAY = datetime.date(2026, 11, 30)
URL = "/api/v1/activities/calendar"


@pytest.fixture
def week(units, commune_editor):
    unit = units["thuc_phan"]
    leader = factories.person(unit, "Hoàng Văn Thụ")
    entry = services.add_entry(
        commune_editor, unit=unit, starts_at=at(MONDAY, 8), title="Giao ban", person=leader
    )
    held = meeting(unit, "Hội nghị sơ kết", at(MONDAY + datetime.timedelta(days=1), 14, 30))
    checked = inspection(units["cao_bang"], "Kiểm tra", MONDAY + datetime.timedelta(days=2), inspected=[unit])
    return {"unit": unit, "leader": leader, "entry": entry, "meeting": held, "inspection": checked}


def test_the_week_of_a_unit(week, commune_editor, client_for):
    response = client_for(commune_editor).get(URL, {"unit": week["unit"].pk, "week": "2026-W49"})
    assert response.status_code == 200
    body = response.json()
    assert (
        body["week"] == "2026-W49" and body["starts_on"] == "2026-11-30" and body["ends_on"] == "2026-12-06"
    )
    assert body["count"] == 3
    kinds = [(item["kind"], item["id"]) for item in body["items"]]
    assert kinds == [
        ("entry", week["entry"].pk),
        ("meeting", week["meeting"].pk),
        ("inspection", week["inspection"].pk),
    ]
    entry, held, checked = body["items"]
    assert entry["starts_at"] == "2026-11-30T08:00:00+07:00" and entry["person"]["name"] == "Hoàng Văn Thụ"
    assert held["starts_at"] == "2026-12-01T14:30:00+07:00" and held["session"] == "afternoon"
    assert held["url"] == f"/hoat-dong/hoi-nghi/{week['meeting'].pk}/"
    assert checked["all_day"] and checked["starts_at"] is None and checked["starts_on"] == "2026-12-02"


def test_the_week_of_a_leader(week, commune_editor, client_for):
    body = client_for(commune_editor).get(URL, {"person": week["leader"].pk, "week": "2026-12-02"}).json()
    assert [item["title"] for item in body["items"]] == ["Giao ban"]
    assert body["person"]["id"] == week["leader"].pk


def test_another_communes_unit_or_person_is_404(week, other_commune_editor, client_for):
    client = client_for(other_commune_editor)
    assert client.get(URL, {"unit": week["unit"].pk}).status_code == 404
    assert client.get(URL, {"person": week["leader"].pk}).status_code == 404


def test_a_bad_week_is_refused_naming_it(week, commune_editor, client_for):
    response = client_for(commune_editor).get(URL, {"unit": week["unit"].pk, "week": "2026-W77"})
    assert response.status_code == 422
    assert "week" in response.content.decode() and "Tuần không hợp lệ" in response.content.decode()


def test_an_entry_is_added(week, commune_editor, client_for):
    response = client_for(commune_editor).post(
        URL,
        {
            "unit": week["unit"].pk,
            "starts_at": "2026-12-03T07:30:00",
            "ends_at": "2026-12-03T11:00:00+07:00",
            "title": "Dự hội nghị của Tỉnh ủy",
            "place": "Hội trường Tỉnh ủy",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "entry" and body["starts_at"] == "2026-12-03T07:30:00+07:00"
    assert CalendarEntry.objects.get(pk=body["id"]).place == "Hội trường Tỉnh ủy"


@pytest.mark.parametrize(
    "change, field",
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 501}, "title"),
        ({"ends_at": "2026-12-03T06:00:00+07:00"}, "ends_at"),
        ({"title": "Họp\u0000"}, "title"),
    ],
)
def test_bad_entries_are_refused_naming_the_field(week, commune_editor, client_for, change, field):
    data = {"unit": week["unit"].pk, "starts_at": "2026-12-03T07:30:00+07:00", "title": "Họp"} | change
    response = client_for(commune_editor).post(URL, data, content_type="application/json")
    assert response.status_code == 422, response.content
    assert field in response.content.decode()
    assert CalendarEntry.objects.count() == 1


def test_an_entry_of_another_communes_unit_is_404(week, other_commune_editor, client_for):
    data = {"unit": week["unit"].pk, "starts_at": "2026-12-03T07:30:00+07:00", "title": "Họp"}
    assert (
        client_for(other_commune_editor).post(URL, data, content_type="application/json").status_code == 404
    )
