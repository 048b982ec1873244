"""`danvan bench reporting`: builds the values at a small scale in a scratch database, checks that the selector and
its plain-SQL lower bound give the same figures, and prints each operation beside its bound. Also the bulk write's
PostgreSQL path (COPY, then one upsert) that the benchmark's import takes."""

import io
import re

import pytest
from django.core.management import call_command

from danvan.orgunits.models import OrgUnit
from danvan.reporting import services
from danvan.reporting.models import Value, ValueChange


@pytest.mark.bench
def test_bench_reporting_prints_the_totals_the_pivot_and_the_import_with_their_ratios():
    # No database fixture: pytest-django would fail the test if the command touched the test database.
    out = io.StringIO()
    call_command("bench", "reporting", "--scale", "0.002", "--repeat", "1", stdout=out)
    text = out.getvalue()

    assert re.search(
        r"[\d,]+ values \([\d,]+ old units × 13 half-years, [\d,]+ units × 2\) in [\d.]+ s", text
    ), text
    for operation in (
        "national totals of the form by province, 2026H1",
        "a province's pivot, children × indicators, 2026H1",
        "bulk import of new values for 2026H2",
    ):
        line = next((line for line in text.splitlines() if line.startswith(operation)), None)
        assert line is not None, f"{operation!r} missing from:\n{text}"
        assert re.search(r"\s\d+\.\d{3}\s+\d+\.\d{3}\s+[+-]\d+\.\d{3}\s+\d+\.\d{2}\s.*(PASS|FAIL)$", line), (
            line
        )
    assert re.search(r"[\d,]+ values/s, plain SQL [\d,]+ values/s", text), text


@pytest.mark.django_db
def test_bulk_write_of_many_values_upserts_the_cells_and_appends_their_history(
    monkeypatch, demo_form, units, superuser
):
    # However few the rows, PostgreSQL takes the path of large imports (COPY into a temporary table, one upsert).
    monkeypatch.setattr("danvan.reporting.services.values.COPY_ABOVE", 0)
    communes = list(
        OrgUnit.objects.filter(
            parent=units["cao_bang"], kind=OrgUnit.Kind.COMMUNE, valid_to__isnull=True
        ).order_by("id")[:3]
    )
    rows = [
        {"unit": commune.pk, "period": "2026H1", "indicator": "dcs_doi_thoai", "category": "", "value": n}
        for n, commune in enumerate(communes, start=1)
    ] + [
        {"unit": communes[0].pk, "period": "2026H1", "indicator": "dcs_so_ket", "category": "", "value": "có"}
    ]

    assert services.write_values(superuser, rows) == {"written": 4, "unchanged": 0}
    rows[0]["value"] = "1.759"
    assert services.write_values(superuser, rows) == {"written": 1, "unchanged": 3}

    numbers = dict(
        Value.objects.filter(indicator__code="dcs_doi_thoai", period="2026H1").values_list(
            "unit_id", "number"
        )
    )
    assert numbers == {communes[0].pk: 1759.0, communes[1].pk: 2.0, communes[2].pk: 3.0}
    stored = Value.objects.get(unit=communes[0], indicator__code="dcs_doi_thoai", period="2026H1")
    assert (stored.unit_path, stored.province_code, stored.origin, stored.updated_by) == (
        communes[0].path,
        communes[0].province_code,
        Value.Origin.IMPORTED,
        superuser,
    )
    history = ValueChange.objects.filter(unit=communes[0], indicator__code="dcs_doi_thoai").order_by("id")
    assert [(change.old_value, change.new_value, change.user) for change in history] == [
        ("", "1", superuser),
        ("1", "1.759", superuser),
    ]
    assert Value.objects.get(unit=communes[0], indicator__code="dcs_so_ket").number == 1.0
