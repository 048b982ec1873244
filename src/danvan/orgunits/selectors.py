"""Every read of units, always through the reader's scope (DESIGN §4.1)."""

import datetime

from django.db import connection
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from danvan.accounts.scope import can_view_path, units_visible_to, visible_paths, visible_q

from .models import LineageLink, OrgUnit, UnitLineage
from .tree import open_on_q, subtree_q, subtree_range


def get_unit_for(user, pk) -> OrgUnit:
    """The unit, or 404 when it does not exist or lies outside the user's scope."""
    return get_object_or_404(units_visible_to(user).select_related("parent"), pk=pk)


def children_of(user, unit: OrgUnit, as_of: datetime.date | None = None):
    qs = units_visible_to(user).filter(parent=unit)
    if as_of:
        qs = qs.filter(open_on_q(as_of))
    return qs.annotate(child_count=Count("children")).open_first(as_of or timezone.localdate())


def roots_for(user, as_of: datetime.date | None = None):
    """The top of the tree the user sees: provinces for a superuser, otherwise the units of their roles."""
    paths = visible_paths(user)
    qs = (
        OrgUnit.objects.filter(parent__isnull=True)
        if paths is None
        else OrgUnit.objects.filter(path__in=paths)
    )
    if as_of:
        qs = qs.filter(open_on_q(as_of))
    return qs.annotate(child_count=Count("children")).open_first(as_of or timezone.localdate())


def subtree_count(unit: OrgUnit, as_of: datetime.date | None = None) -> int:
    """Units in the subtree (open on `as_of` if given): one index-only range count.

    Written as SQL because the count itself takes well under a millisecond and the ORM's query building would
    double it; dashboards call this for every card and child.
    """
    low, high = subtree_range(unit.path)
    table = connection.ops.quote_name(OrgUnit._meta.db_table)
    sql = f"SELECT COUNT(*) FROM {table} WHERE path >= %s AND path < %s"
    params: list = [low, high]
    if as_of:
        sql += " AND (valid_from IS NULL OR valid_from <= %s) AND (valid_to IS NULL OR valid_to >= %s)"
        params += [as_of, as_of]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def tree_as_of(day: datetime.date, root: OrgUnit | None = None):
    """(id, parent_id, name, kind, depth) of every unit open on `day`, parents before children."""
    qs = OrgUnit.objects.filter(open_on_q(day))
    if root is not None:
        qs = qs.filter(subtree_q(root.path))
    return qs.order_by("path").values_list("id", "parent_id", "name", "kind", "depth")


def counts_by_kind(user, day: datetime.date) -> dict[str, int]:
    rows = units_visible_to(user).filter(open_on_q(day)).values("kind").annotate(n=Count("id"))
    return {row["kind"]: row["n"] for row in rows}


def lineage_of(user, unit: OrgUnit) -> dict[str, list[dict]]:
    """Predecessors and successors, each with the event's kind and date; units outside the scope are left out."""
    events = UnitLineage.objects.filter(links__unit=unit).distinct()
    links = (
        LineageLink.objects.filter(event__in=events)
        .exclude(unit=unit)
        .filter(unit__in=units_visible_to(user))
        .select_related("unit", "event", "unit__parent")
        .order_by("event__date", "unit__sort_key")
    )
    own_role = dict(LineageLink.objects.filter(event__in=events, unit=unit).values_list("event_id", "role"))
    result = {"predecessors": [], "successors": []}
    for link in links:
        mine = own_role.get(link.event_id)
        if mine == LineageLink.Role.SUCCESSOR and link.role == LineageLink.Role.PREDECESSOR:
            result["predecessors"].append(link)
        elif mine == LineageLink.Role.PREDECESSOR and link.role == LineageLink.Role.SUCCESSOR:
            result["successors"].append(link)
    return result


def has_history_q() -> Q:
    return Q(lineage_links__isnull=False)


def units_by_code_or_name(root: OrgUnit, refs: set[str]) -> dict[str, list[OrgUnit]]:
    """Units of root's subtree (open or not) whose code or name is one of refs, by ref: how an imported row names
    its parent or its unit. Asked 400 refs at a time: the two lists stay under SQLite's 999 query parameters."""
    found: dict[str, list[OrgUnit]] = {}
    refs_list = sorted(refs)
    for start in range(0, len(refs_list), 400):
        chunk = refs_list[start : start + 400]
        for unit in OrgUnit.objects.filter(subtree_q(root.path)).filter(
            Q(code__in=chunk) | Q(name__in=chunk)
        ):
            for ref in {unit.code, unit.name} & set(chunk):
                found.setdefault(ref, []).append(unit)
    return found


def unit_trail(user, unit: OrgUnit, list_url: str) -> list[tuple[str, str | None]]:
    """Breadcrumb steps for a unit and the units above it, each opening `list_url?unit=` where the user may see it:
    what a list page by unit shows after its module's step."""
    return [
        (step.name, f"{list_url}?unit={step.pk}" if can_view_path(user, step.path) else None)
        for step in [*unit.ancestors(), unit]
    ]


def filter_units(user, anchor: OrgUnit | None, role_units) -> dict[int, OrgUnit]:
    """The short list a unit filter offers: the anchor's ancestors in scope, the anchor, its children in scope, and
    the user's own units."""
    units: dict[int, OrgUnit] = {}
    if anchor is not None:
        for ancestor in anchor.ancestors():
            if can_view_path(user, ancestor.path):
                units[ancestor.pk] = ancestor
        units[anchor.pk] = anchor
        children = anchor.children.all()
        if visible_paths(user) is not None:
            children = children.filter(visible_q(user, "path"))
        for child in children:
            units[child.pk] = child
    for unit in role_units:
        units.setdefault(unit.pk, unit)
    return units
