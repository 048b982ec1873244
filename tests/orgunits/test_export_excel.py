"""Excel export of the unit list: the rows the user may see, in list order, real dates, fixed queries."""

import datetime
import io

import openpyxl
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.core.excel_export import XLSX_CONTENT_TYPE
from danvan.orgunits import selectors

HEADERS = ["Tên", "Loại", "Loại hình", "Mã", "Đơn vị cấp trên", "Hiệu lực từ", "Hiệu lực đến"]


def export(client, **params):
    response = client.get(reverse("orgunits:export_units"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="don-vi.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_export_lists_the_visible_units_in_list_order_with_their_fields(units, commune_editor, client_for):
    sheet, rows = export(client_for(commune_editor))
    assert sheet.title == "Đơn vị"
    assert rows[0] == HEADERS
    assert all(cell.font.b for cell in sheet[1])
    expected = list(
        selectors.units_visible_to(commune_editor).vietnamese_order().values_list("name", flat=True)
    )
    assert [row[0] for row in rows[1:]] == expected
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Tổ dân phố 1"][1:5] == [
        "Thôn, tổ dân phố",
        "Tổ dân phố",
        "01273-TDP01",
        "Phường Thục Phán",
    ]
    assert by_name["Hội Nông dân phường Thục Phán"][2] == "Đoàn thể chính trị – xã hội, hội quần chúng"


def test_export_dates_are_real_excel_dates(units, commune_editor, client_for):
    sheet, rows = export(client_for(commune_editor), q="Tổ dân phố 1")
    row_number = next(index for index, row in enumerate(rows, start=1) if row[0] == "Tổ dân phố 1")
    valid_from = sheet.cell(row=row_number, column=6)
    assert valid_from.value == datetime.datetime(2025, 7, 1)
    assert valid_from.number_format == "DD/MM/YYYY"
    assert sheet.cell(row=row_number, column=7).value is None


def test_export_closed_unit_has_its_end_date(units, province_admin, client_for):
    _sheet, rows = export(client_for(province_admin), q="Ban Dân vận Tỉnh ủy Cao Bằng")
    assert rows[1][0] == "Ban Dân vận Tỉnh ủy Cao Bằng"
    assert rows[1][6] == datetime.datetime(2025, 2, 28)


def test_other_commune_units_are_not_exported(units, commune_editor, client_for):
    _sheet, rows = export(client_for(commune_editor))
    names = {row[0] for row in rows[1:]}
    parents = {row[4] for row in rows[1:]}
    assert "Phường Thục Phán" in names
    assert "Phường Nùng Trí Cao" not in names and "Phường Nùng Trí Cao" not in parents
    assert "Hội Nông dân phường Nùng Trí Cao" not in names
    assert "Tỉnh Cao Bằng" not in names


def test_export_follows_the_list_filters_and_is_not_paginated(units, province_admin, client_for):
    _sheet, rows = export(client_for(province_admin), kind="hamlet")
    assert {row[1] for row in rows[1:]} == {"Thôn, tổ dân phố"}
    _sheet, rows = export(client_for(province_admin), kind="commune", as_of="01/07/2025")
    assert len(rows) - 1 == 56  # more than one page of the list (50)


def test_export_query_count_does_not_grow_with_rows(units, province_admin, client_for):
    client = client_for(province_admin)
    client.get(reverse("orgunits:unit_list"))  # warm the session and content types

    def count(**params):
        with CaptureQueriesContext(connection) as queries:
            _sheet, rows = export(client, **params)
        return len(queries), len(rows)

    few_queries, few_rows = count(q="Thục Phán")
    many_queries, many_rows = count()
    assert few_rows < 20 and many_rows > 200
    assert many_queries == few_queries


def test_export_with_invalid_filter_is_empty_not_an_error(units, commune_editor, client_for):
    _sheet, rows = export(client_for(commune_editor), as_of="32/13/2025")
    assert rows == [HEADERS]


def test_anonymous_user_cannot_export(units, client):
    response = client.get(reverse("orgunits:export_units"))
    assert response.status_code == 302
