"""One filter set for the register's pages, its Excel export and the API (DESIGN §3)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from danvan.core.text import fold
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit, UnitGroup
from danvan.orgunits.tree import subtrees_q

from .models import Field, Level, Practice, Status
from .selectors import RECOGNISED_ANY, RECOGNISED_STATUSES


def _statuses(status: str) -> list[str]:
    """The statuses a status filter's value stands for (RECOGNISED_ANY: recognised or replicated)."""
    return sorted(RECOGNISED_STATUSES) if status == RECOGNISED_ANY else [status]


class PracticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q")
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị (cả cấp dưới)"),
        queryset=OrgUnit.objects.all(),
        method="filter_unit",
        error_messages={"invalid_choice": _("Đơn vị không tồn tại.")},
    )
    year = django_filters.NumberFilter(label=_("Năm"), method="filter_year")
    field = django_filters.ModelChoiceFilter(
        label=_("Lĩnh vực"),
        queryset=Field.objects.all(),
        field_name="fields",
        error_messages={"invalid_choice": _("Lĩnh vực không tồn tại.")},
    )
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=Practice.Kind.choices)
    level = django_filters.ChoiceFilter(label=_("Cấp"), choices=Level.choices)
    status = django_filters.ChoiceFilter(
        label=_("Tình trạng"),
        choices=[*Status.choices, (RECOGNISED_ANY, _("Được công nhận (cả đã nhân rộng)"))],
        method="filter_status",
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Khối"),
        queryset=UnitGroup.objects.all(),
        method="filter_group",
        error_messages={"invalid_choice": _("Khối không tồn tại.")},
    )

    class Meta:
        model = Practice
        fields = ["q", "unit", "year", "field", "kind", "level", "status", "group"]

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        return queryset.filter(search_key__contains=folded) if folded else queryset

    def filter_year(self, queryset, name, year):
        # With a year, the status is the one the practice had that year, as the counts use it.
        status = self.form.cleaned_data.get("status")
        if status:
            return queryset.filter(years__year=year, years__status__in=_statuses(status))
        return queryset.filter(years__year=year)

    def filter_status(self, queryset, name, status):
        if self.form.cleaned_data.get("year") is not None:
            return queryset  # applied with the year
        return queryset.filter(status__in=_statuses(status))

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(subtrees_q(lineage_paths(unit), "owner_path"))

    def filter_group(self, queryset, name, group):
        return queryset.filter(subtrees_q(list(group.members.values_list("path", flat=True)), "owner_path"))

    @property
    def qs(self):
        # Filtering by year or field joins a to-many table; one row per practice all the same.
        return super().qs.distinct()
