"""What a unit was formed from: the same-kind units merged into it, and theirs, through `UnitLineage` (DESIGN §6).

A role on a unit covers them (its scope) and a unit's figures for a year before a merge add them up (its counts),
so both read them here, in one query.
"""

from django.db import connection

from .models import LineageLink, OrgUnit
from .tree import path_ids


def predecessor_paths(paths: list[str]) -> list[str]:
    """Paths of the same-kind units that the units at `paths` were formed from, transitively, sorted; the units at
    `paths` themselves are left out, and an empty list has none.

    One recursive query: predecessors of each unit's kind, then theirs, and so on (a dissolved district is not a
    commune's predecessor). The kind is checked by a sub-query on the primary key: as a join, SQLite (with
    statistics) builds a Bloom filter over every unit first.
    """
    if not paths:
        return []
    link, unit_table = LineageLink._meta.db_table, OrgUnit._meta.db_table
    placeholders = ", ".join(["%s"] * len(paths))
    sql = f"""
        WITH RECURSIVE chain(id, kind) AS (
            SELECT id, kind FROM {unit_table} WHERE path IN ({placeholders})
            UNION
            SELECT p.unit_id, c.kind FROM chain c
            JOIN {link} s ON s.unit_id = c.id AND s.role = %s
            JOIN {link} p ON p.event_id = s.event_id AND p.role = %s
            WHERE (SELECT pu.kind FROM {unit_table} pu WHERE pu.id = p.unit_id) = c.kind
        )
        SELECT DISTINCT path FROM {unit_table}
        WHERE id IN (SELECT id FROM chain) AND path NOT IN ({placeholders}) ORDER BY path"""
    params = [*paths, LineageLink.Role.SUCCESSOR, LineageLink.Role.PREDECESSOR, *paths]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [path for (path,) in cursor.fetchall()]


def lineage_paths(unit: OrgUnit) -> list[str]:
    """The unit's own path first, then those of the same-kind units it was formed from: the subtrees its figures
    cover (the 2024 figure of a province made in 2025 is the sum of its predecessors')."""
    return [unit.path, *predecessor_paths([unit.path])]


def lineage_unit_ids(unit: OrgUnit) -> list[int]:
    """The ids of the unit and of the same-kind units it was formed from (no query beyond `lineage_paths`)."""
    return [path_ids(path)[-1] for path in lineage_paths(unit)]
