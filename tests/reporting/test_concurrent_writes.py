"""Writes that meet: the bulk write checks what the grid checks (the unit reports a form holding the indicator, for
a period of its type, open at its end); a save started from a figure someone else has changed since is refused and
says who changed it (grid: 409 with the current figure in the cell; API: 409 by row with `expected`); without
`expected` the last write wins and the cell's history stays a chain (each change's old value is the previous one's
new value). The threaded races on PostgreSQL are in test_races.py."""

import itertools
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.reporting import services
from danvan.reporting.models import Indicator, Value, ValueChange
from tests.conftest import make_user
from tests.reporting.test_api import Api, row

pytestmark = pytest.mark.django_db

PERIOD = "2026H1"
HTMX = {"HTTP_HX_REQUEST": "true"}


def indicator(code: str) -> Indicator:
    return Indicator.objects.get(code=code)


def history(unit, code, period=PERIOD) -> list[tuple[str, str]]:
    changes = ValueChange.objects.filter(unit=unit, period=period, indicator__code=code).order_by("at", "id")
    return [(c.old_value, c.new_value) for c in changes]


def assert_chain(changes: list[tuple[str, str]]) -> None:
    """Each change replaces what the previous one wrote."""
    for previous, following in itertools.pairwise(changes):
        assert following[0] == previous[1], changes


@pytest.fixture
def api(client):
    return lambda user: Api(client, user)


@pytest.fixture
def draft(demo_form, units, commune_editor):
    return services.open_submission(commune_editor, demo_form, units["thuc_phan"], PERIOD)


@pytest.fixture
def second_editor(units):
    return make_user("thucphan_editor2", units["thuc_phan"], "editor", full_name="Lò Văn Hai")


# --- the API checks what the grid checks -----------------------------------------------------------------------------


def test_bulk_write_for_a_ward_before_it_opened_is_refused_and_the_province_total_stays(
    api, demo_reports, units, commune_editor
):
    # Phường Thục Phán opened on 1/7/2025: it has no 2024H2 report, and its figure would swell the province's.
    province_total = sum(
        Value.objects.filter(
            unit_path__startswith=units["cao_bang"].path, period="2024H2", indicator__code="dcs_doi_thoai"
        ).values_list("number", flat=True)
    )
    count = Value.objects.count()
    response = api(commune_editor).post(
        "/values", [row(units["thuc_phan"], "dcs_doi_thoai", 49, period="2024H2")]
    )
    assert response.status_code == 422
    message = response.json()["errors"]["Dòng 1"][0]
    assert "Phường Thục Phán" in message and "6 tháng cuối năm 2024" in message
    assert Value.objects.count() == count
    assert province_total == sum(
        Value.objects.filter(
            unit_path__startswith=units["cao_bang"].path, period="2024H2", indicator__code="dcs_doi_thoai"
        ).values_list("number", flat=True)
    )


@pytest.mark.parametrize(("period", "type_name"), [("2026Q3", "quý"), ("2026M07", "tháng"), ("2026", "năm")])
def test_bulk_write_in_a_period_type_no_form_uses_is_refused(
    api, demo_form, units, commune_editor, period, type_name
):
    response = api(commune_editor).post(
        "/values",
        [
            row(units["thuc_phan"], "dcs_doi_thoai", 3),
            row(units["thuc_phan"], "dcs_doi_thoai", 3, period=period),
        ],
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert list(errors) == ["Dòng 2"]
    assert "dcs_doi_thoai" in errors["Dòng 2"][0] and type_name in errors["Dòng 2"][0]
    assert not Value.objects.filter(unit=units["thuc_phan"], indicator__code="dcs_doi_thoai").exists()


def test_bulk_write_for_a_unit_that_does_not_report_the_form_is_refused(
    api, demo_form, units, province_admin
):
    # The form is reported by communes: the province itself has no report to put the figure in.
    response = api(province_admin).post("/values", [row(units["cao_bang"], "dcs_doi_thoai", 3)])
    assert response.status_code == 422
    assert "không thuộc đối tượng báo cáo" in response.json()["errors"]["Dòng 1"][0]
    assert not Value.objects.filter(unit=units["cao_bang"]).exists()


def test_bulk_write_for_a_unit_that_reports_the_form_still_works(api, demo_form, units, commune_editor):
    response = api(commune_editor).post("/values", [row(units["thuc_phan"], "dcs_doi_thoai", 3)])
    assert response.status_code == 200 and response.json() == {"written": 1, "unchanged": 0}


# --- one cell, two editors: the grid ---------------------------------------------------------------------------------


def test_a_save_started_from_an_old_figure_is_refused_naming_who_changed_it(
    draft, commune_editor, second_editor
):
    dialogues = indicator("dcs_doi_thoai")
    services.save_value(commune_editor, draft, dialogues, "", "5", expected="")
    with pytest.raises(services.Conflict) as conflict:
        services.save_value(second_editor, draft, dialogues, "", "7", expected="")
    message = conflict.value.messages[0]
    assert "Hoàng Thị Phường" in message and "“5”" in message and "tải lại" in message
    assert Value.objects.get(unit=draft.unit, period=PERIOD, indicator=dialogues).number == 5
    assert history(draft.unit, "dcs_doi_thoai") == [("", "5")]
    # Started from what is there now, the save goes through.
    services.save_value(second_editor, draft, dialogues, "", "7", expected="5")
    assert history(draft.unit, "dcs_doi_thoai") == [("", "5"), ("5", "7")]


def test_the_same_figure_written_differently_is_not_a_conflict(draft, commune_editor):
    dialogues = indicator("dcs_doi_thoai")
    services.save_value(commune_editor, draft, dialogues, "", "1759")
    services.save_value(commune_editor, draft, dialogues, "", "1760", expected="1.759")
    assert Value.objects.get(unit=draft.unit, period=PERIOD, indicator=dialogues).number == 1760


def test_the_grid_answers_409_with_the_current_figure_in_the_cell(
    client_for, draft, demo_form, units, commune_editor, second_editor
):
    dialogues = indicator("dcs_doi_thoai")
    url = reverse("reporting:entry_cell", args=[demo_form.pk, units["thuc_phan"].pk, PERIOD, dialogues.pk])
    page = client_for(second_editor).get(
        reverse("reporting:entry", args=[demo_form.pk, units["thuc_phan"].pk, PERIOD])
    )
    assert 'name="expected" value=""' in page.content.decode()
    first = client_for(commune_editor).post(url, {"category": "", "value": "5", "expected": ""}, **HTMX)
    assert first.status_code == 200
    assert 'name="expected" value="5"' in first.content.decode()
    second = client_for(second_editor).post(url, {"category": "", "value": "7", "expected": ""}, **HTMX)
    assert second.status_code == 409
    html = second.content.decode()
    assert "Hoàng Thị Phường" in html and "tải lại" in html
    assert 'value="5"' in html  # the cell shows what is stored now…
    assert 'name="expected" value="5"' in html  # …and the next save starts from it
    assert Value.objects.get(unit=units["thuc_phan"], period=PERIOD, indicator=dialogues).number == 5
    again = client_for(second_editor).post(url, {"category": "", "value": "7", "expected": "5"}, **HTMX)
    assert again.status_code == 200
    assert history(units["thuc_phan"], "dcs_doi_thoai") == [("", "5"), ("5", "7")]


# --- one cell, two writers: the API ----------------------------------------------------------------------------------


def test_bulk_write_with_a_stale_expected_figure_is_refused_with_409_by_row(
    api, draft, units, commune_editor, second_editor
):
    services.save_value(commune_editor, draft, indicator("dcs_doi_thoai"), "", "5")
    rows = [
        row(units["thuc_phan"], "dcs_so_ket", "có", expected=None),
        row(units["thuc_phan"], "dcs_doi_thoai", 8, expected=4),
    ]
    response = api(second_editor).post("/values", rows)
    assert response.status_code == 409
    errors = response.json()["errors"]
    assert list(errors) == ["Dòng 2"] and "Hoàng Thị Phường" in errors["Dòng 2"][0]
    assert not Value.objects.filter(unit=units["thuc_phan"], indicator__code="dcs_so_ket").exists()
    rows[1]["expected"] = "5"
    assert api(second_editor).post("/values", rows).json() == {"written": 2, "unchanged": 0}


def test_without_expected_the_last_write_wins_and_the_history_is_a_chain(
    api, draft, units, commune_editor, second_editor
):
    services.save_value(commune_editor, draft, indicator("dcs_doi_thoai"), "", "5")
    for user, figure in ((second_editor, 6), (commune_editor, 7)):
        response = api(user).post("/values", [row(units["thuc_phan"], "dcs_doi_thoai", figure)])
        assert response.status_code == 200
    changes = history(units["thuc_phan"], "dcs_doi_thoai")
    assert changes == [("", "5"), ("5", "6"), ("6", "7")]
    assert_chain(changes)


def test_openapi_documents_expected_and_the_409(client, db):
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    operation = schema["paths"]["/api/v1/reporting/values"]["post"]
    assert "409" in operation["responses"]
    assert "expected" in json.dumps(schema["components"]["schemas"]["ValueIn"])


# --- the locks -------------------------------------------------------------------------------------------------------


def _locks_report_first(queries) -> bool:
    """The report's row is read FOR UPDATE before any value is written."""
    sqls = [q["sql"] for q in queries.captured_queries]
    lock = next((n for n, sql in enumerate(sqls) if "reporting_submission" in sql and "FOR" in sql), None)
    write = next(
        (n for n, sql in enumerate(sqls) if "INSERT INTO" in sql and "reporting_value" in sql), len(sqls)
    )
    return lock is not None and lock < write


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no FOR UPDATE (IMMEDIATE serialises)"
)
def test_every_value_write_and_transition_locks_the_report_first(
    draft, units, commune_editor, province_approver
):
    dialogues = indicator("dcs_doi_thoai")
    writes = {
        "cell": lambda: services.save_value(commune_editor, draft, dialogues, "", "5"),
        "bulk": lambda: services.write_values(commune_editor, [row(units["thuc_phan"], "dcs_doi_thoai", 6)]),
        "refresh": lambda: services.fill_from_system(commune_editor, draft),
        "submit": lambda: services.submit(commune_editor, draft),
        "return": lambda: services.return_submission(province_approver, draft, "Sửa lại"),
        "reopen": lambda: (
            services.submit(commune_editor, draft)
            and services.approve(province_approver, draft)
            and services.reopen(province_approver, draft, "Mở lại")
        ),
    }
    for name, write in writes.items():
        with CaptureQueriesContext(connection) as queries:
            write()
        assert _locks_report_first(queries), name
