"""The bulk write's PostgreSQL path (COPY, then one upsert) that the benchmark's import takes."""

import pytest

from danvan.orgunits.models import OrgUnit
from danvan.reporting import services
from danvan.reporting.models import Value, ValueChange


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
