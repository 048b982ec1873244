"""The citizens' figures in the reports: a half-year report fills "VI. Tiếp công dân, giải quyết đơn thư" itself —
petitions received by kind and by field, accepted, resolved on time and late, receptions and dialogues held —
counted from the records of the unit's subtree and of the units it was formed from; the figures are the system's in
the entry grid (changed only with a reason)."""

import pytest
from django.urls import reverse

from danvan.citizens.models import Petition
from danvan.core.periods import Period
from danvan.demo.reporting import define_demo_form
from danvan.orgunits.models import OrgUnit
from danvan.reporting import services
from danvan.reporting.models import Category, Indicator, Source, Value
from danvan.reporting.services.system import system_values
from tests.citizens.figures_fixtures import *  # noqa: F403
from tests.factories import report_form

pytestmark = pytest.mark.django_db
PERIOD = "2026H1"
CITIZENS = [
    "tcd_don_loai",
    "tcd_don_linh_vuc",
    "tcd_don_thu_ly",
    "tcd_don_dung_han",
    "tcd_don_qua_han",
    "tcd_tiep_cong_dan",
    "tcd_doi_thoai",
]


def province_report(units, province_admin):
    define_demo_form(units["cao_bang"])
    form = report_form(
        units["cao_bang"],
        code="don-thu-tinh",
        indicators=Indicator.objects.filter(code__in=CITIZENS).order_by("code"),
        reporting_kinds=(OrgUnit.Kind.PROVINCE,),
    )
    return services.open_submission(province_admin, form, units["cao_bang"], PERIOD)


def stored(submission, code: str) -> dict[str, float]:
    return {
        value.category: value.number
        for value in Value.objects.filter(
            unit=submission.unit, period=submission.period, indicator__code=code
        ).exclude(number=0)
    }


def test_a_half_year_report_of_the_province_fills_its_petition_and_reception_figures_itself(
    citizen_records, predecessor_records, units, province_admin
):
    submission = province_report(units, province_admin)

    assert stored(submission, "tcd_don_loai") == {
        "kien_nghi": 2,
        "phan_anh": 1,
        "khieu_nai_1": 2,
        "khieu_nai_2": 1,
        "to_cao": 1,
    }
    assert stored(submission, "tcd_don_linh_vuc") == {"dat_dai": 5, "chinh_sach": 1, "tham_nhung": 1}
    assert stored(submission, "tcd_don_thu_ly") == {"": 4}
    assert stored(submission, "tcd_don_dung_han") == {"": 2}
    assert stored(submission, "tcd_don_qua_han") == {"": 1}
    assert stored(submission, "tcd_tiep_cong_dan") == {"": 3}
    assert stored(submission, "tcd_doi_thoai") == {"": 1}
    assert set(
        Value.objects.filter(unit=units["cao_bang"], period=PERIOD, indicator__code__in=CITIZENS).values_list(
            "origin", flat=True
        )
    ) == {Value.Origin.SYSTEM}
    # Every kind has its cell, zero where nothing was received.
    assert (
        Value.objects.filter(unit=units["cao_bang"], period=PERIOD, indicator__code="tcd_don_loai").count()
        == 5
    )


def test_a_commune_counts_the_commune_it_was_formed_from_for_a_period_before_the_merger(
    predecessor_records, units
):
    define_demo_form(units["cao_bang"])
    before = Period.parse("2025H1")
    late = Indicator.objects.get(code="tcd_don_qua_han")
    by_kind = Indicator.objects.get(code="tcd_don_loai")
    assert system_values(late, units["thuc_phan"], before) == {"": 1.0}
    assert system_values(by_kind, units["thuc_phan"], before)["khieu_nai_1"] == 1.0
    assert system_values(Indicator.objects.get(code="tcd_tiep_cong_dan"), units["thuc_phan"], before) == {
        "": 1.0
    }
    assert system_values(Indicator.objects.get(code="tcd_doi_thoai"), units["thuc_phan"], before) == {"": 1.0}
    assert system_values(late, units["nung_tri_cao"], before) == {"": 0.0}


def test_the_citizens_figures_are_the_systems_in_the_entry_grid(
    citizen_records, units, commune_editor, client_for
):
    form = define_demo_form(units["cao_bang"])
    ward = units["thuc_phan"]
    html = (
        client_for(commune_editor)
        .get(reverse("reporting:entry", args=[form.pk, ward.pk, PERIOD]))
        .content.decode()
    )
    assert "VI. Tiếp công dân, giải quyết đơn thư" in html
    receptions = Indicator.objects.get(code="tcd_tiep_cong_dan")
    cell = html[html.index(f'id="cell-c{receptions.pk}"') :]
    cell = cell[: cell.index('<div id="cell-')] if '<div id="cell-' in cell else cell
    assert "data-bound" in cell and "hệ thống" in cell and 'value="2"' in cell

    draft = services.open_submission(commune_editor, form, ward, PERIOD)
    with pytest.raises(Exception, match="ghi lý do khi sửa số liệu này"):
        services.save_value(commune_editor, draft, receptions, "", "5")
    assert Value.objects.get(unit=ward, period=PERIOD, indicator=receptions, category="").number == 2
    changed = services.save_value(commune_editor, draft, receptions, "", "5", "Một buổi tiếp ghi sổ giấy")
    assert not changed.errors
    assert Value.objects.get(unit=ward, period=PERIOD, indicator=receptions, category="").origin == (
        Value.Origin.OVERRIDDEN
    )


def test_a_petition_figure_breaks_down_by_kind_or_by_field_only(units, province_admin):
    with pytest.raises(Exception, match="Số đơn tiếp nhận phân tổ được theo loại đơn"):
        services.save_indicator(
            province_admin,
            code="tcd_thu",
            name="Số đơn theo cấp",
            value_type="integer",
            aggregation="sum",
            source=Source.CITIZENS_RECEIVED,
            owner=units["cao_bang"],
            categories=[Category.objects.get(code="cap_xa")],
        )
    with pytest.raises(Exception, match="chỉ phân tổ theo một trong hai"):
        services.save_indicator(
            province_admin,
            code="tcd_thu",
            name="Số đơn theo loại và lĩnh vực",
            value_type="integer",
            aggregation="sum",
            source=Source.CITIZENS_RECEIVED,
            owner=units["cao_bang"],
            categories=[Category.objects.get(code="loai_don"), Category.objects.get(code="linh_vuc_don")],
        )


def test_the_categories_options_are_the_petitions_own_values(db):
    assert list(Category.objects.get(code="loai_don").options.values_list("code", flat=True)) == list(
        Petition.Kind.values
    )
    assert list(Category.objects.get(code="linh_vuc_don").options.values_list("code", flat=True)) == list(
        Petition.Field.values
    )
