"""`danvan bench citizens`: 1,000,000 petitions over the national units (issue #12) and what the register's lists and
the figures read.

The units come from `danvan bench units`' builder (34 provinces, 3,321 communes, … and the closed layer before
1/7/2025). The petitions are written by one `INSERT … SELECT` over a numbers sequence (not timed), spread over every
open province and commune (the communes hold most), received over 920 days from 1/1/2024 up to a few days before
`TODAY`: kiến nghị 40 %, phản ánh 25 %, khiếu nại lần đầu 20 %, lần hai 5 %, tố cáo 10 %; ten fields. Those received
in the last four months are half still open (received, processed, accepted, assigned, verified; due 10 to 69 days
after receipt, so some already overdue), half resolved; older ones are resolved (one in eight late), closed, refused
or withdrawn, and one in fifty is still open and long overdue.

Timed through the real selectors, each beside a hand-written plain-SQL query giving the same result in the same run:
(a) a province's overdue list, first page, as the register's list reads it (`register_of` of a superuser: the
province's lineage, then the overdue filter `figures.overdue_q`, newest first, from the partial index
`petition_open_due`; its bound runs the same two statements by hand); (b) the counts by
kind and stage of a province (`figures.kind_stage_counts`, the index `petition_path_kind_stage` alone); (c) the same
for the nation; (d) a province's report figures for 2026H1 (`figures.petition_figures`).
"""

import contextlib
import datetime
import time

from django.db import connection, transaction
from django.utils import timezone

from danvan.accounts.models import User
from danvan.citizens.models import Petition
from danvan.citizens.selectors import figures, register_of
from danvan.core.periods import Period
from danvan.orgunits.lineage import predecessor_paths
from danvan.orgunits.models import REFORM_DATE, OrgUnit
from danvan.orgunits.tree import outermost, subtree_range, subtrees_q

from . import units as units_bench
from .timing import compare, report

NATIONAL_PETITIONS = 1_000_000
PERIOD = Period.parse("2026H1")
TODAY = datetime.date(2026, 7, 15)
FIRST_DAY = datetime.date(2024, 1, 1)
DAYS = 920  # the last receipt is 9/7/2026
RECENT = 800  # received from 10/3/2026: half still open
PAGE = 25

T_PETITION = Petition._meta.db_table
T_UNIT = OrgUnit._meta.db_table
T_POOL = "bench_citizens_unit"
KINDS = [("kien_nghi", 8), ("phan_anh", 5), ("khieu_nai_1", 4), ("khieu_nai_2", 1), ("to_cao", 2)]  # of 20
FIELDS = Petition.Field.values
OPEN = [str(stage) for stage in Petition.OPEN_STAGES]


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


def _unit_pool() -> int:
    """The open provinces and communes, numbered (a scratch table); each province once, each commune five times, so
    the communes hold five in six of the petitions."""
    _execute(
        f"CREATE TABLE {T_POOL} (rn INTEGER PRIMARY KEY, unit_id BIGINT NOT NULL, path VARCHAR(255) NOT NULL, "
        f"province_code VARCHAR(8) NOT NULL)"
    )
    return _execute(
        f"INSERT INTO {T_POOL} (rn, unit_id, path, province_code) "
        f"SELECT ROW_NUMBER() OVER (ORDER BY u.id, w.k) - 1, u.id, u.path, u.province_code "
        f"FROM {T_UNIT} u JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 "
        f"UNION ALL SELECT 4) w ON w.k = 0 OR u.kind = 'commune' "
        f"WHERE u.valid_to IS NULL AND u.kind IN ('province', 'commune')"
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


def _case(expression: str, choices: list[tuple[str, int]], out_of: int) -> str:
    """CASE over `expression` % out_of giving each choice its share."""
    whens, low = [], 0
    for value, share in choices:
        whens.append(f"WHEN ({expression}) % {out_of} < {low + share} THEN '{value}'")
        low += share
    return "CASE " + " ".join(whens) + " END"


def build(petitions: int) -> int:
    with _without_indexes(Petition), transaction.atomic():
        size = _unit_pool()
        if not size:
            raise RuntimeError("No open units: scale too small.")
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        received = f"((n.i * 37) % {DAYS})"
        recent = f"{received} >= {RECENT}"
        stage = (
            f"CASE WHEN {recent} THEN (CASE n.i % 10 WHEN 0 THEN 'received' WHEN 1 THEN 'processed' "
            f"WHEN 2 THEN 'accepted' WHEN 3 THEN 'assigned' WHEN 4 THEN 'verified' ELSE 'resolved' END) "
            f"WHEN n.i % 50 = 7 THEN 'accepted' "
            f"ELSE (CASE n.i % 10 WHEN 0 THEN 'closed' WHEN 1 THEN 'closed' WHEN 2 THEN 'refused' "
            f"WHEN 3 THEN 'withdrawn' ELSE 'resolved' END) END"
        )
        accepted = f"{received} + 3 + n.i % 8"
        has_accepted = "n.stage IN ('accepted', 'assigned', 'verified', 'resolved', 'closed')"
        finished = "n.stage IN ('resolved', 'closed')"
        resolution_due = f"{accepted} + 30 + (n.i % 3) * 15"
        resolved = f"{accepted} + CASE WHEN n.i % 8 = 0 THEN 80 ELSE 10 + (n.i * 11) % 20 END"
        open_due = f"{received} + 10 + (n.i * 7) % 60"
        kind = _case("n.i", KINDS, 20)
        field = "CASE n.i % 10 " + " ".join(f"WHEN {k} THEN '{f}'" for k, f in enumerate(FIELDS)) + " END"
        sql = f"""
            WITH RECURSIVE {_numbers(petitions)}
            INSERT INTO {T_PETITION} (
                created_at, updated_at, unit_id, unit_path, province_code, year, number, kind, received_as,
                channel, forwarded_by, forwarded_reference, is_group, signers, anonymous, sender_label, subject,
                field, content, received_on, complex_case, very_complex, remote_area, needs_verification,
                stage, processing, processed_on, accepted_on, acceptance_reference, refusal_reason, resolved_on,
                decision_reference, outcome, answer, closed_on, clock_step, clock_from, due_on, answer_public,
                search_key)
            SELECT %s, %s, o.unit_id, o.path, o.province_code, 2024, n.i + 1, {kind}, '',
                'buu_chinh', '', '', n.i % 40 = 0, 1, FALSE, 'Người gửi ' || n.i, 'Đơn số ' || n.i,
                {field}, 'Nội dung đơn số ' || n.i, {_day(received)}, FALSE, FALSE, FALSE, FALSE,
                n.stage, CASE WHEN n.stage = 'received' THEN '' ELSE 'within' END,
                CASE WHEN n.stage = 'received' THEN NULL ELSE {_day(f"{received} + 2")} END,
                CASE WHEN {has_accepted} THEN {_day(accepted)} END, '', '',
                CASE WHEN {finished} THEN {_day(resolved)} END, '', '', '',
                CASE WHEN n.stage = 'closed' THEN {_day(f"{resolved} + 5")} END,
                CASE WHEN n.stage IN ('refused', 'withdrawn') THEN '' ELSE 'xu_ly_don' END,
                CASE WHEN n.stage IN ('refused', 'withdrawn') THEN NULL ELSE {_day(received)} END,
                CASE WHEN n.stage IN ('refused', 'withdrawn') THEN NULL
                     WHEN {finished} THEN {_day(resolution_due)} ELSE {_day(open_due)} END,
                TRUE, 'don so ' || n.i
            FROM (SELECT n.i AS i, {stage} AS stage FROM n) AS n JOIN {T_POOL} o ON o.rn = (n.i * 7919) % {size} ORDER BY n.i
        """.replace("%", "%%").replace("%%s", "%s")
        _execute(sql, [now, now])
        _execute(f"DROP TABLE {T_POOL}")
    return Petition.objects.count()


def analyze() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # VACUUM sets the visibility map that index-only scans need, as autovacuum does in service.
            for table in (T_UNIT, T_PETITION):
                cursor.execute(f'VACUUM ANALYZE "{table}"')
        else:
            cursor.execute("ANALYZE")


# --- the plain-SQL lower bounds ---------------------------------------------------------------------------------------


def _date(day: datetime.date):
    return connection.ops.adapt_datefield_value(day)


def _fetch(sql: str, params: list):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


def _overdue_lower_bound(path: str):
    """The list's two statements by hand: the units the province was formed from (the register covers their
    subtrees too, `orgunits.lineage`, itself plain SQL), then the first page over those subtrees."""
    stages = ", ".join(["%s"] * len(OPEN))

    def run():
        ranges = [subtree_range(p) for p in outermost([path, *predecessor_paths([path])])]
        where = " OR ".join(["(unit_path >= %s AND unit_path < %s)"] * len(ranges))
        sql = (
            f"SELECT id, number, received_on, kind, stage, due_on FROM {T_PETITION} "
            f"WHERE ({where}) AND stage IN ({stages}) AND due_on < %s "
            f"ORDER BY received_on DESC, id DESC LIMIT {PAGE}"
        )
        params = [bound for pair in ranges for bound in pair]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *OPEN, _date(TODAY)])
            return [row[0] for row in cursor.fetchall()]

    return run


def _kind_stage_lower_bound(path: str | None):
    if path is None:
        sql, params = f"SELECT kind, stage, COUNT(*) FROM {T_PETITION} GROUP BY kind, stage", []
    else:
        sql = (
            f"SELECT kind, stage, COUNT(*) FROM {T_PETITION} WHERE unit_path >= %s AND unit_path < %s "
            f"GROUP BY kind, stage"
        )
        params = list(subtree_range(path))
    run = _fetch(sql, params)
    return lambda: {(kind, stage): n for kind, stage, n in run()}


def _figures_lower_bound(path: str):
    """The report figures by hand: the same conditional counts over the same index range."""
    low, high = subtree_range(path)
    stages = ", ".join(["%s"] * len(OPEN))
    conditions = [
        ("received", "1 = 1", []),
        ("accepted", "accepted_on IS NOT NULL", []),
        ("on_time", "resolved_on IS NOT NULL AND (due_on IS NULL OR resolved_on <= due_on)", []),
        ("late", "resolved_on IS NOT NULL AND due_on IS NOT NULL AND resolved_on > due_on", []),
        ("open", f"stage IN ({stages})", OPEN),
        ("overdue", f"stage IN ({stages}) AND due_on < %s", [*OPEN, _date(TODAY)]),
        *[(f"kind_{k}", "kind = %s", [k]) for k in Petition.Kind.values],
        *[(f"field_{f}", "field = %s", [f]) for f in FIELDS],
    ]
    columns = ", ".join(f"COUNT(*) FILTER (WHERE {condition})" for _n, condition, _p in conditions)
    sql = (
        f"SELECT {columns} FROM {T_PETITION} WHERE unit_path >= %s AND unit_path < %s "
        f"AND received_on >= %s AND received_on <= %s"
    )
    params = [p for _n, _c, ps in conditions for p in ps]
    params += [low, high, _date(PERIOD.start), _date(PERIOD.end)]
    names = [name for name, _c, _p in conditions]

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return dict(zip(names, cursor.fetchone(), strict=True))

    return run


def _plan(queryset) -> str:
    """The access path PostgreSQL picks for the app's query (its scan nodes)."""
    if connection.vendor != "postgresql":
        return ""
    plan = queryset.explain()
    scans = [line.strip(" ->") for line in plan.splitlines() if "Scan" in line]
    return "; ".join(scan.split("  (")[0] for scan in scans)


def run(options, stdout):
    scale, repeat = options["scale"], options["repeat"]
    sizes = units_bench.Sizes.at(scale)
    petitions = max(3000, round(NATIONAL_PETITIONS * scale))
    started = time.perf_counter()
    units_bench.build(sizes)
    units_built = time.perf_counter() - started
    built = build(petitions)
    rows_built = time.perf_counter() - started - units_built
    analyze()
    analysed = time.perf_counter() - started - units_built - rows_built
    stdout.write(
        f"Built {OrgUnit.objects.count():,} units in {units_built:.1f} s; {built:,} petitions in "
        f"{rows_built:.1f} s; statistics in {analysed:.1f} s."
    )
    province = (
        OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE, valid_from=REFORM_DATE).order_by("path").first()
    )
    lineage = [province.path]
    nation = User.objects.create_superuser("bench_citizens", "bench@example.vn", None)

    def overdue_page():
        rows = (
            register_of(nation, province)
            .filter(figures.overdue_q(TODAY))
            .order_by("-received_on", "-id")
            .only("id", "number", "received_on", "kind", "stage", "due_on")[:PAGE]
        )
        return [petition.pk for petition in rows]

    overdue = (
        Petition.objects.filter(subtrees_q(lineage, "unit_path"), figures.overdue_q(TODAY))
        .order_by("-received_on", "-id")
        .values("id")[:PAGE]
    )
    for label, queryset in (
        ("overdue list", overdue),
        ("kind × stage", Petition.objects.filter(subtrees_q(lineage, "unit_path")).values("kind")),
    ):
        plan = _plan(queryset)
        if plan:
            stdout.write(f"PostgreSQL plan of the province's {label}: {plan}")
    province_counts = _kind_stage_lower_bound(province.path)
    in_province = sum(province_counts().values())
    overdue_in_province = Petition.objects.filter(
        subtrees_q(lineage, "unit_path"), figures.overdue_q(TODAY)
    ).count()
    rows = [
        compare(
            "overdue list, first page, one province",
            overdue_page,
            _overdue_lower_bound(province.path),
            repeat,
            max_ms=100,
            detail=f"{overdue_in_province:,} overdue of {in_province:,}",
        ),
        compare(
            "counts by kind and stage, one province",
            lambda: figures.kind_stage_counts(lineage),
            province_counts,
            repeat,
            max_ms=200,
        ),
        compare(
            "counts by kind and stage, the nation",
            lambda: figures.kind_stage_counts(None),
            _kind_stage_lower_bound(None),
            repeat,
            max_ms=3000,
        ),
        compare(
            f"report figures, one province, {PERIOD.code}",
            lambda: figures.petition_figures(province, PERIOD, TODAY, lineage=lineage),
            _figures_lower_bound(province.path),
            repeat,
            max_ms=300,
        ),
    ]
    report(stdout, rows)
    return rows
