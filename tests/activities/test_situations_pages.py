"""The situation reports' pages and API: a confidential report's title reaches no one who may not read it — not
through the list, its search, the page, the export, the table, the API, the change log or the dashboard — and a
hotspot stays on the approver's dashboard until resolved."""

import datetime
import io

import pytest
from django.urls import reverse

from danvan.accounts.scope import Role
from danvan.activities import services
from danvan.activities.models import SituationReport
from tests import factories

SECRET = "Tranh chấp đất rừng ở tổ 7"
DAY = datetime.date(2026, 3, 20)


@pytest.fixture
def people(units, commune_editor):
    province = units["cao_bang"]
    return {
        "reporter": commune_editor,
        "approver": factories.user("cb_pheduyet", province, Role.APPROVER, full_name="Lãnh đạo Ban"),
        "province_editor": factories.user("cb_nhaplieu", province, Role.EDITOR),
        "province_viewer": factories.user("cb_xem", province, Role.VIEWER),
    }


@pytest.fixture
def secret(units, people):
    return factories.situation(
        people["reporter"],
        units["thuc_phan"],
        title=SECRET,
        text="Chi tiết mật",
        confidential=True,
        severity=3,
        period="2026M03",
        reported_on=DAY,
    )


def _every_path(client, units, report) -> dict[str, str]:
    """What each path answers the client (text of the page or JSON, or the workbook's cells)."""
    from openpyxl import load_workbook

    pk, unit = report.pk, units["cao_bang"].pk
    answers = {
        "list": client.get(reverse("activities:situation_list")),
        "search": client.get(reverse("activities:situation_list"), {"q": "dat rung"}),
        "detail": client.get(reverse("activities:situation_detail", args=[pk])),
        "table": client.get(reverse("activities:situation_table"), {"unit": unit, "period": "2026M03"}),
        "api_list": client.get("/api/v1/activities/situations", {"period": "2026M03"}),
        "api_detail": client.get(f"/api/v1/activities/situations/{pk}"),
        "api_table": client.get("/api/v1/activities/situations/table", {"unit": unit, "period": "2026M03"}),
        "changelog": client.get(reverse("home:changelog")),
        "dashboard": client.get(reverse("home:dashboard")),
    }
    texts = {name: f"{answer.status_code} {answer.content.decode()}" for name, answer in answers.items()}
    export = client.get(reverse("activities:situation_export"))
    cells = [
        str(c)
        for row in load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True)
        for c in row
    ]
    texts["export"] = " ".join(cells)
    return texts


def test_a_confidential_title_leaks_through_no_path_to_the_editors_and_viewers_above(
    units, people, secret, client_for
):
    for name in ("province_editor", "province_viewer"):
        texts = _every_path(client_for(people[name]), units, secret)
        for path, text in texts.items():
            assert SECRET not in text and "Chi tiết mật" not in text, (name, path)
        assert texts["detail"].startswith("404") and texts["api_detail"].startswith("404")
        assert '"severity": 3' not in texts["api_table"]  # the cell is empty for them


def test_the_approver_above_reads_it_everywhere(units, people, secret, client_for):
    texts = _every_path(client_for(people["approver"]), units, secret)
    for path in ("list", "search", "detail", "api_list", "api_detail", "export"):
        assert SECRET in texts[path], path
    assert '"severity": 3' in texts["api_table"] and "Phức tạp" in texts["table"]
    assert SECRET not in texts["changelog"]  # the change log names it "Báo cáo mật của …"


def test_the_other_commune_gets_404_for_any_report(units, people, client_for, other_commune_editor):
    plain = factories.situation(people["reporter"], units["thuc_phan"], title="Bình thường")
    client = client_for(other_commune_editor)
    assert client.get(reverse("activities:situation_detail", args=[plain.pk])).status_code == 404
    assert client.get(f"/api/v1/activities/situations/{plain.pk}").status_code == 404
    assert (
        client.get(reverse("activities:situation_table"), {"unit": units["thuc_phan"].pk}).status_code == 404
    )
    assert "Bình thường" not in client.get(reverse("activities:situation_list")).content.decode()


def test_reporting_a_hotspot_through_the_form_puts_it_on_the_approvers_dashboard_until_resolved(
    units, people, client_for, django_capture_on_commit_callbacks
):
    client = client_for(people["reporter"])
    url = reverse("activities:situation_create")
    assert client.get(url).status_code == 200
    data = {
        "unit": units["thuc_phan"].pk,
        "topic": "mass_complaint",
        "severity": 2,
        "title": "Nhiều hộ kéo đến trụ sở",
        "text": "Khoảng 30 hộ dân kéo đến trụ sở phường.",
        "reported_on": "20/03/2026",
        "period": "2026M13",
        "hotspot": "on",
    }
    answer = client.post(url, data)
    assert answer.status_code == 200 and "không hợp lệ" in answer.content.decode()
    data["period"] = ""
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url, data)
    report = SituationReport.objects.get()
    assert answer.status_code == 302 and report.hotspot == "open" and report.severity == 4
    approver = client_for(people["approver"])
    dashboard = approver.get(reverse("home:dashboard")).content.decode()
    assert "Nguy cơ điểm nóng đang xử lý" in dashboard and "Nhiều hộ kéo đến trụ sở" in dashboard
    assert (
        "Nguy cơ điểm nóng đang xử lý"
        not in client_for(people["province_editor"]).get(reverse("home:dashboard")).content.decode()
    )
    step = reverse("activities:situation_step", args=[report.pk])
    assert approver.post(step, {"action": "acknowledged", "text": "Đã nắm"}).status_code == 302
    page = approver.get(reverse("activities:situation_detail", args=[report.pk])).content.decode()
    assert "Cấp trên đã nắm" in page and "sau " in page
    assert (
        client.post(step, {"action": "resolved", "text": "Xong"}).status_code == 403
        or not SituationReport.objects.filter(hotspot="resolved").exists()
    )
    assert approver.post(step, {"action": "resolved", "text": "Các hộ đã đồng thuận"}).status_code == 302
    dashboard = approver.get(reverse("home:dashboard")).content.decode()
    assert "Nguy cơ điểm nóng đang xử lý" not in dashboard


def test_the_table_colours_each_cell_and_links_to_the_reports_behind_it(units, people, client_for):
    factories.situation(
        people["reporter"],
        units["thuc_phan"],
        severity=3,
        topic="religion",
        period="2026M03",
        reported_on=DAY,
    )
    page = client_for(people["approver"]).get(
        reverse("activities:situation_table"), {"unit": units["cao_bang"].pk, "period": "2026M03"}
    )
    text = page.content.decode()
    assert page.status_code == 200 and "dv-sev-3" in text
    link = f"{reverse('activities:situation_list')}?unit={units['thuc_phan'].pk}&amp;period=2026M03&amp;topic=religion"
    assert link in text
    listed = client_for(people["approver"]).get(link.replace("&amp;", "&")).content.decode()
    assert "Tình hình nhân dân ổn định" in listed
    bad = client_for(people["approver"]).get(reverse("activities:situation_table"), {"period": "2026X1"})
    assert bad.status_code == 200 and "không hợp lệ" in bad.content.decode()


def test_the_list_page_costs_a_fixed_number_of_queries(
    units, people, client_for, django_assert_max_num_queries
):
    for number in range(5):
        factories.situation(
            people["reporter"], units["thuc_phan"], title=f"Báo cáo {number}", area=units["thuc_phan"]
        )
    client = client_for(people["approver"])
    with django_assert_max_num_queries(14):
        page = client.get(reverse("activities:situation_list")).content.decode()
    assert "Báo cáo 4" in page


def test_the_api_posts_a_report_and_filters_by_unit_period_and_topic(
    units, people, client_for, other_commune_editor
):
    client = client_for(people["reporter"])
    body = {
        "unit": units["thuc_phan"].pk,
        "topic": "religion",
        "severity": 2,
        "title": "Sinh hoạt tôn giáo",
        "text": "Ổn định",
        "reported_on": "2026-03-20",
        "period": "2026M03",
    }
    answer = client.post("/api/v1/activities/situations", body, content_type="application/json")
    assert answer.status_code == 201 and answer.json()["period"] == "2026M03"
    listed = client.get(
        "/api/v1/activities/situations",
        {"unit": units["thuc_phan"].pk, "period": "2026M03", "topic": "religion"},
    ).json()
    assert [item["title"] for item in listed["items"]] == ["Sinh hoạt tôn giáo"]
    assert client.get("/api/v1/activities/situations", {"topic": "people"}).json()["count"] == 0
    bad = client.post(
        "/api/v1/activities/situations", {**body, "period": "abc"}, content_type="application/json"
    )
    assert bad.status_code == 422 and "period" in bad.content.decode()
    outside = client_for(other_commune_editor).post(
        "/api/v1/activities/situations", body, content_type="application/json"
    )
    assert outside.status_code == 404


def test_the_api_records_hotspot_steps(units, people, client_for):
    report = factories.situation(people["reporter"], units["thuc_phan"], hotspot=True)
    url = f"/api/v1/activities/situations/{report.pk}/steps"
    refused = client_for(people["reporter"]).post(
        url, {"action": "acknowledged"}, content_type="application/json"
    )
    assert refused.status_code == 403
    answer = client_for(people["approver"]).post(
        url, {"action": "acknowledged", "text": "Đã nắm"}, content_type="application/json"
    )
    assert answer.status_code == 201
    steps = answer.json()["steps"]
    assert [s["action"] for s in steps] == ["escalated", "acknowledged"] and steps[1][
        "minutes_since_escalated"
    ] == 0


def test_editing_a_report_through_the_form(units, people, client_for):
    report = factories.situation(people["reporter"], units["thuc_phan"])
    client = client_for(people["reporter"])
    url = reverse("activities:situation_edit", args=[report.pk])
    assert client.get(url).status_code == 200
    answer = client.post(
        url,
        {
            "topic": "opinion",
            "severity": 2,
            "title": "Dư luận về giá điện",
            "text": "Có ý kiến",
            "reported_on": "20/03/2026",
        },
    )
    assert answer.status_code == 302
    report.refresh_from_db()
    assert report.topic == "opinion" and report.title == "Dư luận về giá điện"
    assert client_for(people["approver"]).get(url).status_code == 200  # an approver above is an editor too
    assert client_for(people["province_viewer"]).get(url).status_code == 403
    services.update_situation(people["reporter"], report, confidential=True)
    assert client_for(people["province_viewer"]).get(url).status_code == 404
