"""What every page of the activities shares: the unit a page looks at, and the first step of the breadcrumbs."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import get_unit_for


def anchor_unit(request) -> OrgUnit | None:
    """The unit the page looks at: ?unit= (404 outside the scope or malformed), else the unit the user works as, else
    their first unit (None for a user without a role, such as a superuser)."""
    raw = request.GET.get("unit", "")
    if raw:
        if not raw.isdigit() or len(raw) > 12:
            raise Http404(_("Không tìm thấy đơn vị."))
        return get_unit_for(request.user, int(raw))
    current = getattr(request, "current_unit", None)
    if current is not None:
        return current
    return next(iter(getattr(request, "user_units", None) or []), None)


def module_crumb() -> tuple[str, str]:
    """The breadcrumbs' first step on every page of the activities: their front page."""
    return (_("Hoạt động"), reverse("activities:home"))
