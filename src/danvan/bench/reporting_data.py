"""The data of `danvan bench reporting`: the benchmark's half-year form (33 indicators, 61 cells a report) and its
10 million values, written by one `INSERT … SELECT` over small scratch tables with the value table's indexes
dropped during the load (see `bench.reporting`)."""

from django.db import connection, transaction
from django.utils import timezone

from danvan.core.periods import Period, PeriodType
from danvan.orgunits.models import OrgUnit
from danvan.reporting import selectors
from danvan.reporting.models import (
    Aggregation,
    Category,
    CategoryOption,
    Form,
    Indicator,
    Section,
    SectionIndicator,
    Submission,
    Value,
    ValueChange,
    ValueType,
)

from . import units as units_bench

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
T_SUBMISSION = Submission._meta.db_table
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


def build_values(cells, form: Form) -> dict[str, int]:
    """The values of every reporting unit and period, and their reports: one in ten submitted and not yet approved
    (their figures are left out of the totals, which count approved reports), the others approved."""
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
        _execute(
            f"""INSERT INTO {T_SUBMISSION} (created_at, updated_at, form_id, unit_id, unit_path, period, status,
                narrative, submitted_at, submitted_by_id, approved_at, approved_by_id, unlocked_until)
            SELECT %s, %s, %s, r.unit_id, r.path, p.code,
                CASE WHEN r.unit_id %% 10 = 0 THEN %s ELSE %s END, '{{}}', %s, NULL,
                CASE WHEN r.unit_id %% 10 = 0 THEN NULL ELSE %s END, NULL, NULL
            FROM {T_REPORTER} r JOIN {T_PERIOD} p ON p.layer = r.layer""",
            [now, now, form.pk, Submission.Status.SUBMITTED, Submission.Status.APPROVED, now, now],
        )
        for table in (T_REPORTER, T_PERIOD, T_CELL):
            _execute(f"DROP TABLE {table}")
    return {"values": values, **reporters}


def analyze() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # VACUUM sets the visibility map that index-only scans need, as autovacuum does in service.
            for table in (T_UNIT, T_VALUE, T_CHANGE, T_SUBMISSION):
                cursor.execute(f'VACUUM ANALYZE "{table}"')
        else:
            cursor.execute("ANALYZE")
