"""The register's filters, shared by the list page, its Excel export and the API's list: kind, channel, field, stage,
year, overdue, due within three days, and a search without accents."""

import datetime

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.text import fold

from ..models import Petition
from ..selectors.petitions import DUE_SOON_DAYS

FIRST_YEAR = 2015
CLOCK_CHOICES = [("overdue", _("Quá hạn")), ("due_soon", _("Đến hạn trong 3 ngày"))]


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

    def filter_clock(self, queryset, name, value):
        if value == "overdue":
            return queryset.filter(due_on__lt=self.today)
        if value == "due_soon":
            return queryset.filter(
                due_on__gte=self.today, due_on__lte=self.today + datetime.timedelta(days=DUE_SOON_DAYS)
            )
        return queryset
