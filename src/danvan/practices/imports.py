"""Excel import of "Dân vận khéo" models and exemplars under one unit; its template workbook.

The file is read as every import reads one (core/excel.py: type, size, rows, headers); then every row is checked
here (labels matched without accents or case, dates dd/mm/yyyy or Excel dates, the service's own validation); one
bad row and nothing is saved (DESIGN §4.5). When every row is valid they are all registered in one transaction
through services.register_practice, which checks the permission, writes the yearly fact rows, the timeline and the
change log.
"""

import datetime
import decimal
import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core import excel
from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.core.excel import MAX_BYTES, MAX_ROWS, Column, ImportReport, SheetRow, label_key
from danvan.core.excel_export import XLSX_CONTENT_TYPE
from danvan.core.text import fold, nfc, parse_number
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import units_by_code_or_name
from danvan.orgunits.tree import subtree_q

from . import services
from .models import Field, Practice

__all__ = [
    "COLUMNS",
    "MAX_BYTES",
    "MAX_ROWS",
    "XLSX_CONTENT_TYPE",
    "ImportReport",
    "import_practices_workbook",
]

SHEET_TITLE = "Mô hình"
# Decimal(14, 2) in the database: at most twelve digits before the comma, two after.
MAX_RESULT_VALUE = decimal.Decimal(10) ** 12

COLUMNS = (
    Column(
        "name",
        "Tên mô hình, điển hình",
        True,
        44,
        gettext_lazy(
            "Bắt buộc. Ví dụ: Tuyến đường hoa, Camera an ninh, Hũ gạo tình thương; với điển hình cá nhân: "
            "việc làm được nêu gương."
        ),
        ("ten mo hinh", "ten dien hinh", "ten mo hinh dien hinh", "ten"),
        300,
    ),
    Column(
        "kind",
        "Loại",
        True,
        20,
        gettext_lazy("Bắt buộc: “Mô hình tập thể” hoặc “Điển hình cá nhân”."),
        ("loai mo hinh",),
    ),
    Column(
        "owner",
        "Đơn vị thực hiện",
        False,
        34,
        gettext_lazy(
            "Mã hoặc tên chính xác của một đơn vị thuộc đơn vị nhận (thôn, tổ dân phố, xã, phường, cơ quan…). "
            "Để trống: chính đơn vị nhận. Nếu có hai đơn vị trùng tên, hãy ghi mã."
        ),
        ("don vi", "don vi thuc hien mo hinh"),
        number_format=excel.TEXT_FORMAT,
    ),
    Column(
        "fields",
        "Lĩnh vực",
        True,
        34,
        gettext_lazy(
            "Bắt buộc. Một hoặc nhiều lĩnh vực, cách nhau bằng dấu chấm phẩy, ví dụ: Kinh tế; Văn hóa – xã hội. "
            "Ghi tên hoặc mã, không phân biệt chữ hoa, dấu."
        ),
        ("linh vuc thuc hien",),
    ),
    Column(
        "year",
        "Năm đăng ký",
        True,
        12,
        gettext_lazy("Bắt buộc. Năm có 4 chữ số, ví dụ 2026; đơn vị thực hiện phải hoạt động trong năm đó."),
        ("nam",),
    ),
    Column(
        "person_name",
        "Họ tên (điển hình)",
        False,
        26,
        gettext_lazy("Bắt buộc với điển hình cá nhân: họ và tên người được nêu gương."),
        ("ho ten", "ho va ten", "ho ten dien hinh", "ho va ten dien hinh"),
        150,
    ),
    Column(
        "person_position",
        "Chức vụ",
        False,
        26,
        gettext_lazy("Không bắt buộc: chức vụ, nghề nghiệp của người được nêu gương."),
        ("chuc vu nghe nghiep",),
        200,
    ),
    Column(
        "summary",
        "Tóm tắt",
        False,
        50,
        gettext_lazy("Không bắt buộc."),
        ("tom tat noi dung", "noi dung"),
        multiline=True,
    ),
    Column(
        "method", "Cách làm", False, 50, gettext_lazy("Không bắt buộc."), ("cach lam hay",), multiline=True
    ),
    Column(
        "participants",
        "Lực lượng tham gia",
        False,
        30,
        gettext_lazy("Không bắt buộc. Ví dụ: Chi hội Phụ nữ, Đoàn Thanh niên, các hộ dân trong tổ."),
        ("luc luong",),
        multiline=True,
    ),
    Column(
        "start_date",
        "Ngày bắt đầu",
        False,
        14,
        gettext_lazy("Dạng dd/mm/yyyy, ví dụ 15/02/2026 (hoặc ô kiểu ngày của Excel). Không bắt buộc."),
        ("bat dau", "ngay bat dau thuc hien"),
        number_format=excel.DATE_FORMAT,
    ),
    Column(
        "end_date",
        "Ngày kết thúc",
        False,
        14,
        gettext_lazy("Dạng dd/mm/yyyy; không được trước ngày bắt đầu. Để trống nếu mô hình còn tiếp tục."),
        ("ket thuc",),
        number_format=excel.DATE_FORMAT,
    ),
    Column(
        "contact_name",
        "Người liên hệ",
        False,
        24,
        gettext_lazy(
            "Không bắt buộc. Chỉ người có quyền xem sổ mô hình mới thấy; không hiện ở trang công khai."
        ),
        ("nguoi lien lac",),
        150,
    ),
    Column(
        "contact_phone",
        "Điện thoại",
        False,
        16,
        gettext_lazy("Không bắt buộc, tối đa 32 ký tự; không hiện ở trang công khai."),
        ("so dien thoai", "dien thoai lien he"),
        32,
        number_format=excel.TEXT_FORMAT,
    ),
    Column(
        "results",
        "Kết quả",
        False,
        50,
        gettext_lazy(
            "Không bắt buộc. Mỗi kết quả dạng “tên chỉ tiêu: số đơn vị tính”, cách nhau bằng dấu chấm phẩy, "
            "ví dụ: Hộ thoát nghèo: 12 hộ; Đường được hiến đất: 3,5 km."
        ),
        ("ket qua dat duoc",),
        multiline=True,
    ),
)
SHEET = excel.ImportSheet(
    SHEET_TITLE,
    COLUMNS,
    no_header_message=gettext_lazy(
        "Bảng tính trống: dòng 1 của trang «%(sheet)s» phải là dòng tiêu đề "
        "(Tên mô hình, điển hình; Loại; Lĩnh vực; Năm đăng ký…)."
    ),
    no_rows_message=gettext_lazy(
        "Bảng tính không có dòng dữ liệu nào: hãy ghi mỗi mô hình, điển hình một dòng, từ dòng 2 "
        "của trang «%(sheet)s»."
    ),
)
# Errors of services.validate_practice, by model field, shown in the column the user wrote them in.
COLUMN_OF_FIELD = {
    "name": "name",
    "kind": "kind",
    "owner": "owner",
    "fields": "fields",
    "registration_year": "year",
    "person_name": "person_name",
    "person_position": "person_position",
    "summary": "summary",
    "method": "method",
    "participants": "participants",
    "start_date": "start_date",
    "end_date": "end_date",
    "contact_name": "contact_name",
    "contact_phone": "contact_phone",
    "results": "results",
}
KIND_VALUES = {
    **{label_key(label): value for value, label in Practice.Kind.choices},
    **{value: value for value in Practice.Kind.values},
    "mo hinh": Practice.Kind.MODEL,
    "tap the": Practice.Kind.MODEL,
    "dien hinh": Practice.Kind.EXEMPLAR,
    "ca nhan": Practice.Kind.EXEMPLAR,
}


@dataclass
class _Row(SheetRow):
    practice: Practice | None = None
    fields: list[Field] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)


# ------------------------------------------------------------------------------------------------ the import


def import_practices_workbook(actor, root: OrgUnit, uploaded_file) -> ImportReport:
    """Checks every row of the workbook; registers all of them in one transaction, or none."""
    if not services.can_edit(actor, root):
        raise NotAllowed(_("Bạn không có quyền nhập mô hình vào %(unit)s.") % {"unit": root.name})
    report = ImportReport(root=root)
    rows = excel.read_into_report(uploaded_file, SHEET, report, _Row)
    if not report.ok:
        return report
    _check_rows(rows, root, report)
    if report.errors:
        return report
    _save_rows(actor, rows, report)
    return report


def _check_rows(rows: list[_Row], root: OrgUnit, report: ImportReport) -> None:
    units = units_by_code_or_name(root, {row.text.get("owner", "") for row in rows} - {""})
    fields = _fields_near(root)
    seen: dict[tuple, int] = {}
    parsed: list[tuple[_Row, dict[str, list[str]]]] = []

    for row in rows:
        problems = excel.RowProblems()
        add = problems.add
        text = row.text
        excel.check_lengths(SHEET, text, add)
        kind = _parse_kind(text.get("kind", ""), add)
        year = _parse_year(row.values.get("year"), text.get("year", ""), add)
        owner = _pick_owner(text.get("owner", ""), root, units, year, add)
        row_fields = _parse_fields(text.get("fields", ""), owner or root, fields, add)
        start_date = _parse_date("start_date", row.values.get("start_date"), text.get("start_date", ""), add)
        end_date = _parse_date("end_date", row.values.get("end_date"), text.get("end_date", ""), add)
        results = _parse_results(text.get("results", ""), add)
        practice = Practice(
            owner=owner or root,
            kind=kind or "",
            name=text.get("name", ""),
            registration_year=year,
            person_name=text.get("person_name", ""),
            person_position=text.get("person_position", ""),
            summary=text.get("summary", ""),
            method=text.get("method", ""),
            participants=text.get("participants", ""),
            start_date=start_date,
            end_date=end_date,
            contact_name=text.get("contact_name", ""),
            contact_phone=text.get("contact_phone", ""),
        )
        row.practice, row.fields, row.results = practice, row_fields, results
        try:
            services.validate_practice(practice, row_fields, results)
        except ValidationError as error:
            for field_name, messages in messages_of(error).items():
                key = COLUMN_OF_FIELD.get(field_name, "")
                if key in problems:
                    continue  # already explained by the parse of that cell
                if key == "kind" and kind is None:
                    continue
                if key == "owner" and (owner is None or "year" in problems):
                    continue  # no unit to speak of, or "not active in 1990" would only repeat the year's error
                if key == "fields" and owner is None:
                    continue  # whether a local field applies depends on the unit, not yet known
                for message in messages:
                    add(key, message)
        if owner is not None and practice.name and year:
            first = seen.setdefault((owner.pk, fold(practice.name), year), row.number)
            if first != row.number:
                add(
                    "name",
                    _("Trùng với dòng %(row)s: cùng tên, cùng đơn vị thực hiện, cùng năm đăng ký.")
                    % {"row": first},
                )
        parsed.append((row, problems))

    existing = _existing_names(
        {(row.practice.owner_id, row.practice.registration_year) for row, problems in parsed if row.practice}
    )
    for row, problems in parsed:
        practice = row.practice
        registered = existing.get((practice.owner_id, practice.registration_year), ())
        if not {"name", "owner"} & problems.keys() and practice.name and fold(practice.name) in registered:
            problems.setdefault("name", []).append(
                _("%(unit)s đã có mô hình «%(name)s» đăng ký năm %(year)s (tệp này đã được nhập rồi?).")
                % {"unit": practice.owner.name, "name": practice.name, "year": practice.registration_year}
            )
        report.fail_row(row.number, problems, SHEET)


def _parse_kind(raw: str, add) -> str | None:
    if not raw:
        add("kind", _("Hãy ghi loại: “Mô hình tập thể” hoặc “Điển hình cá nhân”."))
        return None
    kind = KIND_VALUES.get(label_key(raw))
    if kind is None:
        add(
            "kind",
            _("Không có loại «%(value)s»: hãy ghi “Mô hình tập thể” hoặc “Điển hình cá nhân”.")
            % {"value": raw},
        )
    return kind


def _parse_year(value, raw: str, add) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    if isinstance(value, datetime.date):
        return value.year
    if not raw:
        add("year", _("Hãy ghi năm đăng ký, ví dụ 2026."))
        return None
    if re.fullmatch(r"\d{4}", raw.strip()):
        return int(raw)
    add("year", _("Năm «%(value)s» không hợp lệ: hãy ghi năm có 4 chữ số, ví dụ 2026.") % {"value": raw})
    return None


def _parse_date(key: str, value, raw: str, add) -> datetime.date | None:
    # A date copied from another sheet often arrives as Excel's day number in a cell formatted as a number.
    try:
        return excel.cell_date(value, raw, serial_numbers=True)
    except ValueError:
        add(
            key,
            _("Ngày «%(value)s» không hợp lệ: hãy ghi dạng dd/mm/yyyy, ví dụ 15/02/2026.") % {"value": raw},
        )
        return None


def _active_in(unit: OrgUnit, year: int) -> bool:
    return (unit.valid_from is None or unit.valid_from.year <= year) and (
        unit.valid_to is None or unit.valid_to.year >= year
    )


def _pick_owner(ref: str, root: OrgUnit, units, year: int | None, add) -> OrgUnit | None:
    if not ref:
        return root
    hits = units.get(ref, [])
    by_code = [unit for unit in hits if unit.code == ref]
    if len(by_code) > 1 and year:
        by_code = [unit for unit in by_code if _active_in(unit, year)] or by_code
    candidates = by_code or hits
    if len(candidates) > 1 and year:
        candidates = [unit for unit in candidates if _active_in(unit, year)] or candidates
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        add(
            "owner",
            _("Có %(count)s đơn vị mang tên «%(ref)s» trong %(root)s: hãy ghi mã đơn vị để phân biệt.")
            % {"count": len(candidates), "ref": ref, "root": root.name},
        )
    else:
        add(
            "owner",
            _(
                "Không tìm thấy «%(ref)s» trong %(root)s: hãy ghi mã hoặc tên chính xác của một đơn vị "
                "thuộc %(root)s."
            )
            % {"ref": ref, "root": root.name},
        )
    return None


def _fields_near(root: OrgUnit) -> list[Field]:
    """Active fields a row under root may use: the standard four, those of root's ancestors and of its subtree."""
    q = (
        Q(owner__isnull=True)
        | Q(owner_id__in=[*root.ancestor_ids, root.pk])
        | subtree_q(root.path, "owner__path")
    )
    return list(Field.objects.filter(q, is_active=True).select_related("owner").order_by("position", "name"))


def _parse_fields(raw: str, owner: OrgUnit, fields: list[Field], add) -> list[Field]:
    if not raw:
        add("fields", _("Hãy ghi ít nhất một lĩnh vực, ví dụ: Kinh tế; Văn hóa – xã hội."))
        return []
    picked: list[Field] = []
    unknown = []
    for part in re.split(r"[;\n]+", raw):
        key = label_key(part)
        if not key:
            continue
        matches = [f for f in fields if label_key(f.name) == key or label_key(f.code) == key]
        usable = [f for f in matches if f.owner_id is None or owner.path.startswith(f.owner.path)]
        chosen = (usable or matches)[:1]
        if not chosen:
            unknown.append(part.strip())
        for f in chosen:
            if f not in picked:
                picked.append(f)
    for part in unknown:
        names = "; ".join(f.name for f in fields if f.owner_id is None or owner.path.startswith(f.owner.path))
        add(
            "fields",
            _("Không có lĩnh vực «%(value)s»: hãy ghi một trong: %(names)s.")
            % {"value": part, "names": names},
        )
    return picked if not unknown else []


_RESULT = re.compile(r"^(?P<indicator>[^:]+?)\s*:\s*(?P<value>[-+]?\d[\d.,\s]*)(?P<unit>.*)$")


def _parse_results(raw: str, add) -> list[dict]:
    results = []
    for part in re.split(r"[;\n]+", raw or ""):
        part = part.strip()
        if not part:
            continue
        match = _RESULT.match(part)
        value = parse_number(match["value"]) if match else None
        if match is None or value is None:
            add(
                "results",
                _(
                    "«%(value)s» không đúng dạng “tên chỉ tiêu: số đơn vị tính”, "
                    "ví dụ “Hộ thoát nghèo: 12 hộ” hoặc “Đường được hiến đất: 3,5 km”."
                )
                % {"value": part},
            )
            continue
        indicator, unit = nfc(match["indicator"]), nfc(match["unit"])
        if len(indicator) > 200:
            add("results", _("Tên chỉ tiêu «%(value)s…» dài quá 200 ký tự.") % {"value": indicator[:40]})
            continue
        if len(unit) > 50:
            add("results", _("Đơn vị tính «%(value)s…» dài quá 50 ký tự.") % {"value": unit[:40]})
            continue
        if abs(value) >= MAX_RESULT_VALUE or value.as_tuple().exponent < -2:
            add(
                "results",
                _("Giá trị «%(value)s» của «%(indicator)s» quá lớn hoặc có hơn 2 chữ số thập phân.")
                % {"value": match["value"].strip(), "indicator": indicator},
            )
            continue
        results.append({"indicator": indicator, "unit_of_measure": unit, "value": str(value)})
    return results


def _existing_names(owner_years: set[tuple[int, int]]) -> dict[tuple[int, int], set[str]]:
    """Folded names of the practices already registered by each (owner, year) of the file: a double import."""
    names: dict[tuple[int, int], set[str]] = {}
    owner_ids = sorted({owner_id for owner_id, _year in owner_years if owner_id})
    years = sorted({year for _owner_id, year in owner_years if year})
    for start in range(0, len(owner_ids), 400):
        existing = Practice.objects.filter(
            owner_id__in=owner_ids[start : start + 400], registration_year__in=years
        ).values_list("owner_id", "registration_year", "name")
        for owner_id, year, name in existing:
            names.setdefault((owner_id, year), set()).add(fold(name))
    return names


def _save_rows(actor, rows: list[_Row], report: ImportReport) -> None:
    def save(row: _Row) -> Practice:
        practice = row.practice
        return services.register_practice(
            actor,
            owner=practice.owner,
            fields=row.fields,
            results=row.results,
            **{name: getattr(practice, name) for name in services.EDITABLE if name != "owner"},
        )

    # The rights were checked on the receiving unit; a row's own unit may still be one the user cannot edit.
    excel.save_all_or_none(report, rows, save, SHEET, COLUMN_OF_FIELD, not_allowed_column="owner")
