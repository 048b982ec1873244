"""The receptions' and dialogues' filters: the list pages, their Excel exports and the API. They narrow what the
scoped selectors give, never widen it."""

import django_filters
from django.utils.translation import gettext_lazy as _

from danvan.core.text import fold
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtree_q

from ..models import Dialogue, LeaderRole, Reception


class _Common(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q", max_length=200)
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị (cả cấp dưới)"),
        queryset=OrgUnit.objects.all(),
        method="filter_unit",
        error_messages={"invalid_choice": _("Đơn vị không tồn tại.")},
    )
    year = django_filters.NumberFilter(
        label=_("Năm"), field_name="date", lookup_expr="year", min_value=2000, max_value=2100
    )

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        return queryset.filter(search_key__contains=folded) if folded else queryset

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(subtree_q(unit.path, "unit_path"))


class ReceptionFilter(_Common):
    kind = django_filters.ChoiceFilter(label=_("Hình thức"), choices=Reception.Kind.choices)
    mode = django_filters.ChoiceFilter(label=_("Cách thức"), choices=Reception.Mode.choices)
    leader_role = django_filters.ChoiceFilter(label=_("Cương vị"), choices=LeaderRole.choices)

    class Meta:
        model = Reception
        fields = ["q", "unit", "year", "kind", "mode", "leader_role"]


class DialogueFilter(_Common):
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=Dialogue.Status.choices)

    class Meta:
        model = Dialogue
        fields = ["q", "unit", "year", "status"]
