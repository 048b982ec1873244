"""API /api/v1/people: the list with each person's posts (the dates a post really ran, a district's end included),
contacts only where the caller may read them, scope, and creation with bad input answered in Vietnamese."""

import datetime
import json

import pytest

from danvan.accounts.models import Role
from danvan.activities.models import Person
from tests.api.test_units_api import token_for

from .. import factories


class Api:
    def __init__(self, client, user):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token_for(client, user.username)}"}

    def get(self, path, **params):
        return self.client.get(f"/api/v1/people{path}", params, headers=self.headers)

    def post(self, body):
        return self.client.post(
            "/api/v1/people", json.dumps(body), content_type="application/json", headers=self.headers
        )


@pytest.fixture
def minh(units):
    person = factories.person(units["thuc_phan"], "Vũ Văn Minh", gender="male", phone="0206 385 123")
    factories.post(
        person, "Trưởng Ban Dân vận", unit=units["tp_cao_bang"], valid_from=datetime.date(2020, 10, 15)
    )
    factories.post(
        person,
        "Chủ tịch UBMTTQ phường",
        unit=units["thuc_phan"],
        valid_from=datetime.date(2025, 7, 1),
        position=2,
    )
    return person


def test_searching_without_accents_lists_the_person_with_their_posts(client, units, commune_editor, minh):
    answer = Api(client, commune_editor).get("", q="vu van minh", unit=units["thuc_phan"].pk)
    assert answer.status_code == 200
    assert answer.json() == {
        "count": 1,
        "items": [
            {
                "id": minh.pk,
                "name": "Vũ Văn Minh",
                "gender": "male",
                "birth_year": None,
                "unit": {"id": units["thuc_phan"].pk, "name": "Phường Thục Phán"},
                "titles_today": "Chủ tịch UBMTTQ phường",
                "phone": "0206 385 123",
                "email": "",
                "posts": [
                    {
                        "title": "Trưởng Ban Dân vận",
                        "unit": {"id": units["tp_cao_bang"].pk, "name": "Thành phố Cao Bằng"},
                        "valid_from": "2020-10-15",
                        "valid_to": "2025-06-30",
                    },
                    {
                        "title": "Chủ tịch UBMTTQ phường",
                        "unit": {"id": units["thuc_phan"].pk, "name": "Phường Thục Phán"},
                        "valid_from": "2025-07-01",
                        "valid_to": None,
                    },
                ],
            }
        ],
    }


def test_contacts_are_null_for_those_who_may_not_read_them(client, units, minh):
    viewer = factories.user("tinh", units["cao_bang"], Role.VIEWER)
    item = Api(client, viewer).get(f"/{minh.pk}").json()
    assert (item["name"], item["phone"], item["email"]) == ("Vũ Văn Minh", None, None)


def test_another_province_sees_nobody_and_gets_404s(client, units, other_commune_editor, minh):
    api = Api(client, other_commune_editor)
    assert api.get("").json() == {"count": 0, "items": []}
    assert api.get(f"/{minh.pk}").status_code == 404
    assert api.get("", unit=units["thuc_phan"].pk).status_code == 404


def test_an_editor_creates_a_person_with_posts(client, units, commune_editor):
    answer = Api(client, commune_editor).post(
        {
            "unit": units["thuc_phan"].pk,
            "name": "Nông Thị Hà",
            "gender": "female",
            "posts": [
                {"title": "Bí thư Đảng ủy phường", "unit": units["thuc_phan"].pk, "valid_from": "2025-07-01"}
            ],
        }
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["posts"][0]["title"] == "Bí thư Đảng ủy phường"
    assert Person.objects.get().posts.count() == 1


def test_bad_input_is_a_422_naming_the_field_and_saves_nothing(client, units, commune_editor):
    api = Api(client, commune_editor)
    backwards = api.post(
        {
            "unit": units["thuc_phan"].pk,
            "name": "Nông Thị Hà",
            "posts": [{"title": "Bí thư", "valid_from": "2025-07-01", "valid_to": "2025-01-01"}],
        }
    )
    assert backwards.status_code == 422
    assert backwards.json()["errors"] == {
        "posts[0].valid_to": ["Ngày thôi giữ chức vụ (01/01/2025) trước ngày bắt đầu (01/07/2025)."]
    }
    future = api.post({"unit": units["thuc_phan"].pk, "name": "Trẻ", "birth_year": 2999})
    assert future.status_code == 422 and "birth_year" in future.json()["errors"]
    nul = api.post({"unit": units["thuc_phan"].pk, "name": "Tên\u0000"})
    assert nul.status_code == 422
    huge = api.post({"unit": units["thuc_phan"].pk, "name": "A" * 10_000})
    assert huge.status_code == 422
    assert api.post({"unit": units["cao_bang"].pk, "name": "Cấp trên"}).status_code == 404  # out of scope
    viewer = Api(client, factories.user("xem", units["thuc_phan"], Role.VIEWER))
    assert viewer.post({"unit": units["thuc_phan"].pk, "name": "Nông Thị Hà"}).status_code == 403
    assert not Person.objects.exists()
