"""The units API: tokens, filters, counts as of a date, lineage, scope and bad input."""

import json

import pytest
from django.test import Client

from danvan.accounts.models import ApiToken
from danvan.orgunits.models import OrgUnit
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def token_for(client: Client, username: str) -> str:
    response = client.post(
        "/api/v1/auth/token",
        json.dumps({"username": username, "password": DEMO_PASSWORD}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


@pytest.fixture
def api(client):
    """api(user) → a function get(path, **params) sending that user's bearer token."""

    def for_user(user):
        headers = {"Authorization": f"Bearer {token_for(client, user.username)}"}

        def get(path, **params):
            return client.get(f"/api/v1{path}", params, headers=headers)

        return get

    return for_user


def test_token_is_issued_for_good_credentials_and_stored_hashed(superuser, client):
    token = token_for(client, superuser.username)
    assert token.startswith("dvs_")
    stored = ApiToken.objects.get(user=superuser)
    assert stored.key_hash != token and stored.key_hash == ApiToken.hash_key(token)


def test_wrong_password_answers_401_in_vietnamese(superuser, client):
    response = client.post(
        "/api/v1/auth/token",
        json.dumps({"username": "root", "password": "sai"}),
        content_type="application/json",
    )
    assert response.status_code == 401
    assert "không đúng" in response.json()["detail"]


def test_missing_field_names_the_field(client, db):
    response = client.post(
        "/api/v1/auth/token", json.dumps({"username": "x"}), content_type="application/json"
    )
    assert response.status_code == 422
    assert "password" in response.json()["errors"]


def test_requests_without_token_are_refused(client, db):
    response = client.get("/api/v1/units")
    assert response.status_code == 401
    assert "xác thực" in response.json()["detail"]


def test_forged_token_is_refused(client, db):
    response = client.get("/api/v1/units", headers={"Authorization": "Bearer dvs_forged"})
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("as_of", "kind", "expected"),
    [
        ("2026-01-01", "province", 34),
        ("2026-01-01", "commune", 3321),
        ("2026-01-01", "district", 0),
        ("2025-06-30", "province", 63),
        ("2025-06-30", "district", 696),
        ("2025-06-30", "commune", 10051),
    ],
)
def test_units_as_of_a_date_count_the_country_then(api, superuser, as_of, kind, expected):
    response = api(superuser)("/units", as_of=as_of, kind=kind, limit=1)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == expected
    if expected:
        assert set(body["items"][0]) >= {
            "id",
            "code",
            "name",
            "kind",
            "division_type",
            "parent_id",
            "valid_from",
            "valid_to",
        }


def test_search_cau_ke_then_follow_its_lineage_to_todays_communes(api, superuser):
    get = api(superuser)
    found = get("/units", q="cau ke", kind="district").json()
    assert [item["name"] for item in found["items"]] == ["Huyện Cầu Kè"]
    lineage = get(f"/units/{found['items'][0]['id']}/lineage").json()
    assert lineage["predecessors"] == []
    assert lineage["successors"] and all(s["kind"] == "commune" for s in lineage["successors"])
    commune = get(f"/units/{lineage['successors'][0]['id']}").json()
    assert commune["valid_to"] is None and commune["valid_from"] == "2025-07-01"


def test_children_and_filters(api, superuser, units):
    get = api(superuser)
    children = get(f"/units/{units['cao_bang'].pk}/children", as_of="2026-01-01", kind="commune").json()
    assert (
        children["count"] == units["cao_bang"].children.filter(kind="commune", valid_to__isnull=True).count()
    )
    by_code = get("/units", code="01273").json()
    assert {item["name"] for item in by_code["items"]} >= {"Phường Thục Phán"}
    by_parent = get("/units", parent=units["thuc_phan"].pk).json()
    assert by_parent["count"] == units["thuc_phan"].children.count()


def test_commune_editor_gets_404_for_another_commune(api, commune_editor, units):
    get = api(commune_editor)
    assert get(f"/units/{units['thuc_phan'].pk}").status_code == 200
    for path in ("", "/children", "/lineage"):
        response = get(f"/units/{units['nung_tri_cao'].pk}{path}")
        assert response.status_code == 404
        assert "Không tìm thấy" in response.json()["detail"]
    listed = get("/units", as_of="2026-01-01", kind="commune").json()
    assert [item["name"] for item in listed["items"]] == ["Phường Thục Phán"]


def test_unknown_as_of_answers_422_naming_the_field(api, superuser):
    response = api(superuser)("/units", as_of="2025-13-45")
    assert response.status_code == 422
    assert "as_of" in response.json()["errors"]
    assert "Ngày không hợp lệ" in response.json()["detail"]


def test_non_numeric_unit_id_is_a_clear_error_not_a_500(api, superuser):
    response = api(superuser)("/units/abc")
    assert response.status_code == 422
    assert api(superuser)("/units/999999999").status_code == 404


def test_me_lists_roles(api, commune_editor, units):
    me = api(commune_editor)("/me").json()
    assert me["username"] == commune_editor.username
    assert me["roles"] == [
        {"unit_id": units["thuc_phan"].pk, "unit_name": "Phường Thục Phán", "role": "editor"}
    ]


def test_openapi_schema_is_published(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/units" in schema["paths"]
    assert "/api/v1/units/{unit_id}/lineage" in schema["paths"]
    assert "/api/v1/auth/token" in schema["paths"]


def test_responses_match_the_openapi_schema(api, superuser, client, units):
    schema = client.get("/api/v1/openapi.json").json()
    unit_schema = schema["components"]["schemas"]["UnitOut"]
    item = api(superuser)(f"/units/{units['thuc_phan'].pk}").json()
    assert set(item) == set(unit_schema["properties"])
    assert set(unit_schema["required"]) <= set(item)


def test_session_users_can_call_the_api_from_the_browser(client_for, province_admin, units):
    response = client_for(province_admin).get(f"/api/v1/units/{units['thuc_phan'].pk}")
    assert response.status_code == 200
    assert OrgUnit.objects.get(pk=response.json()["id"]).name == "Phường Thục Phán"


@pytest.mark.django_db
def test_token_endpoint_is_protected_against_brute_force(commune_editor, client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    body = json.dumps({"username": commune_editor.username, "password": "sai"})
    for _ in range(3):
        client.post("/api/v1/auth/token", body, content_type="application/json")
    good = json.dumps({"username": commune_editor.username, "password": DEMO_PASSWORD})
    response = client.post("/api/v1/auth/token", good, content_type="application/json")
    assert response.status_code in (403, 429)
    assert "token" not in response.json() and "khóa" in response.json()["detail"]
