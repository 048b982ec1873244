"""The task board's filters, shared by the board, its Excel export and the API's list: status (the four computed
and cancelled), source, period, deadline range, text."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.periods import Period
from danvan.core.text import fold
from danvan.orgunits.forms import VNDateField

from ..models import Task
from ..selectors.tasks import STATUS_LABELS, Status, period_q, status_on_day_for, status_q


class PeriodField(forms.CharField):
    """A reporting period code (2026, 2026H1, 2026Q3, 2026M07) → Period."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return Period.parse(value.strip())
        except (ValueError, KeyError):
            raise ValidationError(
                _("Kỳ “%(code)s” không hợp lệ: ví dụ 2026, 2026H1 (6 tháng đầu năm), 2026Q3, 2026M07."),
                params={"code": value[:20]},
            ) from None


class PeriodFilter(django_filters.Filter):
    field_class = PeriodField


class VNDateFilter(django_filters.Filter):
    field_class = VNDateField


class TaskFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q", max_length=200)
    status = django_filters.ChoiceFilter(
        label=_("Tình trạng"), choices=[(s.value, STATUS_LABELS[s]) for s in Status], method="filter_status"
    )
    source = django_filters.ChoiceFilter(label=_("Nguồn giao"), choices=Task.Source.choices)
    period = PeriodFilter(
        label=_("Kỳ"), method="filter_period", help_text=_("Nhiệm vụ có hạn trong kỳ, ví dụ 2026H1.")
    )
    deadline_from = VNDateFilter(label=_("Hạn từ ngày"), field_name="deadline", lookup_expr="gte")
    deadline_to = VNDateFilter(label=_("Hạn đến ngày"), field_name="deadline", lookup_expr="lte")

    class Meta:
        model = Task
        fields = ["q", "status", "source", "period", "deadline_from", "deadline_to"]

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.form.fields["period"].widget.attrs.update({"placeholder": _("vd. 2026H1"), "maxlength": "10"})
        self.form.fields["q"].widget.attrs["placeholder"] = _("Nội dung, đơn vị, số văn bản…")

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        return queryset.filter(search_key__contains=folded) if folded else queryset

    def filter_period(self, queryset, name, period):
        return queryset.filter(period_q(period)) if period else queryset

    def filter_status(self, queryset, name, status):
        # On a period's end (or today while it runs), as the four counts read it.
        day = status_on_day_for(self.form.cleaned_data.get("period"), self.today)
        return queryset.filter(status_q(status, day))

    @property
    def chosen_period(self) -> Period | None:
        return self.form.cleaned_data.get("period") if self.is_valid() else None
