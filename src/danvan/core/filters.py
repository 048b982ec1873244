"""What the apps' filter sets share."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _


class DayFilter(django_filters.DateFilter):
    """A day typed dd/mm/yyyy (yyyy-mm-dd also read), with a Vietnamese message when it is not one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%Y-%m-%d"])
        kwargs.setdefault("widget", forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
        kwargs.setdefault("error_messages", {"invalid": _("Ngày không hợp lệ: hãy nhập dạng dd/mm/yyyy.")})
        super().__init__(*args, **kwargs)
