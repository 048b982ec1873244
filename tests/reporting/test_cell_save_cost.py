"""What saving one cell of the data entry grid costs in queries, against drawing the whole grid (demo form, 19
indicators), both measured here: the save reads the user's report once, under its lock, and answers from one
evaluation of the figures (the cell, its row total, the computed indicators, the rules panel), never drawing the grid
again.

Both pay the session, the user and their roles (3). The grid then reads the user's scope (1), the form, the unit and
the report (3), the version of the definitions and, under it from the cache, the form's sections, indicators,
categories and rules (1), the version of the units and, under it from the cache, the unit's lineage (1), the cells,
the figures of the last period and of the same period a year earlier through that lineage, the cells with a note,
and the history of the workflow (4): 13. The save reads the report the user may enter, with its form, its unit and
both versions, under its lock (1; the definition and the lineage then come from the cache), the cells with the
cell's earlier figures (1), bumps the figures' versions, writes the cell and its history (3), in a transaction (2:
the savepoint pair inside the test's transaction; BEGIN IMMEDIATE and COMMIT on SQLite in production, none on
PostgreSQL, whose BEGIN and COMMIT are not statements): 10 here on either database, 8 for a real request on
PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.reporting import services
from danvan.reporting.models import Indicator, Value
from tests.reporting.test_entry_views import HTMX, PERIOD, cell_url, grid_url

pytestmark = pytest.mark.django_db

# The most a save may cost (issue 9): 36 before the save answered from one evaluation, 18 before the form's
# definition was cached and the report read once.
SAVE_QUERIES = 12


@pytest.fixture
def report(demo_form, units, commune_editor):
    return services.open_submission(commune_editor, demo_form, units["thuc_phan"], PERIOD)


def test_a_cell_save_costs_no_more_queries_than_drawing_the_grid(
    client_for, commune_editor, report, demo_form, units
):
    client = client_for(commune_editor)
    ward = units["thuc_phan"]
    received, resolved = (Indicator.objects.get(code=c) for c in ("dcs_don_tiep_nhan", "dcs_don_giai_quyet"))
    client.post(cell_url(demo_form, ward, received), {"value": "10"}, **HTMX)
    client.get(grid_url(demo_form, ward))
    with CaptureQueriesContext(connection) as grid:
        assert client.get(grid_url(demo_form, ward)).status_code == 200
    drawn = len(grid.captured_queries)
    with CaptureQueriesContext(connection) as save:
        response = client.post(cell_url(demo_form, ward, resolved), {"value": "12", "expected": ""}, **HTMX)
    assert response.status_code == 200
    assert "Số đơn thư đã giải quyết (12) không được lớn hơn" in response.content.decode()
    saved = [q["sql"][:120] for q in save.captured_queries]
    assert len(saved) <= SAVE_QUERIES, saved
    assert len(saved) <= drawn, "\n".join(saved)
    # A second save of the same cell (an update, with the figure it started from) costs the same.
    with CaptureQueriesContext(connection) as again:
        response = client.post(cell_url(demo_form, ward, resolved), {"value": "9", "expected": "12"}, **HTMX)
    assert response.status_code == 200
    assert len(again.captured_queries) <= min(SAVE_QUERIES, drawn)
    assert Value.objects.get(unit=ward, period=PERIOD, indicator=resolved).number == 9
