"""Who may see and change what: roles on units, each covering the unit's subtree (DESIGN §4.1).

A role on a unit also covers the history of that unit: the subtrees of the units of the same kind it was formed
from (an old commune merged into a new one, an old province into a new province), so old and new figures stay
comparable for the people who now own them.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VIEWER = "viewer", _("Xem")
    EDITOR = "editor", _("Nhập liệu, biên tập")
    APPROVER = "approver", _("Phê duyệt")
    ADMIN = "admin", _("Quản trị đơn vị")


ROLE_RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.APPROVER: 3, Role.ADMIN: 4}


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
        from danvan.accounts.models import UnitRole

        cache["roles"] = list(UnitRole.objects.filter(user=user).values_list("unit__path", "role"))
    wanted = set(roles_at_least(minimum))
    return sorted({path for path, role in cache["roles"] if role in wanted})


def history_paths(paths: list[str]) -> list[str]:
    """Paths of the same-kind units that the units at `paths` were formed from, transitively."""
    from danvan.orgunits.models import LineageLink, OrgUnit

    found: set[str] = set()
    frontier = list(OrgUnit.objects.filter(path__in=paths).values_list("id", "kind"))
    seen = {unit_id for unit_id, _kind in frontier}
    while frontier:
        predecessors = LineageLink.objects.filter(
            role=LineageLink.Role.PREDECESSOR,
            event__links__role=LineageLink.Role.SUCCESSOR,
            event__links__unit_id__in=[unit_id for unit_id, _kind in frontier],
        ).values_list("unit_id", "unit__kind", "unit__path", "event__links__unit__kind")
        frontier = []
        for unit_id, kind, path, successor_kind in predecessors:
            if kind != successor_kind or unit_id in seen:
                continue
            seen.add(unit_id)
            found.add(path)
            frontier.append((unit_id, kind))
    return sorted(found)


def _prefix_q(paths: list[str], field: str) -> Q:
    from danvan.orgunits.models import subtree_q

    paths = _outermost(paths)
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= subtree_q(path, field)
    return q


def _outermost(paths: list[str]) -> list[str]:
    """Drops paths inside another path of the list: their subtrees are already covered."""
    result: list[str] = []
    for path in sorted(set(paths)):
        if not result or not path.startswith(result[-1]):
            result.append(path)
    return result


def visible_paths(user) -> list[str] | None:
    """The subtree roots the user may read; None means everything (superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    cache = _cache(user)
    if "visible" not in cache:
        own = role_paths(user, Role.VIEWER)
        cache["visible"] = _outermost(own + history_paths(own)) if own else []
    return cache["visible"]


def visible_q(user, field: str = "path") -> Q:
    """A filter on a path column (the unit's own, or an owned object's unit path) limiting rows to the user's scope."""
    paths = visible_paths(user)
    if paths is None:
        return Q()
    return _prefix_q(paths, field)


def role_q(user, minimum: str, field: str = "path") -> Q:
    if getattr(user, "is_superuser", False) and user.is_active:
        return Q()
    return _prefix_q(role_paths(user, minimum), field)


def has_role_on(user, minimum: str, path: str) -> bool:
    """Whether the user holds at least `minimum` on the unit at `path` or an ancestor of it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(path.startswith(own) for own in role_paths(user, minimum))


def can_view_path(user, path: str) -> bool:
    paths = visible_paths(user) if getattr(user, "is_authenticated", False) else []
    if paths is None:
        return True
    return any(path.startswith(own) for own in paths)


def current_unit_for(request):
    """The unit the user works as: the one chosen in the switcher, else their highest role's unit."""
    from danvan.accounts.models import UnitRole
    from danvan.orgunits.models import OrgUnit

    user = request.user
    chosen = request.session.get("current_unit_id")
    roles = (
        UnitRole.objects.filter(user=user).select_related("unit").order_by("unit__depth", "unit__sort_key")
    )
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
