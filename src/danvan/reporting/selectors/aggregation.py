"""Live aggregates of the reporting figures.

Aggregates are computed on request from the `Value` fact table through its covering index (period, unit_path,
indicator, category, number): a subtree is one index range, a breakdown by child one range per child, all sent as
one UNION ALL statement (as the practice counts do). Nothing is precomputed, so a value saved a second ago is in
every total. A unit's figure for a period before it existed is its predecessors' (lineage), as in the practice counts.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, connections
from django.db.models import Q

from danvan.core import figures as figure_cache
from danvan.core.figures import REPORTING, UNITS, VALUES, cached_figures
from danvan.core.periods import Period
from danvan.core.replica import analytics_db
from danvan.orgunits.lineage import lineage_paths, lineage_unit_ids
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import open_on_q, outermost, subtree_range

from .. import expressions
from ..models import (
    Aggregation,
    Indicator,
    SectionIndicator,
    Submission,
    Value,
    ValueType,
)

# SQLite refuses a compound SELECT of more than 500 terms.
_MAX_BRANCHES = 250

# Which reports' figures a total counts: `approved` (the default), `submitted` (submitted or approved) or `all`
# (drafts and returned reports too, and figures of no report). A unit's figures for a period count when its report,
# of a form holding the indicator, for that period, is in these statuses.
APPROVED, SUBMITTED, ALL = "approved", "submitted", "all"
COUNTED_STATUSES: dict[str, tuple[str, ...] | None] = {
    APPROVED: (Submission.Status.APPROVED,),
    SUBMITTED: (Submission.Status.SUBMITTED, Submission.Status.APPROVED),
    ALL: None,
}


@dataclass(frozen=True)
class Counted:
    """Which reports' figures are counted: the statuses, and the forms whose reports count for these indicators
    (a value counts when its unit's report of one of `form_ids` for its period is in `statuses`). `statuses` None:
    every figure, of whatever report."""

    statuses: tuple[str, ...] | None = None
    form_ids: tuple[int, ...] = ()

    def sql(self, periods: list[str]) -> tuple[str, str, list]:
        """(a WITH clause to put before the statement, the WHERE clause's condition on the value rows, the WITH's
        parameters); ("", "", []) for every figure. The counted reports are read once into the common table
        `counted_reports` (materialised: a compound statement of a hundred ranges would otherwise read them again for
        each), and each value row is kept by a semi-join on (period, unit_path), both in the covering index (period,
        unit_path, …): the reports are few (one a unit and period), the values many."""
        if self.statuses is None:
            return "", "", []
        if not self.form_ids:
            return "", " AND 1 = 0", []
        table = Submission._meta.db_table
        with_sql = (
            f"WITH counted_reports AS MATERIALIZED (SELECT period, unit_path FROM {table} WHERE form_id IN"
            f" ({', '.join(['%s'] * len(self.form_ids))}) AND period IN ({', '.join(['%s'] * len(periods))})"
            f" AND status IN ({', '.join(['%s'] * len(self.statuses))})) "
        )
        condition = (
            " AND unit_path IN (SELECT unit_path FROM counted_reports)"
            if len(periods) == 1
            else " AND (period, unit_path) IN (SELECT period, unit_path FROM counted_reports)"
        )
        return with_sql, condition, [*self.form_ids, *periods, *self.statuses]


def counted_groups(indicator_ids: list[int], status: str) -> list[tuple[Counted, list[int]]]:
    """The indicators grouped by the forms holding them, each group with what it counts (one group for the usual
    case, the indicators of one form; one group of everything for `all`)."""
    statuses = COUNTED_STATUSES[status]
    if statuses is None or not indicator_ids:
        return [(EVERY, list(indicator_ids))]
    forms_of: dict[int, set[int]] = defaultdict(set)
    for indicator_id, form_id in SectionIndicator.objects.filter(indicator_id__in=indicator_ids).values_list(
        "indicator_id", "section__form_id"
    ):
        forms_of[indicator_id].add(form_id)
    groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for indicator_id in indicator_ids:
        groups[tuple(sorted(forms_of[indicator_id]))].append(indicator_id)
    return [(Counted(statuses, form_ids), ids) for form_ids, ids in sorted(groups.items())]


EVERY = Counted()  # every figure, of whatever report


@dataclass(frozen=True)
class Branch:
    """One subtree range added up under a tag: the unit itself (0) or the child unit it counts for.

    On PostgreSQL a child's own subtree, directly under the unit, has `within` set to the unit's path: all such
    children are read in one pass over the unit's range, each row counted for the child its path names next. A
    UNION ALL of a hundred ranges costs PostgreSQL more to plan than to run (a province's pivot: 65 ms against 23 ms),
    while SQLite runs it faster than the one pass (27 ms against 36 ms) unless the values are filtered by their
    reports' status (each range would probe the counted reports again)."""

    tag: int
    low: str | None
    high: str | None
    within: str | None = None


def _branches_for(
    unit: OrgUnit | None, period: Period, by: str | None, one_pass: bool
) -> tuple[list[Branch], list[OrgUnit]]:
    if unit is None:
        # The whole country: one branch without a range; by child means by province (grouped in SQL).
        return [Branch(0, None, None)], []
    if by != "child":
        return [Branch(0, *subtree_range(path)) for path in outermost(lineage_paths(unit))], []
    if unit.valid_from is not None and unit.valid_from > period.end:
        # The unit did not exist yet: the units that stood for it then are the ones it was formed from.
        predecessors = list(
            OrgUnit.objects.filter(path__in=lineage_paths(unit)[1:]).order_by("sort_key", "id")
        )
        return [Branch(p.pk, *subtree_range(p.path)) for p in predecessors], predecessors
    children = list(
        OrgUnit.objects.filter(
            Q(parent_id__in=lineage_unit_ids(unit)) | Q(parent=unit), open_on_q(period.end)
        )
        .exclude(pk=unit.pk)
        .order_by("sort_key", "id")
    )
    branches = []
    for child in children:
        # A child formed during or after the period counts what its predecessors reported then.
        created_late = child.valid_from is not None and child.valid_from > period.start
        if one_pass and not created_late and child.parent_id == unit.pk and child.path.startswith(unit.path):
            branches.append(Branch(child.pk, *subtree_range(child.path), within=unit.path))
            continue
        paths = lineage_paths(child) if created_late else [child.path]
        branches.extend(Branch(child.pk, *subtree_range(path)) for path in outermost(paths))
    return branches, children


@dataclass(slots=True)
class Cell:
    total: float = 0.0
    count: int = 0
    low: float | None = None
    high: float | None = None

    def add(self, total, count, low, high):
        self.total += total or 0
        self.count += count or 0
        if low is not None:
            self.low = low if self.low is None else min(self.low, low)
        if high is not None:
            self.high = high if self.high is None else max(self.high, high)

    def value(self, aggregation: str) -> float | None:
        return _figure(aggregation, self.total, self.count, self.low, self.high)


# A cell's partial figures as the database adds them up: (total, count, low, high). Plain tuples, not Cells: a pivot
# handles tens of thousands of them per request.
Stats = tuple


def _figure(aggregation: str, total, count, low, high) -> float | None:
    if not count:
        return None
    if aggregation == Aggregation.AVERAGE:
        return total / count
    if aggregation == Aggregation.MIN:
        return low
    if aggregation == Aggregation.MAX:
        return high
    if aggregation == Aggregation.NONE:
        return total if count == 1 else None
    return total  # sum, and "last" across units (the last value of each unit, added up)


def _combined(a: Stats, b: Stats) -> Stats:
    return (
        (a[0] or 0.0) + (b[0] or 0.0),
        (a[1] or 0) + (b[1] or 0),
        b[2] if a[2] is None else a[2] if b[2] is None else min(a[2], b[2]),
        b[3] if a[3] is None else a[3] if b[3] is None else max(a[3], b[3]),
    )


def _run(
    branches: list[Branch],
    indicator_ids: list[int],
    periods: list[str],
    by_province: bool,
    extremes: bool = True,
    counted: Counted = EVERY,
):
    """{(tag or province code, indicator id, period, category): Stats} for the branches, in one statement (more only
    past _MAX_BRANCHES ranges, and one for the children read in one pass over their parent's range). Without
    `extremes` (no indicator added up by min or max), the cells' low and high are not computed: two aggregates a
    row fewer. Only the values of the reports `counted` counts."""
    table = Value._meta.db_table
    cells: dict[tuple, Stats] = {}
    if not indicator_ids or not periods:
        return cells
    period_sql = "period = %s" if len(periods) == 1 else f"period IN ({', '.join(['%s'] * len(periods))})"
    indicator_sql = f"indicator_id IN ({', '.join(['%s'] * len(indicator_ids))})"
    tag_sql = "province_code" if by_province else "%s"
    extremes_sql = "MIN(number), MAX(number)" if extremes else "NULL, NULL"
    # One period is given back as it was asked, not grouped by: the planner then expects as many groups as there are.
    period_column, period_params = ("%s", periods[:1]) if len(periods) == 1 else ("period", [])
    group_sql = "indicator_id, category" if period_params else "indicator_id, period, category"
    with_sql, counted_sql, with_params = counted.sql(periods)
    statements, parts, params = [], [], []
    siblings: dict[str, dict[str, int]] = defaultdict(dict)  # the unit's path → {child's path segment: tag}
    for branch in branches:
        if branch.within is not None:
            siblings[branch.within][branch.low[len(branch.within) : -1]] = branch.tag
            continue
        sql = (
            f"SELECT {tag_sql}, indicator_id, {period_column}, category, SUM(number), COUNT(number), {extremes_sql}"
            f" FROM {table} WHERE {period_sql}"
        )
        branch_params = [] if by_province else [branch.tag]
        branch_params += [*period_params, *periods]
        if branch.low is not None:
            sql += " AND unit_path >= %s AND unit_path < %s"
            branch_params += [branch.low, branch.high]
        sql += f" AND {indicator_sql}{counted_sql} GROUP BY {'province_code, ' if by_province else ''}{group_sql}"
        parts.append(sql)
        params += branch_params + indicator_ids
        if len(parts) == _MAX_BRANCHES:
            statements.append((with_sql + " UNION ALL ".join(parts), with_params + params))
            parts, params = [], []
    if parts:
        statements.append((with_sql + " UNION ALL ".join(parts), with_params + params))
    with connections[analytics_db()].cursor() as cursor:
        for sql, statement_params in statements:
            cursor.execute(sql, statement_params)
            for row in cursor.fetchall():
                key, stats = row[:4], row[4:]
                cells[key] = _combined(cells[key], stats) if key in cells else stats
        for within, tags in siblings.items():
            segment_sql, segment_params = _segment_after(within)
            cursor.execute(
                f"{with_sql}SELECT {segment_sql}, indicator_id, {period_column}, category, SUM(number), COUNT(number),"
                f" {extremes_sql} FROM {table} WHERE {period_sql} AND unit_path > %s AND unit_path < %s"
                f" AND {indicator_sql}{counted_sql} GROUP BY 1, {group_sql}",
                [
                    *with_params,
                    *segment_params,
                    *period_params,
                    *periods,
                    *subtree_range(within),
                    *indicator_ids,
                ],
            )
            # Each (child, indicator, period, category) comes once from this statement and no branch above counts
            # these children, so the rows go in as they are; rows of the unit itself and of children closed by then
            # have no tag.
            cells.update(
                {
                    (tags[segment], indicator_id, period, category): (total, count, low, high)
                    for segment, indicator_id, period, category, total, count, low, high in cursor.fetchall()
                    if segment in tags
                }
            )
    return cells


def _national_cells(
    indicator_ids: list[int], periods: list[str], by_province: bool, extremes: bool, counted: Counted
) -> dict[tuple, Stats]:
    """`_run` for the whole country: {(province code if by_province else 0, indicator id, period, category): Stats},
    put together from each province's cells, which are cached under that province's version of the values
    (core.figures): after a commune saves a cell, its province is added up again and the others come from the cache."""
    cells: dict[tuple, Stats] = {}
    for code, found in _cells_by_province(indicator_ids, periods, extremes, counted).items():
        tag = code if by_province else 0
        for (indicator_id, period, category), stats in found.items():
            key = (tag, indicator_id, period, category)
            cells[key] = _combined(cells[key], stats) if key in cells else stats
    return cells


def _cells_by_province(
    indicator_ids: list[int], periods: list[str], extremes: bool, counted: Counted
) -> dict[str, dict]:
    """{province code: {(indicator id, period, category): Stats}} over every province code the unit tree knows
    (today's and the merged ones'), those not cached added up in one statement. A report's change of status
    bumps its province's version as a value write does (services.workflow)."""
    if not indicator_ids or not periods:
        return {}
    codes = cached_figures(
        "province-codes",
        [UNITS],
        None,
        lambda: sorted(set(OrgUnit.objects.values_list("province_code", flat=True).distinct())),
    )
    tokens = figure_cache.area_versions(VALUES)
    asked = figure_cache.key_digest((indicator_ids, periods, extremes, counted))
    names = {
        code: f"figures:province-cells:{figure_cache.database_key()}:{code}:{tokens[code]:x}:{asked}"
        for code in codes
        if code in tokens
    }
    found = cache.get_many(list(names.values()))
    by_code = {code: found[name] for code, name in names.items() if name in found}
    missing = [code for code in codes if code not in by_code]
    if not missing:
        return by_code
    table = Value._meta.db_table
    period_sql = ", ".join(["%s"] * len(periods))
    indicator_sql = ", ".join(["%s"] * len(indicator_ids))
    extremes_sql = "MIN(number), MAX(number)" if extremes else "NULL, NULL"
    sql = (
        f"SELECT province_code, indicator_id, period, category, SUM(number), COUNT(number), {extremes_sql}"
        f" FROM {table} WHERE period IN ({period_sql}) AND indicator_id IN ({indicator_sql})"
    )
    with_sql, counted_sql, with_params = counted.sql(periods)
    sql = with_sql + sql + counted_sql
    params = [*with_params, *periods, *indicator_ids]
    if len(missing) < len(codes):
        sql += f" AND province_code IN ({', '.join(['%s'] * len(missing))})"
        params += missing
    sql += " GROUP BY province_code, indicator_id, period, category"
    computed: dict[str, dict] = {code: {} for code in missing}
    with connections[analytics_db()].cursor() as cursor:
        cursor.execute(sql, params)
        for code, indicator_id, period, category, *stats in cursor.fetchall():
            computed.setdefault(code, {})[(indicator_id, period, category)] = tuple(stats)
    cache.set_many(
        {names[code]: cells for code, cells in computed.items() if code in names}, figure_cache.TIMEOUT
    )
    return by_code | computed


def _segment_after(path: str) -> tuple[str, list]:
    """SQL for the path segment that follows `path` in unit_path (the id of the child of `path` a row is under)."""
    start = len(path) + 1
    if connection.vendor == "postgresql":
        return "split_part(substr(unit_path, %s), '/', 1)", [start]
    return "substr(unit_path, %s, instr(substr(unit_path, %s), '/') - 1)", [start, start]


def needed_indicators(indicators: list[Indicator]) -> list[Indicator]:
    """The indicators asked for plus every stored indicator their formulas use, transitively (one query a round)."""
    by_code = {indicator.code: indicator for indicator in indicators}
    wanted = set()
    for indicator in indicators:
        if indicator.expression:
            wanted |= expressions.codes_in(indicator.expression)
    while wanted - set(by_code):
        found = list(Indicator.objects.filter(code__in=wanted - set(by_code)))
        if not found:
            break
        wanted = set()
        for indicator in found:
            by_code[indicator.code] = indicator
            if indicator.expression:
                wanted |= expressions.codes_in(indicator.expression)
    return list(by_code.values())


def aggregate(
    indicators: list[Indicator],
    unit: OrgUnit | None,
    periods: list[Period],
    by: str | None = None,
    status: str = APPROVED,
) -> dict:
    """Live totals: {"rows": [{"indicator", "unit", "period", "category", "value"}], "units": [...]} .

    Without `by`, one row per indicator, period and category option combination for the unit's whole subtree
    (the unit's id as "unit"), plus the total over categories ("category": ""). With by="child", the same for each
    child unit open at the end of the period. `unit` None is the whole country (by child: by province). Scope is
    the caller's business (the unit must be visible to the user). Text indicators are not added up. `status` says
    whose figures count (COUNTED_STATUSES): approved reports' by default, `submitted` or `all`.

    Cached until the next write of a figure, a definition or the unit tree (core.figures): the pivot, its export
    and the API ask for the same totals again and again between two writes.
    """
    key = (
        [(i.pk, i.code, i.expression, i.aggregation, i.value_type) for i in indicators],
        unit.pk if unit is not None else None,
        sorted({p.code for p in periods}),
        by,
        status,
    )
    return cached_figures(
        "aggregate",
        (REPORTING, UNITS),
        key,
        lambda: aggregate_uncached(indicators, unit, periods, by, provinces_cached=True, status=status),
    )


def aggregate_uncached(
    indicators: list[Indicator],
    unit: OrgUnit | None,
    periods: list[Period],
    by: str | None = None,
    provinces_cached: bool = False,
    status: str = APPROVED,
) -> dict:
    """`aggregate` computed now from the fact table (the benchmarks time this). With `provinces_cached`, the whole
    country's figures are put together from each province's cached ones (see `_national_cells`)."""
    periods = sorted(set(periods))
    everything = needed_indicators(indicators)
    stored = [i for i in everything if not i.expression and i.value_type != ValueType.TEXT]
    computed = {i.code: i.expression for i in everything if i.expression}
    by_id = {i.pk: i for i in stored}
    extremes = any(i.aggregation in (Aggregation.MIN, Aggregation.MAX) for i in stored)
    groups = counted_groups(sorted(by_id), status)
    # The children in one pass over the unit's range on PostgreSQL, and on SQLite when reports are filtered by status
    # (one semi-join on the counted reports rather than one per child's range); see Branch.
    one_pass = connection.vendor == "postgresql" or COUNTED_STATUSES[status] is not None
    units: list[OrgUnit] = []
    cells: dict[tuple, Stats] = {}
    for period_group in _periods_by_tree(periods) if by == "child" else [periods]:
        branches, children = _branches_for(unit, period_group[0], by, one_pass)
        units = _merge_units(units, children)
        by_province = unit is None and by == "child"
        codes = [p.code for p in period_group]
        for counted, ids in groups:
            if unit is None and provinces_cached:
                found = _national_cells(ids, codes, by_province, extremes, counted)
            else:
                found = _run(branches, ids, codes, by_province, extremes, counted)
            if not cells:
                cells = found
                continue
            for key, stats in found.items():
                cells[key] = _combined(cells[key], stats) if key in cells else stats
    if unit is None and by == "child":
        units = list(
            OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE, code__in={key[0] for key in cells}).order_by(
                "sort_key"
            )
        )
        province_by_code = {}
        for period in periods:
            for province in units:
                if province.is_open_on(period.end):
                    province_by_code[(province.code, period.code)] = province.pk
        cells = _retag(cells, province_by_code)
    tags = [0] if by != "child" else [u.pk for u in units]
    own_tag = unit.pk if unit is not None else None
    categorised = set(
        Indicator.categories.through.objects.filter(indicator_id__in=list(by_id)).values_list(
            "indicator_id", flat=True
        )
    )
    # The loop below runs once per cell (tens of thousands for a province's pivot): kept to plain tuples and dicts,
    # the answer's rows built as the cells are read, and only the figures formulas use kept aside for them.
    asked = {i.code for i in indicators}
    used_by_formulas = {code for text in computed.values() for code in expressions.codes_in(text)}
    info = {
        i.pk: (
            i.code,
            i.aggregation,
            i.aggregation == Aggregation.SUM,
            i.pk in categorised,
            i.code in asked,
            i.code in used_by_formulas,
        )
        for i in stored
    }
    rows: list[dict] = []
    append = rows.append
    figures: dict[tuple, float | None] = {}
    # The totals over categories, added up in place: [total, count, low, high] lists, not new tuples per cell.
    totals: dict[tuple, list] = {}
    for (tag, indicator_id, period, category), stats in cells.items():
        code, aggregation, is_sum, broken_down, wanted, used = info[indicator_id]
        total, count = stats[0], stats[1]
        value = (total if count else None) if is_sum else _figure(aggregation, *stats)
        if wanted and value is not None:
            append(
                {
                    "indicator": code,
                    "unit": tag or own_tag,
                    "period": period,
                    "category": category,
                    "value": value,
                }
            )
        if used:
            figures[(tag, code, period, category)] = value
        if broken_down:
            key = (tag, code, period)
            found = totals.get(key)
            if found is None:
                totals[key] = [total or 0.0, count or 0, stats[2], stats[3]]
                continue
            found[0] += total or 0.0
            found[1] += count or 0
            if extremes:
                found[2:] = _combined(found, stats)[2:]
    aggregation_of = {i.code: i.aggregation for i in stored}
    for (tag, code, period), stats in totals.items():
        value = _figure(aggregation_of[code], *stats)
        if value is not None and code in asked:
            append(
                {"indicator": code, "unit": tag or own_tag, "period": period, "category": "", "value": value}
            )
        if code in used_by_formulas:
            figures[(tag, code, period, "")] = value
    order = expressions.evaluation_order(computed)
    for tag in tags:
        for period in periods:
            for code in order:
                value = expressions.evaluate(computed[code], _lookup(figures, tag, period.code))
                figures[(tag, code, period.code, "")] = value
                if value is not None and code in asked:
                    append(
                        {
                            "indicator": code,
                            "unit": tag or own_tag,
                            "period": period.code,
                            "category": "",
                            "value": value,
                        }
                    )
    return {"rows": rows, "units": units}


def _lookup(values: dict, tag: int, period: str):
    def lookup(reference: expressions.Reference):
        if not reference.option:
            return values.get((tag, reference.code, period, ""))
        found = [
            value
            for (t, code, p, category), value in values.items()
            if t == tag and code == reference.code and p == period and reference.option in category.split(",")
        ]
        return sum(v for v in found if v is not None) if found else None

    return lookup


def _periods_by_tree(periods: list[Period]) -> list[list[Period]]:
    """Periods grouped by the tree they belong to (the children differ before and after a reform)."""
    groups: dict[datetime.date, list[Period]] = defaultdict(list)
    for period in periods:
        groups[period.end].append(period)
    return [groups[end] for end in sorted(groups)]


def _merge_units(units: list[OrgUnit], more: list[OrgUnit]) -> list[OrgUnit]:
    seen = {unit.pk for unit in units}
    return units + [unit for unit in more if unit.pk not in seen]


def _retag(cells: dict, province_by_code: dict) -> dict:
    result: dict[tuple, Stats] = {}
    for (code, indicator_id, period, category), stats in cells.items():
        tag = province_by_code.get((code, period))
        if tag is not None:
            key = (tag, indicator_id, period, category)
            result[key] = _combined(result[key], stats) if key in result else stats
    return result


def value_map(rows: list[dict]) -> dict[tuple, float]:
    """{(indicator code, unit id, period, category): value} of aggregate rows, for tables and charts."""
    return {(row["indicator"], row["unit"], row["period"], row["category"]): row["value"] for row in rows}
