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
import gc
import math
import statistics
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
from danvan.orgunits.models import REFORM_DATE, OrgUnit
from danvan.orgunits.tree import path_ids, subtree_range
from danvan.reporting import expressions, selectors, services
from danvan.reporting.models import (
    Aggregation,
    Category,
    CategoryOption,
    Form,
    Indicator,
    Section,
    SectionIndicator,
    Value,
    ValueChange,
    ValueType,
)
from danvan.reporting.periods import Period, PeriodType

from . import practices as practices_bench
from . import units as units_bench
from .timing import ResultMismatch, Row, collect_static_files, report

IMPORT_VALUES = 100_000
# The aggregation pages' server time (issue #8: a province's took 374 ms, the nation's 952 ms).
PAGE_MS = 300
FORM_CODE = "bench-so-ket-dan-van"
PERIOD = Period.parse("2026H1")
IMPORT_PERIOD = Period.parse("2026H2")
# Half-years reported by the old layer (before the reform), then by today's units.
OLD_PERIODS = [Period(year, PeriodType.HALF_YEAR, half) for year in range(2019, 2026) for half in (1, 2)][:-1]
NEW_PERIODS = [Period.parse("2025H2"), PERIOD]

T_VALUE = Value._meta.db_table
T_CHANGE = ValueChange._meta.db_table
T_UNIT = OrgUnit._meta.db_table
T_REPORTER = "bench_reporter"
T_PERIOD = "bench_period"
T_CELL = "bench_cell"

INT, DEC, PCT, YES_NO = ValueType.INTEGER, ValueType.DECIMAL, ValueType.PERCENTAGE, ValueType.BOOLEAN
SUM, AVERAGE = Aggregation.SUM, Aggregation.AVERAGE
# A disaggregation the standard ones (cap, linh_vuc) do not cover.
SEX = ("gioi_tinh", "Giới tính", [("nam", "Nam"), ("nu", "Nữ")])
# Sections of (code, name, value type, measure, categories, aggregation, expression, generated (low, high)).
SECTIONS = [
    (
        "I. Phong trào thi đua “Dân vận khéo”",
        [
            ("dvk_mh_dang_ky", "Số mô hình, điển hình “Dân vận khéo” đăng ký", INT, "mô hình", ["cap"], SUM, "", (0, 6)),
            ("dvk_mh_cong_nhan", "Số mô hình, điển hình được công nhận", INT, "mô hình", ["cap"], SUM, "", (0, 4)),
            ("dvk_mh_nhan_rong", "Số mô hình, điển hình được nhân rộng", INT, "mô hình", ["cap"], SUM, "", (0, 2)),
            (
                "dvk_mh_linh_vuc", "Mô hình, điển hình theo cấp và lĩnh vực", INT, "mô hình", ["cap", "linh_vuc"], SUM,
                "", (0, 3),
            ),
            ("dvk_don_vi_dang_ky", "Số đơn vị đăng ký mô hình", INT, "đơn vị", [], SUM, "", (0, 12)),
            (
                "dvk_ty_le_cong_nhan", "Tỷ lệ mô hình, điển hình được công nhận", PCT, "%", [], SUM,
                "dvk_mh_cong_nhan / dvk_mh_dang_ky * 100", None,
            ),
        ],
    ),
    (
        "II. Thực hiện dân chủ ở cơ sở",
        [
            ("dcs_doi_thoai", "Số cuộc đối thoại với Nhân dân", INT, "cuộc", [], SUM, "", (1, 6)),
            ("dcs_nguoi_du_doi_thoai", "Số lượt người dân dự đối thoại", INT, "lượt", ["gioi_tinh"], SUM, "", (30, 300)),
            ("dcs_tiep_cong_dan", "Số buổi tiếp công dân định kỳ", INT, "buổi", [], SUM, "", (6, 26)),
            ("dcs_luot_tiep", "Số lượt công dân được tiếp", INT, "lượt", ["gioi_tinh"], SUM, "", (5, 45)),
            ("dcs_don_tiep_nhan", "Số đơn thư tiếp nhận", INT, "đơn", ["linh_vuc"], SUM, "", (0, 10)),
            ("dcs_don_giai_quyet", "Số đơn thư đã giải quyết", INT, "đơn", [], SUM, "", (0, 30)),
            (
                "dcs_ty_le_giai_quyet", "Tỷ lệ đơn thư đã giải quyết", PCT, "%", [], SUM,
                "dcs_don_giai_quyet / dcs_don_tiep_nhan * 100", None,
            ),
            ("dcs_hoi_nghi_nhan_dan", "Số hội nghị nhân dân ở thôn, tổ dân phố", INT, "hội nghị", [], SUM, "", (2, 40)),
            ("dcs_so_ket", "Đã sơ kết thực hiện dân chủ ở cơ sở", YES_NO, "", [], SUM, "", (0, 1)),
            ("dcs_cong_khai", "Đã công khai thu chi ngân sách", YES_NO, "", [], SUM, "", (0, 1)),
        ],
    ),
    (
        "III. Công tác an sinh xã hội",
        [
            ("asxh_nha_dai_doan_ket", "Số nhà Đại đoàn kết xây mới", INT, "căn", [], SUM, "", (0, 8)),
            ("asxh_nha_sua_chua", "Số nhà Đại đoàn kết sửa chữa", INT, "căn", [], SUM, "", (0, 5)),
            ("asxh_qua_tet", "Số suất quà Tết trao tặng", INT, "suất", [], SUM, "", (80, 900)),
            ("asxh_gia_tri_qua", "Giá trị quà Tết", DEC, "triệu đồng", [], SUM, "", (200, 4500)),
            ("asxh_ho_thoat_ngheo", "Số hộ thoát nghèo", INT, "hộ", [], SUM, "", (0, 40)),
            ("asxh_quy_vi_nguoi_ngheo", "Quỹ Vì người nghèo vận động được", DEC, "triệu đồng", [], SUM, "", (50, 900)),
        ],
    ),
    (
        "IV. Dư luận xã hội, dân tộc, tôn giáo",
        [
            ("dlxh_vu_viec", "Số vụ việc phức tạp phát sinh", INT, "vụ", [], SUM, "", (0, 3)),
            ("dlxh_vu_viec_giai_quyet", "Số vụ việc phức tạp đã giải quyết", INT, "vụ", [], SUM, "", (0, 3)),
            ("dlxh_hai_long", "Tỷ lệ người dân hài lòng", PCT, "%", [], AVERAGE, "", (78, 98)),
            ("dlxh_y_kien", "Số ý kiến, kiến nghị của cử tri được tiếp thu", INT, "ý kiến", [], SUM, "", (3, 60)),
            ("dttg_gap_mat", "Số cuộc gặp mặt chức sắc, người có uy tín", INT, "cuộc", [], SUM, "", (1, 5)),
            ("dttg_nguoi_uy_tin", "Số người có uy tín được phát huy vai trò", INT, "người", [], SUM, "", (2, 30)),
        ],
    ),
    (
        "V. Mặt trận Tổ quốc và các đoàn thể",
        [
            ("mttq_hoi_vien_moi", "Số hội viên, đoàn viên mới", INT, "người", ["gioi_tinh"], SUM, "", (5, 120)),
            ("mttq_cuoc_van_dong", "Số cuộc vận động được triển khai", INT, "cuộc", [], SUM, "", (1, 8)),
            ("mttq_giam_sat", "Số cuộc giám sát, phản biện xã hội", INT, "cuộc", [], SUM, "", (0, 6)),
            ("mttq_hoa_giai", "Số vụ việc hòa giải thành ở cơ sở", INT, "vụ", [], SUM, "", (0, 15)),
            ("mttq_ty_le_tham_gia", "Tỷ lệ hộ tham gia các cuộc vận động", PCT, "%", [], AVERAGE, "", (60, 100)),
        ],
    ),
]  # fmt: skip
DECIMAL_STEP = 0.1  # decimals are generated in tenths


def _execute(sql: str, params=()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


# --- the form --------------------------------------------------------------------------------------------------------


def define_form() -> Form:
    """The form, owned by a national agency at the root of the tree, with its indicators and sections."""
    builder = units_bench._Builder()
    builder.add(
        "Ban Tuyên giáo và Dân vận Trung ương",
        OrgUnit.Kind.AGENCY,
        agency_type=OrgUnit.AgencyType.PROPAGANDA_MOBILISATION,
        code="TW",
    )
    builder.flush()
    owner = OrgUnit.objects.get(code="TW", parent__isnull=True)
    code, name, options = SEX
    sex = Category.objects.create(code=code, name=name, position=3)
    CategoryOption.objects.bulk_create(
        CategoryOption(category=sex, code=option, name=label, position=n)
        for n, (option, label) in enumerate(options, start=1)
    )
    categories = {category.code: category for category in Category.objects.all()}
    form = Form.objects.create(
        code=FORM_CODE,
        name="Báo cáo sơ kết công tác dân vận 6 tháng",
        owner=owner,
        period_type=PeriodType.HALF_YEAR,
        reporting_kinds=[OrgUnit.Kind.COMMUNE, OrgUnit.Kind.AGENCY],
        deadline_days=10,
    )
    for position, (title, indicators) in enumerate(SECTIONS, start=1):
        section = Section.objects.create(form=form, title=title, position=position)
        for number, (icode, iname, value_type, measure, cats, aggregation, expression, _g) in enumerate(
            indicators, start=1
        ):
            indicator = Indicator.objects.create(
                code=icode,
                name=iname,
                value_type=value_type,
                measure=measure,
                aggregation=aggregation,
                expression=expression,
                owner=owner,
            )
            indicator.categories.set([categories[c] for c in cats])
            SectionIndicator.objects.create(section=section, indicator=indicator, position=number)
    return form


def _cells(form: Form) -> list[tuple[Indicator, str, tuple[int, int]]]:
    """(indicator, category key, generated range) of every cell of a report."""
    generated = {row[0]: row[7] for _title, rows in SECTIONS for row in rows}
    return [
        (indicator, key, generated[indicator.code])
        for indicator in selectors.form_indicators(form)
        if not indicator.expression
        for key, _label in selectors.category_keys(indicator)
    ]


# --- the values ------------------------------------------------------------------------------------------------------


class _WithoutValueIndexes:
    """Drops the value table's indexes and constraints (all but its primary key) during the load and makes them again
    after it: one sort per index instead of ten million random inserts into each, and one join per foreign key
    instead of a check per row, as a bulk loader does. SQLite keeps its unique constraint (part of the table)."""

    def __enter__(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT conname, pg_get_constraintdef(oid), conindid FROM pg_constraint "
                    "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY contype DESC",
                    [T_VALUE],
                )
                constraints = cursor.fetchall()
                backing = [index for _name, _definition, index in constraints if index]
                cursor.execute(
                    "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                    "JOIN pg_class c ON c.oid = i.indexrelid "
                    "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT i.indexrelid = ANY(%s)",
                    [T_VALUE, backing],
                )
                indexes = cursor.fetchall()
                self.restore = ["SET maintenance_work_mem = '256MB'"] + [
                    definition for _name, definition in indexes
                ]
                self.restore += [
                    f'ALTER TABLE "{T_VALUE}" ADD CONSTRAINT "{name}" {definition}'
                    for name, definition, _index in constraints
                ]
                for name, _definition, _index in reversed(constraints):
                    cursor.execute(f'ALTER TABLE "{T_VALUE}" DROP CONSTRAINT "{name}"')
            else:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                    [T_VALUE],
                )
                indexes = cursor.fetchall()
                self.restore = [definition for _name, definition in indexes]
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')

    def __exit__(self, *exc):
        if exc[0] is None:
            with connection.cursor() as cursor:
                for statement in self.restore:
                    cursor.execute(statement)


def _scratch_tables(cells) -> dict[str, int]:
    """The reporting units of each layer, the periods and the cells, as three small tables to cross-join."""
    _execute(
        f"CREATE TABLE {T_REPORTER} (layer INTEGER NOT NULL, unit_id BIGINT NOT NULL, path VARCHAR(255) NOT NULL, "
        f"province_code VARCHAR(8) NOT NULL, PRIMARY KEY (layer, unit_id))"
    )
    new = _execute(
        f"INSERT INTO {T_REPORTER} (layer, unit_id, path, province_code) "
        f"SELECT 1, id, path, province_code FROM {T_UNIT} "
        f"WHERE kind IN ('commune', 'agency') AND valid_to IS NULL AND parent_id IS NOT NULL ORDER BY path"
    )
    old = _execute(
        f"INSERT INTO {T_REPORTER} (layer, unit_id, path, province_code) "
        f"SELECT 0, id, path, province_code FROM {T_UNIT} "
        f"WHERE kind IN ('commune', 'district') AND valid_to IS NOT NULL ORDER BY path"
    )
    _execute(
        f"CREATE TABLE {T_PERIOD} (code VARCHAR(8) NOT NULL PRIMARY KEY, layer INTEGER NOT NULL, "
        f"k INTEGER NOT NULL)"
    )
    periods = [(p.code, 0) for p in OLD_PERIODS] + [(p.code, 1) for p in NEW_PERIODS]
    _execute(
        f"CREATE TABLE {T_CELL} (k INTEGER NOT NULL PRIMARY KEY, indicator_id BIGINT NOT NULL, "
        f"category VARCHAR(100) NOT NULL, low INTEGER NOT NULL, span INTEGER NOT NULL, step FLOAT NOT NULL)"
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {T_PERIOD} (code, layer, k) VALUES (%s, %s, %s)",
            [(code, layer, k) for k, (code, layer) in enumerate(periods)],
        )
        cursor.executemany(
            f"INSERT INTO {T_CELL} (k, indicator_id, category, low, span, step) VALUES (%s, %s, %s, %s, %s, %s)",
            [
                (k, indicator.pk, key, *_range(indicator, generated))
                for k, (indicator, key, generated) in enumerate(cells)
            ],
        )
    return {"new": new, "old": old}


def _range(indicator: Indicator, generated: tuple[int, int]) -> tuple[int, int, float]:
    low, high = generated
    if indicator.value_type == DEC:
        return round(low / DECIMAL_STEP), round((high - low) / DECIMAL_STEP) + 1, DECIMAL_STEP
    return low, high - low + 1, 1.0


def build_values(cells) -> dict[str, int]:
    with _WithoutValueIndexes(), transaction.atomic():
        reporters = _scratch_tables(cells)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        # A figure per cell that looks random but is the same on every run and database.
        number = "(c.low + (r.unit_id * 7919 + c.k * 104729 + p.k * 3571) % c.span) * c.step"
        values = _execute(
            f"""INSERT INTO {T_VALUE} (indicator_id, unit_id, unit_path, province_code, period, category, number,
                text, origin, reason, updated_at, updated_by_id)
            SELECT c.indicator_id, r.unit_id, r.path, r.province_code, p.code, c.category, {number}, '', %s, '', %s,
                NULL
            FROM {T_REPORTER} r JOIN {T_PERIOD} p ON p.layer = r.layer CROSS JOIN {T_CELL} c""".replace(
                "%", "%%"
            ).replace("%%s", "%s"),
            [Value.Origin.IMPORTED, now],
        )
        for table in (T_REPORTER, T_PERIOD, T_CELL):
            _execute(f"DROP TABLE {table}")
    return {"values": values, **reporters}


def analyze() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # VACUUM sets the visibility map that index-only scans need, as autovacuum does in service.
            for table in (T_UNIT, T_VALUE, T_CHANGE):
                cursor.execute(f'VACUUM ANALYZE "{table}"')
        else:
            cursor.execute("ANALYZE")


# --- the lower bounds and the check that they give the same figures ------------------------------------------------


def _in(values) -> str:
    return ", ".join(["%s"] * len(values))


def national_lower_bound(indicators: list[Indicator], period: Period):
    """The national figures by province, worked out by one statement (see `_same_result`)."""
    stored_ids = [i.pk for i in indicators if not i.expression]
    cells = (
        f"SELECT province_code AS tag, indicator_id, category, SUM(number) AS total, COUNT(number) AS n "
        f"FROM {T_VALUE} WHERE period = %s AND indicator_id IN ({_in(stored_ids)}) "
        f"GROUP BY province_code, indicator_id, category"
    )
    return _statement(_same_result(cells, indicators), [period.code, *stored_ids])


def pivot_lower_bound(unit: OrgUnit, indicators: list[Indicator], period: Period):
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
        f"WHERE period = %s AND unit_path > %s AND unit_path < %s AND indicator_id IN ({_in(stored_ids)}) "
        f"GROUP BY 1, indicator_id, category"
    )
    return _statement(_same_result(cells, indicators), [*child_params, period.code, low, high, *stored_ids])


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


def _timed(fn) -> float:
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        fn()
        return time.perf_counter() - started
    finally:
        gc.enable()


def _paired(fn, other, repeat: int, between=None) -> tuple[float, float]:
    """Medians of both, timed in alternation after a warm-up call each; `between()` runs untimed after every call."""
    first, second = [], []
    for i in range(max(1, repeat) + 1):
        order = ((fn, first), (other, second)) if i % 2 == 0 else ((other, second), (fn, first))
        for f, times in order:
            seconds = _timed(f)
            if between is not None:
                between()
            if i:  # the first round warms up
                times.append(seconds)
    return statistics.median(first), statistics.median(second)


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
    built = build_values(cells)
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
    bound = national_lower_bound(indicators, PERIOD)
    _check("national", national(), expected_figures(indicators, bound(), provinces.get, PERIOD))
    seconds, lower = _paired(national, bound, repeat)
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
    bound = pivot_lower_bound(province, indicators, PERIOD)
    children = {str(unit.pk): unit.pk for unit in pivot()["units"]}
    _check("pivot", pivot(), expected_figures(indicators, bound(), children.get, PERIOD))
    seconds, lower = _paired(pivot, bound, repeat)
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
            pivot_lower_bound(province, indicators, PERIOD),
        ),
        (f"the nation's aggregation page, {PERIOD.code}", "all", national_lower_bound(indicators, PERIOD)),
    ):
        page = _page(client, form, unit)
        size = len(page())
        for when, between in (
            ("after a write", lambda: bump_figures_version(REPORTING, province_values)),
            ("cached figures", None),
        ):
            seconds, lower = _paired(page, bound, repeat, between=between)
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
    seconds, lower = _paired(
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
