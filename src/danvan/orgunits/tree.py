"""The unit tree in paths: a unit's materialised path ("/92/31117/") names its subtree, so every question about the
tree is a question about path prefixes, answered here without a query (DESIGN §7).

One meaning everywhere: a list of paths stands for the union of their subtrees, so an empty list covers nothing;
`None` where a function accepts it means no limit (the whole country, as for a superuser's scope).
The units a unit was formed from (its lineage) are read from the database in `orgunits.lineage`.
"""

import datetime

from django.db.models import Q


def subtree_range(path: str) -> tuple[str, str]:
    """[low, high) of the paths in the subtree at `path` ("/12/34/"): one index range, no LIKE."""
    return path, path[:-1] + "0"


def path_ids(path: str) -> list[int]:
    """The unit ids along a path, from the root: "/54/909/" → [54, 909]."""
    return [int(part) for part in path.strip("/").split("/") if part]


def subtree_q(path: str, field: str = "path") -> Q:
    """Rows whose `field` (a unit's path, or an owned object's copy of it) lies in the subtree at `path`."""
    low, high = subtree_range(path)
    return Q(**{f"{field}__gte": low, f"{field}__lt": high})


def subtrees_q(paths: list[str] | None, field: str = "path") -> Q:
    """Rows in any of the subtrees at `paths`: nothing for an empty list, everything for None."""
    if paths is None:
        return Q()
    paths = outermost(paths)
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= subtree_q(path, field)
    return q


def outermost(paths) -> list[str]:
    """The paths not inside another of the list (their subtrees are covered already), sorted; [] for []."""
    result: list[str] = []
    for path in sorted(set(paths)):
        if not result or not path.startswith(result[-1]):
            result.append(path)
    return result


def intersect_paths(paths: list[str], within: list[str] | None) -> list[str]:
    """The subtrees covered both by `paths` and by `within` (None: everywhere), as outermost paths."""
    if within is None:
        return outermost(paths)
    found = []
    for path in paths:
        for outer in within:
            if path.startswith(outer):
                found.append(path)
            elif outer.startswith(path):
                found.append(outer)
    return outermost(found)


def covers(paths: list[str] | None, path: str) -> bool:
    """Whether the unit at `path` lies in one of the subtrees at `paths` (None: everywhere)."""
    return paths is None or any(path.startswith(outer) for outer in paths)


def open_on_q(day: datetime.date, prefix: str = "") -> Q:
    """Units open on `day`: started on or before it (or start unknown) and not yet closed.

    `prefix` reaches the unit through a relation ("unit__")."""
    return open_during_q(day, day, prefix)


def open_during_q(first: datetime.date | None, last: datetime.date | None, prefix: str = "") -> Q:
    """Units open on at least one day from `first` to `last`: started by `last` and not closed before `first`.

    A bound of None is open-ended (no start: any time until `last`; no end: any time from `first`)."""
    q = Q()
    if last is not None:
        q &= Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": last})
    if first is not None:
        q &= Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": first})
    return q
