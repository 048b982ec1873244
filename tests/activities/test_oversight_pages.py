"""The inspections' pages and API: what a province's officer records and reads, what the inspected commune sees of
it, what another commune cannot reach."""

import datetime
import io

import pytest
from django.urls import reverse

from danvan.accounts.scope import Role
from danvan.activities import services
from danvan.activities.models import Inspection, Task
from tests import factories

START = datetime.date(2026, 3, 10)


@pytest.fixture
def leader(units):
    person = factories.person(units["cao_bang"], "Trần Thị Bích Phượng")
    factories.post(person, "Phó Trưởng Ban Dân vận Tỉnh ủy", valid_to=START + datetime.timedelta(days=30))
    factories.post(person, "Trưởng Ban Dân vận Tỉnh ủy", valid_from=START + datetime.timedelta(days=31))
    return person


@pytest.fixture
def inspection(units, province_admin, leader):
    found = factories.inspection(
        province_admin,
        units["cao_bang"],
        [units["thuc_phan"]],
        leader,
        title="Kiểm tra công tác dân vận ở Phường Thục Phán",
        decision_number="45-QĐ/BDVTU",
    )
    services.conclude_inspection(
        province_admin,
        found,
        findings="Nắm tình hình tốt.",
        conclusion="Cơ bản hoàn thành.",
        recommendations="Cần tiếp tục đối thoại.",
        conclusion_date=START + datetime.timedelta(days=2),
        tasks=[
            {
                "lead_unit": units["thuc_phan"],
                "title": "Tổ chức đối thoại",
                "deadline": datetime.date(2026, 6, 30),
            }
        ],
    )
    return found


def test_the_detail_shows_the_team_with_titles_then_the_units_conclusion_and_tasks(
    units, province_admin, inspection, client_for
):
    page = client_for(province_admin).get(reverse("activities:inspection_detail", args=[inspection.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Trần Thị Bích Phượng</strong>, Phó Trưởng Ban Dân vận Tỉnh ủy" in text  # held on the first day
    assert "Trưởng đoàn" in text and "Phường Thục Phán" in text and "Cơ bản hoàn thành." in text
    assert "Tổ chức đối thoại" in text and "30/06/2026" in text
    assert "Kiểm tra lại" in text  # concluded: re-checks may be recorded


def test_the_inspected_commune_reads_it_and_another_commune_gets_404(
    units, inspection, commune_editor, other_commune_editor, client_for
):
    path = reverse("activities:inspection_detail", args=[inspection.pk])
    page = client_for(commune_editor).get(path)
    assert page.status_code == 200 and "Ghi kết luận" not in page.content.decode()
    assert "Sửa" not in page.content.decode().split("<h1")[1].split("</h1>")[0]
    assert client_for(other_commune_editor).get(path).status_code == 404
    assert (
        client_for(commune_editor)
        .get(reverse("activities:inspection_edit", args=[inspection.pk]))
        .status_code
        == 403
    )
    listed = client_for(commune_editor).get(reverse("activities:inspection_list")).content.decode()
    assert inspection.title in listed
    assert (
        inspection.title
        not in client_for(other_commune_editor).get(reverse("activities:inspection_list")).content.decode()
    )


def test_the_list_filters_by_year_kind_status_and_unit_in_fixed_queries(
    units, province_admin, inspection, leader, client_for, django_assert_max_num_queries
):
    for number in range(3):
        factories.inspection(
            province_admin,
            units["cao_bang"],
            [units["nung_tri_cao"]],
            leader,
            title=f"Giám sát {number}",
            kind="supervision",
        )
    client = client_for(province_admin)
    url = reverse("activities:inspection_list")
    with django_assert_max_num_queries(16):
        page = client.get(url).content.decode()
    assert "Giám sát 2" in page and inspection.title in page
    page = client.get(url, {"kind": "supervision"}).content.decode()
    assert "Giám sát 0" in page and inspection.title not in page
    page = client.get(url, {"status": "concluded", "year": 2026}).content.decode()
    assert inspection.title in page and "Giám sát 0" not in page
    page = client.get(url, {"unit": units["thuc_phan"].pk}).content.decode()
    assert inspection.title in page and "Giám sát 0" not in page
    page = client.get(url, {"year": 2019}).content.decode()
    assert inspection.title not in page
    assert client.get(url, {"year": "abc", "status": "xyz"}).status_code == 200


def test_the_excel_export_lists_what_the_page_lists(units, province_admin, inspection, client_for):
    from openpyxl import load_workbook

    answer = client_for(province_admin).get(reverse("activities:inspection_export"), {"year": 2026})
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Tên cuộc kiểm tra, giám sát"
    assert (
        rows[1][0] == inspection.title
        and rows[1][3] == "Phường Thục Phán"
        and rows[1][8] == "Trần Thị Bích Phượng"
    )


def test_recording_an_inspection_through_the_form(units, province_admin, leader, client_for):
    client = client_for(province_admin)
    url = reverse("activities:inspection_create")
    assert client.get(url).status_code == 200
    data = {
        "organizer": units["cao_bang"].pk,
        "kind": "inspection",
        "title": "Kiểm tra thực hiện Quy chế dân chủ",
        "starts_on": "10/03/2026",
        "ends_on": "09/03/2026",
        "inspected_units": [units["thuc_phan"].pk],
        "leader": leader.pk,
    }
    answer = client.post(url, data)
    assert answer.status_code == 200 and "trước ngày bắt đầu" in answer.content.decode()
    data["ends_on"] = "12/03/2026"
    answer = client.post(url, data)
    inspection = Inspection.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse(
        "activities:inspection_detail", args=[inspection.pk]
    )
    assert inspection.ends_on == datetime.date(2026, 3, 12)


def test_concluding_through_the_form_gives_two_tasks(units, province_admin, leader, client_for):
    inspection = factories.inspection(province_admin, units["cao_bang"], [units["thuc_phan"]], leader)
    client = client_for(province_admin)
    url = reverse("activities:inspection_conclude", args=[inspection.pk])
    assert client.get(url).status_code == 200
    data = {
        "conclusion_date": "12/03/2026",
        "conclusion": "Đạt yêu cầu",
        "tasks-TOTAL_FORMS": "3",
        "tasks-INITIAL_FORMS": "0",
        "tasks-0-title": "Tổ chức đối thoại",
        "tasks-0-lead_unit": units["thuc_phan"].pk,
        "tasks-0-deadline": "30/06/2026",
        "tasks-1-title": "Kiện toàn tổ dân vận",
        "tasks-1-lead_unit": units["thuc_phan"].pk,
        "tasks-1-deadline": "30/09/2026",
    }
    answer = client.post(url, data)
    assert answer.status_code == 302
    assert Task.objects.filter(inspection=inspection, source="inspection").count() == 2
    page = client.get(reverse("activities:inspection_detail", args=[inspection.pk])).content.decode()
    assert "Kiện toàn tổ dân vận" in page


def test_a_plan_page_per_year(units, province_admin, client_for):
    client = client_for(province_admin)
    answer = client.post(
        reverse("activities:plan_create"),
        {"unit": units["cao_bang"].pk, "year": 2026, "title": "Chương trình 2026"},
    )
    assert answer.status_code == 302
    assert "Chương trình 2026" in client.get(reverse("activities:plan_list"), {"year": 2026}).content.decode()
    assert (
        "Chương trình 2026"
        not in client.get(reverse("activities:plan_list"), {"year": 2025}).content.decode()
    )


# --- API ---


def test_the_api_lists_inspections_by_unit_and_year(
    units, inspection, commune_editor, other_commune_editor, client_for
):
    url = "/api/v1/activities/inspections"
    body = client_for(commune_editor).get(url, {"unit": units["thuc_phan"].pk, "year": 2026}).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["title"] == inspection.title and item["leader"] == "Trần Thị Bích Phượng"
    assert item["inspected_units"] == [{"id": units["thuc_phan"].pk, "name": "Phường Thục Phán"}]
    assert client_for(commune_editor).get(url, {"year": 2025}).json()["count"] == 0
    assert client_for(other_commune_editor).get(url).json()["count"] == 0
    assert client_for(other_commune_editor).get(url, {"unit": units["thuc_phan"].pk}).status_code == 404
    assert client_for(commune_editor).get(url, {"year": 99999}).status_code == 422


def test_the_api_gives_an_inspection_with_its_teams_titles_and_tasks(
    units, inspection, commune_editor, other_commune_editor, client_for
):
    url = f"/api/v1/activities/inspections/{inspection.pk}"
    body = client_for(commune_editor).get(url).json()
    assert body["team"] == [
        {
            "id": body["team"][0]["id"],
            "name": "Trần Thị Bích Phượng",
            "title": "Phó Trưởng Ban Dân vận Tỉnh ủy",
            "role": "leader",
        }
    ]
    [task] = body["tasks"]
    assert task["title"] == "Tổ chức đối thoại" and task["lead_unit"]["name"] == "Phường Thục Phán"
    assert task["status"] in ("in_progress", "overdue")
    assert body["conclusion"] == "Cơ bản hoàn thành." and body["status"] == "concluded"
    assert client_for(other_commune_editor).get(url).status_code == 404


def test_a_viewer_of_the_province_reads_but_cannot_record(units, inspection, client_for):
    viewer = factories.user("cb_xem", units["cao_bang"], Role.VIEWER)
    client = client_for(viewer)
    assert client.get(reverse("activities:inspection_detail", args=[inspection.pk])).status_code == 200
    answer = client.post(
        reverse("activities:inspection_recheck", args=[inspection.pk]), {"date": "20/03/2026", "result": "x"}
    )
    assert answer.status_code == 403


def test_an_inspections_page_costs_a_fixed_number_of_queries(
    units, province_admin, inspection, leader, client_for, django_assert_max_num_queries
):
    client = client_for(province_admin)
    url = reverse("activities:inspection_detail", args=[inspection.pk])
    client.get(url)
    with django_assert_max_num_queries(18):
        assert client.get(url).status_code == 200
