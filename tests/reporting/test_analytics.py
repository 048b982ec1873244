"""The aggregation page (tổng hợp số liệu): totals equal the sum of the units' figures, earlier periods over the tree
valid then and through lineage, computed and average indicators from totals, scope, drill-down, Excel, query counts."""

import io
import re

import pytest
from django.db.models import F, Sum
from django.urls import reverse

from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtree_q
from danvan.reporting import services
from danvan.reporting.models import Indicator, Submission, Value
from tests.factories import approved_reports

pytestmark = pytest.mark.django_db
PAGE = "reporting:analytics"


def put(unit, period, **figures):
    """Stores figures of one unit directly (code=number, or code={category: number}), its report approved."""
    approved_reports(unit, period, figures)
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=figures)}
    writes = []
    for code, figure in figures.items():
        by_category = figure if isinstance(figure, dict) else {"": figure}
        for category, number in by_category.items():
            writes.append(
                services.CellWrite(indicators[code], unit, period, category, float(number), "", "entered", "")
            )
    services.apply_writes(None, writes)


def communes_of(province, count=None):
    found = OrgUnit.objects.filter(parent=province, kind="commune", valid_to__isnull=True).order_by(
        "sort_key"
    )
    return list(found[:count] if count else found)


def old_communes(unit):
    """Communes valid before the reform inside the unit's subtree or its predecessors'."""
    q = subtree_q(lineage_paths(unit)[0])
    for path in lineage_paths(unit)[1:]:
        q |= subtree_q(path)
    return list(OrgUnit.objects.filter(q, kind="commune", valid_to__isnull=False).order_by("sort_key"))


def column(context, code, category=""):
    return next(
        n for n, c in enumerate(context["columns"]) if c.indicator.code == code and c.category == category
    )


def total_of(context, code, category="", table=0):
    return context["tables"][table].total.figures[column(context, code, category)].value


def db_sum(unit_path, period, code):
    """The sum of the figures of the approved reports in the subtree."""
    return Value.objects.filter(
        subtree_q(unit_path, "unit_path"),
        period=period,
        indicator__code=code,
        unit__report_submissions__period=F("period"),
        unit__report_submissions__status=Submission.Status.APPROVED,
    ).aggregate(n=Sum("number"))["n"]


def test_the_provinces_total_equals_the_sum_of_its_communes(demo_reports, units, province_admin, client_for):
    province = units["cao_bang"]
    response = client_for(province_admin).get(
        reverse(PAGE), {"form": demo_reports.pk, "unit": province.pk, "period": "2026H1"}
    )
    assert response.status_code == 200
    context = response.context
    table = context["tables"][0]
    assert table.period.code == "2026H1"
    assert {row.unit.kind for row in table.rows} == {"commune"}
    # Approved reports only: the communes whose report is approved, and the coverage says how many of the 56.
    approved = Submission.objects.filter(form=demo_reports, period="2026H1", status="approved").count()
    assert 0 < len(table.rows) == approved == table.coverage.counted < table.coverage.expected == 56
    assert f"{approved}/56 đơn vị đã báo cáo" in response.content.decode()
    for code in ("dcs_doi_thoai", "asxh_qua_tet", "dcs_nguoi_du_doi_thoai"):
        index = column(context, code)
        by_rows = sum(row.figures[index].value or 0 for row in table.rows)
        assert total_of(context, code) == by_rows == db_sum(province.path, "2026H1", code), code
    assert total_of(context, "dvk_mh_dang_ky") == db_sum(province.path, "2026H1", "dvk_mh_dang_ky")
    # Vietnamese numbers: 27.461, not 27461.
    quà = column(context, "asxh_qua_tet")
    assert re.fullmatch(r"\d{1,3}(\.\d{3})+", table.total.figures[quà].text)


def test_the_2024_figure_of_cao_bang_is_the_sum_of_the_old_communes(
    demo_reports, units, province_admin, client_for
):
    province = units["cao_bang"]
    response = client_for(province_admin).get(
        reverse(PAGE),
        {"form": demo_reports.pk, "unit": province.pk, "period": ["2024H2", "2026H1"], "layout": "periods"},
    )
    assert response.status_code == 200
    context = response.context
    assert [p.code for p in context["choice"].periods] == ["2024H2", "2026H1"]
    assert context["compare"] is True
    line = next(
        line for line in context["lines"] if line.indicator and line.indicator.code == "dcs_doi_thoai"
    )
    old = old_communes(province)
    old_sum = Value.objects.filter(unit__in=old, period="2024H2", indicator__code="dcs_doi_thoai").aggregate(
        n=Sum("number")
    )["n"]
    assert len(old) == 161 and old_sum
    assert line.figures[0].value == old_sum
    assert line.figures[1].value == db_sum(province.path, "2026H1", "dcs_doi_thoai")
    difference = line.figures[1].value - line.figures[0].value
    assert line.change == ("+" if difference > 0 else "−") + f"{abs(int(difference)):,}".replace(",", ".")
    html = response.content.decode()
    assert "được cộng từ các đơn vị trước sắp xếp" in html
    assert "161 xã, phường, thị trấn cũ" in html


def test_by_child_2024_lists_the_old_districts_and_2026_the_new_communes(
    demo_reports, units, province_admin, client_for
):
    province = units["cao_bang"]
    response = client_for(province_admin).get(
        reverse(PAGE), {"form": demo_reports.pk, "unit": province.pk, "period": ["2024H2", "2026H1"]}
    )
    newest, earlier = response.context["tables"]
    assert newest.period.code == "2026H1" and earlier.period.code == "2024H2"
    assert {row.unit.kind for row in newest.rows} == {"commune"}
    assert {row.unit.kind for row in earlier.rows} == {"district"}
    assert all(row.closed for row in earlier.rows)
    context = response.context
    index = column(context, "asxh_qua_tet")
    assert sum(row.figures[index].value for row in earlier.rows) == total_of(context, "asxh_qua_tet", table=1)
    # Categorised: each option column adds up over the districts, and the total is the sum of the options.
    commune_level, hamlet_level = (column(context, "dvk_mh_dang_ky", c) for c in ("commune", "hamlet"))
    assert total_of(context, "dvk_mh_dang_ky", "commune", table=1) == sum(
        row.figures[commune_level].value or 0 for row in earlier.rows
    )
    assert total_of(context, "dvk_mh_dang_ky", table=1) == (
        total_of(context, "dvk_mh_dang_ky", "commune", table=1)
        + total_of(context, "dvk_mh_dang_ky", "hamlet", table=1)
    )
    assert hamlet_level > commune_level
    # Drill-down: a district of 2024 shows its old communes.
    district = earlier.rows[0]
    assert f"unit={district.unit.pk}" in district.url
    drilled = client_for(province_admin).get(district.url)
    rows = drilled.context["tables"][0].rows
    assert drilled.context["tables"][0].period.code == "2024H2"
    assert rows and {row.unit.kind for row in rows} == {"commune"}
    assert all(row.unit.parent_id == district.unit.pk for row in rows)


@pytest.fixture
def two_communes(demo_form, units):
    """Phường Thục Phán and Phường Nùng Trí Cao with hand-picked 2026H1 figures."""
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


def test_a_computed_rate_is_computed_from_the_totals_not_added_up(
    two_communes, units, province_admin, client_for
):
    response = client_for(province_admin).get(
        reverse(PAGE), {"form": two_communes.pk, "unit": units["cao_bang"].pk, "period": "2026H1"}
    )
    context = response.context
    rate = column(context, "dcs_ty_le_giai_quyet")
    rows = {row.unit.pk: row for row in context["tables"][0].rows}
    assert rows[units["thuc_phan"].pk].figures[rate].value == 50
    assert rows[units["nung_tri_cao"].pk].figures[rate].value == 100
    # 35 of 40, not 150 (the sum) nor 75 (the mean of the rates).
    assert total_of(context, "dcs_ty_le_giai_quyet") == pytest.approx(87.5)
    assert context["tables"][0].total.figures[rate].text == "87,5"


def test_an_average_indicator_is_averaged(two_communes, units, province_admin, client_for):
    response = client_for(province_admin).get(
        reverse(PAGE), {"form": two_communes.pk, "unit": units["cao_bang"].pk, "period": "2026H1"}
    )
    context = response.context
    assert total_of(context, "dlxh_hai_long") == pytest.approx(85)
    assert total_of(context, "dcs_doi_thoai") == 1206
    assert context["tables"][0].total.figures[column(context, "dcs_doi_thoai")].text == "1.206"
    assert context["tables"][0].total.figures[column(context, "dlxh_hai_long")].text == "85,0"


def test_option_columns_without_figures_are_left_out(two_communes, units, province_admin, client_for):
    response = client_for(province_admin).get(
        reverse(PAGE), {"form": two_communes.pk, "unit": units["cao_bang"].pk, "period": "2026H1"}
    )
    header = next(h for h in response.context["headers"] if h.indicator.code == "dvk_mh_dang_ky")
    assert [c.category for c in header.columns] == ["commune", "hamlet", ""]
    assert total_of(response.context, "dvk_mh_dang_ky") == 6


def test_units_without_figures_are_hidden_unless_asked(two_communes, units, province_admin, client_for):
    client = client_for(province_admin)
    params = {"form": two_communes.pk, "unit": units["cao_bang"].pk, "period": "2026H1"}
    shown = client.get(reverse(PAGE), params).context["tables"][0]
    assert [row.unit.pk for row in shown.rows] == sorted(
        [units["thuc_phan"].pk, units["nung_tri_cao"].pk],
        key=lambda pk: OrgUnit.objects.get(pk=pk).sort_key,
    )
    assert shown.hidden == OrgUnit.objects.filter(parent=units["cao_bang"], valid_to__isnull=True).count() - 2
    everything = client.get(reverse(PAGE), {**params, "hide": ["0"]}).context["tables"][0]
    assert len(everything.rows) == len(shown.rows) + shown.hidden and everything.hidden == 0
    # The checkbox sends hide=0 then hide=1: the last one wins.
    again = client.get(reverse(PAGE), {**params, "hide": ["0", "1"]}).context["tables"][0]
    assert len(again.rows) == 2


def test_commune_user_sees_its_subtree_and_gets_404_for_another_commune(
    two_communes, units, commune_editor, client_for
):
    client = client_for(commune_editor)
    response = client.get(reverse(PAGE), {"period": "2026H1"})
    assert response.status_code == 200
    choice = response.context["choice"]
    assert choice.form == two_communes and choice.unit == units["thuc_phan"]
    assert total_of(response.context, "dcs_doi_thoai") == 2
    assert "1.204" not in response.content.decode()
    assert client.get(reverse(PAGE), {"unit": units["nung_tri_cao"].pk}).status_code == 404
    assert client.get(reverse(PAGE), {"unit": units["cao_bang"].pk}).status_code == 404
    assert client.get(reverse(PAGE), {"unit": "all"}).status_code == 404
    assert client.get(reverse(PAGE), {"unit": "abc"}).status_code == 404
    assert client.get(reverse(PAGE), {"unit": "9" * 40}).status_code == 404
    assert client.get(reverse(PAGE), {"form": "9" * 40}).status_code == 404
    assert (
        client.get(reverse("reporting:analytics_export"), {"unit": units["nung_tri_cao"].pk}).status_code
        == 404
    )
    # Its own unit picker offers neither the province nor the other commune.
    offered = {label.strip() for _value, label in response.context["unit_options"]}
    assert "Phường Nùng Trí Cao" not in offered and "Tỉnh Cao Bằng" not in offered


def test_a_form_outside_the_scope_is_404(two_communes, units, commune_editor, client_for, superuser):
    from danvan.reporting.models import Form

    other = OrgUnit.objects.get(external_id="vn2025:province:86")
    hidden = Form.objects.create(code="khac", name="Biểu mẫu tỉnh khác", owner=other, period_type="year")
    assert client_for(commune_editor).get(reverse(PAGE), {"form": hidden.pk}).status_code == 404
    assert client_for(superuser).get(reverse(PAGE), {"form": hidden.pk, "unit": "all"}).status_code == 200


def test_bad_period_codes_are_named_not_a_500(two_communes, units, province_admin, client_for):
    response = client_for(province_admin).get(
        reverse(PAGE), {"form": two_communes.pk, "period": ["2026X1", "2026Q1", "2026H1"]}
    )
    assert response.status_code == 200
    errors = response.context["choice"].errors
    assert any("2026X1" in e for e in errors) and any("2026Q1" in e for e in errors)
    assert [p.code for p in response.context["choice"].periods] == ["2026H1"]


def test_default_period_is_the_newest_with_figures(two_communes, units, province_admin, client_for):
    put(units["nung_tri_cao"], "2025H2", dcs_doi_thoai=7)
    client = client_for(province_admin)
    units_layout = client.get(reverse(PAGE), {"form": two_communes.pk})
    assert [p.code for p in units_layout.context["choice"].periods] == ["2026H1"]
    filled = {code for code, _label, has in units_layout.context["choice"].period_options if has}
    assert filled == {"2026H1", "2025H2"}
    compared = client.get(reverse(PAGE), {"form": two_communes.pk, "layout": "periods"})
    assert [p.code for p in compared.context["choice"].periods] == ["2025H2", "2026H1"]
    line = next(x for x in compared.context["lines"] if x.indicator and x.indicator.code == "dcs_doi_thoai")
    assert [f.value for f in line.figures] == [7, 1206]
    assert line.percent.startswith("+") and line.percent.endswith("%")


def test_drill_down_to_a_commune_and_its_chart_data(two_communes, units, province_admin, client_for):
    client = client_for(province_admin)
    response = client.get(
        reverse(PAGE), {"form": two_communes.pk, "unit": units["cao_bang"].pk, "period": "2026H1"}
    )
    chart = response.context["chart"]
    assert chart["kind"] == "units" and set(chart["labels"]) == {"Phường Thục Phán", "Phường Nùng Trí Cao"}
    series = next(s for s in chart["series"] if s["code"] == "dcs_doi_thoai")
    assert sorted(series["values"]) == [2, 1204]
    assert 'id="analytics-chart-data"' in response.content.decode()
    row = next(r for r in response.context["tables"][0].rows if r.unit == units["thuc_phan"])
    drilled = client.get(row.url)
    assert drilled.status_code == 200 and drilled.context["choice"].unit == units["thuc_phan"]
    assert total_of(drilled.context, "dcs_doi_thoai") == 2
    crumbs = [label for label, _url in drilled.context["crumbs"]]
    assert crumbs[-2:] == ["Tỉnh Cao Bằng", "Phường Thục Phán"]


def test_a_unit_formed_in_the_reform_counts_its_predecessors_before_it(
    demo_form, units, commune_editor, client_for
):
    thuc_phan = units["thuc_phan"]
    predecessors = list(OrgUnit.objects.filter(path__in=lineage_paths(thuc_phan)[1:], kind="commune"))
    assert len(predecessors) >= 2
    for n, old in enumerate(predecessors, start=1):
        put(old, "2024H2", dcs_doi_thoai=n)
    put(thuc_phan, "2026H1", dcs_doi_thoai=10)
    response = client_for(commune_editor).get(
        reverse(PAGE), {"layout": "periods", "period": ["2024H2", "2026H1"], "section": ""}
    )
    line = next(x for x in response.context["lines"] if x.indicator and x.indicator.code == "dcs_doi_thoai")
    assert [f.value for f in line.figures] == [sum(range(1, len(predecessors) + 1)), 10]
    notes = " ".join(response.context["notes"])
    assert f"{len(predecessors)} xã, phường, thị trấn cũ" in notes
    assert predecessors[0].name in notes


def test_the_excel_export_holds_the_figures(two_communes, units, province_admin, client_for):
    from openpyxl import load_workbook

    client = client_for(province_admin)
    params = {"form": two_communes.pk, "unit": units["cao_bang"].pk, "period": "2026H1"}
    response = client.get(reverse("reporting:analytics_export"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert sheet.title == "6 tháng đầu năm 2026"
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert cells[0][0] == "Báo cáo sơ kết công tác dân vận 6 tháng"
    header = cells[3]
    index = header.index("Số cuộc đối thoại của người đứng đầu cấp ủy, chính quyền với Nhân dân (cuộc)")
    by_unit = {row[0]: row for row in cells[5:] if row[0]}
    assert by_unit["Phường Thục Phán"][index] == 2 and by_unit["Phường Nùng Trí Cao"][index] == 1204
    assert by_unit["Cộng: Tỉnh Cao Bằng"][index] == 1206
    assert isinstance(by_unit["Cộng: Tỉnh Cao Bằng"][index], int | float)
    assert sheet.cell(row=4, column=1).font.bold

    compared = client.get(
        reverse("reporting:analytics_export"), {**params, "layout": "periods", "period": ["2025H2", "2026H1"]}
    )
    sheet = load_workbook(io.BytesIO(compared.content)).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[3][:4] == ["Chỉ tiêu", "Đơn vị tính", "6 tháng cuối năm 2025", "6 tháng đầu năm 2026"]
    rate = next(r for r in rows if r[0] == "Tỷ lệ đơn thư đã giải quyết")
    assert rate[3] == pytest.approx(87.5)


def test_page_queries_stay_fixed_as_communes_report(
    demo_form, units, province_admin, client_for, django_assert_max_num_queries
):
    client = client_for(province_admin)
    params = {"form": demo_form.pk, "unit": units["cao_bang"].pk, "period": ["2024H2", "2026H1"]}
    client.get(reverse(PAGE), params)  # the form's definition cached, as after any first visit
    put(communes_of(units["cao_bang"], 1)[0], "2026H1", dcs_doi_thoai=1)
    # Sessions, roles and scope (6), forms (1), unit (1), its lineage (1), the form's structure (1: the definitions'
    # version; its sections, indicators and rules cached, and kept by writes of values), the periods with
    # figures (1), the unit picker (1), the lineage note (2: whether a unit closed since the first period, then the
    # count of the old units); the aggregates: by child, per tree (two here: before and after the reform) the unit's
    # lineage, its children and one statement, plus the categories (1); the total, the same without children; the
    # figures' versions, once per aggregate (2).
    # Whose figures count: the forms holding the indicators, once per aggregate (2); the coverage of each period
    # (cached as the aggregates are): its version (1), the form's reporting scope (3), one count per period (2); the
    # register's count beside the figures bound to it (2).
    with django_assert_max_num_queries(38) as few:
        assert client.get(reverse(PAGE), params).status_code == 200
    for n, commune in enumerate(communes_of(units["cao_bang"], 40)):
        put(commune, "2026H1", dcs_doi_thoai=n, dvk_mh_dang_ky={"commune": n}, dlxh_hai_long=80)
    for old in old_communes(units["cao_bang"])[:60]:
        put(old, "2024H2", dcs_doi_thoai=3)
    with django_assert_max_num_queries(38) as many:
        response = client.get(reverse(PAGE), params)
    assert len(response.context["tables"][0].rows) == 40
    assert len(many.captured_queries) == len(few.captured_queries)
    with django_assert_max_num_queries(24):
        assert client.get(reverse(PAGE), {**params, "layout": "periods"}).status_code == 200
    with django_assert_max_num_queries(39):
        assert client.get(reverse("reporting:analytics_export"), params).status_code == 200


def test_superuser_sees_the_country_by_province(two_communes, units, superuser, client_for):
    response = client_for(superuser).get(
        reverse(PAGE), {"form": two_communes.pk, "unit": "all", "period": "2026H1"}
    )
    assert response.status_code == 200
    table = response.context["tables"][0]
    assert [row.unit for row in table.rows] == [units["cao_bang"]]
    assert total_of(response.context, "dcs_doi_thoai") == 1206


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get(reverse(PAGE))
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_empty_states_say_what_to_do(units, client_for, db):
    from tests.conftest import make_user

    nobody = make_user("khongvaitro")
    response = client_for(nobody).get(reverse(PAGE))
    assert response.status_code == 200
    assert "Chưa có biểu mẫu báo cáo nào" in response.content.decode()


def test_in_english_numbers_take_the_english_separators(two_communes, units, province_admin, client_for):
    from django.conf import settings

    client = client_for(province_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(
        reverse(PAGE), {"form": two_communes.pk, "unit": units["cao_bang"].pk, "period": "2026H1"}
    )
    assert response.status_code == 200
    table = response.context["tables"][0]
    assert table.total.figures[column(response.context, "dcs_doi_thoai")].text == "1,206"
    assert table.total.figures[column(response.context, "dcs_ty_le_giai_quyet")].text == "87.5"
