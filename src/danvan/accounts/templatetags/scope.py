"""Template helpers that depend on the reader's scope: the unit breadcrumbs and links that would open.

Loaded for every template (settings.TEMPLATES "builtins"), like `core`'s `vn`."""

from django import template

from danvan.accounts.scope import can_view_path

register = template.Library()


@register.inclusion_tag("core/_unit_breadcrumbs.html", takes_context=True)
def unit_breadcrumbs(context, unit, link_last=False):
    """The unit's path from its province; ancestors outside the reader's scope are named but not linked (a 404)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    ancestors = [
        (ancestor, can_view_path(user, ancestor.path)) for ancestor in (unit.ancestors() if unit else [])
    ]
    return {"ancestors": ancestors, "unit": unit, "link_last": link_last}


@register.filter
def viewable_by(unit, user) -> bool:
    """{% if unit.parent|viewable_by:user %}: whether a link to the unit would open for the user (not a 404)."""
    return unit is not None and can_view_path(user, unit.path)
