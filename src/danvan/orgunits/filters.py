"""One filter set for the unit pages and the API (DESIGN §3)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from danvan.core.filters import DayFilter

from .models import OrgUnit
from .tree import open_on_q


class OrgUnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=OrgUnit.Kind.choices)
    division_type = django_filters.ChoiceFilter(label=_("Loại hình"), choices=OrgUnit.DivisionType.choices)
    agency_type = django_filters.ChoiceFilter(label=_("Loại cơ quan"), choices=OrgUnit.AgencyType.choices)
    code = django_filters.CharFilter(label=_("Mã"), field_name="code")
    parent = django_filters.NumberFilter(label=_("Đơn vị cấp trên (mã số)"), field_name="parent_id")
    province = django_filters.CharFilter(label=_("Mã tỉnh"), field_name="province_code")
    as_of = DayFilter(
        label=_("Còn hiệu lực vào ngày"),
        method="filter_as_of",
        error_messages={"invalid": _("Ngày không hợp lệ: hãy nhập dạng dd/mm/yyyy hoặc yyyy-mm-dd.")},
    )

    class Meta:
        model = OrgUnit
        fields = ["q", "kind", "division_type", "agency_type", "code", "parent", "province", "as_of"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_as_of(self, queryset, name, value):
        return queryset.filter(open_on_q(value)) if value else queryset
