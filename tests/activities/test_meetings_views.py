"""The meeting pages: the list with its filters and export, a meeting as its minutes show it, the forms."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.activities.models import Meeting, Task
from danvan.activities.services import meetings as services

from .. import factories


@pytest.fixture
def giao_ban(units, commune_editor):
    meeting = factories.meeting(
        commune_editor,
        units["thuc_phan"],
        "Giao ban khối Dân vận tháng 7",
        place="Hội trường UBND phường",
        conclusions="Cần tiếp tục nắm tình hình nhân dân.",
    )
    chair = factories.person(
        units["thuc_phan"], "Hoàng Văn Chủ", "Bí thư Đảng ủy phường", valid_to=datetime.date(2024, 12, 31)
    )
    factories.post(chair, "Chủ tịch UBND phường", valid_from=datetime.date(2025, 1, 1))
    absent = factories.person(units["thuc_phan"], "Lò Thị Vắng", "Chủ tịch Hội Phụ nữ phường")
    services.set_attendance(
        commune_editor,
        meeting,
        [
            {"role": "chair", "person": chair},
            {"role": "absent", "person": absent, "absence_reason": "Ốm"},
            {"role": "guest", "name": "Đinh Văn Khách", "title": "Bí thư chi bộ tổ 5"},
        ],
    )
    return meeting


def test_the_list_shows_the_meetings_in_scope_and_filters_them(giao_ban, commune_editor, client_for, units):
    client = client_for(commune_editor)
    page = client.get(reverse("activities:meeting_list")).content.decode()
    assert "Giao ban khối Dân vận tháng 7" in page

    none = client.get(reverse("activities:meeting_list"), {"year": 2020}).content.decode()
    assert "Giao ban khối Dân vận tháng 7" not in none
    typed = client.get(
        reverse("activities:meeting_list"), {"type": "so_ket", "q": "giao ban"}
    ).content.decode()
    assert "Giao ban khối Dân vận tháng 7" not in typed
    found = client.get(reverse("activities:meeting_list"), {"q": "khoi dan van"}).content.decode()
    assert "Giao ban khối Dân vận tháng 7" in found


def test_another_communes_editor_sees_nothing_of_it(giao_ban, other_commune_editor, client_for):
    client = client_for(other_commune_editor)
    assert "Giao ban khối" not in client.get(reverse("activities:meeting_list")).content.decode()
    assert client.get(reverse("activities:meeting_detail", args=[giao_ban.pk])).status_code == 404
    assert client.get(reverse("activities:meeting_minutes", args=[giao_ban.pk, "pdf"])).status_code == 404


def test_a_connection_point_unit_reads_the_meeting(units, province_admin, other_commune_editor, client_for):
    meeting = factories.meeting(province_admin, units["cao_bang"], "Hội nghị trực tuyến sơ kết", online=True)
    services.set_connection_points(province_admin, meeting, [units["nung_tri_cao"]])
    client = client_for(other_commune_editor)
    assert client.get(reverse("activities:meeting_detail", args=[meeting.pk])).status_code == 200


def test_the_detail_reads_as_the_minutes_with_posts_held_that_day(
    giao_ban, commune_editor, client_for, django_assert_max_num_queries
):
    client = client_for(commune_editor)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("activities:meeting_detail", args=[giao_ban.pk])).content.decode()
    assert "Hoàng Văn Chủ</strong>, Bí thư Đảng ủy phường" in page  # the post held in 2021, not today's
    assert "Lò Thị Vắng" in page and "Ốm" in page
    assert "Đinh Văn Khách, Bí thư chi bộ tổ 5" in page
    assert "Cần tiếp tục nắm tình hình nhân dân." in page


def test_an_editor_records_a_meeting_through_the_form(units, commune_editor, client_for):
    client = client_for(commune_editor)
    response = client.post(
        reverse("activities:meeting_create"),
        {
            "organizer": units["thuc_phan"].pk,
            "type": "giao_ban",
            "title": "Giao ban tháng 8",
            "day": "22/08/2026",
            "start_time": "08:00",
            "end_time": "10:30",
            "place": "Nhà văn hóa tổ 3",
            "period": "2026m08",
            "online": "on",
            "connection_points": "Điểm cầu tổ 3\nĐiểm cầu tổ 5",
        },
    )
    meeting = Meeting.objects.get(title="Giao ban tháng 8")
    assert response.status_code == 302
    assert meeting.period == "2026M08"
    assert list(meeting.connection_points.values_list("name", flat=True)) == [
        "Điểm cầu tổ 3",
        "Điểm cầu tổ 5",
    ]

    bad = client.post(
        reverse("activities:meeting_edit", args=[meeting.pk]),
        {
            "organizer": units["thuc_phan"].pk,
            "type": "giao_ban",
            "title": "Giao ban tháng 8",
            "day": "23/08/2026",
            "start_time": "08:00",
            "period": "2026M08",
        },
    )
    assert "Hãy ghi lý do thay đổi thời gian, địa điểm." in bad.content.decode()


def test_a_bad_period_is_shown_beside_its_field(units, commune_editor, client_for):
    response = client_for(commune_editor).post(
        reverse("activities:meeting_create"),
        {
            "organizer": units["thuc_phan"].pk,
            "type": "giao_ban",
            "title": "Giao ban",
            "day": "22/08/2026",
            "start_time": "08:00",
            "period": "2026Z1",
        },
    )
    assert response.status_code == 200
    assert "Mã kỳ báo cáo “2026Z1” không hợp lệ" in response.content.decode()


def test_the_attendance_editor_refuses_someone_listed_twice(giao_ban, commune_editor, client_for, units):
    person = giao_ban.attendances.filter(role="chair").get().person
    client = client_for(commune_editor)
    url = reverse("activities:meeting_attendance", args=[giao_ban.pk])
    assert client.get(url).status_code == 200
    data = {
        "people-TOTAL_FORMS": "2",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "300",
    }
    for index in range(2):
        data[f"people-{index}-role"] = "member"
        data[f"people-{index}-person"] = str(person.pk)
    response = client.post(url, data)
    assert "Hoàng Văn Chủ được ghi hai lần (dòng 1 và dòng 2)" in response.content.decode()


def _task_rows(rows):
    data = {
        "tasks-TOTAL_FORMS": str(len(rows)),
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "100",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"tasks-{index}-{key}"] = value
    return data


def test_conclusions_become_tasks_and_a_late_row_is_marked_on_its_row(
    giao_ban, commune_editor, client_for, units
):
    hamlet = factories.hamlet(units["thuc_phan"], "Tổ dân phố 5")
    client = client_for(commune_editor)
    url = reverse("activities:meeting_tasks", args=[giao_ban.pk])
    bad = client.post(
        url,
        _task_rows(
            [
                {"title": "Nắm tình hình", "lead_unit": hamlet.pk, "deadline": "30/09/2021"},
                {},
                {"title": "Họp dân", "lead_unit": hamlet.pk, "deadline": "01/07/2021"},
            ]
        ),
    )
    assert "trước ngày hội nghị (22/07/2021)" in bad.content.decode()
    assert not Task.objects.exists()

    good = client.post(
        url,
        _task_rows(
            [
                {
                    "title": "Nắm tình hình",
                    "lead_unit": hamlet.pk,
                    "deadline": "30/09/2021",
                    "expected_result": "Báo cáo",
                },
                {"title": "Họp dân", "lead_unit": units["thuc_phan"].pk, "deadline": "31/10/2021"},
            ]
        ),
    )
    assert good.status_code == 302
    page = client.get(reverse("activities:meeting_detail", args=[giao_ban.pk])).content.decode()
    assert "Nắm tình hình" in page and "Quá hạn" in page  # due 2021, still open today


def test_documents_upload_is_checked_by_content_and_downloads(giao_ban, commune_editor, client_for):
    client = client_for(commune_editor)
    url = reverse("activities:meeting_document_upload", args=[giao_ban.pk])
    fake = SimpleUploadedFile("bao-cao.pdf", factories.PNG)
    page = client.post(url, {"file": fake}, follow=True).content.decode()
    assert "Nội dung tệp không khớp với đuôi .pdf." in page
    assert not giao_ban.documents.exists()
    client.post(url, {"file": SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 test"), "description": "Báo cáo"})
    document = giao_ban.documents.get()
    download = client.get(reverse("activities:meeting_document", args=[giao_ban.pk, document.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_cancel_needs_a_reason_then_reopen(giao_ban, commune_editor, client_for):
    client = client_for(commune_editor)
    client.post(reverse("activities:meeting_transition", args=[giao_ban.pk, "cancel"]), {"reason": ""})
    giao_ban.refresh_from_db()
    assert giao_ban.status == Meeting.Status.PLANNED
    client.post(reverse("activities:meeting_transition", args=[giao_ban.pk, "cancel"]), {"reason": "Mưa lũ"})
    giao_ban.refresh_from_db()
    assert giao_ban.status == Meeting.Status.CANCELLED


def test_minutes_and_notice_download_as_word_and_pdf(giao_ban, commune_editor, client_for):
    from docx import Document

    client = client_for(commune_editor)
    word = client.get(reverse("activities:meeting_minutes", args=[giao_ban.pk, "docx"]))
    assert word["Content-Disposition"].startswith('attachment; filename="bien-ban-giao-ban-khoi-dan-van')
    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "BIÊN BẢN" in text and "Hoàng Văn Chủ, Bí thư Đảng ủy phường" in text
    pdf = client.get(reverse("activities:meeting_notice", args=[giao_ban.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert client.get(reverse("activities:meeting_minutes", args=[giao_ban.pk, "odt"])).status_code == 404


def test_the_excel_export_lists_the_filtered_meetings(giao_ban, commune_editor, client_for):
    from openpyxl import load_workbook

    response = client_for(commune_editor).get(reverse("activities:meeting_export"), {"year": 2021})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[1][0] == "22/07/2021" and rows[1][3] == "Giao ban khối Dân vận tháng 7"
    assert rows[1][8] == "Hoàng Văn Chủ, Bí thư Đảng ủy phường"
