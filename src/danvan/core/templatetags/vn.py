"""Template helpers: Vietnamese dates and numbers, and the unit breadcrumbs."""

import datetime

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def vndate(value):
    """dd/mm/yyyy whatever the language; empty for no date."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


@register.filter
def vnnumber(value):
    """1.759 in Vietnamese, 1,759 in English."""
    if value is None or value == "":
        return ""
    return number_format(value, force_grouping=True)


@register.inclusion_tag("core/_unit_breadcrumbs.html", takes_context=True)
def unit_breadcrumbs(context, unit, link_last=False):
    """The unit's path from its province; ancestors outside the reader's scope are named but not linked (a 404)."""
    from danvan.core.scope import can_view_path

    request = context.get("request")
    user = getattr(request, "user", None)
    ancestors = [
        (ancestor, can_view_path(user, ancestor.path)) for ancestor in (unit.ancestors() if unit else [])
    ]
    return {"ancestors": ancestors, "unit": unit, "link_last": link_last}


@register.filter
def viewable_by(unit, user) -> bool:
    """{% if unit.parent|viewable_by:user %}: whether a link to the unit would open for the user (not a 404)."""
    from danvan.core.scope import can_view_path

    return unit is not None and can_view_path(user, unit.path)


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
