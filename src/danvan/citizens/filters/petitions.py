"""The register's filters, shared by the list page, its Excel export and the API's list: kind, channel, field, stage,
year, overdue, due within three days, and a search without accents."""

import datetime

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.text import fold

from ..clocks import due_soon_until
from ..models import Petition
from ..selectors.figures import ACCEPTED, OPEN, overdue_q, resolved_q

FIRST_YEAR = 2015
CLOCK_CHOICES = [("overdue", _("Quá hạn")), ("due_soon", _("Đến hạn trong 3 ngày làm việc"))]


def year_choices():
    return [(year, str(year)) for year in range(timezone.localdate().year + 1, FIRST_YEAR - 1, -1)]


class PetitionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q", max_length=200)
    kind = django_filters.ChoiceFilter(label=_("Loại đơn"), choices=Petition.Kind.choices)
    channel = django_filters.ChoiceFilter(label=_("Nguồn đơn"), choices=Petition.Channel.choices)
    field = django_filters.ChoiceFilter(label=_("Lĩnh vực"), choices=Petition.Field.choices)
    stage = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=Petition.Stage.choices)
    year = django_filters.TypedChoiceFilter(label=_("Năm"), choices=year_choices, coerce=int)
    clock = django_filters.ChoiceFilter(label=_("Thời hạn"), choices=CLOCK_CHOICES, method="filter_clock")
    # The counts page's links (`selectors.figures`, the same definitions as its numbers); not shown as fields.
    received_from = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label=_("Nhận từ ngày")
    )
    received_to = django_filters.DateFilter(
        field_name="received_on", lookup_expr="lte", label=_("Nhận đến ngày")
    )
    accepted = django_filters.BooleanFilter(label=_("Đã thụ lý"), method="filter_figure")
    open = django_filters.BooleanFilter(label=_("Đang giải quyết"), method="filter_figure")
    overdue = django_filters.BooleanFilter(label=_("Quá hạn"), method="filter_figure")
    resolved = django_filters.ChoiceFilter(
        label=_("Giải quyết"),
        choices=[("on_time", _("Đúng hạn")), ("late", _("Quá hạn"))],
        method="filter_resolved",
    )

    class Meta:
        model = Petition
        fields = ["q", "kind", "channel", "field", "stage", "year", "clock"]

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.form.fields["q"].widget.attrs["placeholder"] = _("Số đơn, trích yếu, người gửi…")

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        return queryset.filter(search_key__contains=folded) if folded else queryset

    def filter_figure(self, queryset, name, value):
        if not value:
            return queryset
        condition = {"accepted": ACCEPTED, "open": OPEN, "overdue": overdue_q(self.today)}[name]
        return queryset.filter(condition)

    def filter_resolved(self, queryset, name, value):
        return queryset.filter(resolved_q(value)) if value else queryset

    def filter_clock(self, queryset, name, value):
        if value == "overdue":
            return queryset.filter(stage__in=Petition.OPEN_STAGES, due_on__lt=self.today)
        if value == "due_soon":
            return queryset.filter(
                stage__in=Petition.OPEN_STAGES,
                due_on__gte=self.today,
                due_on__lte=due_soon_until(self.today),
            )
        return queryset
