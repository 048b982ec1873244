"""Aggregation across the 2025 reform, seen from a unit formed in it."""

from danvan.core.periods import Period
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.reporting import services
from danvan.reporting.models import Indicator
from danvan.reporting.selectors import aggregate
from tests.factories import approved_reports


def test_before_it_existed_a_new_ward_breaks_down_into_the_old_wards_it_was_formed_from(
    demo_form, units, superuser
):
    thuc_phan = units["thuc_phan"]
    old_wards = list(OrgUnit.objects.filter(path__in=lineage_paths(thuc_phan)[1:]).order_by("sort_key"))
    assert len(old_wards) >= 2
    services.write_values(
        superuser,
        [
            {"unit": ward.pk, "period": "2024H2", "indicator": "dcs_doi_thoai", "value": n}
            for n, ward in enumerate(old_wards, start=1)
        ],
    )
    dialogues = [Indicator.objects.get(code="dcs_doi_thoai")]

    for ward in old_wards:
        approved_reports(ward, "2024H2", ["dcs_doi_thoai"])

    result = aggregate(dialogues, thuc_phan, [Period.parse("2024H2")], by="child")

    assert result["units"] == old_wards
    by_ward = {row["unit"]: row["value"] for row in result["rows"]}
    assert by_ward == {ward.pk: n for n, ward in enumerate(old_wards, start=1)}
    total = aggregate(dialogues, thuc_phan, [Period.parse("2024H2")])["rows"]
    assert [row["value"] for row in total] == [sum(by_ward.values())]
