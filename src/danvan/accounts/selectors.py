from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _

from .models import Role, UnitRole, User
from .scope import role_q

# The same words whether the username is unknown or belongs to someone outside the actor's units: no oracle.
NOT_IN_SCOPE_MESSAGE = _("Không tìm thấy người dùng trong phạm vi đơn vị của bạn.")


def users_manageable_by(actor):
    """Users holding a role inside the actor's admin subtrees (everyone for a superuser)."""
    roles = UnitRole.objects.select_related("unit").order_by("unit__depth", "unit__sort_key")
    qs = User.objects.prefetch_related(Prefetch("unit_roles", queryset=roles))
    if actor.is_superuser:
        return qs
    inside = UnitRole.objects.filter(user=OuterRef("pk")).filter(role_q(actor, Role.ADMIN, "unit__path"))
    return qs.filter(Exists(inside), is_superuser=False)


def user_in_scope_by_username(actor, username: str) -> User | None:
    """The user named `username` (any case) if the actor manages them (holds a role in the actor's subtree)."""
    return users_manageable_by(actor).filter(username__iexact=username.strip()).first()
