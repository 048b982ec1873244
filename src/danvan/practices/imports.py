"""Excel import of "Dân vận khéo" models and exemplars under one unit; its template workbook.

The same approach as the units import (orgunits/imports.py): the file is checked first (type, size, rows,
headers), then every row (labels matched without accents or case, dates dd/mm/yyyy or Excel dates, the
service's own validation); one bad row and nothing is saved (DESIGN §4.5). When every row is valid they are all
registered in one transaction through services.register_practice, which checks the permission, writes the yearly
fact rows, the timeline and the change log.
"""

import datetime
import decimal
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.core.text import fold, nfc
from danvan.orgunits.imports import MAX_BYTES, MAX_ROWS, MAX_UNZIPPED_BYTES, XLSX_CONTENT_TYPE, ImportReport
from danvan.orgunits.models import OrgUnit, subtree_q

from . import services
from .models import Field, Practice

__all__ = [
    "COLUMNS",
    "MAX_BYTES",
    "MAX_ROWS",
    "XLSX_CONTENT_TYPE",
    "ImportReport",
    "allowed_values",
    "import_practices_workbook",
    "template_workbook",
]

SHEET_TITLE = "Mô hình"
HELP_SHEET_TITLE = "Hướng dẫn"
# Decimal(14, 2) in the database: at most twelve digits before the comma, two after.
MAX_RESULT_VALUE = decimal.Decimal(10) ** 12


def _key(value) -> str:
    """Lower-case unaccented words: "Văn hóa – xã hội" → "van hoa xa hoi"."""
    return re.sub(r"[^0-9a-z]+", " ", fold(str(value or ""))).strip()


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required_header: bool
    width: int
    help: str
    aliases: tuple[str, ...] = ()
    max_length: int | None = None


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
        "summary", "Tóm tắt", False, 50, gettext_lazy("Không bắt buộc."), ("tom tat noi dung", "noi dung")
    ),
    Column("method", "Cách làm", False, 50, gettext_lazy("Không bắt buộc."), ("cach lam hay",)),
    Column(
        "participants",
        "Lực lượng tham gia",
        False,
        30,
        gettext_lazy("Không bắt buộc. Ví dụ: Chi hội Phụ nữ, Đoàn Thanh niên, các hộ dân trong tổ."),
        ("luc luong",),
    ),
    Column(
        "start_date",
        "Ngày bắt đầu",
        False,
        14,
        gettext_lazy("Dạng dd/mm/yyyy, ví dụ 15/02/2026 (hoặc ô kiểu ngày của Excel). Không bắt buộc."),
        ("bat dau", "ngay bat dau thuc hien"),
    ),
    Column(
        "end_date",
        "Ngày kết thúc",
        False,
        14,
        gettext_lazy("Dạng dd/mm/yyyy; không được trước ngày bắt đầu. Để trống nếu mô hình còn tiếp tục."),
        ("ket thuc",),
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
    ),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
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
MULTILINE = {"summary", "method", "participants", "results"}
KIND_VALUES = {
    **{_key(label): value for value, label in Practice.Kind.choices},
    **{value: value for value in Practice.Kind.values},
    "mo hinh": Practice.Kind.MODEL,
    "tap the": Practice.Kind.MODEL,
    "dien hinh": Practice.Kind.EXEMPLAR,
    "ca nhan": Practice.Kind.EXEMPLAR,
}


def _header_keys() -> dict[str, str]:
    keys = {}
    for column in COLUMNS:
        keys[_key(column.header)] = column.key
        for alias in column.aliases:
            keys[alias] = column.key
    return keys


HEADER_KEYS = _header_keys()


class _FileRefused(Exception):
    pass


@dataclass
class _Row:
    number: int
    values: dict[str, object]
    text: dict[str, str]
    practice: Practice | None = None
    fields: list[Field] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)


# ------------------------------------------------------------------------------------------------ the import


def import_practices_workbook(actor, root: OrgUnit, uploaded_file) -> ImportReport:
    """Checks every row of the workbook; registers all of them in one transaction, or none."""
    if not services.can_edit(actor, root):
        raise NotAllowed(_("Bạn không có quyền nhập mô hình vào %(unit)s.") % {"unit": root.name})
    report = ImportReport(root=root)
    try:
        rows = _read_rows(uploaded_file)
    except _FileRefused as refused:
        report.fail(str(refused))
        return report
    report.rows = len(rows)
    _check_rows(rows, root, report)
    if report.errors:
        return report
    _save_rows(actor, rows, report)
    return report


def _read_rows(uploaded_file) -> list[_Row]:
    """The data rows of the sheet, with their Excel row numbers; refuses files that are not a usable .xlsx."""
    import openpyxl

    not_xlsx = _("Tệp không phải bảng tính Excel .xlsx hợp lệ")
    name = str(getattr(uploaded_file, "name", "") or "")
    if name and not name.lower().endswith(".xlsx"):
        raise _FileRefused(
            _(
                "%(base)s: tên tệp phải có đuôi .xlsx (tệp .xls, .csv hãy mở bằng Excel rồi "
                "lưu lại dạng .xlsx)."
            )
            % {"base": not_xlsx}
        )
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, io.SEEK_END)
        size = uploaded_file.tell()
    if size > MAX_BYTES:
        raise _FileRefused(
            _("Tệp lớn %(size)s MB, vượt quá giới hạn 5 MB: hãy chia thành nhiều tệp nhỏ hơn.")
            % {"size": number_format(size / 1024 / 1024, 1)}
        )
    if size == 0:
        raise _FileRefused(_("%(base)s: tệp rỗng.") % {"base": not_xlsx})
    try:
        uploaded_file.seek(0)
        with zipfile.ZipFile(uploaded_file) as archive:
            entries = archive.infolist()
            if "xl/workbook.xml" not in {entry.filename for entry in entries}:
                raise _FileRefused(
                    _("%(base)s: không tìm thấy nội dung bảng tính trong tệp.") % {"base": not_xlsx}
                )
            if sum(entry.file_size for entry in entries) > MAX_UNZIPPED_BYTES:
                raise _FileRefused(_("Nội dung tệp quá lớn khi giải nén: hãy chia thành nhiều tệp nhỏ hơn."))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _FileRefused(
            _(
                "%(base)s (tệp hỏng, hoặc là tệp .xls, .csv đổi tên: hãy mở bằng Excel rồi "
                "lưu lại dạng .xlsx)."
            )
            % {"base": not_xlsx}
        ) from None
    try:
        uploaded_file.seek(0)
        workbook = openpyxl.load_workbook(uploaded_file, read_only=True, data_only=True)
    except (
        Exception
    ):  # openpyxl raises many kinds of error on a damaged file; each means the same to the user
        raise _FileRefused(_("%(base)s: tệp bị hỏng hoặc không mở được.") % {"base": not_xlsx}) from None
    try:
        return _rows_of(_pick_sheet(workbook))
    except _FileRefused:
        raise
    except Exception:
        raise _FileRefused(_("%(base)s: không đọc được nội dung trang tính.") % {"base": not_xlsx}) from None
    finally:
        workbook.close()


def _pick_sheet(workbook):
    for sheet in workbook.worksheets:
        if _key(sheet.title) == _key(SHEET_TITLE):
            return sheet
    if not workbook.worksheets:
        raise _FileRefused(_("Bảng tính trống: không có trang tính nào."))
    return workbook.worksheets[0]


def _rows_of(sheet) -> list[_Row]:
    rows_iter = sheet.iter_rows(min_row=1, values_only=True)
    header = next(rows_iter, None)
    if header is None or all(_blank(value) for value in header):
        raise _FileRefused(
            _(
                "Bảng tính trống: dòng 1 của trang «%(sheet)s» phải là dòng tiêu đề "
                "(Tên mô hình, điển hình; Loại; Lĩnh vực; Năm đăng ký…)."
            )
            % {"sheet": sheet.title}
        )
    positions = _header_positions(header)
    rows: list[_Row] = []
    for number, values in enumerate(rows_iter, start=2):
        if values is None or all(_blank(value) for value in values):
            continue
        if len(rows) >= MAX_ROWS:
            raise _FileRefused(
                _("Tệp có hơn %(max)s dòng dữ liệu: hãy chia thành nhiều tệp, mỗi tệp tối đa %(max)s dòng.")
                % {"max": number_format(MAX_ROWS, force_grouping=True)}
            )
        picked = {key: values[index] if index < len(values) else None for key, index in positions.items()}
        if all(_blank(value) for value in picked.values()):
            continue  # something only in columns we do not read (STT…)
        rows.append(
            _Row(number=number, values=picked, text={key: _text(key, value) for key, value in picked.items()})
        )
    if not rows:
        raise _FileRefused(
            _(
                "Bảng tính không có dòng dữ liệu nào: hãy ghi mỗi mô hình, điển hình một dòng, từ dòng 2 "
                "của trang «%(sheet)s»."
            )
            % {"sheet": sheet.title}
        )
    return rows


def _header_positions(header) -> dict[str, int]:
    positions: dict[str, int] = {}
    problems = []
    for index, value in enumerate(header):
        key = HEADER_KEYS.get(_key(str(value or "").replace("*", "")))
        if key is None:
            continue  # extra columns (STT, Tình trạng, Cấp… of an exported file) are ignored
        if key in positions:
            problems.append(
                _("Cột «%(column)s» xuất hiện hai lần ở dòng tiêu đề.")
                % {"column": COLUMN_BY_KEY[key].header}
            )
        positions.setdefault(key, index)
    missing = [column.header for column in COLUMNS if column.required_header and column.key not in positions]
    if missing:
        problems.insert(
            0,
            _("Thiếu cột %(columns)s ở dòng tiêu đề (dòng 1). Hãy dùng tệp mẫu hoặc giữ nguyên tên cột.")
            % {"columns": ", ".join(f"«{name}»" for name in missing)},
        )
    if problems:
        raise _FileRefused(" ".join(problems))
    return positions


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(key: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    if key in MULTILINE:
        lines = (nfc(line) for line in str(value).replace("\r\n", "\n").split("\n"))
        return "\n".join(line for line in lines if line)
    return nfc(str(value))


def _check_rows(rows: list[_Row], root: OrgUnit, report: ImportReport) -> None:
    units = _find_units(root, {row.text.get("owner", "") for row in rows} - {""})
    fields = _fields_near(root)
    seen: dict[tuple, int] = {}
    parsed: list[tuple[_Row, dict[str, list[str]]]] = []

    for row in rows:
        problems: dict[str, list[str]] = {}

        def add(key, message, problems=problems):
            problems.setdefault(key, []).append(message)

        text = row.text
        for column in COLUMNS:
            if column.max_length and len(text.get(column.key, "")) > column.max_length:
                add(column.key, _("Dài quá %(limit)s ký tự.") % {"limit": column.max_length})
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
        for key in (column.key for column in COLUMNS):
            for message in problems.pop(key, []):
                report.fail(message, row.number, COLUMN_BY_KEY[key].header)
        for messages in problems.values():
            for message in messages:
                report.fail(message, row.number)


def _parse_kind(raw: str, add) -> str | None:
    if not raw:
        add("kind", _("Hãy ghi loại: “Mô hình tập thể” hoặc “Điển hình cá nhân”."))
        return None
    kind = KIND_VALUES.get(_key(raw))
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
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        from openpyxl.utils.datetime import from_excel

        day = from_excel(value)
        return day.date() if isinstance(day, datetime.datetime) else day
    if not raw:
        return None
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            day = datetime.datetime.strptime(raw.strip(), pattern).date()
        except ValueError:
            continue
        if day.year < 1900:
            break
        return day
    add(key, _("Ngày «%(value)s» không hợp lệ: hãy ghi dạng dd/mm/yyyy, ví dụ 15/02/2026.") % {"value": raw})
    return None


def _find_units(root: OrgUnit, refs: set[str]) -> dict[str, list[OrgUnit]]:
    """Units of root's subtree whose code or name is one of refs, by ref."""
    found: dict[str, list[OrgUnit]] = {}
    refs_list = sorted(refs)
    for start in range(0, len(refs_list), 400):
        chunk = refs_list[start : start + 400]
        for unit in OrgUnit.objects.subtree(root).filter(Q(code__in=chunk) | Q(name__in=chunk)):
            for ref in {unit.code, unit.name} & set(chunk):
                found.setdefault(ref, []).append(unit)
    return found


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
        key = _key(part)
        if not key:
            continue
        matches = [f for f in fields if _key(f.name) == key or _key(f.code) == key]
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


def _number(raw: str) -> decimal.Decimal | None:
    """Vietnamese numbers: "3,5" → 3.5, "1.200" → 1200, "1.234,5" → 1234.5; "3.5" → 3.5 too."""
    text = raw.replace(" ", "").replace("\u00a0", "")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    elif "," in text:
        if text.count(",") > 1:
            return None
        text = text.replace(",", ".")
    elif text.count(".") > 1 or re.fullmatch(r"[-+]?\d{1,3}\.\d{3}", text):
        if not re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", text):
            return None
        text = text.replace(".", "")
    try:
        return decimal.Decimal(text)
    except decimal.InvalidOperation:
        return None


def _parse_results(raw: str, add) -> list[dict]:
    results = []
    for part in re.split(r"[;\n]+", raw or ""):
        part = part.strip()
        if not part:
            continue
        match = _RESULT.match(part)
        value = _number(match["value"]) if match else None
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
    current = None
    try:
        with transaction.atomic():
            for row in rows:
                current = row
                practice = row.practice
                report.created.append(
                    services.register_practice(
                        actor,
                        owner=practice.owner,
                        fields=row.fields,
                        results=row.results,
                        **{name: getattr(practice, name) for name in services.EDITABLE if name != "owner"},
                    )
                )
    except ValidationError as error:
        report.created = []
        for field_name, messages in messages_of(error).items():
            key = COLUMN_OF_FIELD.get(field_name)
            for message in messages:
                report.fail(message, current.number, COLUMN_BY_KEY[key].header if key else "")
    except NotAllowed as error:
        report.created = []
        report.fail(str(error.message), current.number, COLUMN_BY_KEY["owner"].header)
    except IntegrityError:
        report.created = []
        report.fail(
            _(
                "Dòng %(row)s không lưu được vì dữ liệu vừa bị thay đổi đồng thời; không có dòng nào "
                "được lưu, hãy nhập lại."
            )
            % {"row": current.number}
        )


# ---------------------------------------------------------------------------------------------- the template


def allowed_values(root: OrgUnit | None = None) -> dict[str, list[str]]:
    """The labels the columns «Loại» and «Lĩnh vực» accept, for the template and the page."""
    fields = _fields_near(root) if root is not None else list(Field.objects.filter(owner__isnull=True))
    return {
        "kinds": [str(label) for _value, label in Practice.Kind.choices],
        "fields": [f.name for f in fields],
    }


def _example_year(root: OrgUnit | None) -> int:
    year = timezone.localdate().year
    if root is not None and root.valid_to is not None and root.valid_to.year < year:
        return root.valid_to.year
    return year


def _units_for_guide(root: OrgUnit | None, year: int, limit: int = 3000) -> list[OrgUnit]:
    if root is None:
        return []
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return list(
        OrgUnit.objects.subtree(root)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .order_by("depth", "sort_key")[:limit]
    )


def template_workbook(root: OrgUnit | None = None) -> bytes:
    """The .xlsx to fill in: sheet "Mô hình" with headers, widths, dropdowns and two example rows valid for
    `root`, and sheet "Hướng dẫn" explaining each column and listing the allowed values and units."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    year = _example_year(root)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    guide = workbook.create_sheet(HELP_SHEET_TITLE)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="F3D9DA")
    wrap = Alignment(wrap_text=True, vertical="top")
    letter = {column.key: get_column_letter(index) for index, column in enumerate(COLUMNS, start=1)}

    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True, color="7E151B" if column.required_header else "000000")
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if column.key in ("contact_phone", "owner"):
            dimension.number_format = "@"  # keep leading zeros of codes and phone numbers
        elif column.key in ("start_date", "end_date"):
            dimension.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    for values in _example_rows(root, year):
        sheet.append([values.get(column.key) for column in COLUMNS])
    for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row):
        for cell in row:
            key = COLUMNS[cell.column - 1].key
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
            elif key in ("contact_phone", "owner"):
                cell.number_format = "@"
            if key in MULTILINE:
                cell.alignment = wrap

    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["B"].width = 11
    guide.column_dimensions["C"].width = 70
    guide.column_dimensions["D"].width = 3
    guide.column_dimensions["E"].width = 20
    guide.column_dimensions["F"].width = 3
    guide.column_dimensions["G"].width = 34
    guide.column_dimensions["H"].width = 3
    guide.column_dimensions["I"].width = 40
    guide.column_dimensions["J"].width = 18
    guide["A1"] = _("Hướng dẫn nhập mô hình, điển hình “Dân vận khéo” từ Excel")
    guide["A1"].font = Font(bold=True, size=14)
    guide["A2"] = _(
        "Mỗi dòng của trang «%(sheet)s» là một mô hình hoặc một điển hình; dòng 1 là tiêu đề, giữ nguyên tên "
        "cột. Các dòng ví dụ hãy sửa hoặc xóa trước khi nhập. Tệp được kiểm tra toàn bộ: nếu có một dòng sai "
        "thì không dòng nào được lưu, và trang nhập sẽ chỉ ra từng dòng, từng cột cần sửa. "
        "Tối đa %(rows)s dòng, 5 MB."
    ) % {"sheet": SHEET_TITLE, "rows": number_format(MAX_ROWS, force_grouping=True)}
    guide["A2"].alignment = wrap
    guide.merge_cells("A2:C2")
    guide.row_dimensions[2].height = 62
    for cell, title in zip(("A4", "B4", "C4"), (_("Cột"), _("Cột bắt buộc"), _("Cách ghi")), strict=True):
        guide[cell] = title
        guide[cell].font = bold
        guide[cell].fill = header_fill
    for offset, column in enumerate(COLUMNS):
        row = 5 + offset
        guide.cell(row=row, column=1, value=column.header).font = bold
        guide.cell(row=row, column=2, value=_("Có") if column.required_header else _("Không"))
        guide.cell(row=row, column=3, value=str(column.help)).alignment = wrap

    allowed = allowed_values(root)
    units = _units_for_guide(root, year)
    for cell, title in (
        ("E4", _("Giá trị cột «Loại»")),
        ("G4", _("Lĩnh vực")),
        ("I4", _("Đơn vị thực hiện (năm %(year)s)") % {"year": year}),
        ("J4", _("Mã")),
    ):
        guide[cell] = title
        guide[cell].font = bold
        guide[cell].fill = header_fill
    for offset, label in enumerate(allowed["kinds"]):
        guide.cell(row=5 + offset, column=5, value=label)
    for offset, name in enumerate(allowed["fields"]):
        guide.cell(row=5 + offset, column=7, value=name)
    for offset, unit in enumerate(units):
        guide.cell(row=5 + offset, column=9, value=unit.name)
        guide.cell(row=5 + offset, column=10, value=unit.code or None).number_format = "@"

    quoted = f"'{HELP_SHEET_TITLE}'"
    lists = [
        ("kind", f"{quoted}!$E$5:$E${4 + len(allowed['kinds'])}", _("Loại")),
        ("fields", f"{quoted}!$G$5:$G${4 + len(allowed['fields'])}", _("Lĩnh vực")),
    ]
    if units:
        lists.append(("owner", f"{quoted}!$I$5:$I${4 + len(units)}", _("Đơn vị thực hiện")))
    for key, source, title in lists:
        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=str(title),
            error=_("Giá trị này không có trong danh sách của trang «%(sheet)s».")
            % {"sheet": HELP_SHEET_TITLE}
            if key != "fields"
            else _("Nhiều lĩnh vực thì cách nhau bằng dấu chấm phẩy; mỗi lĩnh vực phải có trong danh sách."),
            promptTitle=str(title),
            prompt=_("Chọn trong danh sách.")
            if key != "fields"
            else _("Chọn hoặc ghi nhiều lĩnh vực, cách nhau bằng dấu ;"),
            showInputMessage=True,
        )
        validation.add(f"{letter[key]}2:{letter[key]}{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)

    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _example_rows(root: OrgUnit | None, year: int) -> list[dict]:
    """Two rows that import cleanly into `root`: a model of one of its units (or of root), an exemplar."""
    owner_ref = ""
    if root is not None:
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        child = (
            OrgUnit.objects.subtree(root, include_self=False)
            .filter(kind__in=[OrgUnit.Kind.HAMLET, OrgUnit.Kind.COMMUNE])
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
            .order_by("depth", "sort_key")
            .first()
        )
        if child is not None:
            owner_ref = child.code or child.name
    first_day = datetime.date(year, 1, 1)
    if root is not None and root.valid_from and root.valid_from.year == year:
        first_day = root.valid_from
    model = {
        "name": "Tuyến đường hoa",
        "kind": str(Practice.Kind.MODEL.label),
        "owner": owner_ref,
        "fields": "Văn hóa – xã hội; Kinh tế",
        "year": year,
        "summary": "Nhân dân góp công, góp đất trồng hoa hai bên đường liên xóm.",
        "method": "Chi hội Phụ nữ vận động từng hộ nhận chăm sóc một đoạn đường; họp tổ mỗi tháng một lần.",
        "participants": "Chi hội Phụ nữ, Đoàn Thanh niên, các hộ dân trong tổ",
        "start_date": first_day + datetime.timedelta(days=45),
        "contact_name": "Nông Thị Hoa",
        "contact_phone": "0206 3852 123",
        "results": "Hộ tham gia: 45 hộ; Đường trồng hoa: 1,2 km",
    }
    exemplar = {
        "name": "Gương mẫu hiến đất làm đường",
        "kind": str(Practice.Kind.EXEMPLAR.label),
        "owner": "",
        "fields": "Kinh tế",
        "year": year,
        "person_name": "Hoàng Văn Thành",
        "person_position": "Bí thư chi bộ, trưởng xóm",
        "summary": "Hiến 300 m² đất và vận động 12 hộ cùng hiến đất mở rộng đường.",
        "start_date": first_day + datetime.timedelta(days=60),
        "results": "Đất được hiến: 300 m²; Hộ được vận động: 12 hộ",
    }
    return [model, exemplar]
