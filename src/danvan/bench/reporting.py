"""`danvan bench reporting`: 10,000,000 report values over the national units (DESIGN §7), their live totals and
their bulk import.

The units come from `danvan bench units`' builder (34 provinces, 3,321 communes, 100,000 hamlets, 10,000 agencies
and the closed layer before 1/7/2025), with the lineage of the provinces as in `danvan bench practices`. One
half-year form, "Sơ kết công tác dân vận 6 tháng", of 33 indicators (31 entered, some broken down by level, field or
sex, and two computed) is 61 cells a report. It is filled for 15 half-years: 2019H1–2025H1 by the old layer (10,051
communes and 696 districts, closed on 30/6/2025), 2025H2 and 2026H1 by today's communes and agencies (3,321 + 9,500
open): 10.1 million values at scale 1.0. They are written by one `INSERT … SELECT` over three small scratch tables
(reporting units × periods × cells), the value table's own indexes dropped during the load and built again after it.

Timed, each beside a hand-written plain-SQL lower bound giving the same figures in the same run — one statement that
works out everything `aggregate` answers: each cell by its aggregation (sum or average), the totals over categories
and the two computed rates, from one GROUP BY:
- the national total of the form's indicators for 2026H1 by province (`selectors.aggregate(…, None, …, by="child")`
  beside a GROUP BY province_code, indicator_id, category);
- a province's pivot, its children × indicators for 2026H1 (`selectors.aggregate(…, province, …, by="child")` beside
  a GROUP BY over the province's path range, the child read from the path);
- the aggregation pages of that province and of the nation as the server answers a superuser (figures, rows and
  HTML), each view after a write into that province (none of its figures cached; the other provinces' are) and
  again between two writes (the figures cached), beside the plain SQL of their figures (target < 300 ms);
- a bulk import of 100,000 new values for 2026H2 through the API's service (`services.write_values`, every check,
  the cells' history) beside the same value and history rows written without a check: `executemany` INSERTs on
  SQLite, COPY on PostgreSQL (whose executemany sends a statement per row, a few thousand rows a second).
"""

import ast
import math
import time
from collections.abc import Callable

from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.models import User
from danvan.core.figures import (
    REPORTING,
    VALUES,
    area_version_name,
    bump_after_bulk_load,
    bump_figures_version,
)
from danvan.core.periods import Period
from danvan.orgunits.models import REFORM_DATE, OrgUnit
from danvan.orgunits.tree import path_ids, subtree_range
from danvan.reporting import expressions, selectors, services
from danvan.reporting.models import (
    Form,
    Indicator,
    Section,
    SectionIndicator,
    Value,
    ValueChange,
)

from . import practices as practices_bench
from . import units as units_bench
from .reporting_data import (
    AVERAGE,
    DEC,
    FORM_CODE,
    IMPORT_PERIOD,
    IMPORT_VALUES,
    NEW_PERIODS,
    OLD_PERIODS,
    PAGE_MS,
    PERIOD,
    T_CHANGE,
    T_SUBMISSION,
    T_VALUE,
    YES_NO,
    _cells,
    _execute,
    analyze,
    build_values,
    define_form,
)
from .timing import ResultMismatch, Row, collect_static_files, measure_pair, report

# --- the lower bounds and the check that they give the same figures ------------------------------------------------


def _in(values) -> str:
    return ", ".join(["%s"] * len(values))


# The totals count the figures of approved reports: the lower bounds keep the same rows, those whose unit's report of
# the form for the period is approved.
APPROVED_SQL = (
    f" AND unit_path IN (SELECT unit_path FROM {T_SUBMISSION} WHERE form_id = %s AND period = %s"
    f" AND status = 'approved')"
)


def national_lower_bound(form: Form, indicators: list[Indicator], period: Period):
    """The national figures by province, worked out by one statement (see `_same_result`)."""
    stored_ids = [i.pk for i in indicators if not i.expression]
    cells = (
        f"SELECT province_code AS tag, indicator_id, category, SUM(number) AS total, COUNT(number) AS n "
        f"FROM {T_VALUE} WHERE period = %s AND indicator_id IN ({_in(stored_ids)}){APPROVED_SQL} "
        f"GROUP BY province_code, indicator_id, category"
    )
    return _statement(_same_result(cells, indicators), [period.code, *stored_ids, form.pk, period.code])


def pivot_lower_bound(form: Form, unit: OrgUnit, indicators: list[Indicator], period: Period):
    """The province's range once, grouped by the child each row's path names (the segment after the province's),
    worked out to the same figures by one statement (see `_same_result`)."""
    stored_ids = [i.pk for i in indicators if not i.expression]
    low, high = subtree_range(unit.path)
    start = len(unit.path) + 1
    if connection.vendor == "postgresql":
        child = "split_part(substr(unit_path, %s), '/', 1)"
        child_params = [start]
    else:
        child = "substr(unit_path, %s, instr(substr(unit_path, %s), '/') - 1)"
        child_params = [start, start]
    cells = (
        f"SELECT {child} AS tag, indicator_id, category, SUM(number) AS total, COUNT(number) AS n FROM {T_VALUE} "
        f"WHERE period = %s AND unit_path > %s AND unit_path < %s AND indicator_id IN ({_in(stored_ids)})"
        f"{APPROVED_SQL} GROUP BY 1, indicator_id, category"
    )
    return _statement(
        _same_result(cells, indicators),
        [*child_params, period.code, low, high, *stored_ids, form.pk, period.code],
    )


def _statement(sql: str, params: list):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


def _same_result(cells_sql: str, indicators: list[Indicator]) -> str:
    """One statement giving what `aggregate` gives from a GROUP BY of (tag, indicator_id, category, total, n): each
    cell by its indicator's aggregation, the total over categories of each broken-down indicator, and the computed
    indicators worked out from the totals. Rows are (tag, indicator id, category, figure); a NULL figure is none."""
    stored = [i for i in indicators if not i.expression]
    averages = [i.pk for i in stored if i.aggregation == AVERAGE]
    categorised = [i.pk for i in stored if i.categories.all()]
    figure = (
        f"CASE WHEN indicator_id IN ({', '.join(map(str, averages))}) THEN total / n ELSE total END"
        if averages
        else "total"
    )
    sql = (
        f"WITH cells AS ({cells_sql}), totals AS (SELECT tag, indicator_id, SUM(total) AS total, SUM(n) AS n "
        f"FROM cells GROUP BY tag, indicator_id) "
        f"SELECT tag, indicator_id, category, CASE WHEN n > 0 THEN {figure} END FROM cells"
    )
    if categorised:
        sql += (
            f" UNION ALL SELECT tag, indicator_id, '', CASE WHEN n > 0 THEN {figure} END FROM totals "
            f"WHERE indicator_id IN ({', '.join(map(str, categorised))})"
        )
    ids = {i.code: i.pk for i in stored}
    for indicator in indicators:
        if indicator.expression:
            formula = _formula_sql(expressions.parse(indicator.expression), ids, figure)
            sql += f" UNION ALL SELECT tag, {indicator.pk}, '', {formula} FROM totals GROUP BY tag"
    return sql


def _formula_sql(node, ids: dict[str, int], figure: str) -> str:
    """A formula over stored indicators as SQL over `totals` grouped by tag (a division by zero gives NULL)."""
    if isinstance(node, ast.Constant):
        return repr(float(node.value))
    if isinstance(node, ast.Name):
        return f"SUM(CASE WHEN indicator_id = {ids[node.id]} AND n > 0 THEN {figure} END)"
    if isinstance(node, ast.UnaryOp):
        return f"(-{_formula_sql(node.operand, ids, figure)})"
    if not isinstance(node, ast.BinOp):
        raise NotImplementedError(ast.dump(node))
    left, right = _formula_sql(node.left, ids, figure), _formula_sql(node.right, ids, figure)
    if isinstance(node.op, ast.Div):
        return f"({left} / NULLIF({right}, 0))"
    return f"({left} {dict([(ast.Add, '+'), (ast.Sub, '-'), (ast.Mult, '*')])[type(node.op)]} {right})"


def expected_figures(indicators: list[Indicator], rows, tag_of, period: Period) -> dict[tuple, float]:
    """{(code, unit id, period, category): figure} of the lower bound's rows, as `selectors.value_map` gives them."""
    codes = {i.pk: i.code for i in indicators}
    figures = {}
    for key, indicator_id, category, figure in rows:
        tag = tag_of(key)
        if tag is not None and figure is not None:
            figures[(codes[indicator_id], tag, period.code, category)] = figure
    return figures


def _check(operation: str, result: dict, expected: dict[tuple, float]) -> None:
    got = selectors.value_map(result["rows"])
    differ = [
        key
        for key in set(got) | set(expected)
        if key not in got or key not in expected or not math.isclose(got[key], expected[key], rel_tol=1e-9)
    ]
    if differ:
        shown = ", ".join(f"{key}: {got.get(key)} vs {expected.get(key)}" for key in sorted(differ)[:5])
        raise ResultMismatch(f"{operation}: the selector and its plain-SQL lower bound differ ({shown})")


def _page(client: Client, form: Form, unit) -> Callable[[], bytes]:
    """A function getting the aggregation page of the form for the unit ("all": the nation) and giving its HTML."""
    url = reverse("reporting:analytics")
    params = {"form": form.pk, "unit": unit, "period": PERIOD.code}

    def get() -> bytes:
        response = client.get(url, params, secure=True, headers={"host": "127.0.0.1"})
        if response.status_code != 200:
            raise ResultMismatch(f"aggregation page for {unit}: status {response.status_code}")
        return response.content

    return get


# --- the import ------------------------------------------------------------------------------------------------------


def import_rows(cells, count: int) -> list[dict]:
    """`count` new values for IMPORT_PERIOD as the API receives them: every cell of enough of today's communes and
    agencies (the first by path)."""
    per_unit = len(cells)
    units = list(
        OrgUnit.objects.filter(
            kind__in=[OrgUnit.Kind.COMMUNE, OrgUnit.Kind.AGENCY], valid_to__isnull=True, parent__isnull=False
        )
        .order_by("path")
        .values_list("pk", flat=True)[: math.ceil(count / per_unit)]
    )
    rows = []
    for unit_id in units:
        for k, (indicator, key, (low, high)) in enumerate(cells):
            number = low + (unit_id * 7919 + k * 104729) % (high - low + 1)
            if indicator.value_type == YES_NO:
                raw = bool(number)
            elif indicator.value_type == DEC:
                raw = number + 0.5
            else:
                raw = number
            rows.append(
                {"unit": unit_id, "period": IMPORT_PERIOD.code, "indicator": indicator.code, "category": key,
                 "value": raw}
            )  # fmt: skip
    return rows[:count]


def import_forms(form: Form, rows: list[dict]) -> None:
    """The form issued again by each province the imported units lie in: the bulk write checks, as the grid does,
    that a unit reports a form holding the indicator, and the national agency's form reaches no commune."""
    paths = OrgUnit.objects.filter(pk__in={row["unit"] for row in rows}).values_list("path", flat=True)
    roots = OrgUnit.objects.filter(pk__in={path_ids(path)[0] for path in paths})
    items = list(SectionIndicator.objects.filter(section__form=form).select_related("section"))
    for number, root in enumerate(roots, start=1):
        copy = Form.objects.create(
            code=f"{FORM_CODE}-{number}",
            name=form.name,
            owner=root,
            period_type=form.period_type,
            reporting_kinds=form.reporting_kinds,
            deadline_days=form.deadline_days,
        )
        sections = {
            section.pk: Section.objects.create(form=copy, title=section.title, position=section.position)
            for section in form.sections.all()
        }
        SectionIndicator.objects.bulk_create(
            SectionIndicator(
                section=sections[item.section_id], indicator_id=item.indicator_id, position=item.position
            )
            for item in items
        )


def import_lower_bound(rows: list[dict], actor):
    """The same value rows and history rows, written without any check: two `executemany` INSERTs on SQLite, two
    COPYs on PostgreSQL."""
    indicators = {i.code: i for i in Indicator.objects.all()}
    units = OrgUnit.objects.in_bulk({row["unit"] for row in rows})
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    values, changes = [], []
    for row in rows:
        indicator, unit = indicators[row["indicator"]], units[row["unit"]]
        number = float(row["value"])
        values.append(
            (indicator.pk, unit.pk, unit.path, unit.province_code, row["period"], row["category"], number, "",
             Value.Origin.IMPORTED, "", now, actor.pk)
        )  # fmt: skip
        changes.append(
            (indicator.pk, unit.pk, row["period"], row["category"], "", services.display(indicator, number),
             Value.Origin.IMPORTED, "", actor.pk, "", now)
        )  # fmt: skip

    def run():
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # PostgreSQL's executemany is a statement per row (a few thousand a second): COPY is its bulk path.
                for table, columns, rows in (
                    (T_VALUE, services.VALUE_COLUMNS, values),
                    (T_CHANGE, services.CHANGE_COLUMNS, changes),
                ):
                    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                return len(values)
            cursor.executemany(
                f"INSERT INTO {T_VALUE} (indicator_id, unit_id, unit_path, province_code, period, category, number, "
                f"text, origin, reason, updated_at, updated_by_id) "
                f"VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                values,
            )
            cursor.executemany(
                f"INSERT INTO {T_CHANGE} (indicator_id, unit_id, period, category, old_value, new_value, origin, "
                f"reason, user_id, request_id, at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                changes,
            )
        return len(values)

    return run


def _forget_import() -> None:
    with transaction.atomic():
        _execute(f"DELETE FROM {T_VALUE} WHERE period = %s", [IMPORT_PERIOD.code])
        _execute(f"DELETE FROM {T_CHANGE} WHERE period = %s", [IMPORT_PERIOD.code])


# --- the run ---------------------------------------------------------------------------------------------------------


def run(options, stdout):
    scale, repeat = options["scale"], options["repeat"]
    postgres = connection.vendor == "postgresql"
    started = time.perf_counter()
    units_bench.build(units_bench.Sizes.at(scale))
    events = practices_bench._lineage()
    form = define_form()
    units_built = time.perf_counter() - started
    cells = _cells(form)
    built = build_values(cells, form)
    values_built = time.perf_counter() - started - units_built
    analyze()
    # The values were loaded without the services: every figure's version changes, as after the demo's load.
    bump_after_bulk_load(OrgUnit.objects.values_list("province_code", flat=True).distinct())
    analysed = time.perf_counter() - started - units_built - values_built
    stdout.write(
        f"Built {OrgUnit.objects.count():,} units ({events} lineage events) and the form "
        f"({len(selectors.form_indicators(form))} indicators, {len(cells)} cells a report) in {units_built:.1f} s; "
        f"{built['values']:,} values ({built['old']:,} old units × {len(OLD_PERIODS)} half-years, "
        f"{built['new']:,} units × {len(NEW_PERIODS)}) in {values_built:.1f} s; statistics in {analysed:.1f} s."
    )

    indicators = selectors.form_indicators(form)
    rows = []

    # 1. The nation by province.
    provinces = {
        p.code: p.pk for p in OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE) if p.is_open_on(PERIOD.end)
    }
    national = lambda: selectors.aggregate_uncached(indicators, None, [PERIOD], by="child")  # noqa: E731
    bound = national_lower_bound(form, indicators, PERIOD)
    _check("national", national(), expected_figures(indicators, bound(), provinces.get, PERIOD))
    seconds, lower = measure_pair(national, bound, repeat)
    rows.append(
        Row(
            f"national totals of the form by province, {PERIOD.code}",
            seconds,
            lower,
            max_ratio=1.5,
            detail=f"{len(provinces)} provinces × {len(cells)} cells over "
            f"{Value.objects.filter(period=PERIOD.code).count():,} values",
        )
    )

    # 2. A province's pivot: its children × the form's indicators.
    province = (
        OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE, valid_from=REFORM_DATE).order_by("path").first()
    )
    pivot = lambda: selectors.aggregate_uncached(indicators, province, [PERIOD], by="child")  # noqa: E731
    bound = pivot_lower_bound(form, province, indicators, PERIOD)
    children = {str(unit.pk): unit.pk for unit in pivot()["units"]}
    _check("pivot", pivot(), expected_figures(indicators, bound(), children.get, PERIOD))
    seconds, lower = measure_pair(pivot, bound, repeat)
    in_province = Value.objects.filter(
        period=PERIOD.code, unit_path__gte=province.path, unit_path__lt=subtree_range(province.path)[1]
    ).count()
    rows.append(
        Row(
            f"a province's pivot, children × indicators, {PERIOD.code}",
            seconds,
            lower,
            max_ratio=1.5,
            max_ms=200 if postgres else None,
            detail=f"{len(children)} children × {len(cells)} cells over {in_province:,} values",
        )
    )

    # 3. The aggregation pages as the server answers them (figures, rows, HTML), each view coming after a write
    # into the province (a commune saving a cell), so that none of the province's figures is cached, beside the
    # plain SQL of their figures.
    collect_static_files()
    province_values = area_version_name(VALUES, province.province_code)
    client = Client()
    client.force_login(User.objects.create(username="bench-pages", is_superuser=True, is_staff=True))
    for operation, unit, bound in (
        (
            f"a province's aggregation page, {PERIOD.code}",
            province.pk,
            pivot_lower_bound(form, province, indicators, PERIOD),
        ),
        (
            f"the nation's aggregation page, {PERIOD.code}",
            "all",
            national_lower_bound(form, indicators, PERIOD),
        ),
    ):
        page = _page(client, form, unit)
        size = len(page())
        for when, between in (
            ("after a write", lambda: bump_figures_version(REPORTING, province_values)),
            ("cached figures", None),
        ):
            seconds, lower = measure_pair(page, bound, repeat, between=between)
            rows.append(
                Row(
                    f"{operation} ({when})",
                    seconds,
                    lower,
                    max_ratio=None,
                    max_ms=PAGE_MS,
                    detail=f"server time of the whole page, {size / 1024:,.0f} KB of HTML",
                )
            )

    # 4. The bulk import through the API's service.
    count = max(len(cells), round(IMPORT_VALUES * scale))
    actor = User.objects.create(username="bench", is_superuser=True, is_staff=True)
    payload = import_rows(cells, count)
    import_forms(form, payload)
    result = services.write_values(actor, payload)
    written = Value.objects.filter(period=IMPORT_PERIOD.code).count()
    history = ValueChange.objects.filter(period=IMPORT_PERIOD.code, user=actor).count()
    if result != {"written": len(payload), "unchanged": 0} or written != history or written != len(payload):
        raise ResultMismatch(f"import: {result}, {written:,} values and {history:,} history rows written")
    _forget_import()
    bound = import_lower_bound(payload, actor)
    seconds, lower = measure_pair(
        lambda: services.write_values(actor, payload), bound, repeat, between=_forget_import
    )
    rows.append(
        Row(
            f"bulk import of new values for {IMPORT_PERIOD.code} (services.write_values)",
            seconds,
            lower,
            max_ratio=1.5,
            max_ms=len(payload) / 50_000 * 1000,
            detail=f"{len(payload):,} values, {len(payload) / seconds:,.0f} values/s, "
            f"plain SQL {len(payload) / lower:,.0f} values/s; target ≥ 50,000 values/s",
        )
    )
    report(stdout, rows)
    return rows
