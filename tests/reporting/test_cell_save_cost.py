"""What saving one cell of the data entry grid costs in queries, against drawing the whole grid (demo form, 19
indicators): the save reads the report once under its lock and answers from one evaluation of the figures (the cell,
its row total, the computed indicators, the rules panel), never drawing the grid again.

The save cannot cost fewer queries than the grid here: both pay the same 7 for the session, the user and the scope,
and the 4 of the form's structure; the grid then reads the form, the unit and the report (3), the cells, the history
of the workflow and the rules (3), where the save reads the report with its form and unit (1), locks it, reads the
cells and the rules, bumps the figures' versions, writes the cell and its history (6), inside a savepoint (2). See the
note of issue 9 for what a bound of 12 would take (a cache of the scope and of the form's structure)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.reporting import services
from danvan.reporting.models import Indicator, Value
from tests.reporting.test_entry_views import HTMX, PERIOD, cell_url, grid_url

pytestmark = pytest.mark.django_db

# The queries of a save, as measured: 36 before the save answered from one evaluation.
SAVE_QUERIES = 20
# What the save costs above the grid: its writes and savepoint (8) less the grid's reads it does not need (5).
ABOVE_THE_GRID = 3


@pytest.fixture
def report(demo_form, units, commune_editor):
    return services.open_submission(commune_editor, demo_form, units["thuc_phan"], PERIOD)


def test_a_cell_save_costs_a_bounded_number_of_queries_against_the_grid(
    client_for, commune_editor, report, demo_form, units, django_assert_max_num_queries
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
    assert "không được lớn hơn số đơn thư tiếp nhận" in response.content.decode()
    saved = len(save.captured_queries)
    assert saved <= SAVE_QUERIES, [q["sql"][:120] for q in save.captured_queries]
    assert saved <= drawn + ABOVE_THE_GRID
    # A second save of the same cell (an update, with the figure it started from) costs the same.
    with django_assert_max_num_queries(SAVE_QUERIES):
        response = client.post(cell_url(demo_form, ward, resolved), {"value": "9", "expected": "12"}, **HTMX)
    assert response.status_code == 200
    assert Value.objects.get(unit=ward, period=PERIOD, indicator=resolved).number == 9
