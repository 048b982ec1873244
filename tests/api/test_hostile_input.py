"""Hostile input on the API: every refusal is a 4xx with a JSON {"detail": …} in Vietnamese naming the field, never a
500 nor an HTML page, on SQLite and on PostgreSQL (DESIGN §4.5)."""

import json

import pytest
from django.test import Client

from danvan.core import body_limit
from danvan.demo.reporting import define_demo_form
from danvan.orgunits import selectors as unit_selectors
from danvan.practices.models import Practice
from danvan.reporting.models import Value
from tests.api.test_units_api import token_for

pytestmark = pytest.mark.django_db

LISTS = (
    "/units",
    "/units/{unit}/children",
    "/practices",
    "/reporting/forms",
    "/reporting/indicators",
    "/reporting/submissions",
)


class Api:
    def __init__(self, client, user):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token_for(client, user.username)}"}

    def get(self, path, params=None):
        return self.client.get(f"/api/v1{path}", params or {}, headers=self.headers)

    def post(self, path, body, **extra):
        text = body if isinstance(body, str | bytes) else json.dumps(body)
        return self.client.post(
            f"/api/v1{path}", text, content_type="application/json", headers=self.headers, **extra
        )


@pytest.fixture
def editor(client, commune_editor):
    return Api(client, commune_editor)


def refused(response, status: int, field: str | None = None) -> str:
    """The response is a JSON error of that status (naming `field` when given); returns its detail."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["detail"]
    if field is not None:
        assert field in body["errors"], body
    return body["detail"]


def practice(units, fields, **changes):
    return {
        "owner": units["thuc_phan"].pk,
        "name": "Tuyến đường hoa",
        "fields": ["kinh-te"],
        "registration_year": 2026,
        **changes,
    }


# --- NUL characters, before PostgreSQL sees them ---------------------------------------------------------------------


def test_a_nul_in_the_username_of_the_unauthenticated_token_request_is_refused_naming_it(client, db):
    response = client.post(
        "/api/v1/auth/token", '{"username": "a\\u0000", "password": "x"}', content_type="application/json"
    )
    assert "NUL" in refused(response, 422, "username")


def test_a_nul_in_any_json_string_or_query_parameter_is_refused_naming_it(editor, units, fields):
    response = editor.post("/practices", practice(units, fields, summary="Xin\x00chào"))
    assert "NUL" in refused(response, 422, "summary")
    nested = practice(units, fields, results=[{"indicator": "Hộ\x00", "value": 1}])
    refused(editor.post("/practices", nested), 422, "results[0].indicator")
    assert "NUL" in refused(editor.get("/units", {"q": "Cao\x00Bằng"}), 422, "q")
    refused(editor.get("/reporting/values", {"unit": units["thuc_phan"].pk, "period": "2026H1\x00"}), 422)
    assert not Practice.objects.exists()


# --- lengths and ranges from the models --------------------------------------------------------------------------------


def test_a_practice_name_or_phone_longer_than_its_column_is_refused_naming_the_field(editor, units, fields):
    detail = refused(editor.post("/practices", practice(units, fields, name="x" * 301)), 422, "name")
    assert "Dài quá 300 ký tự" in detail
    refused(editor.post("/practices", practice(units, fields, contact_phone="0" * 33)), 422, "contact_phone")
    assert editor.post("/practices", practice(units, fields, name="x" * 300)).status_code == 201


def test_a_result_value_too_big_or_not_a_number_is_refused(editor, units, fields):
    for value, field in (
        ("1e30", "results"),
        (1e30, "results[0].value"),
        ("1_000", "results"),
        ("NaN", "results"),
    ):
        body = practice(units, fields, results=[{"indicator": "Hộ", "value": value}])
        refused(editor.post("/practices", body), 422, field)
    assert not Practice.objects.exists()


def test_nan_or_infinity_in_the_body_is_not_json(editor, units, fields):
    body = json.dumps(practice(units, fields, results=[{"indicator": "Hộ", "value": float("nan")}]))
    assert "JSON" in refused(editor.post("/practices", body), 400)
    assert "JSON" in refused(editor.post("/practices", b'{"name": "\xff"}'), 400)


@pytest.mark.parametrize("path", LISTS)
def test_an_offset_beyond_64_bits_is_refused_on_every_list(editor, units, path):
    url = path.format(unit=units["thuc_phan"].pk)
    assert "Số quá lớn" in refused(editor.get(url, {"offset": "9223372036854775808"}), 422, "offset")
    assert (
        editor.get(url, {"offset": str(2**53 - 1)}).status_code == 200
    )  # the largest accepted: an empty page


def test_a_registration_year_of_five_digits_is_refused(editor, units, fields):
    refused(
        editor.post("/practices", practice(units, fields, registration_year=10000)), 422, "registration_year"
    )


def test_ids_beyond_64_bits_are_refused_before_the_database(editor, units, fields):
    refused(editor.post("/practices", practice(units, fields, owner=10**30)), 422, "owner")
    define_demo_form(units["cao_bang"])
    rows = [{"unit": 10**30, "period": "2026H1", "indicator": "dcs_doi_thoai", "value": 1}]
    refused(editor.post("/reporting/values", rows), 422, "[0].unit")
    rows[0]["unit"] = str(10**30)
    refused(editor.post("/reporting/values", rows), 422, "[0].unit")
    assert editor.get(f"/units/{2**53 - 1}").status_code == 404
    refused(editor.get(f"/units/{10**30}"), 422, "unit_id")
    refused(editor.get(f"/practices/{10**30}"), 422, "practice_id")
    refused(editor.post(f"/reporting/submissions/{10**30}/submit", {}), 422, "submission_id")


def test_strict_numbers_in_the_bulk_write(editor, units):
    define_demo_form(units["cao_bang"])
    for value in ("1_000", "٣", "1e3"):
        rows = [
            {"unit": units["thuc_phan"].pk, "period": "2026H1", "indicator": "dcs_doi_thoai", "value": value}
        ]
        assert "không phải là số" in refused(editor.post("/reporting/values", rows), 422)
    rows[0]["value"] = "1.234"
    assert editor.post("/reporting/values", rows).status_code == 200
    assert Value.objects.get(unit=units["thuc_phan"], indicator__code="dcs_doi_thoai").number == 1234


# --- JSON for every error ------------------------------------------------------------------------------------------


def test_an_unknown_api_route_answers_json_404(editor, client):
    assert "/api/v1/docs" in refused(editor.get("/khong-co"), 404)
    assert "/api/v1/docs" in refused(client.get("/api/v2/units"), 404)
    assert client.get("/khong-co-trang-nay/").status_code == 404  # pages stay HTML
    assert client.get("/khong-co-trang-nay/")["Content-Type"].startswith("text/html")


def test_a_crash_answers_json_500_with_the_request_id(commune_editor, monkeypatch):
    def crash(user):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(unit_selectors, "units_visible_to", crash)
    client = Client(raise_request_exception=False)
    headers = {"Authorization": f"Bearer {token_for(client, commune_editor.username)}"}
    response = client.get("/api/v1/units", headers=headers)
    detail = refused(response, 500)
    assert response["X-Request-ID"] in detail


def test_a_body_over_5_mb_answers_json_413(editor, units, fields):
    body = json.dumps(practice(units, fields, summary="x" * (5 * 1024 * 1024)))
    assert "vượt quá giới hạn 5,0 MB" in refused(editor.post("/practices", body), 413)


def test_the_bulk_write_takes_a_body_over_5_mb_up_to_its_own_limit(editor, units):
    define_demo_form(units["cao_bang"])
    rows = [{"unit": units["thuc_phan"].pk, "period": "2026H1", "indicator": "dcs_doi_thoai", "value": 7}]
    padded = json.dumps(rows) + " " * (6 * 1024 * 1024)  # JSON allows the spaces; the body is 6 MB
    response = editor.post("/reporting/values", padded)
    assert response.status_code == 200, response.content[:300]
    assert response.json() == {"written": 1, "unchanged": 0}
    declared = str(body_limit.BULK_MAX_BYTES + 1)
    detail = refused(editor.post("/reporting/values", rows, CONTENT_LENGTH=declared), 413)
    assert "vượt quá giới hạn 50,0 MB" in detail


# --- the OpenAPI document ------------------------------------------------------------------------------------------


def test_openapi_documents_error_responses_lengths_and_allowed_values(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "422", "429"} <= codes, (method, path)
            if "requestBody" in operation:
                assert {"400", "413"} <= codes, (method, path)
            if operation.get("security"):
                assert {"403", "404"} <= codes, (method, path)
    components = schema["components"]["schemas"]
    assert components["TransitionIn"]["properties"]["action"]["enum"] == [
        "implement",
        "recognise",
        "not_recognise",
        "stop",
    ]
    practice_in = components["PracticeIn"]["properties"]
    assert (practice_in["name"]["maxLength"], practice_in["contact_phone"]["maxLength"]) == (300, 32)
    assert practice_in["kind"]["enum"] == ["model", "exemplar"]
    analytics = schema["paths"]["/api/v1/reporting/analytics"]["get"]["parameters"]
    by = next(p for p in analytics if p["name"] == "by")
    assert "child" in json.dumps(by["schema"])
    submissions = schema["paths"]["/api/v1/reporting/submissions"]["get"]["parameters"]
    status = next(p for p in submissions if p["name"] == "status")
    assert "approved" in json.dumps(status["schema"])
