"""Excel import of hamlets (thôn, tổ dân phố) and agencies (cơ quan, tổ chức) under one unit; its template.

Every row is checked before anything is saved; one bad row and nothing is saved (DESIGN §4.5). When every
row is valid, all of them are created in one transaction through services.create_unit, which checks the
permission and writes the change log.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core import excel
from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.core.excel import MAX_ROWS, Column, ImportReport, SheetRow, label_key
from danvan.core.excel_export import XLSX_CONTENT_TYPE
from danvan.core.text import fold

from . import services
from .models import REFORM_DATE, OrgUnit
from .selectors import units_by_code_or_name
from .tree import open_on_q

__all__ = [
    "COLUMNS",
    "MAX_ROWS",
    "XLSX_CONTENT_TYPE",
    "ImportReport",
    "allowed_values",
    "import_units_workbook",
    "template_workbook",
]

SHEET_TITLE = "Đơn vị"
IMPORTABLE_KINDS = (OrgUnit.Kind.HAMLET, OrgUnit.Kind.AGENCY)

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
        max_length=32,
        number_format=excel.TEXT_FORMAT,
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
        number_format=excel.DATE_FORMAT,
    ),
    Column(
        "address",
        "Địa chỉ",
        False,
        36,
        gettext_lazy("Không bắt buộc, tối đa 255 ký tự."),
        ("dia chi tru so",),
        max_length=255,
    ),
    Column(
        "phone",
        "Điện thoại",
        False,
        16,
        gettext_lazy("Không bắt buộc, tối đa 32 ký tự."),
        ("so dien thoai", "dien thoai"),
        max_length=32,
        number_format=excel.TEXT_FORMAT,
    ),
    # Kept as the unit form keeps a note: blank lines between paragraphs too.
    Column(
        "note",
        "Ghi chú",
        False,
        36,
        gettext_lazy("Không bắt buộc."),
        ("ghi chu",),
        multiline=True,
        keep_blank_lines=True,
    ),
)
SHEET = excel.ImportSheet(
    SHEET_TITLE,
    COLUMNS,
    no_header_message=gettext_lazy(
        "Bảng tính trống: dòng 1 của trang «%(sheet)s» phải là dòng tiêu đề (Tên đơn vị, Loại, …)."
    ),
    no_rows_message=gettext_lazy(
        "Bảng tính không có dòng dữ liệu nào: hãy ghi mỗi đơn vị một dòng, từ dòng 2 của trang «%(sheet)s»."
    ),
    # A row holding only an STT is reported (as lacking its name) rather than skipped, as this import always has.
    skip_rows_blank_in_read_columns=False,
)
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


def _kind_values() -> dict[str, str]:
    values = {}
    for kind in IMPORTABLE_KINDS:
        values[label_key(OrgUnit.Kind(kind).label)] = kind
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
        values[label_key(OrgUnit.DivisionType(value).label)] = value
        values[label_key(value)] = value
    return values


def _agency_types() -> dict[str, str]:
    A = OrgUnit.AgencyType
    values = {}
    for value, label in A.choices:
        values[label_key(label)] = value
        values[label_key(str(label).split("(")[0])] = value
        values[label_key(value)] = value
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


KIND_VALUES = _kind_values()
HAMLET_TYPES = _hamlet_types()
AGENCY_TYPES = _agency_types()


@dataclass
class _Row(SheetRow):
    unit: OrgUnit | None = None
    parent_row: "_Row | None" = None
    saved: OrgUnit | None = None


# ------------------------------------------------------------------------------------------------ the import


def import_units_workbook(actor, root: OrgUnit, uploaded_file) -> ImportReport:
    """Checks every row of the workbook; saves all of them in one transaction, or none."""
    if not services.can_manage_unit(actor, OrgUnit.Kind.HAMLET, root):
        raise NotAllowed(_("Bạn không có quyền nhập đơn vị vào %(unit)s.") % {"unit": root.name})
    report = ImportReport(root=root)
    rows = excel.read_into_report(uploaded_file, SHEET, report, _Row)
    if not report.ok:
        return report
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


def _check_rows(rows: list[_Row], root: OrgUnit, today: datetime.date, report: ImportReport) -> None:
    parents = units_by_code_or_name(root, {row.text.get("parent", "") for row in rows} - {""})
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
        problems = excel.RowProblems()
        add = problems.add
        text = row.text
        excel.check_lengths(SHEET, text, add)
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
        report.fail_row(row.number, problems, SHEET)


def _parse_kind(text: dict[str, str], add) -> str | None:
    raw = text.get("kind", "")
    if raw:
        kind = KIND_VALUES.get(label_key(raw))
        if kind:
            return kind
        if any(label_key(label) == label_key(raw) or value == raw for value, label in OrgUnit.Kind.choices):
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
    type_key = label_key(text.get("type", ""))
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
    key = label_key(raw)
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
    # A number is not taken for Excel's day number (the practices import does): here it is likelier a bare year.
    try:
        return excel.cell_date(value, raw)
    except ValueError:
        add(
            "valid_from",
            _("Ngày «%(value)s» không hợp lệ: hãy ghi dạng dd/mm/yyyy, ví dụ 01/07/2025.") % {"value": raw},
        )
        return None


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
    def save(row: _Row) -> OrgUnit:
        unit = row.unit
        # A parent written in an earlier row of the file was saved just before this row.
        parent = row.parent_row.saved if row.parent_row is not None else unit.parent
        row.saved = services.create_unit(
            actor,
            **{name: getattr(unit, name) for name in services.EDITABLE_FIELDS if name != "parent"},
            parent=parent,
        )
        return row.saved

    excel.save_all_or_none(report, rows, save, SHEET, COLUMN_OF_FIELD)


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
    """The .xlsx to fill in: sheet "Đơn vị" with headers, widths and dropdowns, sheet "Ví dụ" with two example
    rows valid for `root`, and sheet "Hướng dẫn" explaining each column and listing the allowed values."""
    template = excel.TemplateWorkbook(
        SHEET,
        _example_rows(root),
        guide_title=_("Hướng dẫn nhập đơn vị từ Excel"),
        guide_intro=_(
            "Mỗi dòng của trang «%(sheet)s» là một đơn vị; dòng 1 là tiêu đề, giữ nguyên tên cột. Trang "
            "«%(examples)s» có hai dòng mẫu để tham khảo; trang đó không được nhập. Tệp được kiểm tra toàn "
            "bộ: nếu có một dòng sai thì không dòng nào được lưu, và trang nhập sẽ chỉ ra từng dòng, từng cột "
            "cần sửa. Tối đa %(rows)s dòng, 5 MB."
        )
        % {
            "sheet": SHEET_TITLE,
            "examples": excel.EXAMPLES_SHEET_TITLE,
            "rows": number_format(MAX_ROWS, force_grouping=True),
        },
        guide_widths={"A": 26, "B": 11, "C": 70, "D": 3, "E": 22, "F": 3, "G": 46, "H": 20},
    )
    allowed = allowed_values()
    kinds = allowed["kinds"]
    types = [(label, kinds[0]) for label in allowed["hamlet_types"]]
    types += [(label, kinds[1]) for label in allowed["agency_types"]]
    kind_list = template.add_list("E", _("Giá trị cột «Loại»"), kinds)
    type_list = template.add_list(
        "G", _("Giá trị cột «Loại hình / loại cơ quan»"), [label for label, _used_for in types]
    )
    template.add_list("H", _("Dùng cho"), [used_for for _label, used_for in types])
    template.add_dropdown("kind", kind_list, _("Loại đơn vị"))
    template.add_dropdown("type", type_list, _("Loại hình / loại cơ quan"))
    return template.to_bytes()


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
