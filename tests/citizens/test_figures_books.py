"""The official books as Excel (Thông tư 05/2021/TT-TTCP): the sổ theo dõi đơn and the sổ tiếp công dân of a unit's
subtree for a date range, read back — columns in the official order, one line per petition (per reception without
one), a denouncer never named."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.citizens.models import Petition
from danvan.citizens.services.petitions import create_petition
from tests.citizens.figures_fixtures import *  # noqa: F403
from tests.citizens.figures_fixtures import day, reception

pytestmark = pytest.mark.django_db
BOOK = reverse("citizens:petition_book")
RECEPTIONS = reverse("citizens:reception_book")


def read(response) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def denunciation(actor, unit, received: str, reception_row=None) -> Petition:
    return create_petition(
        actor,
        unit=unit,
        data={
            "kind": Petition.Kind.TO_CAO,
            "channel": Petition.Channel.RECEPTION if reception_row else Petition.Channel.POST,
            "field": Petition.Field.CORRUPTION,
            "subject": '=HYPERLINK("http://x") tố cáo cán bộ địa chính',
            "content": "Nội dung tố cáo.",
            "received_on": day(received),
        },
        sealed=[{"name": "Lý Văn Bí Mật", "address": "Xóm Kín, xã Ẩn"}],
        reception=reception_row,
    )


def test_the_petition_book_lists_the_period_in_the_official_columns(
    citizen_records, units, province_admin, superuser, client_for
):
    denunciation(superuser, units["thuc_phan"], "2026-05-05")
    rows = read(
        client_for(province_admin).get(
            BOOK, {"unit": units["cao_bang"].pk, "from": "01/01/2026", "to": "30/06/2026"}
        )
    )
    assert rows[1][0] == "SỔ THEO DÕI ĐƠN"
    assert rows[2][0] == "Từ ngày 01/01/2026 đến ngày 30/06/2026"
    top, sub = rows[4], rows[5]
    assert [top[0], top[1], top[2], top[3], top[4], top[5]] == [
        "STT",
        "Ngày nhận đơn",
        "Số vào sổ",
        "Họ tên, địa chỉ người gửi đơn",
        "Nội dung đơn",
        "Phân loại đơn",
    ]
    assert sub[5:8] == ["Khiếu nại", "Tố cáo", "Kiến nghị, phản ánh"]
    assert top[8] == "Nguồn đơn" and top[9] == "Cơ quan có thẩm quyền giải quyết" and top[10] == "Hướng xử lý"
    assert sub[10:14] == [
        "Thụ lý giải quyết",
        "Chuyển đơn đến cơ quan có thẩm quyền",
        "Hướng dẫn, trả lại đơn",
        "Lưu đơn",
    ]
    assert top[14:] == ["Kết quả giải quyết", "Ghi chú"]
    lines = [row for row in rows[7:] if row[0]]
    assert [line[0] for line in lines] == list(range(1, 9))  # 7 of the fixtures and the denunciation
    assert lines[0][1].date() == day("2026-01-10")
    assert "Nguyễn Văn Dân — Tổ 1, phường Thục Phán" in lines[0][3]
    assert lines[0][5] == "x" and lines[0][6] is None
    assert "Đã giải quyết ngày 10/02/2026" in lines[0][14]
    masked = next(line for line in lines if line[6] == "x")
    assert masked[3] == "Người tố cáo (được giữ bí mật)"
    assert masked[4].startswith("=HYPERLINK")  # a text, not a formula
    workbook = load_workbook(
        io.BytesIO(
            client_for(province_admin)
            .get(BOOK, {"unit": units["cao_bang"].pk, "from": "2026-01-01", "to": "2026-06-30"})
            .content
        )
    )
    cells = [
        c for row in workbook.active.iter_rows() for c in row if c.value and str(c.value).startswith("=")
    ]
    assert cells and all(c.data_type == "s" for c in cells)
    everything = " ".join(str(value) for row in rows for value in row if value)
    assert "Bí Mật" not in everything and "Xóm Kín" not in everything


def test_the_reception_book_lists_each_reception_and_the_petitions_received_there(
    units, province_admin, superuser, client_for
):
    ward = units["thuc_phan"]
    quiet = reception(ward, "2026-02-03", citizens=4)
    busy = reception(ward, "2026-03-03", citizens=2)
    denunciation(superuser, ward, "2026-03-03", reception_row=busy)
    reception(ward, "2026-08-01")  # outside the range
    rows = read(
        client_for(province_admin).get(
            RECEPTIONS, {"unit": ward.pk, "from": "2026-01-01", "to": "2026-06-30"}
        )
    )
    assert rows[1][0] == "SỔ TIẾP CÔNG DÂN"
    top, sub = rows[4], rows[5]
    assert top[:5] == [
        "STT",
        "Ngày tiếp",
        "Họ tên, địa chỉ công dân",
        "Nội dung vụ việc",
        "Phân loại vụ việc, đơn",
    ]
    assert sub[4:7] == ["Khiếu nại", "Tố cáo", "Kiến nghị, phản ánh"]
    assert top[7] == "Cơ quan có thẩm quyền giải quyết" and top[8] == "Hướng xử lý"
    assert top[12:] == ["Theo dõi kết quả", "Ghi chú"]
    lines = [row for row in rows[7:] if row[0]]
    assert len(lines) == 2
    assert lines[0][1].date() == quiet.date and lines[0][2] == "4 lượt công dân"
    assert lines[1][2] == "Người tố cáo (được giữ bí mật)" and lines[1][5] == "x"


def test_a_book_outside_the_scope_or_with_a_wrong_range_is_not_found(units, commune_editor, client_for):
    client = client_for(commune_editor)
    assert client.get(BOOK, {"unit": units["cao_bang"].pk}).status_code == 404
    assert client.get(RECEPTIONS, {"unit": units["nung_tri_cao"].pk}).status_code == 404
    assert client.get(BOOK, {"unit": units["thuc_phan"].pk, "from": "31/02/2026"}).status_code == 404
    assert (
        client.get(
            BOOK, {"unit": units["thuc_phan"].pk, "from": "2026-06-01", "to": "2026-01-01"}
        ).status_code
        == 404
    )
    assert client.get(BOOK, {"unit": units["thuc_phan"].pk}).status_code == 200  # this year until today


def test_the_books_read_in_a_fixed_number_of_queries(
    citizen_records, units, province_admin, client_for, django_assert_max_num_queries
):
    client = client_for(province_admin)
    with django_assert_max_num_queries(12):
        client.get(BOOK, {"unit": units["cao_bang"].pk, "from": "2026-01-01", "to": "2026-06-30"})
    with django_assert_max_num_queries(12):
        client.get(RECEPTIONS, {"unit": units["cao_bang"].pk, "from": "2026-01-01", "to": "2026-06-30"})
