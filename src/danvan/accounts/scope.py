"""Who may see and change what: roles on units, each covering the unit's subtree (DESIGN §4.1).

A role on a unit also covers the history of that unit: the subtrees of the units of the same kind it was formed
from (an old commune merged into a new one, an old province into a new province), so old and new figures stay
comparable for the people who now own them.
"""

from django.db.models import Q

from danvan.orgunits.lineage import predecessor_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import covers, outermost, subtrees_q

from .models import ROLE_RANK, Role, UnitRole


def roles_at_least(minimum: str) -> list[str]:
    return [role for role, rank in ROLE_RANK.items() if rank >= ROLE_RANK[minimum]]


def _cache(user) -> dict:
    cache = getattr(user, "_danvan_scope", None)
    if cache is None:
        cache = {}
        user._danvan_scope = cache
    return cache


def role_paths(user, minimum: str = Role.VIEWER) -> list[str]:
    """Paths of the units on which the user holds at least `minimum` (one query per request for all roles)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cache = _cache(user)
    if "roles" not in cache:
        cache["roles"] = list(UnitRole.objects.filter(user=user).values_list("unit__path", "role"))
    wanted = set(roles_at_least(minimum))
    return sorted({path for path, role in cache["roles"] if role in wanted})


def remember_roles(user, roles) -> None:
    """Keeps the user's roles (UnitRole rows with their units) read by someone else for this request, so that
    `role_paths` does not read them again (the unit switcher reads them on every page)."""
    _cache(user)["roles"] = [(role.unit.path, role.role) for role in roles]


def visible_paths(user) -> list[str] | None:
    """The subtree roots the user may read; None means everything (superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    cache = _cache(user)
    if "visible" not in cache:
        own = role_paths(user, Role.VIEWER)
        cache["visible"] = outermost(own + predecessor_paths(own))
    return cache["visible"]


def visible_q(user, field: str = "path") -> Q:
    """A filter on a path column (the unit's own, or an owned object's unit path) limiting rows to the user's scope."""
    return subtrees_q(visible_paths(user), field)


def role_q(user, minimum: str, field: str = "path") -> Q:
    if getattr(user, "is_superuser", False) and user.is_active:
        return Q()
    return subtrees_q(role_paths(user, minimum), field)


def has_role_on(user, minimum: str, path: str) -> bool:
    """Whether the user holds at least `minimum` on the unit at `path` or an ancestor of it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return covers(role_paths(user, minimum), path)


def can_view_path(user, path: str) -> bool:
    return covers(visible_paths(user) if getattr(user, "is_authenticated", False) else [], path)


def units_visible_to(user):
    """The units the user may read (DESIGN §4.1)."""
    return OrgUnit.objects.filter(visible_q(user))
