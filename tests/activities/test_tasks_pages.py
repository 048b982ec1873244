"""The task pages: a unit's board (its tabs, filters, the four counts each opening the tasks behind it, overdue and
due-soon lists), a task's page, the forms of the lead unit and of the assigner, the evidence download and the export."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.accounts.scope import Role
from danvan.activities import services
from danvan.activities.models import Task, TaskProgress
from danvan.core.models import ChangeLog
from danvan.core.periods import Period
from tests import factories
from tests.clock import days, today

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
BOARD = reverse("activities:task_board")


@pytest.fixture
def tasks(units, province_admin, commune_editor):
    """The province's four tasks for Phường Thục Phán, one in each status, and one for another commune."""
    province, ward = units["cao_bang"], units["thuc_phan"]

    def make(title, deadline, **fields):
        return factories.task(
            province_admin, province, ward, title=title, deadline=deadline, assigned_on=days(-60), **fields
        )

    made = {
        "on_time": make("Tổ chức hội nghị đối thoại", days(-10)),
        "late": make("Rà soát đơn thư", days(-20)),
        "in_progress": make("Nắm tình hình tôn giáo", days(5)),
        "overdue": make("Tuyên truyền chính sách đất đai", days(-3)),
        "elsewhere": factories.task(
            province_admin,
            province,
            units["nung_tri_cao"],
            title="Việc của xã khác",
            deadline=days(30),
            assigned_on=days(-60),
        ),
    }
    services.report_progress(
        commune_editor, made["on_time"], percent=100, text="Xong", reported_on=days(-12), completes=True
    )
    services.report_progress(
        commune_editor, made["late"], percent=100, text="Xong muộn", reported_on=days(-15), completes=True
    )
    return made


def test_the_commune_sees_its_tasks_and_the_four_counts(client_for, commune_editor, tasks, units):
    page = client_for(commune_editor).get(BOARD + f"?unit={units['thuc_phan'].pk}")
    assert page.status_code == 200
    html = page.content.decode()
    for key in ("on_time", "late", "in_progress", "overdue"):
        assert tasks[key].title in html
    assert "Việc của xã khác" not in html
    counts = {
        key: page.context["counts"][i][2]
        for i, key in enumerate(["done_on_time", "done_late", "in_progress", "overdue"])
    }
    assert counts == {"done_on_time": 1, "done_late": 1, "in_progress": 1, "overdue": 1}
    assert [t.pk for t in page.context["overdue"]] == [tasks["overdue"].pk]
    assert [t.pk for t in page.context["due_soon"]] == [tasks["in_progress"].pk]


def test_each_count_opens_the_tasks_behind_it(client_for, province_admin, tasks, units):
    client = client_for(province_admin)
    page = client.get(BOARD + f"?unit={units['cao_bang'].pk}&tab=subtree")
    by_status = {key: (number, query) for key, _label, number, query in page.context["counts"]}
    assert by_status["overdue"][0] == 1 and by_status["in_progress"][0] == 2
    for status, (number, query) in by_status.items():
        listed = client.get(BOARD + "?" + query).context["page_obj"].paginator.count
        assert listed == number, status


def test_the_tabs_mine_assigned_and_subtree(client_for, province_admin, commune_editor, tasks, units):
    province = units["cao_bang"].pk
    client = client_for(province_admin)

    def count(tab, unit=province, who=client):
        return who.get(BOARD + f"?unit={unit}&tab={tab}").context["page_obj"].paginator.count

    assert count("mine") == 0  # the province leads none itself
    assert count("assigned") == 5
    assert count("subtree") == 5
    commune = client_for(commune_editor)
    ward = units["thuc_phan"].pk
    assert count("mine", ward, commune) == 4
    assert count("assigned", ward, commune) == 0


def test_the_filters(client_for, province_admin, tasks, units):
    client = client_for(province_admin)
    base = BOARD + f"?unit={units['cao_bang'].pk}&tab=assigned"

    def titles(query):
        return {t.title for t in client.get(base + query).context["page_obj"].object_list}

    assert titles("&q=ton giao") == {"Nắm tình hình tôn giáo"}
    assert titles("&status=cancelled") == set()
    assert titles("&status=done_late") == {"Rà soát đơn thư"}
    assert titles(f"&deadline_from={days(-4):%d/%m/%Y}&deadline_to={days(6):%d/%m/%Y}") == {
        "Nắm tình hình tôn giáo",
        "Tuyên truyền chính sách đất đai",
    }
    bad = client.get(base + "&period=2026X9&deadline_from=32/13/2026")
    assert bad.status_code == 200 and bad.context["filter"].errors
    assert "Kỳ “2026X9” không hợp lệ" in bad.content.decode()


def test_the_board_costs_a_fixed_number_of_queries(
    client_for, province_admin, tasks, units, django_assert_max_num_queries
):
    client = client_for(province_admin)
    url = BOARD + f"?unit={units['cao_bang'].pk}&tab=subtree"
    client.get(url)
    with django_assert_max_num_queries(16):
        client.get(url)
    for n in range(20):
        factories.task(
            province_admin,
            units["cao_bang"],
            units["thuc_phan"],
            title=f"Thêm {n}",
            deadline=days(n),
            assigned_on=days(-60),
        )
    with django_assert_max_num_queries(16):
        client.get(url)


def test_another_commune_gets_404_on_a_task_and_its_evidence(
    client_for, tasks, commune_editor, other_commune_editor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    report = services.report_progress(
        commune_editor,
        tasks["in_progress"],
        percent=30,
        text="Có biên bản",
        evidence=[SimpleUploadedFile("bien-ban.pdf", PDF)],
    )
    evidence = report.evidence.get()
    own = client_for(commune_editor).get(reverse("activities:task_evidence", args=[evidence.pk]))
    assert own.status_code == 200 and b"".join(own.streaming_content) == PDF
    assert "bien-ban.pdf" in own["Content-Disposition"]
    other = client_for(other_commune_editor)
    assert other.get(reverse("activities:task_evidence", args=[evidence.pk])).status_code == 404
    assert other.get(reverse("activities:task_detail", args=[tasks["in_progress"].pk])).status_code == 404


def test_the_commune_reports_progress_with_a_pdf_then_completes(
    client_for, commune_editor, tasks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    task = tasks["in_progress"]
    client = client_for(commune_editor)
    url = reverse("activities:task_progress", args=[task.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"percent": "150", "text": "Quá"})
    assert refused.status_code == 200 and "Tiến độ phải từ 0 đến 100." in refused.content.decode()
    wrong = client.post(url, {"percent": "50", "text": "x", "evidence": SimpleUploadedFile("a.pdf", b"MZ")})
    assert "Nội dung tệp không khớp với đuôi .pdf." in wrong.content.decode()
    done = client.post(
        url,
        {
            "percent": "50",
            "text": "Đã họp dân 2 buổi",
            "evidence": [SimpleUploadedFile("bien-ban.pdf", PDF), SimpleUploadedFile("anh.pdf", PDF)],
        },
    )
    assert done.status_code == 302
    report = TaskProgress.objects.get(task=task)
    assert sorted(report.evidence.values_list("original_name", flat=True)) == ["anh.pdf", "bien-ban.pdf"]
    detail = client.get(reverse("activities:task_detail", args=[task.pk])).content.decode()
    assert "Đã họp dân 2 buổi" in detail and "bien-ban.pdf" in detail
    client.post(url, {"text": "Hoàn thành", "completes": "on"})
    task.refresh_from_db()
    assert (task.state, task.progress, task.completed_on) == (Task.State.DONE, 100, today())


def test_the_province_cannot_report_for_the_commune_but_decides_its_extension(
    client_for, commune_editor, province_admin, tasks, units
):
    task = tasks["overdue"]
    province_viewer = factories.user("tinh_xem", units["cao_bang"], Role.VIEWER)
    assert (
        client_for(province_viewer).get(reverse("activities:task_progress", args=[task.pk])).status_code
        == 403
    )
    commune = client_for(commune_editor)
    asked = commune.post(
        reverse("activities:task_extension", args=[task.pk]),
        {"requested_deadline": f"{days(20):%d/%m/%Y}", "reason": "Chờ kinh phí"},
    )
    assert asked.status_code == 302
    extension = task.extensions.get()
    decide = reverse("activities:task_extension_decide", args=[extension.pk])
    assert commune.post(decide, {"grant": "1", "decision_reference": "CV"}).status_code == 403
    province = client_for(province_admin)
    missing = province.post(decide, {"grant": "1"})
    assert "Hãy ghi số, ký hiệu văn bản đồng ý gia hạn." in missing.content.decode()
    assert province.post(decide, {"grant": "1", "decision_reference": "Công văn 7-CV/BDV"}).status_code == 302
    task.refresh_from_db()
    assert (task.deadline, task.original_deadline) == (days(20), days(-3))
    page = province.get(reverse("activities:task_detail", args=[task.pk])).content.decode()
    assert "Công văn 7-CV/BDV" in page and "hạn ban đầu" in page


def test_the_assigner_cancels_and_reopens_with_a_reason(client_for, province_admin, commune_editor, tasks):
    task = tasks["in_progress"]
    province = client_for(province_admin)
    cancel = reverse("activities:task_cancel", args=[task.pk])
    assert client_for(commune_editor).post(cancel, {"cancel-reason": "x"}).status_code == 403
    empty = province.post(cancel, {"cancel-reason": ""})
    assert empty.status_code == 200 and empty.context["cancel_form"].errors["reason"]
    assert province.post(cancel, {"cancel-reason": "Trùng nhiệm vụ"}).status_code == 302
    task.refresh_from_db()
    assert task.state == Task.State.CANCELLED
    assert (
        province.post(
            reverse("activities:task_reopen", args=[task.pk]), {"reopen-reason": "Làm lại"}
        ).status_code
        == 302
    )
    task.refresh_from_db()
    assert task.state == Task.State.OPEN


def test_a_new_task_from_a_document(client_for, province_admin, units, commune_editor):
    client = client_for(province_admin)
    url = reverse("activities:task_create") + f"?unit={units['cao_bang'].pk}"
    assert client.get(url).status_code == 200
    bad = client.post(
        url,
        {
            "title": "Nắm dư luận",
            "lead_unit": units["thuc_phan"].pk,
            "source": "document",
            "deadline": "31/02/2026",
        },
    )
    assert "Ngày không hợp lệ" in bad.content.decode()
    made = client.post(
        url,
        {
            "title": "Nắm dư luận xã hội về sáp nhập",
            "lead_unit": units["thuc_phan"].pk,
            "source": "document",
            "source_reference": "Thông báo 45-TB/BDV",
            "deadline": f"{days(30):%d/%m/%Y}",
        },
    )
    assert made.status_code == 302
    task = Task.objects.get(title="Nắm dư luận xã hội về sáp nhập")
    assert (task.assigner, task.lead_unit, task.source_reference) == (
        units["cao_bang"],
        units["thuc_phan"],
        "Thông báo 45-TB/BDV",
    )
    commune = client_for(commune_editor)
    assert (
        commune.get(reverse("activities:task_create") + f"?unit={units['thuc_phan'].pk}").status_code == 200
    )
    # Above the commune: out of its scope, as if it did not exist.
    assert commune.get(reverse("activities:task_create") + f"?unit={units['cao_bang'].pk}").status_code == 404
    viewer = client_for(factories.user("xa_xem", units["thuc_phan"], Role.VIEWER))
    assert viewer.get(reverse("activities:task_create") + f"?unit={units['thuc_phan'].pk}").status_code == 403


def test_the_export_lists_the_boards_tasks_with_status(client_for, province_admin, tasks, units):
    from openpyxl import load_workbook

    response = client_for(province_admin).get(
        reverse("activities:task_export") + f"?unit={units['cao_bang'].pk}&tab=assigned&status=overdue"
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "Nội dung nhiệm vụ"
    assert [(row[2], row[11]) for row in rows[1:]] == [("Tuyên truyền chính sách đất đai", "Quá hạn")]


def test_reading_the_pages_writes_nothing(client_for, province_admin, tasks, units):
    client = client_for(province_admin)
    logged = ChangeLog.objects.count()
    for url in (
        BOARD + f"?unit={units['cao_bang'].pk}",
        reverse("activities:task_detail", args=[tasks["late"].pk]),
        reverse("activities:task_edit", args=[tasks["late"].pk]),
        reverse("activities:task_export") + f"?unit={units['cao_bang'].pk}",
    ):
        assert client.get(url).status_code == 200
    assert ChangeLog.objects.count() == logged


def test_the_front_page_shows_the_units_overdue_and_due_soon_tasks(
    client_for, commune_editor, other_commune_editor, tasks
):
    page = client_for(commune_editor).get("/")
    html = page.content.decode()
    assert "Nhiệm vụ quá hạn / sắp đến hạn" in html
    assert [t.pk for t in page.context["tasks"]["overdue"]] == [tasks["overdue"].pk]
    assert [t.pk for t in page.context["tasks"]["due_soon"]] == [tasks["in_progress"].pk]
    assert tasks["overdue"].title in html
    # A commune with none: no block.
    assert "Nhiệm vụ quá hạn / sắp đến hạn" not in client_for(other_commune_editor).get("/").content.decode()


def test_a_periods_counts_are_those_due_in_it_as_at_its_end_and_open_their_tasks(
    client_for, province_admin, tasks, units
):
    client = client_for(province_admin)
    period = Period.parse(f"{today().year}M{today().month:02d}")
    url = BOARD + f"?unit={units['cao_bang'].pk}&tab=subtree&period={period.code}"
    page = client.get(url)
    in_period = [t for t in tasks.values() if period.start <= t.deadline <= period.end]
    by_status = {key: (number, query) for key, _label, number, query in page.context["counts"]}
    assert sum(number for number, _query in by_status.values()) == len(in_period)
    for status, (number, query) in by_status.items():
        assert f"period={period.code}" in query
        assert client.get(BOARD + "?" + query).context["page_obj"].paginator.count == number, status
