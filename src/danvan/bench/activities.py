"""`danvan bench activities`: 200,000 meetings and 2,000,000 tasks over the national units (DESIGN §7) and the counts
the task board and the reports read.

The units come from `danvan bench units`' builder (34 provinces, 3,321 communes, 100,000 hamlets, 10,000 agencies
and the closed layer before 1/7/2025). The rows are written by one `INSERT … SELECT` per table over a numbers
sequence (not timed), spread over every open province, commune and agency, each task assigned by its province:
- tasks assigned from 1/1/2024 over a thousand days, due 15 to 134 days later; half done (some on time, some late),
  one in ten cancelled, the rest open — so every period holds all four statuses;
- meetings of the nine types over the same thousand days, eight in ten held, the rest planned or cancelled.

Timed through the real selectors, each beside a hand-written plain-SQL query giving the same figures in the same run:
(a) a province's task board counts (the four counts of its subtree for 2026H1: `period_counts` on the lead_path
range, one query over the covering index `task_lead_cover`); (b) the national four counts by province (one query
grouped by province_code, over `task_prov_cover`); (c) a province's meetings held by type in 2026H1.
"""

import contextlib
import datetime
import time

from django.db import connection, transaction
from django.utils import timezone

from danvan.activities import selectors
from danvan.activities.models import Meeting, Task
from danvan.core.periods import Period
from danvan.orgunits.models import REFORM_DATE, OrgUnit
from danvan.orgunits.tree import subtree_q, subtree_range

from . import units as units_bench
from .timing import compare, report

NATIONAL_MEETINGS = 200_000
NATIONAL_TASKS = 2_000_000
PERIOD = Period.parse("2026H1")
TODAY = datetime.date(2026, 7, 15)  # the period is over: each count as it stood on 30/6/2026
FIRST_DAY = datetime.date(2024, 1, 1)
DAYS = 1000

T_TASK = Task._meta.db_table
T_MEETING = Meeting._meta.db_table
T_UNIT = OrgUnit._meta.db_table
T_POOL = "bench_activity_unit"
TYPES = Meeting.Type.values


def _execute(sql: str, params=()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _numbers(n: int) -> str:
    """A CTE `n(i)` of 0 … n-1 on either database."""
    if connection.vendor == "postgresql":
        return f"n(i) AS (SELECT i::bigint FROM generate_series(0, {int(n) - 1}) AS i)"
    return f"n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {int(n) - 1})"


def _day(days: str) -> str:
    """FIRST_DAY plus an integer SQL expression of days, as a date."""
    if connection.vendor == "postgresql":
        return f"(DATE '{FIRST_DAY.isoformat()}' + ({days})::integer)"
    return f"date('{FIRST_DAY.isoformat()}', '+' || ({days}) || ' days')"


def _moment(days: str) -> str:
    """FIRST_DAY plus days, at 01:00 UTC (08:00 in Việt Nam), as a timestamp stored the way Django stores it."""
    if connection.vendor == "postgresql":
        return f"((DATE '{FIRST_DAY.isoformat()}' + ({days})::integer) + TIME '01:00') AT TIME ZONE 'UTC'"
    return f"datetime('{FIRST_DAY.isoformat()}', '+' || ({days}) || ' days', '+1 hours')"


def _unit_pool() -> int:
    """The open provinces, communes and agencies, numbered (a scratch table), each with its province (the assigner)."""
    _execute(
        f"CREATE TABLE {T_POOL} (rn INTEGER PRIMARY KEY, unit_id BIGINT NOT NULL, path VARCHAR(255) NOT NULL, "
        f"province_code VARCHAR(8) NOT NULL, province_id BIGINT NOT NULL, province_path VARCHAR(255) NOT NULL)"
    )
    return _execute(
        f"INSERT INTO {T_POOL} (rn, unit_id, path, province_code, province_id, province_path) "
        f"SELECT ROW_NUMBER() OVER (ORDER BY u.id) - 1, u.id, u.path, u.province_code, p.id, p.path "
        f"FROM {T_UNIT} u JOIN {T_UNIT} p ON p.kind = 'province' AND p.valid_to IS NULL "
        f"AND p.province_code = u.province_code "
        f"WHERE u.valid_to IS NULL AND u.kind IN ('province', 'commune', 'agency')"
    )


@contextlib.contextmanager
def _without_indexes(*models):
    """Drops the tables' own indexes (Meta.indexes) during the load and builds them again after it."""
    with connection.schema_editor() as editor:
        for model in models:
            for index in model._meta.indexes:
                editor.remove_index(model, index)
    yield
    with connection.schema_editor() as editor:
        for model in models:
            for index in model._meta.indexes:
                editor.add_index(model, index)


def build(meetings: int, tasks: int) -> dict[str, int]:
    with _without_indexes(Task, Meeting), transaction.atomic():
        size = _unit_pool()
        if not size:
            raise RuntimeError("No open units: scale too small.")
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        pick = f"JOIN {T_POOL} o ON o.rn = (n.i * 7919) % {size}"
        assigned = "n.i % 1000"
        deadline = f"{assigned} + 15 + (n.i * 7) % 120"
        completed = f"{assigned} + 10 + (n.i * 13) % 140"
        state = "CASE WHEN n.i % 10 < 5 THEN 'done' WHEN n.i % 10 = 5 THEN 'cancelled' ELSE 'open' END"
        sql = f"""
            WITH RECURSIVE {_numbers(tasks)}
            INSERT INTO {T_TASK} (
                created_at, updated_at, title, description, expected_result, assigner_id, assigner_path,
                lead_unit_id, lead_path, province_code, source, meeting_id, inspection_id, source_reference,
                assigned_on, deadline, original_deadline, state, progress, completed_on, cancelled_reason,
                reopen_reason, search_key)
            SELECT %s, %s, 'Nhiệm vụ số ' || n.i, '', '', o.province_id, o.province_path,
                o.unit_id, o.path, o.province_code, 'document', NULL, NULL, '',
                {_day(assigned)}, {_day(deadline)}, {_day(deadline)}, {state},
                CASE WHEN n.i % 10 < 5 THEN 100 ELSE (n.i % 10) * 10 END,
                CASE WHEN n.i % 10 < 5 THEN {_day(completed)} END,
                CASE WHEN n.i % 10 = 5 THEN 'Không còn phù hợp' ELSE '' END, '', 'nhiem vu so ' || n.i
            FROM n {pick} ORDER BY n.i
        """.replace("%", "%%").replace("%%s", "%s")
        _execute(sql, [now, now])
        kinds = "CASE n.i % 9 " + " ".join(f"WHEN {k} THEN '{t}'" for k, t in enumerate(TYPES)) + " END"
        status = "CASE WHEN n.i % 10 < 8 THEN 'held' WHEN n.i % 10 = 8 THEN 'planned' ELSE 'cancelled' END"
        sql = f"""
            WITH RECURSIVE {_numbers(meetings)}
            INSERT INTO {T_MEETING} (
                created_at, updated_at, type, title, status, organizer_id, organizer_path, province_code,
                host_id, starts_at, ends_at, place, online, period, agenda, minutes, conclusions,
                conclusion_number, conclusion_date, source_note, search_key, sequence)
            SELECT %s, %s, {kinds}, 'Hội nghị số ' || n.i, {status}, o.unit_id, o.path, o.province_code,
                NULL, {_moment("(n.i * 31) % 1000")}, NULL, '', FALSE, '', '', '', '', '', NULL, '',
                'hoi nghi so ' || n.i, 0
            FROM n {pick} ORDER BY n.i
        """.replace("%", "%%").replace("%%s", "%s")
        _execute(sql, [now, now])
        _execute(f"DROP TABLE {T_POOL}")
    return {"tasks": Task.objects.count(), "meetings": Meeting.objects.count()}


def analyze() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # VACUUM sets the visibility map that index-only scans need, as autovacuum does in service.
            for table in (T_UNIT, T_TASK, T_MEETING):
                cursor.execute(f'VACUUM ANALYZE "{table}"')
        else:
            cursor.execute("ANALYZE")


# --- the plain-SQL lower bounds ---------------------------------------------------------------------------------------


def _date(day: datetime.date):
    return connection.ops.adapt_datefield_value(day)


def _four_columns() -> tuple[str, list]:
    """The four counts as conditional aggregates, written by hand, and their parameters."""
    day = _date(min(TODAY, PERIOD.end))
    done = "state = 'done' AND completed_on <= %s"
    not_done = "(state = 'open' OR (state = 'done' AND completed_on > %s))"
    conditions = [
        (f"{done} AND completed_on <= deadline", [day]),
        (f"{done} AND completed_on > deadline", [day]),
        (f"{not_done} AND deadline >= %s", [day, day]),
        (f"{not_done} AND deadline < %s", [day, day]),
    ]
    # FILTER on both (SQLite has it since 3.30): on SQLite, COUNT(CASE …) takes a tenth longer.
    columns = [f"COUNT(*) FILTER (WHERE {c})" for c, _p in conditions]
    return ", ".join(columns), [p for _c, params in conditions for p in params]


STATUSES = [status.value for status in selectors.COUNTED]


def _board_lower_bound(path: str):
    columns, params = _four_columns()
    low, high = subtree_range(path)
    sql = (
        f"SELECT {columns} FROM {T_TASK} WHERE lead_path >= %s AND lead_path < %s "
        f"AND deadline >= %s AND deadline <= %s"
    )
    params = [*params, low, high, _date(PERIOD.start), _date(PERIOD.end)]

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return dict(zip(STATUSES, cursor.fetchone(), strict=True))

    return run, sql, params


def _national_lower_bound():
    columns, params = _four_columns()
    sql = (
        f"SELECT province_code, {columns} FROM {T_TASK} WHERE deadline >= %s AND deadline <= %s "
        f"GROUP BY province_code"
    )
    params = [*params, _date(PERIOD.start), _date(PERIOD.end)]

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {code: dict(zip(STATUSES, counts, strict=True)) for code, *counts in cursor.fetchall()}

    return run


def _meetings_lower_bound(path: str):
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(PERIOD.start, datetime.time.min, tzinfo=zone)
    after = datetime.datetime.combine(PERIOD.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    low, high = subtree_range(path)
    sql = (
        f"SELECT type, COUNT(*) FROM {T_MEETING} WHERE organizer_path >= %s AND organizer_path < %s "
        f"AND status = 'held' AND starts_at >= %s AND starts_at < %s GROUP BY type"
    )
    params = [
        low,
        high,
        connection.ops.adapt_datetimefield_value(start),
        connection.ops.adapt_datetimefield_value(after),
    ]

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            counts = dict.fromkeys(TYPES, 0)
            counts.update(dict(cursor.fetchall()))
            return counts

    return run


def _plan(queryset) -> str:
    """The access path PostgreSQL picks for the app's query (its scan nodes), to show it reads the index alone."""
    if connection.vendor != "postgresql":
        return ""
    plan = queryset.explain()
    scans = [line.strip(" ->") for line in plan.splitlines() if "Scan" in line]
    return "; ".join(scan.split("  (")[0] for scan in scans)


def run(options, stdout):
    scale, repeat = options["scale"], options["repeat"]
    sizes = units_bench.Sizes.at(scale)
    meetings, tasks = max(200, round(NATIONAL_MEETINGS * scale)), max(2000, round(NATIONAL_TASKS * scale))
    started = time.perf_counter()
    units_bench.build(sizes)
    units_built = time.perf_counter() - started
    built = build(meetings, tasks)
    rows_built = time.perf_counter() - started - units_built
    analyze()
    analysed = time.perf_counter() - started - units_built - rows_built
    stdout.write(
        f"Built {OrgUnit.objects.count():,} units in {units_built:.1f} s; {built['tasks']:,} tasks and "
        f"{built['meetings']:,} meetings in {rows_built:.1f} s; statistics in {analysed:.1f} s."
    )
    province = (
        OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE, valid_from=REFORM_DATE).order_by("path").first()
    )
    board = Task.objects.filter(subtree_q(province.path, "lead_path"))
    plan = _plan(board.filter(selectors.period_q(PERIOD)).order_by().values("id"))
    if plan:
        stdout.write(f"PostgreSQL plan of the province's counts: {plan}")
    board_bound, _sql, _params = _board_lower_bound(province.path)
    province_tasks = sum(board_bound().values())
    rows = [
        compare(
            f"task board four counts, one province, {PERIOD.code}",
            lambda: selectors.period_counts(board, PERIOD, TODAY),
            board_bound,
            repeat,
            max_ms=300,
            detail=f"{province_tasks:,} tasks counted",
        ),
        compare(
            f"four counts by province, the nation, {PERIOD.code}",
            lambda: selectors.task_counts_by_province(PERIOD, TODAY),
            _national_lower_bound(),
            repeat,
            max_ms=3000,
        ),
        compare(
            f"meetings held by type, one province, {PERIOD.code}",
            lambda: selectors.meetings_held(province, PERIOD, lineage=[province.path]),
            _meetings_lower_bound(province.path),
            repeat,
            # A few hundred rows: the query takes about a millisecond, the figure is there for its time alone.
            max_ratio=None,
            max_ms=50,
        ),
    ]
    report(stdout, rows)
    return rows
