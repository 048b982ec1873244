"""`/api/v1/activities/meetings`: the meetings in scope with the titles people held on the day, one meeting, and a
meeting recorded with its attendees."""

import datetime
import json

import pytest

from danvan.activities.services import meetings as services
from tests import factories
from tests.api.test_units_api import token_for

URL = "/api/v1/activities/meetings"


class Api:
    def __init__(self, client, user):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token_for(client, user.username)}"}

    def get(self, path, **params):
        return self.client.get(path, params, headers=self.headers)

    def post(self, path, body):
        return self.client.post(path, json.dumps(body), content_type="application/json", headers=self.headers)


@pytest.fixture
def api(client):
    return lambda user: Api(client, user)


@pytest.fixture
def so_ket(units, province_admin):
    """The Thành phố Cao Bằng sơ kết of 22/7/2021: chaired by the Phó Bí thư Thường trực, attended by the Trưởng Ban
    with the three posts he held then (and a different one today)."""
    tp = units["tp_cao_bang"]
    meeting = factories.meeting(
        province_admin, tp, "Sơ kết công tác Dân vận 6 tháng đầu năm 2021", type="so_ket", period="2021H1"
    )
    ninh = factories.person(
        tp, "Tô Vũ Ninh", "Phó Bí thư Thường trực Thành ủy", valid_to=datetime.date(2025, 6, 30)
    )
    minh = factories.person(
        tp,
        "Vũ Văn Minh",
        "UV BTV Thành ủy",
        "Trưởng Ban Dân vận",
        "Chủ tịch UBMTTQ thành phố",
        valid_to=datetime.date(2025, 6, 30),
    )
    factories.post(minh, "Phó Chủ tịch UBMTTQ tỉnh", valid_from=datetime.date(2025, 7, 1))
    services.set_attendance(
        province_admin,
        meeting,
        [
            {"role": "chair", "person": ninh},
            {"role": "member", "person": minh},
            {"role": "absent", "name": "Nguyễn Văn Vắng", "title": "Ủy viên", "absence_reason": "Ốm"},
        ],
    )
    services.conclusion_to_tasks(
        province_admin,
        meeting,
        [{"lead_unit": tp, "title": "Nắm dư luận xã hội", "deadline": datetime.date(2021, 12, 31)}],
    )
    return meeting


def test_the_list_gives_exactly_the_agreed_shape_with_the_posts_held_then(so_ket, province_admin, api, units):
    response = api(province_admin).get(URL, unit=units["tp_cao_bang"].pk, year=2021, type="so_ket")

    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "id": so_ket.pk,
                "date": "2021-07-22",
                "type": "so_ket",
                "title": "Sơ kết công tác Dân vận 6 tháng đầu năm 2021",
                "organizer": {"id": units["tp_cao_bang"].pk, "name": units["tp_cao_bang"].name},
                "chair": [{"name": "Tô Vũ Ninh", "title": "Phó Bí thư Thường trực Thành ủy"}],
                "attendees": [
                    {
                        "name": "Vũ Văn Minh",
                        "title": "UV BTV Thành ủy, Trưởng Ban Dân vận, Chủ tịch UBMTTQ thành phố",
                    }
                ],
                "period": "2021H1",
                "tasks": 1,
            }
        ],
        "count": 1,
    }


def test_filters_narrow_the_list_and_bad_ones_are_named(so_ket, province_admin, api, units):
    client = api(province_admin)
    assert client.get(URL, year=2022).json() == {"items": [], "count": 0}
    assert client.get(URL, type="giao_ban").json()["count"] == 0
    bad = client.get(URL, type="party")
    assert bad.status_code == 422 and "type" in bad.json()["errors"]


def test_scope_hides_other_communes_meetings(so_ket, other_commune_editor, api, units):
    client = api(other_commune_editor)
    assert client.get(URL).json()["count"] == 0
    assert client.get(f"{URL}/{so_ket.pk}").status_code == 404
    assert client.get(URL, unit=units["tp_cao_bang"].pk).status_code == 404


def test_one_meeting_carries_the_absent_with_their_reason(so_ket, province_admin, api):
    body = api(province_admin).get(f"{URL}/{so_ket.pk}").json()
    assert body["absent"] == [{"name": "Nguyễn Văn Vắng", "title": "Ủy viên", "reason": "Ốm"}]
    assert body["status"] == "planned" and body["tasks"] == 1


def test_a_meeting_is_recorded_with_its_attendees(commune_editor, api, units):
    chair = factories.person(units["thuc_phan"], "Hoàng Văn Chủ", "Bí thư Đảng ủy phường")
    body = {
        "organizer": units["thuc_phan"].pk,
        "type": "giao_ban",
        "title": "Giao ban khối Dân vận",
        "starts_at": "2026-03-05T08:00:00+07:00",
        "period": "2026q1",
        "host": units["cao_bang"].pk,
        "attendees": [
            {"role": "chair", "person": chair.pk},
            {"role": "guest", "name": "Đinh Văn Khách", "title": "Bí thư chi bộ"},
        ],
    }
    response = api(commune_editor).post(URL, body)
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["date"] == "2026-03-05" and made["period"] == "2026Q1"
    assert made["chair"] == [{"name": "Hoàng Văn Chủ", "title": "Bí thư Đảng ủy phường"}]
    assert made["host"]["id"] == units["cao_bang"].pk


def test_a_duplicate_attendee_or_a_bad_period_is_refused_naming_it(commune_editor, api, units):
    chair = factories.person(units["thuc_phan"], "Hoàng Văn Chủ")
    base = {
        "organizer": units["thuc_phan"].pk,
        "type": "giao_ban",
        "title": "Giao ban",
        "starts_at": "2026-03-05T08:00:00+07:00",
    }
    twice = api(commune_editor).post(
        URL,
        {
            **base,
            "attendees": [{"role": "chair", "person": chair.pk}, {"role": "member", "person": chair.pk}],
        },
    )
    assert twice.status_code == 422
    assert "Hoàng Văn Chủ được ghi hai lần" in twice.json()["errors"]["attendances"][0]
    period = api(commune_editor).post(URL, {**base, "period": "2026X"})
    assert period.status_code == 422 and "period" in period.json()["errors"]
    nul = api(commune_editor).post(URL, {**base, "title": "Giao\u0000ban"})
    assert nul.status_code == 422
    other = api(commune_editor).post(URL, {**base, "organizer": units["nung_tri_cao"].pk})
    assert other.status_code == 404
