"""The figures the system knows itself (counts of the practice register and of the activities' records) for the
indicators bound to a source, and the standard categories those counts break down by."""

from django.utils.translation import gettext_lazy as _

from danvan.activities import selectors as activities
from danvan.activities.models import Inspection, Meeting
from danvan.citizens.models import Petition
from danvan.citizens.selectors import figures as citizens
from danvan.core.periods import Period
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.practices.selectors import LEVELS, RECOGNISED_STATUSES, REPLICATED_STATUSES, facts_for, stats

from ..models import (
    Category,
    CategoryOption,
    Indicator,
    Source,
    Value,
)
from ..selectors import category_keys

# The categories the practice register can fill (migrations create them; see SOURCE_CATEGORIES). The levels come
# in three sets: "cap", the four levels before the reform, for periods up to 2025H1; since 1/7/2025 there are no
# districts (two-level local government): "cap_hai_cap" for forms reported by a province's units, and "cap_xa" for
# forms reported by communes, whose own subtree holds only commune- and hamlet-level models.
STANDARD_CATEGORIES = [
    (
        "cap",
        "Cấp",
        1,
        [
            ("province", "Cấp tỉnh"),
            ("district", "Cấp huyện"),
            ("commune", "Cấp xã, phường"),
            ("hamlet", "Cấp thôn, tổ dân phố"),
        ],
    ),
    (
        "cap_hai_cap",
        "Cấp (chính quyền địa phương hai cấp, từ 1/7/2025)",
        3,
        [
            ("province", "Cấp tỉnh"),
            ("commune", "Cấp xã, phường, đặc khu"),
            ("hamlet", "Cấp thôn, tổ dân phố"),
        ],
    ),
    (
        "cap_xa",
        "Cấp trong xã (xã và thôn, tổ dân phố; từ 1/7/2025)",
        4,
        [
            ("commune", "Cấp xã, phường, đặc khu"),
            ("hamlet", "Cấp thôn, tổ dân phố"),
        ],
    ),
    (
        "linh_vuc",
        "Lĩnh vực",
        2,
        [
            ("kinh_te", "Kinh tế"),
            ("van_hoa_xa_hoi", "Văn hóa – xã hội"),
            ("quoc_phong_an_ninh", "Quốc phòng – an ninh"),
            ("xay_dung_he_thong_chinh_tri", "Xây dựng hệ thống chính trị"),
        ],
    ),
    # The activities' categories (migration 0008): their option codes are the records' own values.
    (
        "loai_hoi_nghi",
        "Loại hội nghị",
        5,
        [
            ("so_ket", "Sơ kết"),
            ("tong_ket", "Tổng kết"),
            ("giao_ban", "Giao ban"),
            ("chuyen_de", "Hội nghị chuyên đề"),
            ("tap_huan", "Tập huấn"),
            ("hoi_thao", "Hội thảo"),
            ("doi_thoai", "Đối thoại"),
            ("tiep_xuc", "Tiếp xúc"),
            ("khac", "Khác"),
        ],
    ),
    (
        "hinh_thuc_kiem_tra",
        "Hình thức kiểm tra, giám sát",
        6,
        [("inspection", "Kiểm tra"), ("supervision", "Giám sát")],
    ),
    (
        "tinh_trang_nhiem_vu",
        "Tình trạng thực hiện nhiệm vụ",
        7,
        [
            ("done_on_time", "Hoàn thành đúng hạn"),
            ("done_late", "Hoàn thành quá hạn"),
            ("in_progress", "Đang thực hiện trong hạn"),
            ("overdue", "Quá hạn"),
        ],
    ),
    # The citizens' categories (migration 0009): their option codes are the petitions' own values.
    (
        "loai_don",
        "Loại đơn",
        8,
        [
            ("kien_nghi", "Kiến nghị"),
            ("phan_anh", "Phản ánh"),
            ("khieu_nai_1", "Khiếu nại lần đầu"),
            ("khieu_nai_2", "Khiếu nại lần hai"),
            ("to_cao", "Tố cáo"),
        ],
    ),
    (
        "linh_vuc_don",
        "Lĩnh vực đơn thư",
        9,
        [
            ("dat_dai", "Đất đai"),
            ("chinh_sach", "Chế độ, chính sách"),
            ("tham_nhung", "Tham nhũng, tiêu cực"),
            ("moi_truong", "Môi trường"),
            ("xay_dung", "Xây dựng, hạ tầng"),
            ("hanh_chinh", "Thủ tục hành chính"),
            ("can_bo", "Cán bộ, công chức"),
            ("tu_phap", "Tư pháp"),
            ("xa_hoi", "Văn hóa, xã hội"),
            ("khac", "Lĩnh vực khác"),
        ],
    ),
]


def ensure_standard_categories() -> None:
    """The standard categories and their options (restores them after a test database is flushed)."""
    for code, name, position, options in STANDARD_CATEGORIES:
        category, _created = Category.objects.get_or_create(
            code=code, defaults={"name": name, "position": position}
        )
        for number, (option_code, option_name) in enumerate(options, start=1):
            CategoryOption.objects.get_or_create(
                category=category, code=option_code, defaults={"name": option_name, "position": number}
            )


# Categories the system's figures can break their counts down by, and the dimension each stands for.
SOURCE_CATEGORIES = {
    "cap": "level",
    "cap_hai_cap": "level",
    "cap_xa": "level",
    "linh_vuc": "field",
    "loai_hoi_nghi": "type",
    "hinh_thuc_kiem_tra": "kind",
    "tinh_trang_nhiem_vu": "status",
    "loai_don": "kind",
    "linh_vuc_don": "field",
}
_PRACTICES_CATEGORIES = ("cap", "cap_hai_cap", "cap_xa", "linh_vuc")
# The categories each source can break down by (the activities' figures by their own one, or none).
ALLOWED_CATEGORIES = {
    Source.PRACTICES_REGISTERED: _PRACTICES_CATEGORIES,
    Source.PRACTICES_RECOGNISED: _PRACTICES_CATEGORIES,
    Source.PRACTICES_REPLICATED: _PRACTICES_CATEGORIES,
    Source.PRACTICES_UNITS: _PRACTICES_CATEGORIES,
    Source.ACTIVITIES_MEETINGS: ("loai_hoi_nghi",),
    **{source: () for source in Source if source.startswith("activities.meetings.")},
    Source.ACTIVITIES_INSPECTIONS: ("hinh_thuc_kiem_tra",),
    Source.ACTIVITIES_TASKS: ("tinh_trang_nhiem_vu",),
    Source.ACTIVITIES_HOTSPOTS: (),
    Source.ACTIVITIES_HOTSPOTS_RESOLVED: (),
    Source.CITIZENS_RECEIVED: ("loai_don", "linh_vuc_don"),
    Source.CITIZENS_ACCEPTED: (),
    Source.CITIZENS_ON_TIME: (),
    Source.CITIZENS_LATE: (),
    Source.CITIZENS_RECEPTIONS: (),
    Source.CITIZENS_DIALOGUES: (),
}
ACTIVITIES_SOURCES_HELP = _(
    "Số hội nghị phân tổ được theo loại hội nghị (số hội nghị từng loại thì không phân tổ), số cuộc kiểm tra, "
    "giám sát theo hình thức, số nhiệm vụ theo tình trạng thực hiện; số vụ việc nguy cơ điểm nóng không phân tổ."
)
CITIZENS_SOURCES_HELP = _(
    "Số đơn tiếp nhận phân tổ được theo loại đơn hoặc theo lĩnh vực đơn thư; số đơn đã thụ lý, đã giải quyết đúng "
    "hạn, quá hạn, số buổi tiếp công dân và số cuộc đối thoại không phân tổ."
)
_STATUSES = {
    Source.PRACTICES_REGISTERED: None,
    Source.PRACTICES_RECOGNISED: RECOGNISED_STATUSES,
    Source.PRACTICES_REPLICATED: REPLICATED_STATUSES,
}


def system_values(
    indicator: Indicator, unit: OrgUnit, period: Period, memo: dict | None = None
) -> dict[str, float]:
    """{category key: number} the system knows for the indicator, unit and period (counts of the unit's subtree).
    `memo`: a dict a caller reading several indicators of one unit and period passes to each call, so that the
    activities' counts (several indicators read each of them) are read once."""
    if indicator.source.startswith("activities."):
        return _activities_values(indicator, unit, period, {} if memo is None else memo)
    if indicator.source.startswith("citizens."):
        return _citizens_values(indicator, unit, period, {} if memo is None else memo)
    dimensions = [SOURCE_CATEGORIES[c.code] for c in indicator.categories.all()]
    if indicator.source == Source.PRACTICES_UNITS:
        return _registering_units(unit, period.year, dimensions)
    statuses = _STATUSES[indicator.source]
    by = [*dimensions, *(["status"] if statuses else [])]
    result = stats(unit, period.year, by)
    values: dict[str, float] = {}
    if not dimensions:
        if statuses is None:
            return {"": float(result["total"])}
        return {"": float(sum(row["count"] for row in result["rows"] if row["status"] in statuses))}
    for key in category_keys_for(indicator):
        values[key] = 0.0
    for row in result["rows"]:
        if statuses is not None and row["status"] not in statuses:
            continue
        key = ",".join(_option_code(row, dimension) for dimension in dimensions)
        if key in values:
            values[key] += row["count"]
    return values


def _activities_counts(name: str, unit: OrgUnit, period: Period, memo: dict) -> dict[str, int]:
    """One of the activities' count sets of the unit and period, read once per `memo` (and the unit's lineage)."""
    key = (name, unit.pk, period.code)
    if key not in memo:
        lineage_key = ("lineage", unit.pk)
        if lineage_key not in memo:
            memo[lineage_key] = lineage_paths(unit)
        memo[key] = _ACTIVITIES_COUNTS[name](unit, period, lineage=memo[lineage_key])
    return memo[key]


_ACTIVITIES_COUNTS = {
    "meetings": activities.meetings_held,
    "inspections": activities.inspections_done,
    "tasks": activities.task_counts,
    "hotspots": activities.hotspots,
}


def _activities_values(indicator: Indicator, unit: OrgUnit, period: Period, memo: dict) -> dict[str, float]:
    """The activities' figures (`activities.selectors.figures`): by the indicator's one category, or their total."""
    source = indicator.source
    if source in (Source.ACTIVITIES_HOTSPOTS, Source.ACTIVITIES_HOTSPOTS_RESOLVED):
        counts = _activities_counts("hotspots", unit, period, memo)
        return {"": float(counts["reported" if source == Source.ACTIVITIES_HOTSPOTS else "resolved"])}
    if source.startswith("activities.meetings."):
        return {"": float(_activities_counts("meetings", unit, period, memo)[source.rsplit(".", 1)[1]])}
    if source == Source.ACTIVITIES_MEETINGS:
        counts, options = _activities_counts("meetings", unit, period, memo), Meeting.Type.values
    elif source == Source.ACTIVITIES_INSPECTIONS:
        counts, options = _activities_counts("inspections", unit, period, memo), Inspection.Kind.values
    else:
        counts = _activities_counts("tasks", unit, period, memo)
        options = [status.value for status in activities.COUNTED]
    if not indicator.categories.all():
        return {"": float(sum(counts[option] for option in options))}
    return {key: float(counts.get(key, 0)) for key in category_keys_for(indicator)}


_CITIZENS_COUNTS = {
    "petitions": citizens.petition_figures,
    "receptions": citizens.receptions_held,
    "dialogues": citizens.dialogues_held,
}
_CITIZENS_FIGURES = {
    Source.CITIZENS_RECEIVED: ("petitions", "received"),
    Source.CITIZENS_ACCEPTED: ("petitions", "accepted"),
    Source.CITIZENS_ON_TIME: ("petitions", "on_time"),
    Source.CITIZENS_LATE: ("petitions", "late"),
    Source.CITIZENS_RECEPTIONS: ("receptions", None),
    Source.CITIZENS_DIALOGUES: ("dialogues", None),
}
_CITIZENS_OPTIONS = {
    "loai_don": ("kind", Petition.Kind.values),
    "linh_vuc_don": ("field", Petition.Field.values),
}


def _citizens_values(indicator: Indicator, unit: OrgUnit, period: Period, memo: dict) -> dict[str, float]:
    """The citizens' figures (`citizens.selectors.figures`): the petitions received in the period by kind or field,
    or one total; receptions and dialogues held."""
    name, figure = _CITIZENS_FIGURES[indicator.source]
    key = ("citizens", name, unit.pk, period.code)
    if key not in memo:
        lineage_key = ("lineage", unit.pk)
        if lineage_key not in memo:
            memo[lineage_key] = lineage_paths(unit)
        memo[key] = _CITIZENS_COUNTS[name](unit, period, lineage=memo[lineage_key])
    counts = memo[key]
    if figure is None:
        return {"": float(counts)}
    categories = [c.code for c in indicator.categories.all()]
    if not categories:
        return {"": float(counts[figure])}
    prefix, _options = _CITIZENS_OPTIONS[categories[0]]
    return {option: float(counts.get(f"{prefix}_{option}", 0)) for option in category_keys_for(indicator)}


def _option_code(row: dict, dimension: str) -> str:
    return row["field"].replace("-", "_") if dimension == "field" else row[dimension]


def category_keys_for(indicator: Indicator) -> list[str]:
    return [key for key, _label in category_keys(indicator)]


def _registering_units(unit: OrgUnit, year: int, dimensions: list[str]) -> dict[str, float]:
    rows = facts_for(unit, year)
    if "level" in dimensions:
        values = dict.fromkeys(LEVELS, 0.0)
        for level, _owner in rows.values_list("level", "owner_id").distinct():
            values[level] = values.get(level, 0.0) + 1
        return values
    return {"": float(rows.values("owner_id").distinct().count())}


def system_preview(
    indicators: list[Indicator], unit: OrgUnit, period: Period
) -> dict[tuple[int, str], Value]:
    """The system's figures of the bound indicators, as the cells of a report the unit has not started would hold
    them (`selectors.values_of`'s shape): shown on the grid, never stored; the unit's first save stores them."""
    values, memo = {}, {}
    for indicator in indicators:
        if not indicator.source or indicator.expression:
            continue
        for category, number in system_values(indicator, unit, period, memo).items():
            value = Value(
                indicator=indicator,
                unit=unit,
                period=period.code,
                category=category,
                number=number,
                origin=Value.Origin.SYSTEM,
            )
            value.indicator_code = indicator.code
            values[(indicator.pk, category)] = value
    return values
