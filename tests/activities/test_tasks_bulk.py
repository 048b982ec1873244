"""Bulk progress by Excel: the lead unit downloads its open tasks, fills percent, text and the completion date,
uploads the file, sees what changes, confirms — every row saved or none, each error naming its row and column."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.activities import services
from danvan.activities.models import Task, TaskProgress
from danvan.core.excel_export import XLSX_CONTENT_TYPE
from tests import factories
from tests.clock import days


@pytest.fixture
def tasks(units, province_admin, commune_editor):
    province, ward = units["cao_bang"], units["thuc_phan"]
    made = [
        factories.task(province_admin, province, ward, title=title, deadline=days(n), assigned_on=days(-30))
        for title, n in (
            ("Họp dân về đường giao thông", 5),
            ("Nắm tình hình tôn giáo", 20),
            ("Tuyên truyền", 40),
        )
    ]
    other = factories.task(
        province_admin,
        province,
        units["nung_tri_cao"],
        title="Việc xã khác",
        deadline=days(9),
        assigned_on=days(-30),
    )
    return [*made, other]


def _urls(unit):
    query = f"?unit={unit.pk}"
    return (
        reverse("activities:task_bulk") + query,
        reverse("activities:task_bulk_workbook") + query,
        reverse("activities:task_bulk_confirm") + query,
    )


def _fill(content: bytes, fills: dict[int, tuple], extra_rows=()) -> SimpleUploadedFile:
    """The downloaded workbook with columns E–G of the rows of the given task ids filled."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook["Tiến độ nhiệm vụ"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in fills:
            for cell, value in zip(row[4:7], fills[row[0].value], strict=True):
                cell.value = value
    for values in extra_rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("tien-do.xlsx", buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)


def test_download_fill_preview_confirm(client_for, commune_editor, units, tasks):
    page, download, confirm = _urls(units["thuc_phan"])
    client = client_for(commune_editor)
    assert client.get(page).status_code == 200
    content = client.get(download).content
    rows = list(openpyxl.load_workbook(io.BytesIO(content))["Tiến độ nhiệm vụ"].iter_rows(values_only=True))
    assert [row[1] for row in rows[1:]] == [
        "Họp dân về đường giao thông",
        "Nắm tình hình tôn giáo",
        "Tuyên truyền",
    ]
    first, second, _third, _other = tasks
    upload = _fill(
        content,
        {
            first.pk: (None, "Đã họp xong", days(-1).strftime("%d/%m/%Y")),
            second.pk: (60, "Đã gặp các chức sắc", None),
        },
    )
    preview = client.post(page, {"file": upload})
    assert preview.status_code == 200
    changes = preview.context["preview"].changes
    assert [(c.task_id, c.before, c.percent, c.done_on) for c in changes] == [
        (first.pk, 0, 100, days(-1)),
        (second.pk, 0, 60, None),
    ]
    assert preview.context["preview"].unchanged == 1
    assert not TaskProgress.objects.exists()  # nothing saved before the confirmation
    done = client.post(confirm, {"payload": preview.context["payload"]})
    assert done.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, first.completed_on, first.progress) == (Task.State.DONE, days(-1), 100)
    assert (second.state, second.progress) == (Task.State.OPEN, 60)
    # The same confirmation again: the tasks changed since, so nothing more is saved.
    again = client.post(confirm, {"payload": preview.context["payload"]})
    assert again.status_code == 200 and "Không có nhiệm vụ nào được cập nhật." in again.content.decode()
    assert TaskProgress.objects.count() == 2


def test_every_bad_row_is_named_and_nothing_is_saved(client_for, commune_editor, units, tasks):
    page, download, _confirm = _urls(units["thuc_phan"])
    client = client_for(commune_editor)
    content = client.get(download).content
    first, second, third, other = tasks
    upload = _fill(
        content,
        {first.pk: (150, "Quá", None), second.pk: (50, "Xong", "31/02/2026"), third.pk: (40, None, None)},
        extra_rows=[
            (999999, "Không có", None, None, 10, "x", None),
            (other.pk, "Việc xã khác", None, None, 10, "x"),
        ],
    )
    response = client.post(page, {"file": upload})
    html = response.content.decode()
    errors = [(e.row, e.column) for e in response.context["row_errors"]]
    assert (2, "Tiến độ mới (%)") in errors
    assert (3, "Ngày hoàn thành") in errors
    assert (4, "Kết quả thực hiện") in errors
    assert (5, "Mã nhiệm vụ") in errors and (6, "Mã nhiệm vụ") in errors
    assert "Tiến độ 150% không hợp lệ: phải từ 0 đến 100." in html
    assert "không có trong danh sách nhiệm vụ đang thực hiện của đơn vị" in html
    assert "Việc xã khác" not in html.split("import-errors")[-1]  # another unit's task is not described
    assert "preview" not in response.context or not response.context["preview"]
    assert not TaskProgress.objects.exists()


def _rezipped(data: bytes, replace: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry, replace.get(entry.filename, source.read(entry.filename)))
    return buffer.getvalue()


def test_malformed_and_huge_sparse_files_are_refused_cleanly(client_for, commune_editor, units, tasks):
    page, download, _confirm = _urls(units["thuc_phan"])
    client = client_for(commune_editor)
    content = client.get(download).content
    part = "xl/worksheets/sheet1.xml"
    xml = zipfile.ZipFile(io.BytesIO(content)).read(part)
    sparse = xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'
    )
    cases = {
        "not a workbook": (b"PK\x03\x04 broken", "Tệp không phải bảng tính Excel .xlsx hợp lệ"),
        "sparse": (_rezipped(content, {part: sparse}), "nằm ngoài vùng đọc được"),
        "empty": (b"", "tệp rỗng"),
    }
    for case, (data, message) in cases.items():
        response = client.post(page, {"file": SimpleUploadedFile("tien-do.xlsx", data)})
        assert response.status_code == 200, case
        assert message in response.content.decode(), case
    no_file = client.post(page, {})
    assert "Hãy chọn tệp Excel (.xlsx) để tải lên." in no_file.content.decode()
    assert not TaskProgress.objects.exists()


def test_a_tampered_or_foreign_confirmation_is_refused(
    client_for, commune_editor, units, tasks, province_admin
):
    page, download, confirm = _urls(units["thuc_phan"])
    client = client_for(commune_editor)
    response = client.post(confirm, {"payload": "giả mạo"})
    assert response.status_code == 302
    upload = _fill(client.get(download).content, {tasks[0].pk: (30, "Bắt đầu", None)})
    payload = client.post(page, {"file": upload}).context["payload"]
    colleague = factories.user("xa_nhaplieu2", units["thuc_phan"], "editor")
    assert (
        client_for(colleague).post(confirm, {"payload": payload}).status_code == 302
    )  # signed for another user
    assert not TaskProgress.objects.exists()


def test_only_the_units_editors_use_it(client_for, other_commune_editor, units, tasks):
    page, download, _confirm = _urls(units["thuc_phan"])
    assert client_for(other_commune_editor).get(page).status_code == 404
    assert client_for(other_commune_editor).get(download).status_code == 404


def test_a_report_made_meanwhile_refuses_the_confirmation(client_for, commune_editor, units, tasks):
    page, download, confirm = _urls(units["thuc_phan"])
    client = client_for(commune_editor)
    first = tasks[0]
    upload = _fill(client.get(download).content, {first.pk: (30, "Bắt đầu", None)})
    preview = client.post(page, {"file": upload})
    services.report_progress(commune_editor, first, percent=10, text="Báo cáo trên trang")
    response = client.post(confirm, {"payload": preview.context["payload"]})
    assert "vừa được cập nhật tiến độ" in response.content.decode()
    assert TaskProgress.objects.count() == 1
