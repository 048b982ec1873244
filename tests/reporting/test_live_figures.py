"""Cached figures stay live (core.figures): a value saved anywhere shows at once in the pivot, its export and the API,
because every write replaces the figures' version in the database inside its own transaction; between two writes a
repeated page reads its totals from the cache."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.accounts.scope import Role
from danvan.core.figures import REPORTING, bump_after_bulk_load, bump_figures_version, cached_figures
from danvan.core.models import FiguresVersion
from danvan.core.periods import Period
from danvan.orgunits import services as unit_services
from danvan.orgunits.models import OrgUnit
from danvan.reporting import selectors, services
from danvan.reporting.models import Indicator
from tests import factories
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PERIOD = "2026H1"
PIVOT = "reporting:analytics"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def draft(demo_form, units, commune_editor):
    return services.open_submission(commune_editor, demo_form, units["thuc_phan"], PERIOD)


def province_total(client, form, province, code) -> str:
    """The province's own total of an indicator on the units × indicators pivot, as shown."""
    response = client.get(
        reverse(PIVOT), {"form": form.pk, "unit": province.pk, "period": PERIOD, "status": "all"}
    )
    assert response.status_code == 200
    columns = response.context["columns"]
    index = next(n for n, c in enumerate(columns) if c.indicator.code == code and c.category == "")
    return response.context["tables"][0].total.figures[index].text


def save_cell(client, form, unit, code, value):
    indicator = Indicator.objects.get(code=code)
    url = reverse("reporting:entry_cell", args=[form.pk, unit.pk, PERIOD, indicator.pk])
    response = client.post(url, {"category": "", "value": value}, **HTMX)
    assert response.status_code == 200, response.content.decode()


def test_a_cell_saved_in_the_grid_shows_at_once_in_the_province_pivot(
    draft, demo_form, units, commune_editor, province_admin, client_for
):
    province = client_for(province_admin)
    editor = client_for(commune_editor)
    save_cell(editor, demo_form, units["thuc_phan"], "dcs_doi_thoai", "1.200")
    assert province_total(province, demo_form, units["cao_bang"], "dcs_doi_thoai") == "1.200"
    assert (
        province_total(province, demo_form, units["cao_bang"], "dcs_doi_thoai") == "1.200"
    )  # from the cache

    save_cell(editor, demo_form, units["thuc_phan"], "dcs_doi_thoai", "1.759")

    assert province_total(province, demo_form, units["cao_bang"], "dcs_doi_thoai") == "1.759"


def test_a_value_written_through_the_api_shows_at_once_in_the_pivot_export(
    draft, demo_form, units, commune_editor, province_admin, client_for
):
    from openpyxl import load_workbook

    indicator = Indicator.objects.get(code="dcs_doi_thoai")

    def exported_total() -> float:
        response = client_for(province_admin).get(
            reverse("reporting:analytics_export"),
            {"form": demo_form.pk, "unit": units["cao_bang"].pk, "period": PERIOD, "status": "all"},
        )
        sheet = load_workbook(io.BytesIO(response.content)).active
        names = [cell.value for cell in next(r for r in sheet.iter_rows() if r[0].value == "Đơn vị")]
        column = next(n for n, name in enumerate(names) if name and name.startswith(indicator.name))
        return next(r[column].value for r in sheet.iter_rows() if str(r[0].value).startswith("Cộng"))

    save_cell(client_for(commune_editor), demo_form, units["thuc_phan"], "dcs_doi_thoai", "7")
    assert exported_total() == 7
    services.write_values(
        commune_editor,
        [{"unit": units["thuc_phan"].pk, "period": PERIOD, "indicator": "dcs_doi_thoai", "value": "9"}],
    )
    assert exported_total() == 9


def test_a_repeated_pivot_reads_its_totals_from_the_cache(
    draft,
    demo_form,
    units,
    province_admin,
    client_for,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    client = client_for(province_admin)
    params = {"form": demo_form.pk, "unit": units["cao_bang"].pk, "period": PERIOD}
    with django_assert_max_num_queries(33) as first:
        client.get(reverse(PIVOT), params)
    # 1 the session, 2 the user, 3 the roles (read once, with the unit switcher's), 4 the scope (the roles' lineage in
    # one query), 5 the form, 6 the unit, 7 its lineage (reused by the register note), 8 the definitions' version (the
    # form's structure itself is cached), 9 the periods with figures, 10 the coverage's version (the coverage itself
    # is cached), 11 the unit picker, 12 the lineage note (units closed since), 13 the register note's count of the
    # "Dân vận khéo" models (one statement), 14-15 one version read for each of the two aggregates: none of their
    # statements (by child: the lineage, the children, the figures, the categories; the total: the same but the
    # children).
    with django_assert_num_queries(15) as again:
        assert client.get(reverse(PIVOT), params).status_code == 200
    assert len(first.captured_queries) - len(again.captured_queries) >= 5


def test_a_write_in_another_process_is_seen_through_the_version_in_the_database(db):
    assert cached_figures("probe", [REPORTING], "key", lambda: "first") == "first"
    assert cached_figures("probe", [REPORTING], "key", lambda: "second") == "first"  # cached
    # Another process commits a write: all this one shares with it is the database row.
    token = FiguresVersion.objects.get(name=REPORTING).token
    FiguresVersion.objects.filter(name=REPORTING).update(token=token + 1)
    assert cached_figures("probe", [REPORTING], "key", lambda: "second") == "second"


def test_a_rolled_back_write_leaves_the_version_as_it_was(units):
    from django.db import transaction

    token = FiguresVersion.objects.get(name=REPORTING).token
    with pytest.raises(RuntimeError), transaction.atomic():
        bump_figures_version(REPORTING)
        assert FiguresVersion.objects.get(name=REPORTING).token != token
        raise RuntimeError
    assert FiguresVersion.objects.get(name=REPORTING).token == token


def test_a_new_unit_shows_at_once_in_the_dashboard_counts(units, province_admin, client_for):
    client = client_for(province_admin)

    def hamlets() -> int:
        cards = client.get(reverse("home:dashboard")).context["cards"]
        return next(n for kind, _label, n in cards if kind == OrgUnit.Kind.HAMLET)

    before = hamlets()
    assert hamlets() == before  # from the cache
    unit_services.create_unit(
        province_admin,
        name="Tổ dân phố Sông Hiến",
        kind=OrgUnit.Kind.HAMLET,
        division_type=OrgUnit.DivisionType.TO_DAN_PHO,
        parent=units["thuc_phan"],
        valid_from=units["thuc_phan"].valid_from,
    )
    assert hamlets() == before + 1


def test_the_dashboard_counts_are_cached_per_scope(units, province_admin, client_for):
    commune_user = make_user("xa_thuc_phan", units["thuc_phan"], Role.VIEWER)
    cards = lambda user: dict(  # noqa: E731
        (kind, n) for kind, _label, n in client_for(user).get(reverse("home:dashboard")).context["cards"]
    )
    factories.hamlet(units["nung_tri_cao"], "Tổ dân phố ngoài phạm vi")
    province, commune = cards(province_admin), cards(commune_user)
    assert province[OrgUnit.Kind.HAMLET] > commune[OrgUnit.Kind.HAMLET]
    # Each counts the levels below its own: the ward has no card of communes.
    assert province[OrgUnit.Kind.COMMUNE] > 1 and OrgUnit.Kind.COMMUNE not in commune


def nation_total(client, form, code) -> str:
    """The whole country's total of an indicator on the nation's pivot (provinces × indicators), as shown."""
    response = client.get(reverse(PIVOT), {"form": form.pk, "unit": "all", "period": PERIOD, "status": "all"})
    assert response.status_code == 200
    columns = response.context["columns"]
    index = next(n for n, c in enumerate(columns) if c.indicator.code == code and c.category == "")
    return response.context["tables"][0].total.figures[index].text


def test_a_cell_saved_in_a_commune_shows_at_once_in_the_nations_pivot(
    draft, demo_form, units, commune_editor, superuser, client_for
):
    nation = client_for(superuser)
    editor = client_for(commune_editor)
    save_cell(editor, demo_form, units["thuc_phan"], "dcs_doi_thoai", "1.200")
    assert nation_total(nation, demo_form, "dcs_doi_thoai") == "1.200"
    assert nation_total(nation, demo_form, "dcs_doi_thoai") == "1.200"  # from the cache

    save_cell(editor, demo_form, units["thuc_phan"], "dcs_doi_thoai", "1.759")

    assert nation_total(nation, demo_form, "dcs_doi_thoai") == "1.759"


def test_after_a_write_the_nation_adds_up_again_only_the_province_written_to(
    draft, demo_form, units, commune_editor
):
    bump_after_bulk_load(OrgUnit.objects.values_list("province_code", flat=True).distinct())
    indicators = selectors.form_indicators(demo_form)
    period = Period.parse(PERIOD)

    def nation_by_province():
        with CaptureQueriesContext(connection) as queries:
            rows = selectors.aggregate_uncached(
                indicators, None, [period], by="child", provinces_cached=True, status="all"
            )["rows"]
        statements = [q["sql"] for q in queries.captured_queries if "SUM(number)" in q["sql"]]
        return rows, statements

    _rows, statements = nation_by_province()
    assert len(statements) == 1 and "province_code IN" not in statements[0]  # every province added up at once
    assert nation_by_province()[1] == []  # every province's cells from the cache

    services.write_values(
        commune_editor,
        [{"unit": units["thuc_phan"].pk, "period": PERIOD, "indicator": "dcs_doi_thoai", "value": "9"}],
    )

    rows, statements = nation_by_province()
    assert len(statements) == 1 and "province_code IN ('04')" in statements[0]  # Cao Bằng only
    cao_bang = units["cao_bang"].pk
    assert {
        "indicator": "dcs_doi_thoai",
        "unit": cao_bang,
        "period": PERIOD,
        "category": "",
        "value": 9,
    } in rows
