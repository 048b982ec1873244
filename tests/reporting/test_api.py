"""The reporting API: forms and indicators, values read and written in bulk (all or nothing, refused without the
right), submissions and their transitions, and live aggregates with the shape the issue gives, scoped both ways."""

import json

import pytest
from django.db.models import Sum

from danvan.accounts.scope import Role
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtree_q
from danvan.reporting import services
from danvan.reporting.models import Form, Indicator, Submission, Value, ValueChange
from tests.api.test_units_api import token_for
from tests.conftest import make_user
from tests.factories import approved_reports

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, client, user):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token_for(client, user.username)}"}

    def get(self, path, **params):
        return self.client.get(f"/api/v1/reporting{path}", params, headers=self.headers)

    def post(self, path, body=None):
        return self.client.post(
            f"/api/v1/reporting{path}",
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            headers=self.headers,
        )


@pytest.fixture
def api(client):
    return lambda user: Api(client, user)


def put(unit, period, **figures):
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=figures)}
    writes = []
    for code, figure in figures.items():
        for category, number in (figure if isinstance(figure, dict) else {"": figure}).items():
            writes.append(
                services.CellWrite(indicators[code], unit, period, category, float(number), "", "entered", "")
            )
    approved_reports(unit, period, figures)
    services.apply_writes(None, writes)


@pytest.fixture
def figures(demo_form, units):
    put(
        units["thuc_phan"],
        "2026H1",
        dcs_don_tiep_nhan=10,
        dcs_don_giai_quyet=5,
        dlxh_hai_long=80,
        dcs_doi_thoai=2,
        dvk_mh_dang_ky={"commune": 1, "hamlet": 3},
    )
    put(
        units["nung_tri_cao"],
        "2026H1",
        dcs_don_tiep_nhan=30,
        dcs_don_giai_quyet=30,
        dlxh_hai_long=90,
        dcs_doi_thoai=1204,
        dvk_mh_dang_ky={"commune": 2},
    )
    return demo_form


def row(unit, indicator, value, period="2026H1", **extra):
    return {"unit": unit.pk, "period": period, "indicator": indicator, "value": value, **extra}


# --- the schema ------------------------------------------------------------------------------------------------------


def test_openapi_documents_the_reporting_endpoints_and_period_codes(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in ("forms", "indicators", "values", "submissions", "analytics"):
        assert f"/api/v1/reporting/{path}" in paths, path
    assert "post" in paths["/api/v1/reporting/values"]
    for action in ("submit", "approve", "return", "reopen"):
        assert "post" in paths[f"/api/v1/reporting/submissions/{{submission_id}}/{action}"]
    analytics = paths["/api/v1/reporting/analytics"]["get"]
    assert {p["name"] for p in analytics["parameters"]} == {"indicators", "unit", "period", "by", "status"}
    for code in ("`2026`", "`2026H1`", "`2026Q3`", "`2026M07`", "`2026N9`"):
        assert code in analytics["description"]
        assert code in paths["/api/v1/reporting/values"]["post"]["description"]


def test_requests_without_a_token_are_refused(client, db):
    assert client.get("/api/v1/reporting/forms").status_code == 401
    assert client.post("/api/v1/reporting/values", "[]", content_type="application/json").status_code == 401


# --- forms and indicators --------------------------------------------------------------------------------------------


def test_forms_list_their_sections_and_indicator_codes(api, demo_form, commune_editor):
    body = api(commune_editor).get("/forms").json()
    assert body["count"] == 1
    form = body["items"][0]
    assert form["code"] == "so-ket-dan-van-6-thang" and form["owner_name"] == "Tỉnh Cao Bằng"
    assert form["period_type"] == "half_year" and form["reporting_kinds"] == ["commune"]
    assert form["sections"][0]["title"] == "I. Phong trào thi đua “Dân vận khéo”"
    assert form["sections"][1]["indicators"][:2] == ["dcs_doi_thoai", "dcs_nguoi_du_doi_thoai"]
    assert api(commune_editor).get(f"/forms/{demo_form.pk}").json()["id"] == demo_form.pk


def test_forms_say_which_cells_and_sections_are_compulsory(api, demo_form_as_issued, commune_editor):
    form = api(commune_editor).get(f"/forms/{demo_form_as_issued.pk}").json()
    assert form["required_narrative"] == ["2.2", "2.6", "4"]
    assert form["sections"][1]["required"] == [
        "dcs_doi_thoai",
        "dcs_tiep_cong_dan",
        "dcs_luot_tiep",
        "dcs_don_tiep_nhan",
        "dcs_don_giai_quyet",
    ]
    assert form["sections"][0]["required"] == []


def test_a_form_of_another_province_is_404(api, demo_form, commune_editor, superuser):
    other = Form.objects.create(
        code="khac",
        name="Biểu mẫu tỉnh khác",
        owner=OrgUnit.objects.get(external_id="vn2025:province:86"),
        period_type="year",
    )
    editor = api(commune_editor)
    assert editor.get(f"/forms/{other.pk}").status_code == 404
    assert [f["code"] for f in editor.get("/forms").json()["items"]] == ["so-ket-dan-van-6-thang"]
    assert api(superuser).get(f"/forms/{other.pk}").status_code == 200


def test_indicators_carry_categories_options_and_formulas(api, demo_form, commune_editor):
    items = {i["code"]: i for i in api(commune_editor).get("/indicators", limit=100).json()["items"]}
    registered = items["dvk_mh_dang_ky"]
    assert registered["source"] == "practices.registered" and registered["value_type"] == "integer"
    assert registered["categories"][0]["code"] == "cap_xa"
    assert {o["code"] for o in registered["categories"][0]["options"]} >= {"commune", "hamlet"}
    assert "commune" in registered["category_keys"]
    rate = items["dcs_ty_le_giai_quyet"]
    assert rate["expression"] == "dcs_don_giai_quyet / dcs_don_tiep_nhan * 100"
    assert rate["category_keys"] == [""]
    assert items["dlxh_hai_long"]["aggregation"] == "average"


def test_forms_and_indicators_take_the_list_pages_filters(api, demo_form, commune_editor):
    editor = api(commune_editor)
    assert editor.get("/forms", q="so ket dan van").json()["count"] == 1
    assert editor.get("/forms", period_type="year").json()["count"] == 0
    computed = editor.get("/indicators", kind="computed", limit=100).json()["items"]
    assert {i["code"] for i in computed} == {"dvk_ty_le_cong_nhan", "dcs_ty_le_giai_quyet"}
    found = editor.get("/indicators", q="ty le giai quyet").json()["items"]
    assert [i["code"] for i in found] == ["dcs_ty_le_giai_quyet"]
    bad = editor.get("/indicators", value_type="so")
    assert bad.status_code == 422 and "value_type" in bad.json()["errors"]


# --- values ----------------------------------------------------------------------------------------------------------


def test_values_of_a_unit_are_read_back_as_written(api, figures, units, commune_editor):
    editor = api(commune_editor)
    values = editor.get("/values", unit=units["thuc_phan"].pk, period="2026H1").json()
    found = {(v["indicator"], v["category"]): v["value"] for v in values}
    assert found[("dcs_doi_thoai", "")] == 2 and found[("dvk_mh_dang_ky", "hamlet")] == 3
    assert set(values[0]) == {
        "unit",
        "period",
        "indicator",
        "category",
        "value",
        "origin",
        "reason",
        "updated_at",
    }
    only = editor.get(
        "/values", unit=units["thuc_phan"].pk, period="2026H1", indicators="dcs_doi_thoai"
    ).json()
    assert [v["indicator"] for v in only] == ["dcs_doi_thoai"]
    assert editor.get("/values", unit=units["nung_tri_cao"].pk, period="2026H1").status_code == 404
    unknown = editor.get("/values", unit=units["thuc_phan"].pk, period="2026H1", indicators="khong_co")
    assert unknown.status_code == 422 and "khong_co" in unknown.json()["errors"]["indicators"][0]
    bad = editor.get("/values", unit=units["thuc_phan"].pk, period="2026-1")
    assert bad.status_code == 422 and "2026-1" in bad.json()["errors"]["period"][0]


def test_bulk_write_then_the_same_again_is_unchanged(api, demo_form, units, commune_editor):
    editor = api(commune_editor)
    rows = [
        row(units["thuc_phan"], "dcs_doi_thoai", 4),
        row(units["thuc_phan"], "dcs_nguoi_du_doi_thoai", "1.250"),
        row(units["thuc_phan"], "dvk_mh_dang_ky", 2, category="commune", reason="Sổ đăng ký"),
        row(units["thuc_phan"], "dcs_so_ket", True),
    ]
    first = editor.post("/values", rows)
    assert first.status_code == 200, first.content
    assert first.json() == {"written": 4, "unchanged": 0}
    again = editor.post("/values", rows[:2])
    assert again.json() == {"written": 0, "unchanged": 2}
    stored = Value.objects.get(unit=units["thuc_phan"], indicator__code="dcs_nguoi_du_doi_thoai")
    assert stored.number == 1250 and stored.origin == Value.Origin.IMPORTED
    read = {
        v["indicator"]: v["value"]
        for v in editor.get("/values", unit=units["thuc_phan"].pk, period="2026H1").json()
    }
    assert read["dcs_so_ket"] is True and read["dcs_nguoi_du_doi_thoai"] == 1250
    assert ValueChange.objects.filter(unit=units["thuc_phan"], user=commune_editor).count() == 4


def test_unauthorised_bulk_write_is_refused_and_changes_nothing(
    api, figures, units, commune_editor, other_commune_editor
):
    before = sorted(Value.objects.values_list("unit_id", "indicator_id", "category", "number"))
    changes = ValueChange.objects.count()
    rows = [
        row(units["thuc_phan"], "dcs_doi_thoai", 5),
        row(units["nung_tri_cao"], "dcs_doi_thoai", 99),
    ]
    refused = api(commune_editor).post("/values", rows)
    assert (
        refused.status_code == 422
    )  # a unit outside the writer's scope is answered like one that does not exist
    viewer = make_user("caobang_xem", units["cao_bang"], Role.VIEWER)
    seen = api(viewer).post("/values", rows[:1])
    assert seen.status_code == 403  # a unit the writer reads but may not enter is named
    assert "Thục Phán" in seen.json()["detail"] and "Không số liệu nào được ghi" in seen.json()["detail"]
    assert sorted(Value.objects.values_list("unit_id", "indicator_id", "category", "number")) == before
    assert ValueChange.objects.count() == changes


def test_a_bulk_write_never_names_a_unit_outside_the_writers_scope(api, demo_form, units, commune_editor):
    # The reads answer 404 for another commune; the write named it ("Phường Nùng Trí Cao") for any id tried.
    other = units["nung_tri_cao"]
    refused = api(commune_editor).post("/values", [row(other, "dcs_doi_thoai", 99)])
    missing = api(commune_editor).post("/values", [row(other, "dcs_doi_thoai", 99) | {"unit": 10**9}])
    assert refused.status_code == missing.status_code == 422
    assert other.name not in refused.content.decode()
    assert refused.json()["errors"]["Dòng 1"] == [f"không có đơn vị “{other.pk}”"]
    assert not Value.objects.filter(unit=other, indicator__code="dcs_doi_thoai", number=99).exists()


def test_bad_rows_are_named_and_nothing_is_written(api, demo_form, units, commune_editor):
    count = Value.objects.count()
    rows = [
        row(units["thuc_phan"], "dcs_doi_thoai", 3),
        row(units["thuc_phan"], "khong_co", 3),
        row(units["thuc_phan"], "dcs_doi_thoai", "mười", period="2026H1"),
        row(units["thuc_phan"], "dcs_doi_thoai", 3, period="2026X1"),
        {"period": "2026H1", "value": 1},
        row(units["thuc_phan"], "dvk_ty_le_cong_nhan", 50),
        row(units["thuc_phan"], "dvk_mh_dang_ky", 1, category="tinh"),
    ]
    response = api(commune_editor).post("/values", rows)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert list(errors) == ["Dòng 2", "Dòng 3", "Dòng 4", "Dòng 5", "Dòng 6", "Dòng 7"]
    assert "khong_co" in errors["Dòng 2"][0]
    assert "không phải là số" in errors["Dòng 3"][0]
    assert "2026X1" in errors["Dòng 4"][0]
    assert errors["Dòng 5"] == ["thiếu “unit”, “indicator”."]
    assert "công thức" in errors["Dòng 6"][0]
    assert "tinh" in errors["Dòng 7"][0]
    assert response.json()["detail"].startswith("Dòng 2: ")
    assert Value.objects.count() == count
    not_a_list = api(commune_editor).post("/values", {"unit": 1})
    assert not_a_list.status_code == 422


def test_bulk_write_into_an_approved_report_is_refused(
    api, demo_form, units, commune_editor, province_approver
):
    submission = services.open_submission(commune_editor, demo_form, units["thuc_phan"], "2026H1")
    services.submit(commune_editor, submission)
    services.approve(province_approver, submission)
    response = api(commune_editor).post("/values", [row(units["thuc_phan"], "dcs_doi_thoai", 9)])
    assert response.status_code == 422 and "đã được duyệt" in response.json()["errors"]["Dòng 1"][0]


# --- submissions -----------------------------------------------------------------------------------------------------


def test_submit_approve_return_and_reopen_through_the_api(
    api, demo_form, units, commune_editor, other_commune_editor, province_approver
):
    submission = services.open_submission(commune_editor, demo_form, units["thuc_phan"], "2026H1")
    other = services.open_submission(other_commune_editor, demo_form, units["nung_tri_cao"], "2026H1")
    editor, approver = api(commune_editor), api(province_approver)

    listed = editor.get("/submissions", form=demo_form.pk, period="2026H1").json()
    assert listed["count"] == 1 and listed["items"][0]["unit_name"] == "Phường Thục Phán"
    assert listed["items"][0]["period_label"] == "6 tháng đầu năm 2026"
    assert listed["items"][0]["deadline"] == "2026-07-10"
    assert editor.get(f"/submissions/{other.pk}").status_code == 404
    assert editor.post(f"/submissions/{other.pk}/submit").status_code == 404
    assert editor.get("/submissions", unit=units["nung_tri_cao"].pk).status_code == 404
    assert approver.get("/submissions", period="2026H1").json()["count"] == 2
    assert approver.get("/submissions", status="draft", unit=units["thuc_phan"].pk).json()["count"] == 1
    bad = approver.get("/submissions", status="xong", period="2026Z")
    assert bad.status_code == 422 and set(bad.json()["errors"]) == {"status", "period"}

    submitted = editor.post(f"/submissions/{submission.pk}/submit")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted" and submitted.json()["locked"]
    refused = editor.post(f"/submissions/{submission.pk}/approve", {"comment": "Tự duyệt"})
    assert refused.status_code == 403 and "phê duyệt" in refused.json()["detail"]
    no_reason = approver.post(f"/submissions/{submission.pk}/return", {})
    assert no_reason.status_code == 422 and "comment" in no_reason.json()["errors"]
    returned = approver.post(f"/submissions/{submission.pk}/return", {"comment": "Bổ sung số đối thoại"})
    assert returned.json()["status"] == "returned"
    assert returned.json()["events"][-1]["comment"] == "Bổ sung số đối thoại"
    editor.post(f"/submissions/{submission.pk}/submit", {})
    approved = approver.post(f"/submissions/{submission.pk}/approve", {"comment": "Đạt"})
    assert approved.json()["status"] == "approved" and approved.json()["approved_at"]
    twice = approver.post(f"/submissions/{submission.pk}/approve")
    assert twice.status_code == 422 and "đã nộp" in twice.json()["detail"]
    reopened = approver.post(f"/submissions/{submission.pk}/reopen", {"comment": "Sửa số liệu"})
    assert reopened.json()["status"] == "returned" and reopened.json()["unlocked_until"]
    detail = editor.get(f"/submissions/{submission.pk}").json()
    assert [e["action"] for e in detail["events"]] == ["submit", "return", "submit", "approve", "reopen"]
    assert Submission.objects.get(pk=submission.pk).status == "returned"


# --- analytics -------------------------------------------------------------------------------------------------------


def test_analytics_rows_have_the_issues_shape(api, figures, units, province_admin):
    body = api(province_admin).get(
        "/analytics",
        indicators="dcs_doi_thoai,dcs_ty_le_giai_quyet",
        unit=units["cao_bang"].pk,
        period="2026H1",
    )
    assert body.status_code == 200, body.content
    assert body.json() == {
        "status": "approved",
        "coverage": {"expected": 56, "counted": 2},
        "rows": [
            {
                "indicator": "dcs_doi_thoai",
                "unit": units["cao_bang"].pk,
                "period": "2026H1",
                "category": "",
                "value": 1206,
            },
            {
                "indicator": "dcs_ty_le_giai_quyet",
                "unit": units["cao_bang"].pk,
                "period": "2026H1",
                "category": "",
                "value": 87.5,  # 35 of 40: from the totals, not the sum or the mean of the rates
            },
        ],
    }


def test_analytics_by_child_gives_one_row_per_child_unit(api, figures, units, province_admin):
    rows = (
        api(province_admin)
        .get(
            "/analytics",
            indicators="dcs_doi_thoai,dlxh_hai_long,dvk_mh_dang_ky",
            unit=units["cao_bang"].pk,
            period="2026H1",
            by="child",
        )
        .json()["rows"]
    )
    doi_thoai = {r["unit"]: r["value"] for r in rows if r["indicator"] == "dcs_doi_thoai"}
    assert doi_thoai == {units["thuc_phan"].pk: 2, units["nung_tri_cao"].pk: 1204}
    assert {r["unit"]: r["value"] for r in rows if r["indicator"] == "dlxh_hai_long"}[
        units["thuc_phan"].pk
    ] == 80
    categorised = {(r["unit"], r["category"]): r["value"] for r in rows if r["indicator"] == "dvk_mh_dang_ky"}
    assert (
        categorised[(units["thuc_phan"].pk, "hamlet")] == 3 and categorised[(units["thuc_phan"].pk, "")] == 4
    )
    total = (
        api(province_admin)
        .get("/analytics", indicators="dlxh_hai_long", unit=units["cao_bang"].pk, period="2026H1")
        .json()["rows"]
    )
    assert total == [
        {
            "indicator": "dlxh_hai_long",
            "unit": units["cao_bang"].pk,
            "period": "2026H1",
            "category": "",
            "value": 85,
        }
    ]


def test_province_total_equals_the_sum_of_communes_and_2024_the_old_units(
    api, demo_reports, units, province_admin
):
    province = units["cao_bang"]
    admin = api(province_admin)
    rows = admin.get(
        "/analytics", indicators="asxh_qua_tet", unit=province.pk, period="2024H2,2026H1", status="all"
    ).json()["rows"]
    totals = {r["period"]: r["value"] for r in rows}
    for period in ("2024H2", "2026H1"):
        expected = Value.objects.filter(
            subtree_q(province.path, "unit_path"), period=period, indicator__code="asxh_qua_tet"
        ).aggregate(n=Sum("number"))["n"]
        assert totals[period] == expected
    old = Value.objects.filter(
        unit__valid_to__isnull=False, unit__path__startswith=province.path, period="2024H2"
    )
    assert totals["2024H2"] == old.filter(indicator__code="asxh_qua_tet").aggregate(n=Sum("number"))["n"]
    by_child = admin.get(
        "/analytics",
        indicators="asxh_qua_tet",
        unit=province.pk,
        period="2024H2,2026H1",
        by="child",
        status="all",
    ).json()["rows"]
    kinds = {}
    for r in by_child:
        kinds.setdefault(r["period"], set()).add(OrgUnit.objects.get(pk=r["unit"]).kind)
    assert kinds == {"2024H2": {"district"}, "2026H1": {"commune"}}
    assert sum(r["value"] for r in by_child if r["period"] == "2026H1") == totals["2026H1"]
    assert sum(r["value"] for r in by_child if r["period"] == "2024H2") == totals["2024H2"]
    assert len([r for r in by_child if r["period"] == "2026H1"]) == 55


def test_a_new_communes_2024_figure_is_its_predecessors(api, demo_form, units, commune_editor):
    predecessors = list(
        OrgUnit.objects.filter(path__in=lineage_paths(units["thuc_phan"])[1:], kind="commune")
    )
    for n, old in enumerate(predecessors, start=1):
        put(old, "2024H2", dcs_doi_thoai=n)
    rows = (
        api(commune_editor)
        .get("/analytics", indicators="dcs_doi_thoai", unit=units["thuc_phan"].pk, period="2024H2")
        .json()["rows"]
    )
    assert rows == [
        {
            "indicator": "dcs_doi_thoai",
            "unit": units["thuc_phan"].pk,
            "period": "2024H2",
            "category": "",
            "value": sum(range(1, len(predecessors) + 1)),
        }
    ]


def test_analytics_without_indicators_takes_those_of_the_units_forms(api, figures, units, commune_editor):
    rows = api(commune_editor).get("/analytics", unit=units["thuc_phan"].pk, period="2026H1").json()["rows"]
    codes = {r["indicator"] for r in rows}
    assert {"dcs_doi_thoai", "dcs_ty_le_giai_quyet", "dlxh_hai_long", "dvk_mh_dang_ky"} <= codes
    assert all(r["unit"] == units["thuc_phan"].pk for r in rows)


def test_analytics_bad_input_and_scope(api, figures, units, commune_editor, superuser):
    editor = api(commune_editor)
    unknown_period = editor.get("/analytics", unit=units["thuc_phan"].pk, period="2026H1,2026H3")
    assert unknown_period.status_code == 422 and "2026H3" in unknown_period.json()["errors"]["period"][0]
    unknown_code = editor.get(
        "/analytics", unit=units["thuc_phan"].pk, period="2026H1", indicators="a_b,dcs_doi_thoai"
    )
    assert unknown_code.status_code == 422 and "a_b" in unknown_code.json()["errors"]["indicators"][0]
    bad_by = editor.get("/analytics", unit=units["thuc_phan"].pk, period="2026H1", by="province")
    assert bad_by.status_code == 422 and "by" in bad_by.json()["errors"]
    no_period = editor.get("/analytics", unit=units["thuc_phan"].pk)
    assert no_period.status_code == 422 and "2026H1" in no_period.json()["errors"]["period"][0]
    assert editor.get("/analytics", unit=units["nung_tri_cao"].pk, period="2026H1").status_code == 404
    assert editor.get("/analytics", unit=units["cao_bang"].pk, period="2026H1").status_code == 404
    no_unit = editor.get("/analytics", period="2026H1")
    assert no_unit.status_code == 422 and "unit" in no_unit.json()["errors"]
    # A superuser without a unit gets the country; by child, the provinces.
    country = api(superuser).get("/analytics", indicators="dcs_doi_thoai", period="2026H1").json()["rows"]
    assert country == [
        {"indicator": "dcs_doi_thoai", "unit": None, "period": "2026H1", "category": "", "value": 1206}
    ]
    provinces = (
        api(superuser).get("/analytics", indicators="dcs_doi_thoai", period="2026H1", by="child").json()
    )
    assert provinces["rows"] == [
        {
            "indicator": "dcs_doi_thoai",
            "unit": units["cao_bang"].pk,
            "period": "2026H1",
            "category": "",
            "value": 1206,
        }
    ]


def test_analytics_queries_stay_few(api, figures, units, province_admin, django_assert_max_num_queries):
    admin = api(province_admin)
    # One more each for the figures' version (core.figures); whose figures count: the forms holding the indicators
    # (1); the coverage: the forms (1), the form's reporting scope (3), a count per period.
    with django_assert_max_num_queries(22):
        response = admin.get("/analytics", unit=units["cao_bang"].pk, period="2024H2,2026H1", by="child")
    assert response.status_code == 200
    with django_assert_max_num_queries(19):
        assert admin.get("/analytics", unit=units["cao_bang"].pk, period="2026H1").status_code == 200
