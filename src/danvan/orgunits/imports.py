"""Excel import of hamlets (thôn, tổ dân phố) and agencies (cơ quan, tổ chức) under one unit; its template.

Every row is checked before anything is saved; one bad row and nothing is saved (DESIGN §4.5). When every
row is valid, all of them are created in one transaction through services.create_unit, which checks the
permission and writes the change log.
"""

import datetime
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

from . import services
from .models import REFORM_DATE, OrgUnit, open_on_q

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# A 5 MB .xlsx can hold far more XML than that once unzipped; beyond this it is refused before being parsed.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
SHEET_TITLE = "Đơn vị"
HELP_SHEET_TITLE = "Hướng dẫn"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORTABLE_KINDS = (OrgUnit.Kind.HAMLET, OrgUnit.Kind.AGENCY)


def _key(value) -> str:
    """Lower-case unaccented words: "Loại hình / loại cơ quan" → "loai hinh loai co quan"."""
    return re.sub(r"[^0-9a-z]+", " ", fold(str(value or ""))).strip()


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required_header: bool
    width: int
    help: str
    aliases: tuple[str, ...] = ()


COLUMNS = (
    Column(
        "name",
        "Tên đơn vị",
        True,
        42,
        gettext_lazy("Bắt buộc. Tên đầy đủ, ví dụ: Tổ dân phố 5, Thôn Nà Cáp, Hội Người cao tuổi phường."),
        ("ten",),
    ),
    Column(
        "kind",
        "Loại",
        True,
        22,
        gettext_lazy(
            "“Thôn, tổ dân phố” hoặc “Cơ quan, tổ chức”. Có thể để trống nếu cột loại hình đã cho biết."
        ),
        ("loai don vi",),
    ),
    Column(
        "type",
        "Loại hình / loại cơ quan",
        True,
        46,
        gettext_lazy(
            "Với thôn, tổ dân phố: một loại hình (Thôn, Tổ dân phố, Ấp, Bản, Xóm…); với cơ quan, tổ chức: "
            "một loại cơ quan. Xem danh sách giá trị hợp lệ."
        ),
        ("loai hinh", "loai co quan"),
    ),
    Column(
        "code",
        "Mã",
        False,
        16,
        gettext_lazy("Không bắt buộc. Nếu có, không được trùng mã của đơn vị khác đang hoạt động."),
        ("ma don vi",),
    ),
    Column(
        "parent",
        "Đơn vị cấp trên",
        False,
        34,
        gettext_lazy(
            "Mã hoặc tên chính xác của một đơn vị đang hoạt động thuộc đơn vị nhận, hoặc của một đơn vị "
            "ghi ở dòng phía trên trong tệp. Để trống: trực thuộc đơn vị nhận. Thôn, tổ dân phố phải trực "
            "thuộc xã, phường, đặc khu."
        ),
        ("cap tren", "truc thuoc"),
    ),
    Column(
        "valid_from",
        "Hiệu lực từ ngày",
        False,
        18,
        gettext_lazy(
            "Dạng dd/mm/yyyy, ví dụ 01/07/2025 (hoặc ô kiểu ngày của Excel). Để trống nếu không rõ."
        ),
        ("hieu luc tu", "ngay hieu luc"),
    ),
    Column(
        "address",
        "Địa chỉ",
        False,
        36,
        gettext_lazy("Không bắt buộc, tối đa 255 ký tự."),
        ("dia chi tru so",),
    ),
    Column(
        "phone",
        "Điện thoại",
        False,
        16,
        gettext_lazy("Không bắt buộc, tối đa 32 ký tự."),
        ("so dien thoai", "dien thoai"),
    ),
    Column("note", "Ghi chú", False, 36, gettext_lazy("Không bắt buộc."), ("ghi chu",)),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
# Errors of validate_unit, by field, shown in the column the user wrote them in.
COLUMN_OF_FIELD = {
    "name": "name",
    "kind": "kind",
    "division_type": "type",
    "agency_type": "type",
    "code": "code",
    "parent": "parent",
    "valid_from": "valid_from",
    "valid_to": "parent",  # only ever "the parent closes on …": the cause is the parent
    "address": "address",
    "phone": "phone",
    "note": "note",
}
MAX_LENGTH = {"code": 32, "address": 255, "phone": 32}


def _header_keys() -> dict[str, str]:
    keys = {}
    for column in COLUMNS:
        keys[_key(column.header)] = column.key
        for alias in column.aliases:
            keys[alias] = column.key
    return keys


def _kind_values() -> dict[str, str]:
    values = {}
    for kind in IMPORTABLE_KINDS:
        values[_key(OrgUnit.Kind(kind).label)] = kind
        values[kind.value] = kind
    values.update(
        {
            "thon": OrgUnit.Kind.HAMLET,
            "to dan pho": OrgUnit.Kind.HAMLET,
            "thon to dan pho": OrgUnit.Kind.HAMLET,
        }
    )
    values.update({"co quan": OrgUnit.Kind.AGENCY, "to chuc": OrgUnit.Kind.AGENCY})
    return values


def _hamlet_types() -> dict[str, str]:
    values = {}
    for value in OrgUnit.DIVISION_TYPES_BY_KIND[OrgUnit.Kind.HAMLET]:
        values[_key(OrgUnit.DivisionType(value).label)] = value
        values[_key(value)] = value
    return values


def _agency_types() -> dict[str, str]:
    A = OrgUnit.AgencyType
    values = {}
    for value, label in A.choices:
        values[_key(label)] = value
        values[_key(str(label).split("(")[0])] = value
        values[_key(value)] = value
    values.update(
        {
            "dang uy": A.PARTY_COMMITTEE,
            "ban dan van": A.PROPAGANDA_MOBILISATION,
            "ban tuyen giao va dan van": A.PROPAGANDA_MOBILISATION,
            "chi bo": A.PARTY_CELL,
            "mttq": A.FATHERLAND_FRONT,
            "mat tran to quoc": A.FATHERLAND_FRONT,
            "uy ban mat tran to quoc": A.FATHERLAND_FRONT,
            "doan the": A.MASS_ORGANISATION,
            "co quan chinh quyen": A.GOVERNMENT,
        }
    )
    return values


HEADER_KEYS = _header_keys()
KIND_VALUES = _kind_values()
HAMLET_TYPES = _hamlet_types()
AGENCY_TYPES = _agency_types()


@dataclass(frozen=True)
class ImportProblem:
    """One error: of a row and column, of a row, or of the whole file (row None)."""

    message: str
    row: int | None = None
    column: str = ""

    def __str__(self):
        if self.row is None:
            return self.message
        if self.column:
            return _("Dòng %(row)s, cột «%(column)s»: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ImportReport:
    root: OrgUnit
    rows: int = 0
    created: list[OrgUnit] = field(default_factory=list)
    errors: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def file_errors(self) -> list[ImportProblem]:
        return [error for error in self.errors if error.row is None]

    @property
    def row_errors(self) -> list[ImportProblem]:
        return [error for error in self.errors if error.row is not None]

    @property
    def messages(self) -> list[str]:
        return [str(error) for error in self.errors]

    def fail(self, message: str, row: int | None = None, column: str = "") -> None:
        self.errors.append(ImportProblem(message, row, column))


class _FileRefused(Exception):
    pass


@dataclass
class _Row:
    number: int
    values: dict[str, object]
    text: dict[str, str]
    unit: OrgUnit | None = None
    parent_row: "_Row | None" = None
    saved: OrgUnit | None = None


# ------------------------------------------------------------------------------------------------ the import


def import_units_workbook(actor, root: OrgUnit, uploaded_file) -> ImportReport:
    """Checks every row of the workbook; saves all of them in one transaction, or none."""
    if not services.can_manage_unit(actor, OrgUnit.Kind.HAMLET, root):
        raise NotAllowed(_("Bạn không có quyền nhập đơn vị vào %(unit)s.") % {"unit": root.name})
    report = ImportReport(root=root)
    try:
        rows = _read_rows(uploaded_file)
    except _FileRefused as refused:
        report.fail(str(refused))
        return report
    report.rows = len(rows)
    today = timezone.localdate()
    if not root.is_open_on(today):
        report.fail(
            _("%(unit)s đã hết hiệu lực sau ngày %(day)s: không thể nhập đơn vị mới vào đơn vị này.")
            % {"unit": root.name, "day": services._fmt(root.valid_to)}
        )
        return report
    _check_rows(rows, root, today, report)
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
            _("Bảng tính trống: dòng 1 của trang «%(sheet)s» phải là dòng tiêu đề (Tên đơn vị, Loại, …).")
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
        rows.append(
            _Row(number=number, values=picked, text={key: _text(key, value) for key, value in picked.items()})
        )
    if not rows:
        raise _FileRefused(
            _(
                "Bảng tính không có dòng dữ liệu nào: hãy ghi mỗi đơn vị một dòng, từ dòng 2 "
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
            continue  # extra columns (STT, Hiệu lực đến…) are ignored
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
    if key == "note":
        return "\n".join(nfc(line) for line in str(value).splitlines()).strip()
    return nfc(str(value))


def _check_rows(rows: list[_Row], root: OrgUnit, today: datetime.date, report: ImportReport) -> None:
    parents = _find_parents(root, {row.text.get("parent", "") for row in rows} - {""})
    code_rows: dict[str, int] = {}
    name_rows: dict[tuple, int] = {}
    by_code: dict[str, list[_Row]] = {}
    by_name: dict[str, list[_Row]] = {}
    all_refs: dict[str, list[int]] = {}
    for row in rows:
        for ref in {row.text.get("code", ""), row.text.get("name", "")} - {""}:
            all_refs.setdefault(ref, []).append(row.number)
    existing_names = _existing_child_names(parents, root, today)

    for row in rows:
        problems: dict[str, list[str]] = {}

        def add(key, message, problems=problems):
            problems.setdefault(key, []).append(message)

        text = row.text
        for key, limit in MAX_LENGTH.items():
            if len(text.get(key, "")) > limit:
                add(key, _("Dài quá %(limit)s ký tự.") % {"limit": limit})
        kind = _parse_kind(text, add)
        division_type, agency_type = _parse_type(kind, text, add)
        valid_from = _parse_date(row.values.get("valid_from"), text.get("valid_from", ""), add)
        parent, parent_row = _pick_parent(
            row, text.get("parent", ""), root, parents, by_code, by_name, all_refs, add
        )
        unit = OrgUnit(
            name=text.get("name", ""),
            kind=kind or "",
            division_type=division_type,
            agency_type=agency_type,
            code=text.get("code", ""),
            parent=parent,
            valid_from=valid_from,
            address=text.get("address", ""),
            phone=text.get("phone", ""),
            note=text.get("note", ""),
        )
        row.unit, row.parent_row = unit, parent_row
        try:
            services.validate_unit(unit)
        except ValidationError as error:
            for field_name, messages in messages_of(error).items():
                key = COLUMN_OF_FIELD.get(field_name, "")
                if key in problems:
                    continue  # already explained by the parse of that cell
                for message in messages:
                    add(key, message)
        if unit.code:
            first = code_rows.setdefault(unit.code, row.number)
            if first != row.number:
                add(
                    "code",
                    _("Mã «%(code)s» trùng với dòng %(row)s trong tệp.") % {"code": unit.code, "row": first},
                )
        if unit.name and parent is not None:
            parent_key = ("row", parent_row.number) if parent_row else ("unit", parent.pk)
            first = name_rows.setdefault((parent_key, fold(unit.name)), row.number)
            if first != row.number:
                add(
                    "name",
                    _("Tên «%(name)s» trùng với dòng %(row)s, cùng đơn vị cấp trên.")
                    % {
                        "name": unit.name,
                        "row": first,
                    },
                )
            elif parent_row is None and fold(unit.name) in existing_names.get(parent.pk, ()):
                add(
                    "name",
                    _("%(parent)s đã có đơn vị «%(name)s» đang hoạt động (tệp này đã được nhập rồi?).")
                    % {
                        "parent": parent.name,
                        "name": unit.name,
                    },
                )
        if unit.code:
            by_code.setdefault(unit.code, []).append(row)
        if unit.name:
            by_name.setdefault(unit.name, []).append(row)
        for key in (column.key for column in COLUMNS):
            for message in problems.pop(key, []):
                report.fail(message, row.number, COLUMN_BY_KEY[key].header)
        for messages in problems.values():
            for message in messages:
                report.fail(message, row.number)


def _parse_kind(text: dict[str, str], add) -> str | None:
    raw = text.get("kind", "")
    if raw:
        kind = KIND_VALUES.get(_key(raw))
        if kind:
            return kind
        if any(_key(label) == _key(raw) or value == raw for value, label in OrgUnit.Kind.choices):
            add(
                "kind",
                _(
                    "Chỉ nhập được thôn, tổ dân phố và cơ quan, tổ chức; tỉnh, xã, phường lấy từ "
                    "danh mục hành chính."
                ),
            )
        else:
            add(
                "kind",
                _("Không có loại «%(value)s»: hãy ghi “Thôn, tổ dân phố” hoặc “Cơ quan, tổ chức”.")
                % {"value": raw},
            )
        return None
    type_key = _key(text.get("type", ""))
    in_hamlets, in_agencies = type_key in HAMLET_TYPES, type_key in AGENCY_TYPES
    if type_key and in_hamlets != in_agencies:
        return OrgUnit.Kind.HAMLET if in_hamlets else OrgUnit.Kind.AGENCY
    add("kind", _("Hãy ghi loại đơn vị: “Thôn, tổ dân phố” hoặc “Cơ quan, tổ chức”."))
    return None


def _parse_type(kind: str | None, text: dict[str, str], add) -> tuple[str, str]:
    """(division_type, agency_type); an empty or missing value is left to validate_unit to explain."""
    raw = text.get("type", "")
    if not raw or kind is None:
        return "", ""
    key = _key(raw)
    if kind == OrgUnit.Kind.HAMLET:
        if key in HAMLET_TYPES:
            return HAMLET_TYPES[key], ""
        labels = ", ".join(str(OrgUnit.DivisionType(t).label) for t in OrgUnit.DIVISION_TYPES_BY_KIND[kind])
        add(
            "type",
            _("«%(value)s» không phải loại hình thôn, tổ dân phố; hãy ghi một trong: %(labels)s.")
            % {
                "value": raw,
                "labels": labels,
            },
        )
        return "", ""
    if key in AGENCY_TYPES:
        return "", AGENCY_TYPES[key]
    add(
        "type",
        _("«%(value)s» không phải loại cơ quan, tổ chức; hãy chọn một loại trong danh sách của tệp mẫu.")
        % {"value": raw},
    )
    return "", ""


def _parse_date(value, raw: str, add) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not raw:
        return None
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            day = datetime.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
        if day.year < 1900:
            break
        return day
    add(
        "valid_from",
        _("Ngày «%(value)s» không hợp lệ: hãy ghi dạng dd/mm/yyyy, ví dụ 01/07/2025.") % {"value": raw},
    )
    return None


def _find_parents(root: OrgUnit, refs: set[str]) -> dict[str, list[OrgUnit]]:
    """Units of root's subtree (open or not) whose code or name is one of refs, by ref."""
    found: dict[str, list[OrgUnit]] = {}
    refs_list = sorted(refs)
    for start in range(0, len(refs_list), 400):
        chunk = refs_list[start : start + 400]
        for unit in OrgUnit.objects.subtree(root).filter(Q(code__in=chunk) | Q(name__in=chunk)):
            for ref in {unit.code, unit.name} & set(chunk):
                found.setdefault(ref, []).append(unit)
    return found


def _existing_child_names(parents, root, today) -> dict[int, set[str]]:
    """Folded names of the units open today under each parent named in the file: catches a double import."""
    parent_ids = {root.pk} | {unit.pk for units in parents.values() for unit in units}
    names: dict[int, set[str]] = {}
    ids = sorted(parent_ids)
    for start in range(0, len(ids), 400):
        children = OrgUnit.objects.filter(parent_id__in=ids[start : start + 400]).filter(open_on_q(today))
        for parent_id, name in children.values_list("parent_id", "name"):
            names.setdefault(parent_id, set()).add(fold(name))
    return names


def _pick_parent(row, ref, root, parents, by_code, by_name, all_refs, add):
    """(parent unit, parent row or None); (None, None) after explaining why in the row's errors."""
    if not ref:
        return root, None
    today = timezone.localdate()
    in_db = parents.get(ref, [])
    open_units = [unit for unit in in_db if unit.is_open_on(today)]
    for hits in (
        [("unit", u) for u in open_units if u.code == ref] + [("row", r) for r in by_code.get(ref, [])],
        [("unit", u) for u in open_units if u.name == ref] + [("row", r) for r in by_name.get(ref, [])],
    ):
        if len(hits) == 1:
            what, hit = hits[0]
            return (hit, None) if what == "unit" else (hit.unit, hit)
        if len(hits) > 1:
            add(
                "parent",
                _(
                    "Có %(count)s đơn vị mang mã hoặc tên «%(ref)s»: hãy ghi mã của đơn vị cấp trên "
                    "để phân biệt."
                )
                % {
                    "count": len(hits),
                    "ref": ref,
                },
            )
            return None, None
    closed = [unit for unit in in_db if not unit.is_open_on(today)]
    later = [number for number in all_refs.get(ref, []) if number > row.number]
    if closed:
        unit = closed[0]
        add(
            "parent",
            _("%(name)s (hiệu lực %(span)s) không còn hoạt động: chỉ chọn được đơn vị đang hoạt động.")
            % {
                "name": unit.name,
                "span": services._span(unit),
            },
        )
    elif later:
        add(
            "parent",
            _("«%(ref)s» ở dòng %(row)s, phía dưới dòng này: hãy ghi đơn vị cấp trên ở dòng phía trên.")
            % {
                "ref": ref,
                "row": later[0],
            },
        )
    else:
        add(
            "parent",
            _(
                "Không tìm thấy «%(ref)s» trong %(root)s: hãy ghi mã hoặc tên chính xác của một "
                "đơn vị đang hoạt động."
            )
            % {
                "ref": ref,
                "root": root.name,
            },
        )
    return None, None


def _save_rows(actor, rows: list[_Row], report: ImportReport) -> None:
    current = None
    try:
        with transaction.atomic():
            for row in rows:
                current = row
                unit = row.unit
                parent = row.parent_row.saved if row.parent_row is not None else unit.parent
                row.saved = services.create_unit(
                    actor,
                    **{name: getattr(unit, name) for name in services.EDITABLE_FIELDS if name != "parent"},
                    parent=parent,
                )
                report.created.append(row.saved)
    except ValidationError as error:
        report.created = []
        for field_name, messages in messages_of(error).items():
            key = COLUMN_OF_FIELD.get(field_name)
            for message in messages:
                report.fail(message, current.number, COLUMN_BY_KEY[key].header if key else "")
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


def allowed_values() -> dict[str, list[str]]:
    """The labels the columns «Loại» and «Loại hình / loại cơ quan» accept, for the template and the page."""
    return {
        "kinds": [str(OrgUnit.Kind(kind).label) for kind in IMPORTABLE_KINDS],
        "hamlet_types": [
            str(OrgUnit.DivisionType(value).label)
            for value in OrgUnit.DIVISION_TYPES_BY_KIND[OrgUnit.Kind.HAMLET]
        ],
        "agency_types": [str(label) for _value, label in OrgUnit.AgencyType.choices],
    }


def template_workbook(root: OrgUnit | None = None) -> bytes:
    """The .xlsx to fill in: sheet "Đơn vị" with headers, widths, dropdowns and two example rows valid for
    `root`, and sheet "Hướng dẫn" explaining each column and listing the allowed values."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

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
        cell.alignment = Alignment(vertical="center")
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if column.key in ("code", "phone"):
            dimension.number_format = "@"  # keep leading zeros
        elif column.key == "valid_from":
            dimension.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    for values in _example_rows(root):
        sheet.append([values.get(column.key) for column in COLUMNS])
    for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row):
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
            elif COLUMNS[cell.column - 1].key in ("code", "phone"):
                cell.number_format = "@"

    # The guide: one line per column, then the allowed values, which the dropdowns also use.
    guide.column_dimensions["A"].width = 26
    guide.column_dimensions["B"].width = 11
    guide.column_dimensions["C"].width = 70
    guide.column_dimensions["D"].width = 3
    guide.column_dimensions["E"].width = 22
    guide.column_dimensions["F"].width = 3
    guide.column_dimensions["G"].width = 46
    guide.column_dimensions["H"].width = 20
    guide["A1"] = _("Hướng dẫn nhập đơn vị từ Excel")
    guide["A1"].font = Font(bold=True, size=14)
    guide["A2"] = _(
        "Mỗi dòng của trang «%(sheet)s» là một đơn vị; dòng 1 là tiêu đề, giữ nguyên tên cột. Hai dòng "
        "ví dụ hãy sửa hoặc xóa trước khi nhập. Tệp được kiểm tra toàn bộ: nếu có một dòng sai thì không "
        "dòng nào được lưu, và trang nhập sẽ chỉ ra từng dòng, từng cột cần sửa. Tối đa %(rows)s dòng, 5 MB."
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

    guide["E4"] = _("Giá trị cột «Loại»")
    guide["G4"] = _("Giá trị cột «Loại hình / loại cơ quan»")
    guide["H4"] = _("Dùng cho")
    for cell in ("E4", "G4", "H4"):
        guide[cell].font = bold
        guide[cell].fill = header_fill
    allowed = allowed_values()
    kinds = allowed["kinds"]
    for offset, label in enumerate(kinds):
        guide.cell(row=5 + offset, column=5, value=label)
    types = [(label, kinds[0]) for label in allowed["hamlet_types"]]
    types += [(label, kinds[1]) for label in allowed["agency_types"]]
    for offset, (label, used_for) in enumerate(types):
        guide.cell(row=5 + offset, column=7, value=label)
        guide.cell(row=5 + offset, column=8, value=used_for)

    quoted = f"'{HELP_SHEET_TITLE}'"
    for key, source, title in (
        ("kind", f"{quoted}!$E$5:$E${4 + len(kinds)}", _("Loại đơn vị")),
        ("type", f"{quoted}!$G$5:$G${4 + len(types)}", _("Loại hình / loại cơ quan")),
    ):
        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=title,
            error=_("Giá trị này không có trong danh sách của trang «%(sheet)s».")
            % {"sheet": HELP_SHEET_TITLE},
            promptTitle=title,
            prompt=_("Chọn trong danh sách."),
            showInputMessage=True,
        )
        validation.add(f"{letter[key]}2:{letter[key]}{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)

    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _example_rows(root: OrgUnit | None) -> list[dict]:
    """Two rows that import cleanly into `root`: a hamlet (under root or one of its communes), an agency."""
    hamlet_parent_ref = ""
    commune = root
    if root is not None and root.kind != OrgUnit.Kind.COMMUNE:
        today = timezone.localdate()
        commune = (
            OrgUnit.objects.subtree(root, include_self=False)
            .filter(kind=OrgUnit.Kind.COMMUNE)
            .open_on(today)
            .vietnamese_order()
            .first()
        )
        hamlet_parent_ref = (commune.code or commune.name) if commune else ""
    start = max(REFORM_DATE, (commune.valid_from if commune else None) or REFORM_DATE)
    hamlet = {
        "name": "Tổ dân phố Hòa Bình",
        "kind": str(OrgUnit.Kind.HAMLET.label),
        "type": str(OrgUnit.DivisionType.TO_DAN_PHO.label),
        "code": "",
        "parent": hamlet_parent_ref,
        "valid_from": start,
        "address": "",
        "phone": "",
        "note": "",
    }
    agency = {
        "name": "Hội Người cao tuổi",
        "kind": str(OrgUnit.Kind.AGENCY.label),
        "type": str(OrgUnit.AgencyType.MASS_ORGANISATION.label),
        "code": "",
        "parent": "",
        "valid_from": None,
        "address": "",
        "phone": "",
        "note": "",
    }
    if root is not None:
        agency["name"] = f"Hội Người cao tuổi {root.name[:1].lower()}{root.name[1:]}"
    if root is not None and commune is None:
        return [agency]
    return [hamlet, agency]
