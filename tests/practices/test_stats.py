"""The counts page: numbers equal to the lists behind them, drill-down links, years across the 2025 reform, scope,
the Excel export, empty states and a fixed number of queries."""

import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.orgunits.lineage import lineage_paths, predecessor_paths
from danvan.orgunits.models import OrgUnit
from danvan.practices import services
from danvan.practices.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db

STATS = reverse("practices:stats")


def register(actor, owner, fields, **extra):
    data = {"name": "Dân vận khéo", "registration_year": 2026, "kind": Practice.Kind.MODEL, **extra}
    return services.register_practice(actor, owner=owner, fields=fields, **data)


@pytest.fixture
def cao_bang_practices(units, province_admin, fields):
    """Models of Tỉnh Cao Bằng in 2026 (and one in 2025) at every level, one with two fields."""
    hamlet = factories.hamlet(units["thuc_phan"], "Tổ dân phố 11")
    agency = factories.agency(units["nung_tri_cao"], "Hội Nông dân phường")
    register(province_admin, units["thuc_phan"], [fields["kinh-te"], fields["van-hoa-xa-hoi"]])
    register(province_admin, units["nung_tri_cao"], [fields["kinh-te"]])
    register(province_admin, hamlet, [fields["kinh-te"]])
    register(province_admin, hamlet, [fields["quoc-phong-an-ninh"]], kind="exemplar", person_name="Lò Thị B")
    register(province_admin, agency, [fields["xay-dung-he-thong-chinh-tri"]])
    register(province_admin, units["ban_tgdv_cao_bang"], [fields["van-hoa-xa-hoi"]])
    register(province_admin, units["thuc_phan"], [fields["kinh-te"]], registration_year=2025)


def cells_of(table):
    """(label, field name or None, count, url) for every number of the cross-tab."""
    for line in table.lines:
        for field, cell in zip(table.columns, line.cells, strict=True):
            yield line.label, field.name, cell.count, cell.url
        yield line.label, None, line.total.count, line.total.url
    for field, cell in zip(table.columns, table.column_totals, strict=True):
        yield None, field.name, cell.count, cell.url
    yield None, None, table.total.count, table.total.url


def listed(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page_obj"].paginator.count


def test_province_counts_by_level_and_field_match_the_lists_behind_them(
    client_for, province_admin, units, cao_bang_practices
):
    client = client_for(province_admin)
    response = client.get(STATS, {"unit": units["cao_bang"].pk, "year": 2026})
    assert response.status_code == 200
    table = response.context["table"]
    assert table.total.count == 6
    counts = {
        (line.key, f.code): c.count
        for line in table.lines
        for f, c in zip(table.columns, line.cells, strict=True)
    }
    assert counts[("commune", "kinh-te")] == 2
    assert counts[("commune", "xay-dung-he-thong-chinh-tri")] == 1  # a ward's agency counts at commune level
    assert counts[("commune", "van-hoa-xa-hoi")] == 1
    assert counts[("hamlet", "quoc-phong-an-ninh")] == 1
    assert counts[("province", "van-hoa-xa-hoi")] == 1
    assert [line.key for line in table.lines] == ["province", "commune", "hamlet"]
    # The field columns add up to more than the distinct total: one model has two fields.
    assert sum(c.count for c in table.column_totals) == 7
    for row, field, count, url in cells_of(table):
        if count:
            assert listed(client, url) == count, (row, field, url)
    cards = {str(label): cell.count for label, cell, _icon in response.context["cards"]}
    assert cards["Tổng số mô hình, điển hình"] == 6 and cards["Điển hình cá nhân"] == 1
    assert "Một mô hình thuộc hai lĩnh vực được tính ở cả hai cột" in response.content.decode()


@pytest.mark.parametrize("view", ["kind", "status", "group"])
def test_other_views_match_the_lists_too(client_for, province_admin, units, cao_bang_practices, view):
    client = client_for(province_admin)
    table = client.get(STATS, {"unit": units["cao_bang"].pk, "year": 2026, "view": view}).context["table"]
    assert table.lines
    for _row, _field, count, url in cells_of(table):
        if count:
            assert listed(client, url) == count, url


def test_drilldown_links_carry_the_filters(client_for, province_admin, units, fields, cao_bang_practices):
    response = client_for(province_admin).get(STATS, {"unit": units["cao_bang"].pk, "year": "2026"})
    table = response.context["table"]
    line = next(line for line in table.lines if line.key == "hamlet")
    url = line.cells[[f.code for f in table.columns].index("kinh-te")].url
    parts = urlsplit(url)
    assert parts.path == reverse("practices:practice_list")
    assert parse_qs(parts.query) == {
        "unit": [str(units["cao_bang"].pk)],
        "year": ["2026"],
        "level": ["hamlet"],
        "field": [str(fields["kinh-te"].pk)],
    }
    assert url.replace("&", "&amp;") in response.content.decode()


def test_previous_years_of_a_new_province_include_its_predecessors(client_for, superuser, units, fields):
    register(superuser, units["cau_ke"], [fields["kinh-te"]], registration_year=2024)
    register(superuser, units["cau_ke_ban"], [fields["van-hoa-xa-hoi"]], registration_year=2024)
    vinh_long = OrgUnit.objects.get(external_id="vn2025:province:86")
    response = client_for(superuser).get(STATS, {"unit": vinh_long.pk, "year": 2026})
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert [label for _year, label in comparison["years"]] == ["2026", "2025", "2024 (trước sắp xếp)"]
    years = [y for y, _label in comparison["years"]]
    totals = dict(zip(years, [c.count for c in comparison["rows"][0][1]], strict=True))
    assert totals == {2026: 0, 2025: 0, 2024: 2}
    assert "Tỉnh Trà Vinh" in {p.name for p in response.context["predecessors"]}
    page = response.content.decode()
    assert "(trước sắp xếp)" in page and "Chưa có mô hình, điển hình nào của Tỉnh Vĩnh Long" in page
    in_2024 = client_for(superuser).get(STATS, {"unit": vinh_long.pk, "year": 2024}).context["table"]
    assert in_2024.total.count == 2 and [line.key for line in in_2024.lines] == ["district"]


def test_commune_editor_gets_404_for_another_communes_stats(
    client_for, commune_editor, other_commune_editor, units, fields
):
    register(other_commune_editor, units["nung_tri_cao"], [fields["kinh-te"]])
    client = client_for(commune_editor)
    assert client.get(STATS, {"unit": units["thuc_phan"].pk}).status_code == 200
    for params in ({"unit": units["nung_tri_cao"].pk}, {"unit": units["cao_bang"].pk}, {"unit": "all"}):
        assert client.get(STATS, params).status_code == 404
        assert client.get(reverse("practices:stats_export"), params).status_code == 404
    assert client_for(other_commune_editor).get(STATS, {"unit": units["thuc_phan"].pk}).status_code == 404
    assert client.get(STATS, {"unit": "abc"}).status_code == 404


def test_current_unit_is_the_default_and_its_own_data_only(client_for, commune_editor, units, fields):
    register(commune_editor, units["thuc_phan"], [fields["kinh-te"]])
    response = client_for(commune_editor).get(STATS)
    assert response.context["unit"] == units["thuc_phan"]
    assert response.context["table"].total.count == 1


def test_export_cells_equal_the_page(client_for, province_admin, units, cao_bang_practices):
    from openpyxl import load_workbook

    client = client_for(province_admin)
    params = {"unit": units["cao_bang"].pk, "year": 2026, "view": "level"}
    table = client.get(STATS, params).context["table"]
    response = client.get(reverse("practices:stats_export"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, row in enumerate(rows) if row[0] == "Cấp")
    header = rows[header_at]
    assert header[1:] == [*[f.name for f in table.columns], "Tổng số mô hình"]
    assert sheet.cell(row=header_at + 1, column=2).font.bold
    body = rows[header_at + 1 : header_at + 1 + len(table.lines) + 1]
    expected = [[line.label, *[c.count for c in line.cells], line.total.count] for line in table.lines]
    expected.append(["Cộng", *[c.count for c in table.column_totals], table.total.count])
    assert body == expected
    assert all(isinstance(value, int) for row in body for value in row[1:])


def test_a_unit_without_data_says_what_to_do(client_for, commune_editor, units):
    response = client_for(commune_editor).get(STATS, {"year": 2026})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chưa có mô hình, điển hình nào của Phường Thục Phán" in page
    assert reverse("practices:create") in page  # the editor may register one


def test_user_without_roles_gets_an_explanation(client_for, db):
    from tests.conftest import make_user

    response = client_for(make_user("no_roles")).get(STATS)
    assert response.status_code == 200 and "chưa có vai trò" in response.content.decode()


def test_superuser_sees_the_nation(client_for, superuser, units, fields, commune_editor):
    register(commune_editor, units["thuc_phan"], [fields["kinh-te"]])
    response = client_for(superuser).get(STATS, {"unit": "all", "year": 2026})
    assert response.status_code == 200 and response.context["nation"]
    assert response.context["table"].total.count == Practice.objects.filter(years__year=2026).count()
    assert "group" not in [key for key, _label in response.context["views"]]


def test_bad_year_is_explained_and_the_page_still_answers(client_for, commune_editor):
    response = client_for(commune_editor).get(STATS, {"year": "1850"})
    assert response.status_code == 200
    assert "Năm phải từ 2000" in response.content.decode()
    assert client_for(commune_editor).get(STATS, {"year": "abc", "view": "colour"}).status_code == 200


def test_khoi_view_of_duy_tien_2019(client_for, superuser, units, fields):
    commune = units["duy_tien"].children.filter(kind=OrgUnit.Kind.COMMUNE).order_by("id").first()
    register(superuser, units["duy_tien_ban"], [fields["kinh-te"]], registration_year=2019)
    register(superuser, commune, [fields["kinh-te"]], registration_year=2019)
    register(superuser, commune, [fields["van-hoa-xa-hoi"]], registration_year=2019)
    table = client_for(superuser).get(STATS, {"unit": units["duy_tien"].pk, "year": 2019, "view": "group"})
    totals = {line.label: line.total.count for line in table.context["table"].lines}
    assert totals == {"Khối phòng, ban, ngành, đoàn thể": 1, "Khối xã, phường, thị trấn": 2}


def test_the_number_of_queries_does_not_grow_with_the_unit(
    client_for, province_admin, units, cao_bang_practices
):
    client = client_for(province_admin)
    sizes = []
    for unit in (units["thuc_phan"], units["cao_bang"]):
        client.get(STATS, {"unit": unit.pk, "year": 2026})  # warm caches (sessions, content types)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(STATS, {"unit": unit.pk, "year": 2026}).status_code == 200
        sizes.append(len(queries))
    # A commune has ancestors to show in the breadcrumbs and predecessors to name: two queries more, no more.
    assert max(sizes) <= 14 and sizes[0] - sizes[1] <= 2, sizes


def test_counted_paths_in_one_query_equal_the_scope_history(units, django_assert_num_queries):
    vinh_long = OrgUnit.objects.get(external_id="vn2025:province:86")
    for unit in (
        vinh_long,
        units["thuc_phan"],
        units["cao_bang"],
        units["ban_tgdv_cao_bang"],
        units["cau_ke"],
    ):
        with django_assert_num_queries(1):
            paths = lineage_paths(unit)
        assert paths == [unit.path, *predecessor_paths([unit.path])], unit.name
    assert len(lineage_paths(vinh_long)) == 4 and len(lineage_paths(units["ban_tgdv_cao_bang"])) == 3
