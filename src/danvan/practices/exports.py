"""Excel export of the register (the list page's "Xuất Excel"): any filtered list, fixed query count.

The columns the import reads keep the import's headers and formats (fields and results separated by ";"), so an
exported file can be corrected and imported elsewhere; the columns it does not read (level, status, years,
recognition) are ignored by the import.
"""

from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.excel_export import xlsx_response
from danvan.core.excel_lists import ListSheet

from .models import Level, Practice, PracticeYear, Status

CHUNK = 2000

# (key, header, width)
COLUMNS = (
    ("name", gettext_lazy("Tên mô hình, điển hình"), 44),
    ("kind", gettext_lazy("Loại"), 18),
    ("owner", gettext_lazy("Đơn vị thực hiện"), 34),
    ("owner_code", gettext_lazy("Mã đơn vị"), 14),
    ("level", gettext_lazy("Cấp"), 20),
    ("fields", gettext_lazy("Lĩnh vực"), 34),
    ("year", gettext_lazy("Năm đăng ký"), 12),
    ("years", gettext_lazy("Các năm được tính"), 16),
    ("status", gettext_lazy("Tình trạng"), 20),
    ("person_name", gettext_lazy("Họ tên (điển hình)"), 24),
    ("person_position", gettext_lazy("Chức vụ"), 24),
    ("summary", gettext_lazy("Tóm tắt"), 50),
    ("method", gettext_lazy("Cách làm"), 50),
    ("participants", gettext_lazy("Lực lượng tham gia"), 30),
    ("start_date", gettext_lazy("Ngày bắt đầu"), 14),
    ("end_date", gettext_lazy("Ngày kết thúc"), 14),
    ("contact_name", gettext_lazy("Người liên hệ"), 22),
    ("contact_phone", gettext_lazy("Điện thoại"), 16),
    ("contact_email", gettext_lazy("Thư điện tử"), 24),
    ("results", gettext_lazy("Kết quả"), 50),
    ("recognised_by", gettext_lazy("Đơn vị công nhận"), 34),
    ("recognition_decision", gettext_lazy("Số quyết định công nhận"), 22),
    ("recognition_date", gettext_lazy("Ngày công nhận"), 14),
    ("recognition_level", gettext_lazy("Cấp công nhận"), 20),
    ("replicated_from", gettext_lazy("Nhân rộng từ mô hình"), 34),
)
DATE_KEYS = {"start_date", "end_date", "recognition_date"}
TEXT_KEYS = {"owner_code", "contact_phone"}


SORTS = {
    "name": ["search_key"],
    "owner": ["owner__sort_key", "search_key"],
    "level": ["level", "search_key"],
    "year": ["registration_year", "owner__sort_key", "search_key"],
    "status": ["status", "search_key"],
}


def export_queryset(filtered, sort: str = ""):
    """The practices of a filtered queryset, with everything the columns need loaded in four queries per 2,000
    rows (the filter's DISTINCT stays in a sub-query). `sort` is the list page's (name, owner, year…, "-" for
    descending); by default the newest year first, then the units in Vietnamese order."""
    key = sort.removeprefix("-")
    if key not in SORTS:
        key, sort = "year", "-year"
    columns = SORTS[key]
    if key == "level":
        columns = [_rank("level", Level.values), *columns[1:]]
    elif key == "status":
        columns = [_rank("status", Status.values), *columns[1:]]
    first = columns[0]
    if sort.startswith("-"):
        first = first.desc() if hasattr(first, "desc") else f"-{first}"
    return (
        Practice.objects.filter(pk__in=filtered.values("pk"))
        .select_related("owner", "recognised_by", "replicated_from")
        .prefetch_related(
            "fields",
            "results",
            Prefetch(
                "years", queryset=PracticeYear.objects.order_by("year").only("id", "practice_id", "year")
            ),
        )
        .order_by(first, *columns[1:], "id")
    )


def _rank(field: str, values):
    """The choices' own order (Cấp tỉnh … Cấp thôn), not the alphabetical order of their codes."""
    return Case(
        *[When(**{field: v}, then=Value(i)) for i, v in enumerate(values)], output_field=IntegerField()
    )


def _value(number) -> str:
    """12 → "12", 3.50 → "3,5": the way the import reads it back."""
    text = format(number.normalize(), "f") if number == number.to_integral() else format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def results_text(practice) -> str:
    return "; ".join(
        f"{result.indicator}: {_value(result.value)} {result.unit_of_measure}".strip()
        for result in practice.results.all()
    )


def _row(practice) -> dict:
    return {
        "name": practice.name,
        "kind": str(practice.get_kind_display()),
        "owner": practice.owner.name,
        "owner_code": practice.owner.code,
        "level": str(practice.get_level_display()),
        "fields": "; ".join(field.name for field in practice.fields.all()),
        "year": practice.registration_year,
        "years": ", ".join(str(row.year) for row in practice.years.all()),
        "status": str(practice.get_status_display()),
        "person_name": practice.person_name,
        "person_position": practice.person_position,
        "summary": practice.summary,
        "method": practice.method,
        "participants": practice.participants,
        "start_date": practice.start_date,
        "end_date": practice.end_date,
        "contact_name": practice.contact_name,
        "contact_phone": practice.contact_phone,
        "contact_email": practice.contact_email,
        "results": results_text(practice),
        "recognised_by": practice.recognised_by.name if practice.recognised_by_id else "",
        "recognition_decision": practice.recognition_decision,
        "recognition_date": practice.recognition_date,
        "recognition_level": str(practice.get_recognition_level_display())
        if practice.recognition_level
        else "",
        "replicated_from": practice.replicated_from.name if practice.replicated_from_id else "",
    }


def practices_workbook(queryset) -> bytes:
    """The practices of `queryset` (see export_queryset) as an .xlsx, written row by row."""
    sheet = ListSheet(_("Mô hình"), [(header, width) for _key, header, width in COLUMNS])

    def cell(key, value):
        if key in DATE_KEYS:
            return sheet.date(value)
        if key in TEXT_KEYS:
            return sheet.text(value or None)
        return value if value != "" else None

    for practice in queryset.iterator(chunk_size=CHUNK):
        values = _row(practice)
        sheet.append([cell(key, values[key]) for key, _header, _width in COLUMNS])
    return sheet.content()


def practices_workbook_response(
    filtered, sort: str = "", filename="mo-hinh-dan-van-kheo.xlsx"
) -> HttpResponse:
    return xlsx_response(practices_workbook(export_queryset(filtered, sort)), filename)
