"""The offline form: a unit's report of a period as a workbook to fill in Excel (`form_workbook`), and that workbook
read back (`read_offline`). The upload's checks and its save are `services.offline.import_offline`.

The workbook has the grid's layout (sections, rows of indicators, columns of category options), its figures, the
cells bound to the register and the computed ones locked in a protected sheet, the input cells unlocked with
validation lists; the report's texts on a sheet of their own; and a very hidden sheet naming the form, the unit, the
period, the definitions' version and every input cell with the figure it held when downloaded. Nothing is read back
by position alone: the hidden sheet says where each cell is, so a moved column or a file of another form is told.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.excel import HEADER_FILL, NOT_XLSX, FileRefused, open_upload, sheet_extent
from danvan.core.excel_export import workbook_bytes
from danvan.core.excel_extent import ExtentRefused
from danvan.core.periods import Period
from danvan.orgunits.models import OrgUnit

from . import display, selectors
from .models import NARRATIVE_KEYS, NARRATIVE_OUTLINE, Form, Value, ValueType

IDENTITY_TITLE = "dinh_danh"
MARKER = "danvan-offline-form"
LAYOUT = "1"  # of the hidden sheet: a file of another layout is refused
CELL, TEXT = "cell", "text"
LOCKED_FILL = "EDEDED"
INPUT_FILL = "FFFFFF"
SECTION_FILL = "DCE6F1"
FIRST_FIGURE_COLUMN = 4  # A: STT, B: the indicator, C: its measure


def grid_title() -> str:
    return _("Số liệu")


def text_title() -> str:
    return _("Phần lời")


def definitions_version(sections) -> str:
    """A short fingerprint of what the form asks (its indicators, their types, formulas, sources and categories): a
    file downloaded before the form changed is refused rather than read into the wrong cells."""
    parts = []
    for section in sections:
        for item in section.items.all():
            indicator = item.indicator
            keys = [key for key, _label in selectors.category_keys(indicator)]
            parts.append(
                f"{section.pk}|{indicator.code}|{indicator.value_type}|{indicator.expression}|{indicator.source}|{keys}"
            )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


# ------------------------------------------------------------------------------------------------------ writing


def form_workbook(
    form: Form,
    unit: OrgUnit,
    period: Period,
    sections,
    values: dict[tuple[int, str], Value],
    computed: dict[str, float | None],
    narrative: dict[str, str] | None,
) -> bytes:
    """The .xlsx of the report: `values` as `selectors.values_of` gives them (the system's figures for the bound
    cells of a report not begun), `computed` the computed indicators' figures, `narrative` the report's texts (None
    when the form has none)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = grid_title()
    identity = workbook.create_sheet(IDENTITY_TITLE)
    identity.sheet_state = "veryHidden"
    version = definitions_version(sections)
    for row in (
        (MARKER, LAYOUT),
        ("form", form.code),
        ("unit", str(unit.pk)),
        ("period", period.code),
        ("version", version),
        ("downloaded", timezone.localtime().strftime("%d/%m/%Y %H:%M")),
        ("kind", "sheet", "cell", "indicator", "category", "original"),
    ):
        identity.append(row)
    writer = _GridWriter(sheet, identity)
    writer.heading(form, unit, period, version)
    writer.grid(sections, values, computed)
    if narrative is not None:
        _write_texts(workbook.create_sheet(text_title()), identity, unit, period, narrative)
    workbook.move_sheet(identity, offset=len(workbook.sheetnames) - 1 - workbook.index(identity))
    workbook.active = 0
    return workbook_bytes(workbook)


class _GridWriter:
    def __init__(self, sheet, identity):
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
        from openpyxl.worksheet.datavalidation import DataValidation

        self.sheet, self.identity = sheet, identity
        self.row = 0
        thin = Side(style="thin", color="A6A6A6")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.bold = Font(bold=True)
        self.locked_fill = PatternFill("solid", fgColor=LOCKED_FILL)
        self.input_fill = PatternFill("solid", fgColor=INPUT_FILL)
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.section_fill = PatternFill("solid", fgColor=SECTION_FILL)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.unlocked = Protection(locked=False)
        self.italic = Font(italic=True, color="595959")
        self.width = FIRST_FIGURE_COLUMN
        title = _("Số liệu không hợp lệ")
        self.validations = {
            ValueType.INTEGER: DataValidation(
                type="whole",
                operator="between",
                formula1="0",
                formula2="999999999999999",
                error=_("Nhập số nguyên không âm, ví dụ 1759."),
            ),
            ValueType.DECIMAL: DataValidation(
                type="decimal",
                operator="between",
                formula1="-999999999999999",
                formula2="999999999999999",
                error=_("Nhập một số, ví dụ 2,5."),
            ),
            ValueType.PERCENTAGE: DataValidation(
                type="decimal",
                operator="between",
                formula1="0",
                formula2="100",
                error=_("Nhập tỷ lệ phần trăm từ 0 đến 100."),
            ),
            ValueType.BOOLEAN: DataValidation(
                type="list",
                formula1='"{},{}"'.format(_("Có"), _("Không")),
                error=_("Chọn Có hoặc Không."),
            ),
            ValueType.TEXT: DataValidation(
                type="textLength", operator="lessThanOrEqual", formula1="2000", error=_("Tối đa 2.000 ký tự.")
            ),
        }
        for validation in self.validations.values():
            validation.allow_blank = True
            validation.showErrorMessage = True
            validation.errorTitle = title
            sheet.add_data_validation(validation)

    def line(self, text: str, *, font=None, height: int | None = None) -> None:
        self.row += 1
        cell = self.sheet.cell(row=self.row, column=1, value=text)
        cell.alignment = self.wrap
        if font is not None:
            cell.font = font
        if height:
            self.sheet.row_dimensions[self.row].height = height

    def heading(self, form: Form, unit: OrgUnit, period: Period, version: str) -> None:
        from openpyxl.styles import Font

        deadline = period.deadline(form.deadline_days)
        self.line(form.name, font=Font(bold=True, size=14), height=22)
        self.line(
            _("Đơn vị: %(unit)s · Kỳ báo cáo: %(period)s · Hạn nộp: %(deadline)s")
            % {"unit": unit.name, "period": period.label, "deadline": deadline.strftime("%d/%m/%Y")},
            font=self.bold,
        )
        self.line(
            _(
                "Mã biểu: %(form)s · Mã đơn vị: %(unit)s · Mã kỳ: %(period)s · Phiên bản biểu: %(version)s · "
                "Tải về lúc %(time)s"
            )
            % {
                "form": form.code,
                "unit": unit.code or unit.pk,
                "period": period.code,
                "version": version,
                "time": timezone.localtime().strftime("%H:%M %d/%m/%Y"),
            },
            font=self.italic,
        )
        self.line(
            _(
                "Nhập số liệu vào các ô nền trắng; ô nền xám (tiêu đề, chỉ tiêu tự tính, số liệu lấy từ hệ thống) "
                "được khóa. Số viết 1.759 hoặc 2,5; ô Có/Không chọn trong danh sách. Lưu tệp dạng .xlsx rồi tải lên "
                "ở trang «Nhập từ Excel» của báo cáo: tệp chỉ được nhận khi mọi ô đều hợp lệ, và chỉ cho đúng đơn "
                "vị, kỳ và biểu này."
            ),
            height=48,
        )
        self.row += 1
        self.heading_rows = self.row

    def grid(self, sections, values: dict, computed: dict) -> None:
        from openpyxl.comments import Comment
        from openpyxl.utils import get_column_letter

        sheet = self.sheet
        number = 0
        section_rows = []
        for section in sections:
            self.row += 1
            section_rows.append(self.row)
            cell = sheet.cell(row=self.row, column=1, value=section.title)
            cell.font, cell.fill = self.bold, self.section_fill
            previous = None
            for item in section.items.all():
                indicator = item.indicator
                keys = selectors.category_keys(indicator)
                shape = tuple(label for _key, label in keys)
                if shape != previous:
                    self._header([label or _("Số liệu") for label in shape])
                    previous = shape
                self.row += 1
                number += 1
                name = (
                    _("%(name)s (tự tính)") % {"name": indicator.name}
                    if indicator.expression
                    else indicator.name
                )
                for column, value in enumerate((number, name, indicator.measure), start=1):
                    cell = sheet.cell(row=self.row, column=column, value=value)
                    cell.border, cell.alignment, cell.fill = self.border, self.wrap, self.locked_fill
                if indicator.expression:
                    cell = sheet.cell(row=self.row, column=FIRST_FIGURE_COLUMN)
                    figure = computed.get(indicator.code)
                    cell.value = _excel_number(round(figure, 2)) if figure is not None else None
                    cell.border, cell.fill, cell.font = self.border, self.locked_fill, self.italic
                    continue
                for offset, (key, _label) in enumerate(keys):
                    cell = sheet.cell(row=self.row, column=FIRST_FIGURE_COLUMN + offset)
                    stored = values.get((indicator.pk, key))
                    shown = display.figure(indicator, stored.number, stored.text) if stored else ""
                    cell.value = _cell_value(indicator, stored)
                    cell.border = self.border
                    if indicator.value_type == ValueType.INTEGER:
                        cell.number_format = "#,##0"
                    if indicator.value_type == ValueType.TEXT:
                        cell.alignment = self.wrap
                    if indicator.source:
                        cell.fill = self.locked_fill
                        cell.comment = Comment(
                            _(
                                "Lấy từ hệ thống (sổ theo dõi “Dân vận khéo”). Muốn sửa, sửa trên trang nhập liệu "
                                "và ghi lý do."
                            ),
                            "Dân vận số",
                        )
                    else:
                        cell.fill, cell.protection = self.input_fill, self.unlocked
                        self.validations[indicator.value_type].add(cell.coordinate)
                    self.identity.append((CELL, sheet.title, cell.coordinate, indicator.code, key, shown))
        sheet.column_dimensions["A"].width = 6
        sheet.column_dimensions["B"].width = 60
        sheet.column_dimensions["C"].width = 12
        for column in range(FIRST_FIGURE_COLUMN, self.width + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 16
        for row in range(1, self.heading_rows):
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(self.width, 6))
        for row in section_rows:  # a section's title across the grid's width, as on the page
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=self.width)
        _protect(sheet)

    def _header(self, labels: list[str]) -> None:
        self.row += 1
        for column, label in enumerate([_("STT"), _("Chỉ tiêu"), _("Đơn vị tính"), *labels], start=1):
            cell = self.sheet.cell(row=self.row, column=column, value=label)
            cell.font, cell.fill, cell.border, cell.alignment = (
                self.bold,
                self.header_fill,
                self.border,
                self.centre,
            )
        self.width = max(self.width, FIRST_FIGURE_COLUMN - 1 + len(labels))


def _write_texts(sheet, identity, unit: OrgUnit, period: Period, narrative: dict[str, str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet["A1"] = _("Phần báo cáo bằng lời – %(unit)s – %(period)s") % {
        "unit": unit.name,
        "period": period.label,
    }
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = _(
        "Viết nội dung vào các ô nền trắng của cột «Nội dung»; xuống dòng trong ô bằng Alt+Enter."
    )
    sheet["A3"], sheet["B3"] = _("Mục"), _("Nội dung")
    for cell in (sheet["A3"], sheet["B3"]):
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    sheet.column_dimensions["A"].width = 45
    sheet.column_dimensions["B"].width = 100
    validation = DataValidation(
        type="textLength",
        operator="lessThanOrEqual",
        formula1="20000",
        allow_blank=True,
        showErrorMessage=True,
        error=_("Tối đa 20.000 ký tự mỗi mục."),
    )
    sheet.add_data_validation(validation)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, (key, heading, depth) in enumerate(NARRATIVE_OUTLINE, start=4):
        title = sheet.cell(row=row, column=1, value=str(heading))
        title.alignment = wrap
        if depth == 1:
            title.font = Font(bold=True)
        if key not in NARRATIVE_KEYS:
            continue
        text = narrative.get(key, "")
        cell = sheet.cell(row=row, column=2, value=text or None)
        cell.alignment, cell.protection = wrap, Protection(locked=False)
        validation.add(cell.coordinate)
        sheet.row_dimensions[row].height = 90
        identity.append((TEXT, sheet.title, cell.coordinate, key, "", text))
    _protect(sheet)


def _protect(sheet) -> None:
    """Labels, computed and system cells locked; the input cells were unlocked one by one. Without a password:
    the protection guides the officer, the upload's checks are what hold."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _excel_number(number: float):
    return int(number) if float(number).is_integer() else number


def _cell_value(indicator, stored: Value | None):
    if stored is None:
        return None
    if indicator.value_type == ValueType.TEXT:
        return stored.text or None
    if stored.number is None:
        return None
    if indicator.value_type == ValueType.BOOLEAN:
        return _("Có") if stored.number else _("Không")
    return _excel_number(stored.number)


# ------------------------------------------------------------------------------------------------------ reading


@dataclass
class OfflineEntry:
    """One input cell or text box of the file: where it is, what it is, what it held when downloaded, what it holds."""

    kind: str
    sheet: str
    coordinate: str
    row: int
    key: str  # the indicator's code, or the narrative's key
    category: str
    original: str
    value: object = None


@dataclass
class OfflineFile:
    form: str
    unit: str
    period: str
    version: str
    downloaded: str
    entries: list[OfflineEntry] = field(default_factory=list)


def read_offline(uploaded_file) -> OfflineFile:
    """The identity and the input cells of an offline form; raises FileRefused (in Vietnamese) for a file that is
    not an .xlsx within the limits (core.excel.open_upload) or not a form downloaded from here."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    workbook = open_upload(uploaded_file)
    try:
        names = workbook.sheetnames
        if IDENTITY_TITLE not in names:
            raise FileRefused(_not_ours())
        rows = _cells(workbook[IDENTITY_TITLE])
        header = _by_row(rows)
        if header.get(1, {}).get(1) != MARKER or str(header.get(1, {}).get(2)) != LAYOUT:
            raise FileRefused(_not_ours())
        fields = {str(values.get(1)): str(values.get(2) or "") for row, values in header.items() if row <= 6}
        found = OfflineFile(
            form=fields.get("form", ""),
            unit=fields.get("unit", ""),
            period=fields.get("period", ""),
            version=fields.get("version", ""),
            downloaded=fields.get("downloaded", ""),
        )
        sheets: dict[str, dict] = {}
        for row, values in sorted(header.items()):
            if row <= 7:
                continue
            kind, title, coordinate = (str(values.get(n) or "") for n in (1, 2, 3))
            if kind not in (CELL, TEXT) or title == IDENTITY_TITLE:
                raise FileRefused(_not_ours())
            if title not in names:
                raise FileRefused(
                    _(
                        "Tệp không còn trang «%(sheet)s» (bị xoá hoặc đổi tên): hãy giữ nguyên tên các trang của "
                        "biểu, hoặc tải biểu Excel mới."
                    )
                    % {"sheet": title}
                )
            try:
                letters, number = coordinate_from_string(coordinate)
                column = column_index_from_string(letters)
            except ValueError:
                raise FileRefused(_not_ours()) from None
            if title not in sheets:
                sheets[title] = _cells(workbook[title])
            found.entries.append(
                OfflineEntry(
                    kind=kind,
                    sheet=title,
                    coordinate=coordinate,
                    row=number,
                    key=str(values.get(4) or ""),
                    category=str(values.get(5) or ""),
                    original=str(values.get(6) or ""),
                    value=sheets[title].get((number, column)),
                )
            )
        return found
    except FileRefused:
        raise
    except ExtentRefused as refused:
        raise FileRefused(str(refused)) from None
    except Exception:  # openpyxl and the XML parser raise many kinds of error on a damaged file
        raise FileRefused(_("%(base)s: không đọc được nội dung trang tính.") % {"base": NOT_XLSX}) from None
    finally:
        workbook.close()


def _not_ours() -> str:
    return _(
        "Tệp này không phải biểu Excel tải từ trang nhập liệu (thiếu hoặc hỏng phần định danh): hãy bấm «Tải biểu "
        "Excel» trên trang nhập liệu của báo cáo, điền vào tệp đó rồi tải lên."
    )


def _cells(worksheet) -> dict[tuple[int, int], object]:
    """{(row, column): value} of the sheet's non-blank cells, read within its real extent only."""
    extent = sheet_extent(worksheet)
    found = {}
    if not extent.rows:
        return found
    for row, values in enumerate(
        worksheet.iter_rows(min_row=1, max_row=extent.rows, max_col=extent.columns, values_only=True), start=1
    ):
        for column, value in enumerate(values, start=1):
            if value is not None:
                found[(row, column)] = value
    return found


def _by_row(cells: dict[tuple[int, int], object]) -> dict[int, dict[int, object]]:
    rows: dict[int, dict[int, object]] = {}
    for (row, column), value in cells.items():
        rows.setdefault(row, {})[column] = value
    return rows


def as_text(value) -> str:
    """A cell as typed: 12.0 → "12", a date → dd/mm/yyyy."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)
