"""The practices API: schema, scope both ways, bad input in Vietnamese, the lifecycle, and counts equal to the lists
behind them."""

import json

import pytest

from danvan.accounts.scope import Role
from danvan.orgunits.models import OrgUnit
from danvan.practices import services
from danvan.practices.models import Practice, Status
from tests import factories
from tests.api.test_units_api import token_for
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, client, user):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token_for(client, user.username)}"}

    def get(self, path, **params):
        return self.client.get(f"/api/v1{path}", params, headers=self.headers)

    def post(self, path, body):
        return self.client.post(
            f"/api/v1{path}", json.dumps(body), content_type="application/json", headers=self.headers
        )

    def patch(self, path, body):
        return self.client.patch(
            f"/api/v1{path}", json.dumps(body), content_type="application/json", headers=self.headers
        )


@pytest.fixture
def api(client):
    return lambda user: Api(client, user)


@pytest.fixture
def approver(units):
    return make_user("ban_tgdv_approver", units["cao_bang"], Role.APPROVER)


def register(actor, owner, fields, **extra):
    data = {"name": "Dân vận khéo", "registration_year": 2026, "kind": Practice.Kind.MODEL, **extra}
    return services.register_practice(actor, owner=owner, fields=fields, **data)


def body(owner, **extra):
    return {
        "owner": owner.pk,
        "kind": "model",
        "name": "Tuyến đường hoa nông thôn mới",
        "fields": ["kinh-te"],
        "registration_year": 2026,
        **extra,
    }


def test_openapi_schema_has_the_practices_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/practices"])
    assert {"get", "patch"} <= set(paths["/api/v1/practices/{practice_id}"])
    for path in ("transitions", "replicate", "reconfirm"):
        assert "post" in paths[f"/api/v1/practices/{{practice_id}}/{path}"]
    stats = paths["/api/v1/practices/stats"]["get"]
    assert {p["name"] for p in stats["parameters"]} == {"unit", "year", "by"}
    listed = {p["name"] for p in paths["/api/v1/practices"]["get"]["parameters"]}
    assert listed >= {"q", "unit", "year", "field", "kind", "level", "status", "group", "limit", "offset"}


def test_create_transition_recognise_then_count(api, units, commune_editor, approver, fields):
    editor = api(commune_editor)
    created = editor.post(
        "/practices",
        body(
            units["thuc_phan"],
            fields=["kinh-te", fields["van-hoa-xa-hoi"].pk],
            contact_name="Hoàng Thị Phường",
            contact_phone="0912 345 678",
            results=[{"indicator": "Hộ thoát nghèo", "unit_of_measure": "hộ", "value": "12"}],
            start_date="2026-01-15",
        ),
    )
    assert created.status_code == 201, created.content
    practice = created.json()
    assert practice["level"] == "commune" and practice["status"] == "registered"
    assert [f["code"] for f in practice["fields"]] == ["kinh-te", "van-hoa-xa-hoi"]
    assert practice["years"] == [2026] and practice["contact_phone"] == "0912 345 678"
    assert practice["results"] == [{"indicator": "Hộ thoát nghèo", "unit_of_measure": "hộ", "value": 12.0}]

    pk = practice["id"]
    moved = editor.post(f"/practices/{pk}/transitions", {"action": "implement", "date": "2026-02-01"})
    assert moved.status_code == 200 and moved.json()["status"] == "implementing"
    refused = editor.post(
        f"/practices/{pk}/transitions",
        {"action": "recognise", "decision": "1/QĐ", "recognised_by": units["thuc_phan"].pk},
    )
    assert refused.status_code == 403 and "phê duyệt" in refused.json()["detail"]
    recognised = api(approver).post(
        f"/practices/{pk}/transitions",
        {
            "action": "recognise",
            "date": "2026-06-01",
            "decision": "125-QĐ/BTGDVTU",
            "recognised_by": units["ban_tgdv_cao_bang"].pk,
        },
    )
    assert recognised.status_code == 200, recognised.content
    assert (
        recognised.json()["status"] == "recognised" and recognised.json()["recognition_level"] == "province"
    )

    stats = editor.get(
        "/practices/stats", unit=units["thuc_phan"].pk, year=2026, by="level,field,status"
    ).json()
    assert stats["total"] == 1 and stats["unit_name"] == "Phường Thục Phán"
    assert {(r["level"], r["field"], r["status"], r["count"]) for r in stats["rows"]} == {
        ("commune", "kinh-te", "recognised", 1),
        ("commune", "van-hoa-xa-hoi", "recognised", 1),
    }


def test_patch_replicate_and_reconfirm(api, units, commune_editor, province_admin, fields):
    practice = register(commune_editor, units["thuc_phan"], [fields["kinh-te"]], registration_year=2025)
    editor = api(commune_editor)
    patched = editor.patch(
        f"/practices/{practice.pk}",
        {"name": "Tổ dân phố văn minh", "fields": ["quoc-phong-an-ninh"], "summary": None},
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["name"] == "Tổ dân phố văn minh"
    assert [f["code"] for f in patched.json()["fields"]] == ["quoc-phong-an-ninh"]
    reconfirmed = editor.post(f"/practices/{practice.pk}/reconfirm", {"year": 2026})
    assert reconfirmed.status_code == 200 and reconfirmed.json()["years"] == [2025, 2026]
    again = editor.post(f"/practices/{practice.pk}/reconfirm", {"year": 2026})
    assert again.status_code == 422 and "year" in again.json()["errors"]

    admin = api(province_admin)
    not_yet = admin.post(
        f"/practices/{practice.pk}/replicate", {"owner": units["nung_tri_cao"].pk, "registration_year": 2026}
    )
    assert not_yet.status_code == 422 and "công nhận" in not_yet.json()["detail"]
    services.transition(
        province_admin,
        practice,
        "recognise",
        decision="9/QĐ",
        recognised_by=units["ban_tgdv_cao_bang"],
    )
    replica = admin.post(
        f"/practices/{practice.pk}/replicate", {"owner": units["nung_tri_cao"].pk, "registration_year": 2026}
    )
    assert replica.status_code == 201, replica.content
    assert replica.json()["owner_id"] == units["nung_tri_cao"].pk
    practice.refresh_from_db()
    assert practice.status == Status.REPLICATED


def test_commune_editor_cannot_see_or_touch_another_communes_models(
    api, units, commune_editor, other_commune_editor, fields
):
    mine = register(commune_editor, units["thuc_phan"], [fields["kinh-te"]])
    theirs = register(other_commune_editor, units["nung_tri_cao"], [fields["kinh-te"]])
    editor = api(commune_editor)
    assert editor.get(f"/practices/{mine.pk}").status_code == 200
    assert editor.get(f"/practices/{theirs.pk}").status_code == 404
    assert editor.patch(f"/practices/{theirs.pk}", {"name": "Đổi"}).status_code == 404
    assert editor.post(f"/practices/{theirs.pk}/transitions", {"action": "implement"}).status_code == 404
    assert editor.post(f"/practices/{theirs.pk}/reconfirm", {"year": 2027}).status_code == 404
    assert editor.get("/practices/stats", unit=units["nung_tri_cao"].pk, year=2026).status_code == 404
    assert editor.get("/practices", unit=units["nung_tri_cao"].pk).status_code == 404
    assert [item["id"] for item in editor.get("/practices").json()["items"]] == [mine.pk]
    # A forged owner outside the scope is a 404, never a 500.
    forged = editor.post("/practices", body(units["nung_tri_cao"]))
    assert forged.status_code == 404 and "Không tìm thấy" in forged.json()["detail"]
    assert not Practice.objects.filter(owner=units["nung_tri_cao"], name__startswith="Tuyến").exists()
    # And the other way round.
    other = api(other_commune_editor)
    assert other.get(f"/practices/{mine.pk}").status_code == 404
    assert [item["id"] for item in other.get("/practices").json()["items"]] == [theirs.pk]
    # A unit in scope but not editable: 403 with the reason.
    viewer = make_user("caobang_viewer", units["cao_bang"], Role.VIEWER)
    refused = api(viewer).post("/practices", body(units["thuc_phan"]))
    assert refused.status_code == 403 and "không có quyền" in refused.json()["detail"]


def test_recognising_unit_outside_scope_is_404(api, units, commune_editor, fields, superuser):
    practice = register(commune_editor, units["thuc_phan"], [fields["kinh-te"]])
    approver = make_user("thucphan_approver", units["thuc_phan"], Role.APPROVER)
    response = api(approver).post(
        f"/practices/{practice.pk}/transitions",
        {"action": "recognise", "decision": "1/QĐ", "recognised_by": units["cau_ke"].pk},
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"fields": ["khong-co"]}, "fields", "khong-co"),
        ({"fields": [999999]}, "fields", "999999"),
        ({"fields": []}, "fields", "ít nhất một lĩnh vực"),
        ({"registration_year": 1990}, "registration_year", "Năm đăng ký"),
        ({"name": ""}, "name", "không được để trống"),
        ({"kind": "exemplar"}, "person_name", "họ và tên"),
        ({"kind": "robot"}, "kind", "Loại không hợp lệ"),
        ({"contact_email": "không-phải-email"}, "contact_email", "không hợp lệ"),
        ({"results": [{"indicator": "Hộ", "value": "mười"}]}, "results", "mười"),
        ({"start_date": "2026-02-30"}, "start_date", "Ngày không hợp lệ"),
        ({"registration_year": "năm nay"}, "registration_year", "số nguyên"),
    ],
)
def test_bad_input_answers_422_naming_the_field(api, units, commune_editor, fields, change, field, words):
    response = api(commune_editor).post("/practices", body(units["thuc_phan"], **change))
    assert response.status_code == 422, response.content
    answer = response.json()
    assert field in answer["errors"], answer
    assert words in " ".join(answer["errors"][field])


def test_missing_field_is_named(api, units, commune_editor):
    response = api(commune_editor).post("/practices", {"owner": units["thuc_phan"].pk, "name": "X"})
    assert response.status_code == 422
    assert {"fields", "registration_year"} <= set(response.json()["errors"])


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"by": "level,colour"}, "by", "colour"),
        ({"year": 1990}, "year", "Năm phải từ"),
        ({"year": "hai nghìn"}, "year", "số nguyên"),
        ({"unit": "abc"}, "unit", "số nguyên"),
    ],
)
def test_bad_stats_parameters_are_named(api, units, province_admin, params, field, words):
    params = {"unit": units["cao_bang"].pk, "year": 2026, **params}
    response = api(province_admin).get("/practices/stats", **params)
    assert response.status_code == 422, response.content
    assert words in " ".join(response.json()["errors"][field])


def test_only_superusers_see_the_nation(api, units, commune_editor, superuser, fields):
    register(commune_editor, units["thuc_phan"], [fields["kinh-te"]])
    refused = api(commune_editor).get("/practices/stats", year=2026)
    assert refused.status_code == 422 and "unit" in refused.json()["errors"]
    nation = api(superuser).get("/practices/stats", year=2026, by="level")
    assert nation.status_code == 200
    assert (
        nation.json()["unit_id"] is None
        and nation.json()["total"] == Practice.objects.filter(years__year=2026).count()
    )
    by_group = api(superuser).get("/practices/stats", year=2026, by="group")
    assert by_group.status_code == 422 and "by" in by_group.json()["errors"]


def test_stats_rows_equal_the_lists_behind_them(api, units, commune_editor, province_admin, fields):
    hamlet = factories.hamlet(units["thuc_phan"], "Tổ dân phố 9")
    agency = factories.agency(units["nung_tri_cao"], "Hội Cựu chiến binh phường")
    register(commune_editor, units["thuc_phan"], [fields["kinh-te"], fields["van-hoa-xa-hoi"]])
    register(commune_editor, hamlet, [fields["kinh-te"]])
    register(commune_editor, hamlet, [fields["quoc-phong-an-ninh"]], kind="exemplar", person_name="Lò Văn A")
    register(province_admin, agency, [fields["xay-dung-he-thong-chinh-tri"], fields["kinh-te"]])
    register(province_admin, units["ban_tgdv_cao_bang"], [fields["van-hoa-xa-hoi"]])
    register(province_admin, units["thuc_phan"], [fields["kinh-te"]], registration_year=2025)
    admin = api(province_admin)
    unit = units["cao_bang"].pk
    for by, filters in (
        ("level,field", ("level", "field_id")),
        ("kind,status", ("kind", "status")),
        ("group", ("group_id",)),
    ):
        stats = admin.get("/practices/stats", unit=unit, year=2026, by=by).json()
        assert stats["total"] == 5
        assert stats["rows"], by
        for row in stats["rows"]:
            params = {name.removesuffix("_id"): row[name] for name in filters}
            listed = admin.get("/practices", unit=unit, year=2026, limit=1, **params).json()
            assert listed["count"] == row["count"], (by, row)
    assert admin.get("/practices", unit=unit, year=2026, limit=1).json()["count"] == 5


def test_list_filters_and_search(api, units, commune_editor, fields):
    register(commune_editor, units["thuc_phan"], [fields["kinh-te"]], name="Dân vận khéo trong thu gom rác")
    register(commune_editor, units["thuc_phan"], [fields["van-hoa-xa-hoi"]], name="Câu lạc bộ dân ca")
    get = api(commune_editor).get
    assert [i["name"] for i in get("/practices", q="thu gom rac").json()["items"]] == [
        "Dân vận khéo trong thu gom rác"
    ]
    assert get("/practices", field=fields["van-hoa-xa-hoi"].pk).json()["count"] == 1
    assert get("/practices", level="hamlet").json()["count"] == 0
    bad = get("/practices", level="galaxy")
    assert bad.status_code == 422 and "level" in bad.json()["errors"]
    assert get("/practices/999999999").status_code == 404


def test_new_province_counts_its_predecessors_history_through_the_api(api, units, superuser, fields):
    register(superuser, units["cau_ke"], [fields["kinh-te"]], registration_year=2024)
    vinh_long = OrgUnit.objects.get(external_id="vn2025:province:86")
    stats = api(superuser).get("/practices/stats", unit=vinh_long.pk, year=2024, by="level").json()
    assert stats["total"] == 1 and stats["rows"] == [{"level": "district", "count": 1}]


def test_the_seeds_figures_come_out_of_the_stats_api(api, units, superuser):
    """The demo register holds the seeds' three sets of figures; the API gives them back for their units and years."""
    from danvan.demo.practices import load_demo_practices

    load_demo_practices()
    get = api(superuser).get

    city = get("/practices/stats", unit=units["tp_cao_bang"].pk, year=2021, by="level").json()
    by_level = {row["level"]: row["count"] for row in city["rows"]}
    assert by_level["commune"] == 14 and by_level["hamlet"] == 200

    assert get("/practices/stats", unit=units["cau_ke"].pk, year=2022).json()["total"] == 331

    town = get("/practices/stats", unit=units["duy_tien"].pk, year=2019, by="group").json()
    assert town["total"] == 60
    assert {row["group"]: row["count"] for row in town["rows"]} == {
        "Khối phòng, ban, ngành, đoàn thể": 21,
        "Khối xã, phường, thị trấn": 39,
    }
    # Each of those numbers is the list behind it.
    for row in town["rows"]:
        listed = get("/practices", unit=units["duy_tien"].pk, year=2019, group=row["group_id"], limit=1)
        assert listed.json()["count"] == row["count"]
