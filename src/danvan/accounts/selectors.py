from django.db.models import Exists, OuterRef, Prefetch

from danvan.core.scope import Role, role_q

from .models import UnitRole, User


def users_manageable_by(actor):
    """Users holding a role inside the actor's admin subtrees (everyone for a superuser)."""
    roles = UnitRole.objects.select_related("unit").order_by("unit__depth", "unit__sort_key")
    qs = User.objects.prefetch_related(Prefetch("unit_roles", queryset=roles))
    if actor.is_superuser:
        return qs
    inside = UnitRole.objects.filter(user=OuterRef("pk")).filter(role_q(actor, Role.ADMIN, "unit__path"))
    return qs.filter(Exists(inside), is_superuser=False)
