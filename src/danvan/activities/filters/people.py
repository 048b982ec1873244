"""The filter of the people's list, its Excel export and the API's `GET /people`."""

import django_filters
from django.utils.translation import gettext_lazy as _

from danvan.core.text import fold
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtrees_q

from ..models import Person

Q_MAX = 150


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo tên"), method="filter_q", max_length=Q_MAX)
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị (cả cấp dưới)"),
        queryset=OrgUnit.objects.all(),
        method="filter_unit",
        error_messages={"invalid_choice": _("Đơn vị không tồn tại hoặc ngoài phạm vi của bạn.")},
    )

    class Meta:
        model = Person
        fields = ["q", "unit"]

    def filter_q(self, queryset, name, value):
        """Accent- and case-insensitive: "vu van minh" finds "Vũ Văn Minh"."""
        folded = fold(value)
        return queryset.filter(search_key__contains=folded) if folded else queryset

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(subtrees_q(lineage_paths(unit), "unit_path"))
