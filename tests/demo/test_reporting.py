"""The demo's reporting form after the 2025 reform: a commune's form has no district (nor province) columns, and the
old communes' 2024H2 figures still sit in its columns."""

import pytest
from django.urls import reverse

from danvan.demo.reporting import define_demo_form, load_demo_reporting
from danvan.reporting import services
from danvan.reporting.models import Category, Indicator, Value
from danvan.reporting.selectors import category_keys

pytestmark = pytest.mark.django_db

LEVEL_INDICATORS = ["dvk_mh_dang_ky", "dvk_mh_cong_nhan"]


def test_the_2026_commune_form_has_no_province_or_district_columns(units, commune_editor, client_for):
    form = define_demo_form(units["cao_bang"])
    for code in LEVEL_INDICATORS:
        labels = [label for _key, label in category_keys(Indicator.objects.get(code=code))]
        assert labels == ["Cấp xã, phường, đặc khu", "Cấp thôn, tổ dân phố"]
    draft = services.open_submission(commune_editor, form, units["thuc_phan"], "2026H1")
    html = (
        client_for(commune_editor)
        .get(reverse("reporting:entry", args=[form.pk, units["thuc_phan"].pk, draft.period]))
        .content.decode()
    )
    assert "Cấp xã, phường, đặc khu" in html
    assert "Cấp huyện" not in html and "Cấp tỉnh" not in html


def test_the_old_communes_figures_keep_their_columns(units):
    load_demo_reporting()
    for code in LEVEL_INDICATORS:
        indicator = Indicator.objects.get(code=code)
        keys = {key for key, _label in category_keys(indicator)}
        stored = set(
            Value.objects.filter(indicator=indicator, period="2024H2").values_list("category", flat=True)
        )
        assert stored and stored <= keys


def test_the_four_level_category_stays_for_the_periods_before_the_reform(units):
    services.ensure_standard_categories()
    four = Category.objects.get(code="cap")
    assert [o.code for o in four.options.all()] == ["province", "district", "commune", "hamlet"]
    two = Category.objects.get(code="cap_hai_cap")
    assert [o.name for o in two.options.all()] == [
        "Cấp tỉnh",
        "Cấp xã, phường, đặc khu",
        "Cấp thôn, tổ dân phố",
    ]
