"""The situation reports' filter: the list page, its Excel export and the API (`unit`, `period`, `topic`,
`severity`, `hotspot`, `q`). It narrows what `situations_visible_to` gives, never widens it."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.periods import Period
from danvan.core.text import fold
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtree_q

from ..models import SituationReport
from ..selectors.situations import in_period_q


class PeriodField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return Period.parse(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class PeriodFilter(django_filters.Filter):
    field_class = PeriodField


class SituationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q", max_length=200)
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị (cả cấp dưới)"),
        queryset=OrgUnit.objects.all(),
        method="filter_unit",
        error_messages={"invalid_choice": _("Đơn vị không tồn tại.")},
    )
    reported_by = django_filters.ModelChoiceFilter(
        label=_("Chỉ báo cáo của đơn vị"),
        queryset=OrgUnit.objects.all(),
        field_name="unit",
        error_messages={"invalid_choice": _("Đơn vị không tồn tại.")},
    )
    period = PeriodFilter(label=_("Kỳ (2026M07, 2026Q3…)"), method="filter_period", max_length=8)
    topic = django_filters.ChoiceFilter(label=_("Chủ đề"), choices=SituationReport.Topic.choices)
    severity = django_filters.TypedChoiceFilter(
        label=_("Mức độ"), choices=SituationReport.Severity.choices, coerce=int
    )
    hotspot = django_filters.ChoiceFilter(
        label=_("Điểm nóng"),
        choices=[
            (SituationReport.HotspotState.OPEN, _("Đang xử lý")),
            (SituationReport.HotspotState.RESOLVED, _("Đã giải quyết")),
        ],
    )

    class Meta:
        model = SituationReport
        fields = ["q", "unit", "reported_by", "period", "topic", "severity", "hotspot"]

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        return queryset.filter(search_key__contains=folded) if folded else queryset

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(subtree_q(unit.path, "unit_path"))

    def filter_period(self, queryset, name, period):
        return queryset.filter(in_period_q(period))
