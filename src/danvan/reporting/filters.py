"""One filter set for the indicator and form lists, shared by the pages and the API (DESIGN §3).

Indicators and forms have no stored search key: there are a few hundred of them, so the folded search ("ty le cong
nhan" finds "Tỷ lệ công nhận") reads their names once and filters by id, one query whatever the page.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.periods import PeriodType
from danvan.core.text import fold
from danvan.orgunits.models import OrgUnit

from .models import Form, Indicator, Source, ValueType

NATIONAL = "national"
CHOICE_ERRORS = {"invalid_choice": _("Lựa chọn không hợp lệ.")}


def _folded_ids(queryset, value: str, columns: tuple[str, ...]) -> list[int]:
    """Ids of the rows whose columns, folded, contain every word of the folded search text."""
    words = fold(value).split()
    if not words:
        return []
    found = []
    for pk, *texts in queryset.values_list("pk", *columns):
        folded = fold(" ".join(text or "" for text in texts))
        if all(word in folded for word in words):
            found.append(pk)
    return found


def _owner_choices(queryset) -> list[tuple[str, str]]:
    """ "National" and the units that own rows of the queryset (in Vietnamese order): the filter's choices."""
    owners = OrgUnit.objects.filter(pk__in=queryset.exclude(owner=None).values("owner")).order_by(
        "depth", "sort_key"
    )
    return [(NATIONAL, str(_("Dùng chung toàn quốc")))] + [(str(unit.pk), unit.name) for unit in owners]


class IndicatorFilter(django_filters.FilterSet):
    KIND_CHOICES = [
        ("entered", _("Nhập liệu")),
        ("computed", _("Tính theo công thức")),
        ("system", _("Lấy từ hệ thống")),
    ]

    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q")
    value_type = django_filters.ChoiceFilter(
        label=_("Kiểu giá trị"),
        choices=ValueType.choices,
        empty_label=_("Mọi kiểu"),
        error_messages=CHOICE_ERRORS,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Cách có số liệu"),
        choices=KIND_CHOICES,
        method="filter_kind",
        empty_label=_("Mọi cách"),
        error_messages=CHOICE_ERRORS,
    )
    source = django_filters.ChoiceFilter(
        label=_("Nguồn số liệu"),
        choices=Source.choices,
        empty_label=_("Mọi nguồn"),
        error_messages=CHOICE_ERRORS,
    )
    owner = django_filters.ChoiceFilter(
        label=_("Đơn vị định nghĩa"),
        method="filter_owner",
        empty_label=_("Mọi đơn vị"),
        error_messages=CHOICE_ERRORS,
    )

    class Meta:
        model = Indicator
        fields = ["q", "value_type", "kind", "source", "owner"]

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        self.filters["owner"].extra["choices"] = _owner_choices(self.queryset)
        self.form.fields["q"].widget.attrs["placeholder"] = _("Mã, tên chỉ tiêu…")

    def filter_q(self, queryset, name, value):
        if not fold(value):
            return queryset
        return queryset.filter(pk__in=_folded_ids(queryset, value, ("code", "name", "short_name")))

    def filter_kind(self, queryset, name, value):
        if value == "computed":
            return queryset.exclude(expression="")
        if value == "system":
            return queryset.exclude(source="")
        return queryset.filter(expression="", source="")

    def filter_owner(self, queryset, name, value):
        return queryset.filter(owner=None) if value == NATIONAL else queryset.filter(owner_id=value)


class FormFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q")
    period_type = django_filters.ChoiceFilter(
        label=_("Loại kỳ báo cáo"),
        choices=[(kind.value, kind.label) for kind in PeriodType],
        empty_label=_("Mọi loại kỳ"),
        error_messages=CHOICE_ERRORS,
    )
    owner = django_filters.ChoiceFilter(
        label=_("Đơn vị ban hành"),
        method="filter_owner",
        empty_label=_("Mọi đơn vị"),
        error_messages=CHOICE_ERRORS,
    )
    active = django_filters.ChoiceFilter(
        label=_("Tình trạng"),
        choices=[("1", _("Đang dùng")), ("0", _("Ngừng dùng"))],
        method="filter_active",
        empty_label=_("Mọi tình trạng"),
        error_messages=CHOICE_ERRORS,
    )

    class Meta:
        model = Form
        fields = ["q", "period_type", "owner", "active"]

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        self.filters["owner"].extra["choices"] = _owner_choices(self.queryset)[1:]
        self.form.fields["q"].widget.attrs["placeholder"] = _("Mã, tên biểu mẫu…")

    def filter_q(self, queryset, name, value):
        if not fold(value):
            return queryset
        return queryset.filter(pk__in=_folded_ids(queryset, value, ("code", "name")))

    def filter_owner(self, queryset, name, value):
        return queryset.filter(owner_id=value)

    def filter_active(self, queryset, name, value):
        return queryset.filter(Q(is_active=value == "1"))
