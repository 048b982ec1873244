"""The API of receptions and dialogues: list and read within the scope, record with the errors naming the field
(an online reception before 1/7/2026, a leader out of sight, a leader twice, a cancellation without a reason)."""

import pytest
from django.test import Client

from danvan.accounts.services import issue_api_token
from tests import factories

from .receptions_fixtures import D, chair, reception

RECEPTIONS = "/api/v1/citizens/receptions"
DIALOGUES = "/api/v1/citizens/dialogues"


def api_client(user) -> Client:
    token = issue_api_token(user, "Máy tính")[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def leader(units):
    return chair(units["thuc_phan"])


def test_a_reception_is_recorded_and_read_back_with_the_leaders_titles(units, commune_editor, leader):
    client = api_client(commune_editor)
    response = client.post(
        RECEPTIONS,
        {
            "unit": units["thuc_phan"].pk,
            "date": "2026-07-02",
            "mode": "online",
            "leader": leader.pk,
            "leader_role": "chu_tich_ubnd_xa",
            "citizens": [{"name": "Lục Văn Dân", "matter": "Đường hỏng", "answer": "Sẽ sửa"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["leader"] == {"id": leader.pk, "name": "Nông Văn Chủ", "titles": "Chủ tịch UBND"}
    assert body["citizens"][0]["matter"] == "Đường hỏng" and body["citizens_count"] == 1
    listed = client.get(RECEPTIONS, {"unit": units["thuc_phan"].pk, "year": 2026}).json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]
    assert client.get(f"{RECEPTIONS}/{body['id']}").json()["mode"] == "online"


def test_an_online_reception_before_july_2026_answers_422_naming_mode(units, commune_editor):
    response = api_client(commune_editor).post(
        RECEPTIONS,
        {"unit": units["thuc_phan"].pk, "date": "2026-06-30", "mode": "online"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "01/07/2026" in response.json()["errors"]["mode"][0]


def test_a_leader_out_of_sight_answers_422(units, commune_editor):
    stranger = factories.person(factories.other_province_commune(units["cao_bang"]), "Người Tỉnh Khác")
    response = api_client(commune_editor).post(
        RECEPTIONS,
        {"unit": units["thuc_phan"].pk, "date": "2026-06-04", "leader": stranger.pk},
        content_type="application/json",
    )
    assert response.status_code == 422 and "leader" in response.json()["errors"]


def test_another_commune_gets_404(units, commune_editor, other_commune_editor):
    saved = reception(commune_editor, units["thuc_phan"], D(2026, 6, 4))
    client = api_client(other_commune_editor)
    assert client.get(f"{RECEPTIONS}/{saved.pk}").status_code == 404
    assert client.get(RECEPTIONS).json()["items"] == []
    posted = client.post(
        RECEPTIONS, {"unit": units["thuc_phan"].pk, "date": "2026-06-04"}, content_type="application/json"
    )
    assert posted.status_code == 404


def test_a_dialogue_is_recorded_and_its_bad_input_refused(units, commune_editor, leader):
    client = api_client(commune_editor)
    base = {"unit": units["thuc_phan"].pk, "title": "Đối thoại đất đai", "date": "2026-05-20"}
    twice = client.post(
        DIALOGUES, {**base, "leaders": [leader.pk, leader.pk]}, content_type="application/json"
    )
    assert twice.status_code == 422 and "leaders" in twice.json()["errors"]
    no_reason = client.post(DIALOGUES, {**base, "status": "cancelled"}, content_type="application/json")
    assert no_reason.status_code == 422 and "cancel_reason" in no_reason.json()["errors"]
    created = client.post(
        DIALOGUES, {**base, "status": "held", "leaders": [leader.pk]}, content_type="application/json"
    )
    assert created.status_code == 201
    body = created.json()
    assert body["leaders"][0]["titles"] == "Chủ tịch UBND"
    listed = client.get(DIALOGUES, {"status": "held"}).json()["items"]
    assert [item["title"] for item in listed] == ["Đối thoại đất đai"]
    assert client.get(f"{DIALOGUES}/{body['id']}").json()["status"] == "held"
