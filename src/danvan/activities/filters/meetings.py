"""One filter set for the meeting list, its Excel export and the API's `GET /meetings`."""

import django_filters
from django.utils.translation import gettext_lazy as _

from danvan.core.text import fold
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtrees_q

from ..models import Meeting


class MeetingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q")
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị (cả cấp dưới)"),
        queryset=OrgUnit.objects.all(),
        method="filter_unit",
        error_messages={"invalid_choice": _("Đơn vị không tồn tại.")},
    )
    year = django_filters.NumberFilter(
        label=_("Năm"),
        method="filter_year",
        min_value=1945,
        max_value=2200,
        error_messages={"min_value": _("Năm không hợp lệ."), "max_value": _("Năm không hợp lệ.")},
    )
    type = django_filters.ChoiceFilter(label=_("Loại"), choices=Meeting.Type.choices)
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=Meeting.Status.choices)

    class Meta:
        model = Meeting
        fields = ["q", "unit", "year", "type", "status"]

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        return queryset.filter(search_key__contains=folded) if folded else queryset

    def filter_unit(self, queryset, name, unit):
        # The unit's meetings and those of the units it was formed from, and of its subtree.
        return queryset.filter(subtrees_q(lineage_paths(unit), "organizer_path"))

    def filter_year(self, queryset, name, year):
        return queryset.filter(starts_at__year=int(year))
