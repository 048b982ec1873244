"""The counts page /don-thu/so-lieu/: a unit's children × the figures, each number a link to the petitions behind it,
drill-down, a line saying what the figures cover, the Excel export; in a fixed number of queries; out of scope 404."""

import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.citizens.figures_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db
COUNTS = reverse("citizens:counts")


def link_params(html: str, unit_pk: int, column: str) -> dict:
    row = html[html.index(f'<tr data-unit="{unit_pk}">') :]
    row = row[: row.index("</tr>")]
    columns = [part.split('"')[0] for part in html.split('data-column="')[1:]]
    cells = row.split('<td class="text-end">')[1:]
    cell = cells[columns.index(column)]
    href = cell.split('href="')[1].split('"')[0].replace("&amp;", "&")
    assert urlsplit(href).path == reverse("citizens:petition_list")
    return {key: values[0] for key, values in parse_qs(urlsplit(href).query).items()}


def test_a_province_officer_sees_its_communes_figures_for_the_half_year(
    citizen_records, units, province_admin, client_for, django_assert_max_num_queries
):
    client = client_for(province_admin)
    with django_assert_max_num_queries(14):
        response = client.get(COUNTS, {"unit": units["cao_bang"].pk, "year": 2026, "part": "H1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "6 tháng đầu năm 2026" in html
    assert "các đơn nhận từ 01/01/2026 đến 30/06/2026" in html
    ward = units["thuc_phan"].pk
    assert link_params(html, ward, "received") == {
        "unit": str(ward),
        "received_from": "2026-01-01",
        "received_to": "2026-06-30",
    }
    assert link_params(html, ward, "late")["resolved"] == "late"
    assert link_params(html, ward, "on_time")["resolved"] == "on_time"
    assert link_params(html, ward, "overdue")["overdue"] == "1"
    assert link_params(html, ward, "kind_to_cao")["kind"] == "to_cao"
    assert link_params(html, ward, "accepted")["accepted"] == "1"
    assert link_params(html, ward, "open")["open"] == "1"
    # The unit's own register and the total line.
    assert "Tại Tỉnh Cao Bằng" in html
    total = html[html.index('data-unit="total"') :]
    assert ">7</a>" in total


def test_the_number_of_queries_does_not_grow_with_the_rows(
    citizen_records, units, province_admin, client_for, django_assert_max_num_queries
):
    client = client_for(province_admin)
    with django_assert_max_num_queries(14):
        assert (
            client.get(COUNTS, {"unit": units["thuc_phan"].pk, "year": 2026, "part": "H1"}).status_code == 200
        )


def test_a_commune_editor_cannot_see_the_province_or_another_commune(
    citizen_records, units, commune_editor, client_for
):
    client = client_for(commune_editor)
    assert client.get(COUNTS, {"unit": units["cao_bang"].pk}).status_code == 404
    assert client.get(COUNTS, {"unit": units["nung_tri_cao"].pk}).status_code == 404
    assert client.get(COUNTS, {"unit": "abc"}).status_code == 404
    own = client.get(COUNTS, {"year": 2026, "part": "H1"})
    assert own.status_code == 200 and "Phường Thục Phán" in own.content.decode()


def test_a_wrong_year_or_part_shows_the_default_period_with_a_message(units, province_admin, client_for):
    html = (
        client_for(province_admin)
        .get(COUNTS, {"unit": units["cao_bang"].pk, "year": "hai nghìn", "part": "X9"})
        .content.decode()
    )
    assert "Năm phải là một số" in html and "Kỳ không hợp lệ" in html


def test_a_quarter_and_a_month_are_periods_too(citizen_records, units, province_admin, client_for):
    client = client_for(province_admin)
    html = client.get(COUNTS, {"unit": units["cao_bang"].pk, "year": 2026, "part": "Q2"}).content.decode()
    assert "quý II năm 2026" in html
    html = client.get(COUNTS, {"unit": units["cao_bang"].pk, "year": 2026, "part": "M06"}).content.decode()
    assert "tháng 6 năm 2026" in html and "đến 30/06/2026" in html


def test_the_table_exports_to_excel_with_the_same_numbers(citizen_records, units, province_admin, client_for):
    response = client_for(province_admin).get(
        reverse("citizens:counts_export"), {"unit": units["cao_bang"].pk, "year": 2026, "part": "H1"}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    heads = next(row for row in rows if row and row[0] == "Đơn vị")
    ward = next(row for row in rows if row and row[0] == "Phường Thục Phán")
    total = next(row for row in rows if row and row[0] == "Cộng")
    assert ward[heads.index("Tổng số đơn tiếp nhận")] == 4
    assert ward[heads.index("Giải quyết quá hạn")] == 1
    assert ward[heads.index("Buổi tiếp công dân")] == 2
    assert total[heads.index("Tổng số đơn tiếp nhận")] == 7


def test_a_drill_down_opens_a_childs_own_table(units, province_admin, client_for, superuser, hamlet):
    petition(superuser, hamlet, "2026-02-02")  # noqa: F405
    html = (
        client_for(province_admin)
        .get(COUNTS, {"unit": units["cao_bang"].pk, "year": 2026, "part": "H1"})
        .content.decode()
    )
    drill = f"{COUNTS}?unit={units['thuc_phan'].pk}&amp;year=2026&amp;part=H1"
    assert drill in html
    inner = client_for(province_admin).get(drill.replace("&amp;", "&")).content.decode()
    assert f'data-unit="{hamlet.pk}"' in inner
