"""The consultations' filter, shared by the list page and the API (`unit`, `status`, `kind`, `q`): it narrows what
`consultations_visible_to` gives, never widens it."""

import django_filters
from django.utils.translation import gettext_lazy as _

from danvan.core.text import fold
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtree_q

from ..models import Consultation


class ConsultationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q", max_length=200)
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị (cả cấp dưới)"),
        queryset=OrgUnit.objects.all(),
        method="filter_unit",
        error_messages={"invalid_choice": _("Đơn vị không tồn tại.")},
    )
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=Consultation.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Hình thức"), choices=Consultation.Kind.choices)

    class Meta:
        model = Consultation
        fields = ["q", "unit", "status", "kind"]

    def filter_q(self, queryset, name, value):
        for word in fold(value).split()[:8]:
            queryset = queryset.filter(search_key__contains=word)
        return queryset

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(subtree_q(unit.path, "unit_path"))
