"""Template helpers: Vietnamese dates and numbers, Bootstrap fields (the unit breadcrumbs: `accounts.scope`)."""

import datetime

from django import template
from django.utils import timezone
from django.utils.formats import number_format

from danvan.core import changelog

register = template.Library()


@register.filter
def vndate(value):
    """dd/mm/yyyy whatever the language; empty for no date."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


@register.filter
def vnnumber(value):
    """1.759 in Vietnamese, 1,759 in English."""
    if value is None or value == "":
        return ""
    return number_format(value, force_grouping=True)


@register.filter
def changes_in_words(entry):
    """The change-log entry's changed fields as (label, before, after) in words (core.changelog), or the `changes`
    a page worked out for it itself."""
    return getattr(entry, "changes", None) or changelog.changes_in_words(entry)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def bs(field):
    """Renders a form field's widget with Bootstrap's classes, marked invalid when it has errors."""
    widget = field.field.widget
    input_type = getattr(widget, "input_type", "")
    if input_type == "checkbox":
        css = "form-check-input"
    elif input_type == "select" or widget.__class__.__name__.endswith("Select"):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    attrs = {"class": css}
    if field.errors:
        attrs["aria-describedby"] = f"{field.auto_id}-errors"
    if field.help_text:
        attrs["aria-describedby"] = (attrs.get("aria-describedby", "") + f" {field.auto_id}-help").strip()
    return field.as_widget(attrs=attrs)
