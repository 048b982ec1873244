"""The inspections' filter: the list page, its Excel export and the API (`unit`, `year`, `kind`, `status`, `q`)."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.text import fold
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtree_q

from ..models import InspectedUnit, Inspection


class InspectionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q", max_length=200)
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị (kiểm tra hoặc được kiểm tra)"),
        queryset=OrgUnit.objects.all(),
        method="filter_unit",
        error_messages={"invalid_choice": _("Đơn vị không tồn tại.")},
    )
    year = django_filters.NumberFilter(
        label=_("Năm"), field_name="starts_on", lookup_expr="year", min_value=1000, max_value=9999
    )
    kind = django_filters.ChoiceFilter(label=_("Hình thức"), choices=Inspection.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=Inspection.Status.choices)

    class Meta:
        model = Inspection
        fields = ["q", "unit", "year", "kind", "status"]

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        return queryset.filter(search_key__contains=folded) if folded else queryset

    def filter_unit(self, queryset, name, unit):
        """Organised by the unit or a unit below it, or inspecting one of them."""
        inspected = InspectedUnit.objects.filter(inspection=OuterRef("pk")).filter(
            subtree_q(unit.path, "unit_path")
        )
        return queryset.filter(subtree_q(unit.path, "organizer_path") | Q(Exists(inspected)))
