"""Reads of the register, always through the reader's scope; the counts come from the yearly fact rows."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection, connections
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from danvan.accounts.scope import visible_q
from danvan.core.replica import analytics_db
from danvan.orgunits.lineage import lineage_paths, lineage_unit_ids
from danvan.orgunits.models import OrgUnit, UnitGroup
from danvan.orgunits.tree import (
    intersect_paths,
    open_during_q,
    outermost,
    subtree_q,
    subtree_range,
    subtrees_q,
)

from .models import Attachment, Campaign, Field, Level, Practice, PracticeYear, PracticeYearField, Status

DIMENSIONS = ("level", "field", "kind", "group", "status")


def practices_visible_to(user):
    return Practice.objects.filter(visible_q(user, "owner_path"))


def get_practice_for(user, pk) -> Practice:
    return get_object_or_404(
        practices_visible_to(user).select_related("owner", "recognised_by", "replicated_from"), pk=pk
    )


def fields_for(unit: OrgUnit | None):
    """The four standard fields plus those local to the unit's ancestors (or to it)."""
    q = Q(owner__isnull=True)
    if unit is not None:
        q |= Q(owner_id__in=[*unit.ancestor_ids, unit.pk])
    return Field.objects.filter(q, is_active=True).order_by("position", "name")


def facts_for(unit: OrgUnit, year: int):
    """The practice-years counted for a unit and year (scope is checked by the caller on `unit`)."""
    return PracticeYear.objects.filter(subtrees_q(lineage_paths(unit), "owner_path"), year=year)


# --- counts ---------------------------------------------------------------------------------------------------------
#
# Every figure comes from the two yearly fact tables, PracticeYear (one row per practice and year) and
# PracticeYearField (one row per practice, year and field), through their covering indexes on
# (year, owner_path, level, …): a subtree is one index range, so a count is an index-only range scan with a GROUP BY.
# A unit with predecessors counts several disjoint ranges; each range is its own branch of one UNION ALL statement
# (an OR of ranges would make PostgreSQL fall back to a bitmap heap scan) and the branches are added up here.
# All the GROUP BYs a page needs go out as one statement, whatever the number of units, groups or fields.

_TABLES = {"years": PracticeYear._meta.db_table, "fields": PracticeYearField._meta.db_table}
# One column layout for every branch, so UNION ALL sees one type per position on PostgreSQL too.
_LAYOUT = ("year", "level", "kind", "status", "field")
_SQL_COLUMN = {"year": "year", "level": "level", "kind": "kind", "status": "status", "field": "field_id"}
# Typed, so that PostgreSQL matches the branches of a long UNION ALL whichever columns each groups by.
_NULL = {
    "year": "CAST(NULL AS INTEGER)",
    "level": "CAST(NULL AS VARCHAR(10))",
    "kind": "CAST(NULL AS VARCHAR(10))",
    "status": "CAST(NULL AS VARCHAR(16))",
    "field": "CAST(NULL AS BIGINT)",
}
# SQLite refuses a compound SELECT of more than 500 terms.
_MAX_BRANCHES = 250


@dataclass
class Tally:
    """One GROUP BY: `table` ("years" or "fields"), the columns grouped by, the years, and the subtrees, each under a
    tag (the khối it counts for; 0 when there is one set). `paths` None counts the whole country."""

    table: str
    columns: tuple[str, ...]
    years: tuple[int, ...]
    paths: dict[int, list[str]] | None

    def branches(self):
        if self.paths is None:
            yield 0, None, None
            return
        for tag, paths in self.paths.items():
            for path in outermost(paths):
                low, high = subtree_range(path)
                yield tag, low, high


def run_counts(counts: list["Tally"]) -> list[dict[tuple, int]]:
    """Runs the GROUP BYs in one statement (more only past _MAX_BRANCHES ranges) and returns, for each, a dict
    {(tag, *values of its columns): count}; groups with no rows are absent."""
    results: list[dict[tuple, int]] = [defaultdict(int) for _ in counts]
    branches, params = [], []
    statements = []
    for index, count in enumerate(counts):
        grouped = [_SQL_COLUMN[c] for c in count.columns]
        select = ", ".join(_SQL_COLUMN[c] if c in count.columns else _NULL[c] for c in _LAYOUT)
        group_by = f" GROUP BY {', '.join(grouped)}" if grouped else ""
        where = "year = %s" if len(count.years) == 1 else f"year IN ({', '.join(['%s'] * len(count.years))})"
        for tag, low, high in count.branches():
            sql = f"SELECT {index}, {int(tag)}, {select}, COUNT(*) FROM {_TABLES[count.table]} WHERE {where}"
            params.extend(count.years)
            if low is not None:
                sql += " AND owner_path >= %s AND owner_path < %s"
                params.extend((low, high))
            branches.append(sql + group_by)
            if len(branches) == _MAX_BRANCHES:
                statements.append((" UNION ALL ".join(branches), params))
                branches, params = [], []
    if branches:
        statements.append((" UNION ALL ".join(branches), params))
    positions = [[1 + 1 + _LAYOUT.index(c) for c in count.columns] for count in counts]
    with connections[analytics_db()].cursor() as cursor:
        for sql, statement_params in statements:
            cursor.execute(sql, statement_params)
            for row in cursor.fetchall():
                index, n = row[0], row[-1]
                if n:
                    results[index][(row[1], *(row[p] for p in positions[index]))] += n
    return [dict(result) for result in results]


def scope_paths(unit: OrgUnit | None, lineage: list[str] | None = None) -> list[str] | None:
    """What a unit's figures count (its subtree and its predecessors'); None for the whole country. `lineage`: the
    unit's `lineage_paths` when the caller read them already."""
    if unit is None:
        return None
    return outermost(lineage if lineage is not None else lineage_paths(unit))


def groups_of(unit: OrgUnit | None) -> list[UnitGroup]:
    """The khối the unit (or the units it was formed from) has set up, with their members' paths."""
    if unit is None:
        return []
    return list(
        UnitGroup.objects.filter(owner_id__in=lineage_unit_ids(unit))
        .prefetch_related(Prefetch("members", queryset=OrgUnit.objects.only("id", "path")))
        .order_by("name", "id")
    )


def group_paths(groups: list[UnitGroup], within: list[str] | None) -> dict[int, list[str]]:
    """{group id: the member subtrees inside `within`}; a khối with no member there is left out."""
    result = {}
    for group in groups:
        paths = intersect_paths([member.path for member in group.members.all()], within)
        if paths:
            result[group.pk] = paths
    return result


def _field_info(ids) -> dict[int, tuple[str, str, int]]:
    """{id: (code, name, position)} of the fields with these ids (plain SQL: on every count, the ORM's query
    building would cost more than the query)."""
    ids = sorted(int(pk) for pk in ids)
    if not ids:
        return {}
    table = Field._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, code, name, position FROM {table} WHERE id IN ({', '.join(['%s'] * len(ids))})", ids
        )
        return {pk: (code, name, position) for pk, code, name, position in cursor.fetchall()}


def stats(unit: OrgUnit | None, year: int, by: list[str], lineage: list[str] | None = None) -> dict:
    """{"total": N, "rows": [{dimension: value, ..., "count": n}]} for the unit's subtree and year (`lineage`: the
    unit's `lineage_paths` when the caller read them already).

    `unit` None counts the whole country (callers let only superusers do that). A practice with two fields counts
    once in the total and once under each field; "group" counts the practices of the units of each khối that the
    unit has set up (a hamlet's practice counts in its commune's khối). Field rows carry the field's code, id and name;
    group rows the khối's name and id. One statement for the counts, whatever the unit.
    """
    by = [d for d in DIMENSIONS if d in by]
    within = scope_paths(unit, lineage)
    everything = None if within is None else {0: within}
    columns = tuple(d for d in by if d != "group")
    table = "fields" if "field" in by else "years"
    groups = groups_of(unit) if "group" in by else []
    counts = [Tally("years", (), (year,), everything)]
    if by and "group" in by:
        counts.append(Tally(table, columns, (year,), group_paths(groups, within)))
    elif by:
        counts.append(Tally(table, columns, (year,), everything))
    results = run_counts(counts)
    total = sum(results[0].values())
    if not by:
        return {"total": total, "rows": []}
    names = {group.pk: group.name for group in groups}
    fields = (
        _field_info({key[1 + columns.index("field")] for key in results[1]}) if "field" in columns else {}
    )
    rows = []
    for key, n in results[1].items():
        row = {}
        if "group" in by:
            row["group"], row["group_id"] = names[key[0]], key[0]
        for column, value in zip(columns, key[1:], strict=True):
            if column == "field":
                code, name, _position = fields.get(value, ("", "", 0))
                row.update(field=code, field_id=value, field_name=name)
            else:
                row[column] = value
        row["count"] = n
        rows.append(row)
    rows.sort(key=_row_order(by, groups, fields))
    return {"total": total, "rows": rows}


def national_stats(year: int, by: list[str]) -> dict:
    """The country's counts: every province, old and new (for superusers; "group" has no meaning here)."""
    return stats(None, year, [d for d in by if d != "group"])


_ORDER = {
    "level": {value: i for i, value in enumerate(Level.values)},
    "kind": {value: i for i, value in enumerate(Practice.Kind.values)},
    "status": {value: i for i, value in enumerate(Status.values)},
}


def _row_order(by, groups, fields):
    group_order = {group.pk: i for i, group in enumerate(groups)}

    def key(row):
        parts = []
        for dimension in by:
            if dimension == "group":
                parts.append(group_order.get(row["group_id"], 0))
            elif dimension == "field":
                parts.append((fields.get(row["field_id"], ("", "", 0))[2], row["field_name"]))
            else:
                parts.append(_ORDER[dimension].get(row[dimension], 99))
        return parts

    return key


def campaign_completion(campaign: Campaign) -> dict:
    """Expected units of the campaign, those that registered a practice that year, and those that have not."""
    year_start, year_end = datetime.date(campaign.year, 1, 1), datetime.date(campaign.year, 12, 31)
    expected = OrgUnit.objects.filter(subtree_q(campaign.unit.path)).exclude(pk=campaign.unit_id)
    expected = expected.filter(open_during_q(year_start, year_end))
    scope = Q()
    if campaign.expected_kinds:
        scope |= Q(kind__in=campaign.expected_kinds)
    group_ids = list(campaign.expected_groups.values_list("pk", flat=True))
    if group_ids:
        scope |= Q(groups__in=group_ids)
    expected = expected.filter(scope).distinct()
    registered_ids = set(
        PracticeYear.objects.filter(subtree_q(campaign.unit.path, "owner_path"), year=campaign.year)
        .values_list("owner_id", flat=True)
        .distinct()
    )
    expected_list = list(expected.order_by("sort_key").values("pk", "name", "kind"))
    done = [u for u in expected_list if u["pk"] in registered_ids]
    missing = [u for u in expected_list if u["pk"] not in registered_ids]
    share = round(100 * len(done) / len(expected_list), 1) if expected_list else 0.0
    return {
        "expected": len(expected_list),
        "registered": len(done),
        "percent": share,
        "missing": missing,
        "done": done,
    }


# What other apps may count by (reporting's figures from the register): the levels in order, and the statuses that
# make a practice recognised, or replicated.
#
# One definition everywhere (dashboard, counts page, list, report cells): a model is *registered in year Y* when it
# has a fact row for Y (registered that year, or re-confirmed as continuing), counted once whatever its fields; it is
# *recognised in year Y* when its status that year is recognised or replicated (a replicated model was recognised
# first); *replicated* when that status is replicated.
LEVELS = tuple(Level.values)
RECOGNISED_STATUSES = frozenset({Status.RECOGNISED, Status.REPLICATED})
REPLICATED_STATUSES = frozenset({Status.REPLICATED})
# The list filter's status value for "recognised, replicated included" (RECOGNISED_STATUSES).
RECOGNISED_ANY = "recognised_any"


def year_summary(unit: OrgUnit | None, year: int, lineage: list[str] | None = None) -> dict[str, int]:
    """{"total", "recognised", "replicated"} of the unit's subtree (None: the country) in the year, by the one
    definition above: one statement (and one for the unit's lineage, unless the caller gives it)."""
    by_status = {row["status"]: row["count"] for row in stats(unit, year, ["status"], lineage)["rows"]}
    return {
        "total": sum(by_status.values()),
        "recognised": sum(n for status, n in by_status.items() if status in RECOGNISED_STATUSES),
        "replicated": sum(n for status, n in by_status.items() if status in REPLICATED_STATUSES),
    }


def recognised_for_showcase():
    """Recognised (and replicated) models for the public page: no scope, no personal contact data; their photos
    (image attachments) as `photos`."""
    return (
        Practice.objects.filter(status__in=RECOGNISED_STATUSES)
        .select_related("owner", "recognised_by")
        .prefetch_related("fields", Prefetch("attachments", queryset=showcase_photos(), to_attr="photos"))
        .order_by("-recognition_date", "-id")
    )


def showcase_photos():
    """The attachments the public showcase may show: images only (a PDF or a Word file may hold anything), of
    recognised and replicated models."""
    return Attachment.objects.filter(
        content_type__startswith="image/", practice__status__in=RECOGNISED_STATUSES
    ).order_by("uploaded_at", "id")
