"""The unit the user works as (the switcher in the top bar), set on every request as request.current_unit."""

from danvan.orgunits.models import OrgUnit

from .models import UnitRole
from .scope import remember_roles


def current_unit_for(request):
    """The unit the user works as: the one chosen in the switcher, else their highest role's unit."""
    user = request.user
    chosen = request.session.get("current_unit_id")
    roles = (
        UnitRole.objects.filter(user=user).select_related("unit").order_by("unit__depth", "unit__sort_key")
    )
    remember_roles(user, roles)
    units = [role.unit for role in roles]
    request.user_units = units
    for unit in units:
        if unit.pk == chosen:
            return unit
    if chosen and user.is_superuser:
        unit = OrgUnit.objects.filter(pk=chosen).first()
        if unit:
            return unit
    return units[0] if units else None


class CurrentUnitMiddleware:
    """Sets request.current_unit (and request.user_units, the units of the user's roles, for the switcher)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.current_unit = None
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            request.current_unit = current_unit_for(request)
        return self.get_response(request)
