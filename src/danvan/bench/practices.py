"""`danvan bench practices`: 1,000,000 "Dân vận khéo" models over the national units (DESIGN §7) and their counts.

The units come from `danvan bench units`' builder (34 provinces, 3,321 communes, 100,000 hamlets, 10,000 agencies
and the closed layer before 1/7/2025), plus a lineage event per new province naming the old provinces it was formed
from, so a province's 2024 figure is its predecessors' as in the real data.

The practices are written by a few `INSERT … SELECT` statements over a numbers sequence, not object by object:
- 20 % registered in 2024 by old units (old provinces, districts, communes), 25 % in 2025 and 55 % in 2026 by today's
  (provinces and their agencies 10 %, communes and their agencies 30 %, hamlets 60 %); 60 % of the 2025 ones are
  re-confirmed into 2026; one in ten is an individual exemplar;
- one field each, a second one for three in ten (≈1.3 field rows per practice-year).

Timed through the real selector (`selectors.stats`), each beside a hand-written plain-SQL query giving the same
figures: counts by level × field for one province in 2026, the same province in 2024 (before the reform, through
lineage) and the whole country in 2026.
"""

import contextlib
import time

from django.db import connection, transaction
from django.utils import timezone

from danvan.orgunits.models import REFORM_DATE, LineageLink, OrgUnit, UnitLineage
from danvan.orgunits.tree import subtree_range
from danvan.practices import selectors
from danvan.practices.models import Field, Practice, PracticeYear, PracticeYearField

from . import units as units_bench
from .timing import ResultMismatch, Row, measure_pair, report

NATIONAL_PRACTICES = 1_000_000
YEAR = 2026
BEFORE_REFORM_YEAR = 2024
BY = ["level", "field"]

T_PRACTICE = Practice._meta.db_table
T_FIELDS = Practice.fields.through._meta.db_table
T_YEAR = PracticeYear._meta.db_table
T_YEAR_FIELD = PracticeYearField._meta.db_table
T_UNIT = OrgUnit._meta.db_table
T_POOL = "bench_practice_owner"

# Pools of owners: (number, level, which units).
POOLS = (
    (0, "province", "u.kind = 'province' AND u.valid_to IS NULL"),
    (0, "province", "u.kind = 'agency' AND u.valid_to IS NULL AND p.kind = 'province'"),
    (1, "commune", "u.kind = 'commune' AND u.valid_to IS NULL"),
    (1, "commune", "u.kind = 'agency' AND u.valid_to IS NULL AND p.kind = 'commune'"),
    (2, "hamlet", "u.kind = 'hamlet'"),
    (3, "province", "u.kind = 'province' AND u.valid_to IS NOT NULL"),
    (4, "district", "u.kind = 'district'"),
    (5, "commune", "u.kind = 'commune' AND u.valid_to IS NOT NULL"),
)
STATUSES = ("registered", "implementing", "implementing", "recognised", "recognised", "replicated", "stopped")


def _execute(sql: str, params=()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _owner_pools() -> dict[int, int]:
    """A numbered list of owners per pool (a scratch table), and each pool's size."""
    _execute(
        f"CREATE TABLE {T_POOL} (pool INTEGER NOT NULL, rn INTEGER NOT NULL, unit_id BIGINT NOT NULL, "
        f"path VARCHAR(255) NOT NULL, province_code VARCHAR(8) NOT NULL, level VARCHAR(10) NOT NULL, "
        f"PRIMARY KEY (pool, rn))"
    )
    sizes: dict[int, int] = {}
    for pool, level, condition in POOLS:
        sizes[pool] = sizes.get(pool, 0) + _execute(
            f"INSERT INTO {T_POOL} (pool, rn, unit_id, path, province_code, level) "
            f"SELECT %s, %s + ROW_NUMBER() OVER (ORDER BY u.id) - 1, u.id, u.path, u.province_code, %s "
            f"FROM {T_UNIT} u LEFT JOIN {T_UNIT} p ON p.id = u.parent_id WHERE {condition}",
            [pool, sizes.get(pool, 0), level],
        )
    return sizes


def _lineage() -> int:
    """Each old province merged into a new one (old i → new i mod n), as the 2025 reform did."""
    old = list(
        OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE, valid_to__isnull=False)
        .order_by("id")
        .values_list("id")
    )
    new = list(
        OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE, valid_to__isnull=True)
        .order_by("id")
        .values_list("id")
    )
    events = UnitLineage.objects.bulk_create(
        UnitLineage(kind=UnitLineage.Kind.MERGE, date=REFORM_DATE, source="bench", source_key=str(i))
        for i in range(len(new))
    )
    links = [
        LineageLink(event=event, unit_id=unit_id, role=LineageLink.Role.SUCCESSOR)
        for event, (unit_id,) in zip(events, new, strict=True)
    ]
    links += [
        LineageLink(event=events[i % len(new)], unit_id=unit_id, role=LineageLink.Role.PREDECESSOR)
        for i, (unit_id,) in enumerate(old)
    ]
    LineageLink.objects.bulk_create(links)
    return len(events)


def _numbers(n: int) -> str:
    """A CTE `n(i)` of 0 … n-1 on either database."""
    if connection.vendor == "postgresql":
        return f"n(i) AS (SELECT i::bigint FROM generate_series(0, {int(n) - 1}) AS i)"
    return f"n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {int(n) - 1})"


@contextlib.contextmanager
def _without_count_indexes():
    """Drops the fact tables' own indexes (Meta.indexes) during the load and builds them again after it: one sort per
    index instead of a million random inserts into each, as a bulk loader does."""
    models = (PracticeYear, PracticeYearField)
    with connection.schema_editor() as editor:
        for model in models:
            for index in model._meta.indexes:
                editor.remove_index(model, index)
    yield
    with connection.schema_editor() as editor:
        for model in models:
            for index in model._meta.indexes:
                editor.add_index(model, index)


def build_practices(count: int) -> dict[str, int]:
    with _without_count_indexes(), transaction.atomic():
        return _insert_practices(count)


def _insert_practices(count: int) -> dict[str, int]:
    sizes = _owner_pools()
    missing = [pool for pool in range(6) if not sizes.get(pool)]
    if missing:
        raise RuntimeError(f"No owners in pools {missing}: scale too small.")
    fields = list(
        Field.objects.filter(owner__isnull=True).order_by("position", "id").values_list("id", flat=True)
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    # Year: 2024 for i mod 20 in 0‥3, 2025 for 4‥8, 2026 otherwise. Pool: the old layer for 2024 (district,
    # communes, province), otherwise by (i / 20) mod 10: province 0, commune 1‥3, hamlet 4‥9.
    year = "CASE WHEN i % 20 < 4 THEN 2024 WHEN i % 20 < 9 THEN 2025 ELSE 2026 END"
    pool = (
        "CASE i % 20 WHEN 0 THEN 4 WHEN 1 THEN 5 WHEN 2 THEN 5 WHEN 3 THEN 3 "
        "ELSE CASE WHEN (i / 20) % 10 = 0 THEN 0 WHEN (i / 20) % 10 < 4 THEN 1 ELSE 2 END END"
    )
    size = "CASE pool " + " ".join(f"WHEN {p} THEN {int(s)}" for p, s in sorted(sizes.items())) + " END"
    status = "CASE i % 7 " + " ".join(f"WHEN {k} THEN '{s}'" for k, s in enumerate(STATUSES)) + " END"
    # Python's "%" is the SQL modulo: doubled for the DB-API's paramstyle.
    sql = f"""
        WITH RECURSIVE {_numbers(count)},
        chosen AS (SELECT i, {year} AS year, {pool} AS pool FROM n)
        INSERT INTO {T_PRACTICE} (
            created_at, updated_at, kind, name, owner_id, owner_path, province_code, level, registration_year,
            status, person_name, person_position, summary, method, participants, contact_name, contact_phone,
            contact_email, recognition_decision, recognition_level, status_reason, search_key)
        SELECT %s, %s, CASE WHEN i % 10 = 7 THEN 'exemplar' ELSE 'model' END,
            CASE WHEN i % 10 = 7 THEN 'Điển hình dân vận khéo số ' ELSE 'Mô hình dân vận khéo số ' END || i,
            o.unit_id, o.path, o.province_code, o.level, c.year, {status},
            CASE WHEN i % 10 = 7 THEN 'Nguyễn Văn ' || i ELSE '' END, '', '', '', '', '', '', '', '', '', '',
            CASE WHEN i % 10 = 7 THEN 'dien hinh dan van kheo so ' ELSE 'mo hinh dan van kheo so ' END || i
        FROM chosen c JOIN {T_POOL} o ON o.pool = c.pool AND o.rn = (c.i * 7919) % ({size.replace("pool", "c.pool")})
        ORDER BY c.i
    """.replace("%", "%%").replace("%%s", "%s")
    _execute(sql, [now, now])
    practices = Practice.objects.count()
    first_field = "CASE id % 4 " + " ".join(f"WHEN {k} THEN {f}" for k, f in enumerate(fields[:4])) + " END"
    second_field = (
        "CASE (id + 1) % 4 " + " ".join(f"WHEN {k} THEN {f}" for k, f in enumerate(fields[:4])) + " END"
    )
    _execute(
        f"""INSERT INTO {T_FIELDS} (practice_id, field_id)
        SELECT id, {first_field} FROM {T_PRACTICE}
        UNION ALL SELECT id, {second_field} FROM {T_PRACTICE} WHERE id % 10 < 3""".replace("%", "%%")
    )
    columns = "year, owner_id, owner_path, province_code, level, kind, status, confirmed_at, practice_id"
    values = "owner_id, owner_path, province_code, level, kind, status, %s, id"
    years = _execute(
        f"INSERT INTO {T_YEAR} ({columns}) SELECT registration_year, {values} FROM {T_PRACTICE} ORDER BY id",
        [now],
    )
    years += _execute(
        f"INSERT INTO {T_YEAR} ({columns}) SELECT {YEAR}, {values} FROM {T_PRACTICE} "
        f"WHERE registration_year = {YEAR - 1} AND id %% 5 < 3 ORDER BY id",
        [now],
    )
    year_fields = _execute(
        f"""INSERT INTO {T_YEAR_FIELD}
            (year, owner_path, province_code, level, kind, status, field_id, practice_year_id)
        SELECT y.year, y.owner_path, y.province_code, y.level, y.kind, y.status, f.field_id, y.id
        FROM {T_YEAR} y JOIN {T_FIELDS} f ON f.practice_id = y.practice_id ORDER BY y.id, f.field_id"""
    )
    _execute(f"DROP TABLE {T_POOL}")
    return {"practices": practices, "years": years, "year_fields": year_fields}


def analyze() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # VACUUM sets the visibility map that index-only scans need, as autovacuum does in service.
            for table in (T_UNIT, T_PRACTICE, T_FIELDS, T_YEAR, T_YEAR_FIELD):
                cursor.execute(f'VACUUM ANALYZE "{table}"')
        else:
            cursor.execute("ANALYZE")


def _lower_bound(year: int, paths: list[str] | None):
    """The same figures by hand: the distinct practices, then level × field, in one statement. A unit with
    predecessors is several disjoint path ranges, one UNION ALL branch each (an OR would lose the index-only scan
    on PostgreSQL), added up in Python."""
    branches, params = [], []
    ranges = [None] if paths is None else [subtree_range(path) for path in paths]
    nulls = "CAST(NULL AS VARCHAR(10)), CAST(NULL AS BIGINT)"  # typed: PostgreSQL matches long UNIONs by type
    for table, columns in ((T_YEAR, nulls), (T_YEAR_FIELD, "level, field_id")):
        for bounds in ranges:
            where = "year = %s"
            params.append(year)
            if bounds is not None:
                where += " AND owner_path >= %s AND owner_path < %s"
                params.extend(bounds)
            group = " GROUP BY level, field_id" if table == T_YEAR_FIELD else ""
            branches.append(f"SELECT {columns}, COUNT(*) FROM {table} WHERE {where}{group}")
    sql = " UNION ALL ".join(branches)

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


def _same(result: dict, rows: list[tuple]) -> bool:
    total = sum(n for level, field, n in rows if level is None)
    cells: dict[tuple, int] = {}
    for level, field, n in rows:
        if level is not None:
            cells[(level, field)] = cells.get((level, field), 0) + n
    got = {(row["level"], row["field_id"]): row["count"] for row in result["rows"]}
    return result["total"] == total and got == cells


def _compare(operation, fn, lower_bound, repeat, *, max_ms, detail="") -> Row:
    got, expected = fn(), lower_bound()
    if not _same(got, expected):
        raise ResultMismatch(f"{operation}: the selector and its plain-SQL lower bound differ")
    seconds, bound = measure_pair(fn, lower_bound, repeat)
    return Row(
        operation,
        seconds,
        bound,
        max_ratio=1.5,
        max_ms=max_ms,
        detail=detail or f"{got['total']:,} practices",
    )


def run(options, stdout):
    scale, repeat = options["scale"], options["repeat"]
    sizes = units_bench.Sizes.at(scale)
    count = max(200, round(NATIONAL_PRACTICES * scale))
    started = time.perf_counter()
    units_bench.build(sizes)
    events = _lineage()
    units_built = time.perf_counter() - started
    built = build_practices(count)
    practices_built = time.perf_counter() - started - units_built
    analyze()
    analysed = time.perf_counter() - started - units_built - practices_built
    stdout.write(
        f"Built {OrgUnit.objects.count():,} units ({events} lineage events) in {units_built:.1f} s; "
        f"{built['practices']:,} practices, {built['years']:,} practice-years, {built['year_fields']:,} "
        f"practice-year fields in {practices_built:.1f} s; statistics in {analysed:.1f} s."
    )
    province = (
        OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE, valid_from=REFORM_DATE).order_by("path").first()
    )
    paths = selectors.scope_paths(province)
    rows = [
        _compare(
            f"counts by level × field, one province, {YEAR}",
            lambda: selectors.stats(province, YEAR, BY),
            _lower_bound(YEAR, paths),
            repeat,
            max_ms=300,
        ),
        _compare(
            f"counts by level × field, one province, {BEFORE_REFORM_YEAR} (its {len(paths) - 1} predecessors)",
            lambda: selectors.stats(province, BEFORE_REFORM_YEAR, BY),
            _lower_bound(BEFORE_REFORM_YEAR, paths),
            repeat,
            max_ms=300,
        ),
        _compare(
            f"counts by level × field, the nation, {YEAR}",
            lambda: selectors.national_stats(YEAR, BY),
            _lower_bound(YEAR, None),
            repeat,
            max_ms=2000,
        ),
    ]
    report(stdout, rows)
    return rows
