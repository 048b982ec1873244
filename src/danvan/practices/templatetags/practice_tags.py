"""Template helpers of the register: result values, status badges."""

import decimal

from django import template
from django.utils.formats import number_format

from ..models import Status

register = template.Library()

STATUS_BADGES = {
    Status.REGISTERED: "text-bg-secondary",
    Status.IMPLEMENTING: "text-bg-primary",
    Status.RECOGNISED: "text-bg-success",
    Status.REPLICATED: "text-bg-info",
    Status.NOT_RECOGNISED: "text-bg-warning",
    Status.STOPPED: "text-bg-dark",
}


def _trimmed(value) -> decimal.Decimal:
    value = decimal.Decimal(value)
    if value == value.to_integral_value():
        return value.quantize(decimal.Decimal(1))
    return value.normalize()


@register.filter
def result_value(value):
    """12 → "12", 3.50 → "3,5", 1759 → "1.759" in Vietnamese: no trailing zeros, grouped thousands."""
    if value is None or value == "":
        return ""
    return number_format(_trimmed(value), force_grouping=True)


def plain_number(value) -> str:
    """The value as typed back into a form: "1759", "3,5" (no grouping, whatever the language)."""
    return str(_trimmed(value)).replace(".", ",")


@register.filter
def status_badge(status) -> str:
    return STATUS_BADGES.get(status, "text-bg-secondary")
