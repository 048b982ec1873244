"""The .xlsx side of the Excel imports (units, "Dân vận khéo" practices): reading an upload, reporting its errors,
saving all rows or none, writing the template to fill in; and for every export, the one place where texts are
written safely (no formula) and the workbook saved.

One reader, so that every import refuses the same bad files with the same Vietnamese message and names rows by
their Excel row numbers (DESIGN §4.5). Each app keeps what is its own: its columns (an ImportSheet), its row
checks, how a row names its unit, and the service that saves a row.
"""

import datetime
import io
import re
import xml.etree.ElementTree as ElementTree
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import NotAllowed, ValidationError, messages_of
from .excel_export import workbook_bytes
from .excel_extent import Extent, ExtentRefused, check_parts, scan_extent
from .text import fold, nfc

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# A 5 MB .xlsx can hold far more XML than that once unzipped; beyond this it is refused before being parsed.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
GUIDE_SHEET_TITLE = "Hướng dẫn"
EXAMPLES_SHEET_TITLE = "Ví dụ"  # the template's example rows, which no import reads
DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"  # Excel keeps the cell as typed: the leading zeros of codes and phone numbers stay
HEADER_FILL = "F3D9DA"
REQUIRED_HEADER_COLOUR = "7E151B"
# Excel's serial day numbers run from 1 (01/01/1900) to 2958465 (31/12/9999), the fraction being the time of day.
_SERIAL_DAYS_END = 2958466


def label_key(value) -> str:
    """Lower-case unaccented words, to match headers and labels however they are typed:
    "Loại hình / loại cơ quan" → "loai hinh loai co quan"."""
    return re.sub(r"[^0-9a-z]+", " ", fold(str(value or ""))).strip()


@dataclass(frozen=True)
class Column:
    """One column an import reads, and how its template and guide present it."""

    key: str
    header: str
    required_header: bool
    width: int
    help: str
    aliases: tuple[str, ...] = ()  # other headers accepted, already as label_key()s
    max_length: int | None = None
    number_format: str = ""  # of the template's column: TEXT_FORMAT or DATE_FORMAT
    multiline: bool = False  # line breaks in the cell are kept (other cells are read as one line)
    keep_blank_lines: bool = False  # of a multiline cell: blank lines between paragraphs are kept too


@dataclass(frozen=True)
class ImportSheet:
    """What one import reads: the sheet it looks for, its columns, and the two refusals that name what it imports."""

    title: str
    columns: tuple[Column, ...]
    # Both take %(sheet)s; they say which headers, and what one row is, in the import's own words.
    no_header_message: str
    no_rows_message: str
    # Whether a row with something only in columns the import does not read (STT, the status of an exported
    # file…) is skipped as blank.
    skip_rows_blank_in_read_columns: bool = True

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def header_keys(self) -> dict[str, str]:
        """Column key by label_key() of each header and alias."""
        keys = {}
        for column in self.columns:
            keys[label_key(column.header)] = column.key
            for alias in column.aliases:
                keys[alias] = column.key
        return keys


@dataclass
class SheetRow:
    """A data row: its Excel row number, its cells by column key, and their text. An import subclasses it to keep
    what its checks find about the row until it is saved."""

    number: int
    values: dict[str, object]
    text: dict[str, str]


class FileRefused(Exception):
    """The upload cannot be read as the import's sheet; the message says why, in Vietnamese, for the user."""


# ----------------------------------------------------------------------------------------------- the report


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
    root: Any  # the OrgUnit the rows go into (core does not import the apps)
    rows: int = 0
    created: list = field(default_factory=list)
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

    def fail_row(self, row: int, problems: dict[str, list[str]], sheet: ImportSheet) -> None:
        """Reports one row's problems in the order of the sheet's columns, then those of the row as a whole."""
        for column in sheet.columns:
            for message in problems.get(column.key, []):
                self.fail(message, row, column.header)
        keys = {column.key for column in sheet.columns}
        for key, messages in problems.items():
            if key not in keys:
                for message in messages:
                    self.fail(message, row)


class RowProblems(dict):
    """One row's error messages by column key ("" for the row as a whole), collected while it is checked."""

    def add(self, key: str, message: str) -> None:
        self.setdefault(key, []).append(message)


def check_lengths(sheet: ImportSheet, text: dict[str, str], add) -> None:
    for column in sheet.columns:
        if column.max_length and len(text.get(column.key, "")) > column.max_length:
            add(column.key, _("Dài quá %(limit)s ký tự.") % {"limit": column.max_length})


# ----------------------------------------------------------------------------------------------- reading


def read_rows(uploaded_file, sheet: ImportSheet, row_type: type[SheetRow] = SheetRow) -> list:
    """The data rows of the sheet (as row_type), with their Excel row numbers, blank rows skipped; raises
    FileRefused for a file that is not a usable .xlsx, is too big, has too many rows or lacks a required header."""
    workbook = open_upload(uploaded_file)
    try:
        worksheet = _pick_sheet(workbook, sheet)
        return _rows_of(worksheet, sheet, row_type, sheet_extent(worksheet))
    except FileRefused:
        raise
    except ExtentRefused as refused:
        raise FileRefused(str(refused)) from None
    except Exception:
        raise FileRefused(_("%(base)s: không đọc được nội dung trang tính.") % {"base": NOT_XLSX}) from None
    finally:
        workbook.close()


NOT_XLSX = gettext_lazy("Tệp không phải bảng tính Excel .xlsx hợp lệ")


def sheet_extent(worksheet) -> Extent:
    """The real extent of a sheet of a workbook from open_upload (raises ExtentRefused past the limits)."""
    with worksheet._get_source() as source:  # the sheet's XML, as openpyxl itself reads it
        return scan_extent(source)


def open_upload(uploaded_file):
    """The uploaded .xlsx opened read-only (values, not formulas) once its size, its unzipped size and the parts
    openpyxl parses on opening are within the limits; raises FileRefused for anything else. The caller closes it
    and measures each sheet it reads with sheet_extent before reading it."""
    import openpyxl

    not_xlsx = str(NOT_XLSX)
    name = str(getattr(uploaded_file, "name", "") or "")
    if name and not name.lower().endswith(".xlsx"):
        raise FileRefused(
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
        raise FileRefused(
            _("Tệp lớn %(size)s MB, vượt quá giới hạn 5 MB: hãy chia thành nhiều tệp nhỏ hơn.")
            % {"size": number_format(size / 1024 / 1024, 1)}
        )
    if size == 0:
        raise FileRefused(_("%(base)s: tệp rỗng.") % {"base": not_xlsx})
    try:
        uploaded_file.seek(0)
        with zipfile.ZipFile(uploaded_file) as archive:
            entries = archive.infolist()
            if "xl/workbook.xml" not in {entry.filename for entry in entries}:
                raise FileRefused(
                    _("%(base)s: không tìm thấy nội dung bảng tính trong tệp.") % {"base": not_xlsx}
                )
            if sum(entry.file_size for entry in entries) > MAX_UNZIPPED_BYTES:
                raise FileRefused(_("Nội dung tệp quá lớn khi giải nén: hãy chia thành nhiều tệp nhỏ hơn."))
            check_parts(archive)
    except ExtentRefused as refused:
        raise FileRefused(str(refused)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, ElementTree.ParseError):
        raise FileRefused(
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
        raise FileRefused(_("%(base)s: tệp bị hỏng hoặc không mở được.") % {"base": not_xlsx}) from None
    return workbook


def read_into_report(uploaded_file, sheet: ImportSheet, report: ImportReport, row_type=SheetRow) -> list:
    """read_rows, counted in report.rows; a refused file leaves no rows and its reason in the report."""
    try:
        rows = read_rows(uploaded_file, sheet, row_type)
    except FileRefused as refused:
        report.fail(str(refused))
        return []
    report.rows = len(rows)
    return rows


def _pick_sheet(workbook, sheet: ImportSheet):
    """The sheet titled like the template's (accents and case aside), else the first one."""
    for worksheet in workbook.worksheets:
        if label_key(worksheet.title) == label_key(sheet.title):
            return worksheet
    if not workbook.worksheets:
        raise FileRefused(_("Bảng tính trống: không có trang tính nào."))
    return workbook.worksheets[0]


def _rows_of(worksheet, sheet: ImportSheet, row_type: type[SheetRow], extent: Extent) -> list:
    if not extent.rows:
        raise FileRefused(sheet.no_header_message % {"sheet": worksheet.title})
    # Only the real extent: openpyxl would otherwise pad every row to the dimension the file declares.
    rows_iter = worksheet.iter_rows(min_row=1, max_row=extent.rows, max_col=extent.columns, values_only=True)
    header = next(rows_iter, None)
    if header is None or all(is_blank(value) for value in header):
        raise FileRefused(sheet.no_header_message % {"sheet": worksheet.title})
    positions = _header_positions(header, sheet)
    by_key = {column.key: column for column in sheet.columns}
    rows: list[SheetRow] = []
    for number, values in enumerate(rows_iter, start=2):
        if values is None or all(is_blank(value) for value in values):
            continue
        # MAX_ROWS is read here, not bound at import, so that a test may lower it.
        if len(rows) >= MAX_ROWS:
            raise FileRefused(
                _("Tệp có hơn %(max)s dòng dữ liệu: hãy chia thành nhiều tệp, mỗi tệp tối đa %(max)s dòng.")
                % {"max": number_format(MAX_ROWS, force_grouping=True)}
            )
        picked = {key: values[index] if index < len(values) else None for key, index in positions.items()}
        if sheet.skip_rows_blank_in_read_columns and all(is_blank(value) for value in picked.values()):
            continue
        text = {
            key: cell_text(
                value, multiline=by_key[key].multiline, keep_blank_lines=by_key[key].keep_blank_lines
            )
            for key, value in picked.items()
        }
        rows.append(row_type(number=number, values=picked, text=text))
    if not rows:
        raise FileRefused(sheet.no_rows_message % {"sheet": worksheet.title})
    return rows


def _header_positions(header, sheet: ImportSheet) -> dict[str, int]:
    """Index of each column in the header row; headers are matched without accents, case or a trailing *."""
    header_keys = sheet.header_keys()
    positions: dict[str, int] = {}
    problems = []
    for index, value in enumerate(header):
        key = header_keys.get(label_key(str(value or "").replace("*", "")))
        if key is None:
            continue  # extra columns (STT, those of an exported file…) are ignored
        if key in positions:
            problems.append(
                _("Cột «%(column)s» xuất hiện hai lần ở dòng tiêu đề.") % {"column": sheet.column(key).header}
            )
        positions.setdefault(key, index)
    missing = [
        column.header for column in sheet.columns if column.required_header and column.key not in positions
    ]
    if missing:
        problems.insert(
            0,
            _("Thiếu cột %(columns)s ở dòng tiêu đề (dòng 1). Hãy dùng tệp mẫu hoặc giữ nguyên tên cột.")
            % {"columns": ", ".join(f"«{name}»" for name in missing)},
        )
    if problems:
        raise FileRefused(" ".join(problems))
    return positions


# ------------------------------------------------------------------------------------------------- cells


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value, *, multiline: bool = False, keep_blank_lines: bool = False) -> str:
    """A cell as the text a form would have received: NFC, spaces collapsed; 12.0 → "12", a date → dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    if multiline and keep_blank_lines:
        return "\n".join(nfc(line) for line in str(value).splitlines()).strip()
    if multiline:
        lines = (nfc(line) for line in str(value).replace("\r\n", "\n").split("\n"))
        return "\n".join(line for line in lines if line)
    return nfc(str(value))


def cell_date(value, text: str, *, serial_numbers: bool = False) -> datetime.date | None:
    """The day of a date cell, or of text written dd/mm/yyyy (also dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd); None when
    blank. With serial_numbers, a number is read as Excel's day number (a date cell formatted as a number).
    Raises ValueError for anything else, for the import to explain with an example of its own."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if (
        serial_numbers
        and isinstance(value, int | float)
        and not isinstance(value, bool)
        and 1 <= value < _SERIAL_DAYS_END
    ):
        from openpyxl.utils.datetime import from_excel

        day = from_excel(value)
        return day.date() if isinstance(day, datetime.datetime) else day
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            day = datetime.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
        if day.year < 1900:
            break
        return day
    raise ValueError(text)


# ------------------------------------------------------------------------------------------------ saving


def save_all_or_none(
    report: ImportReport,
    rows: list,
    save_row,
    sheet: ImportSheet,
    column_of_field: dict[str, str],
    not_allowed_column: str = "",
) -> None:
    """Saves every row with save_row(row), which returns the created object, in one transaction. If one row is
    refused nothing is kept and the report names that row: the service's errors in the columns of their fields
    (column_of_field), a refused permission in not_allowed_column if given (else it propagates)."""
    current = None
    try:
        with transaction.atomic():
            for row in rows:
                current = row
                report.created.append(save_row(row))
    except ValidationError as error:
        report.created = []
        for field_name, messages in messages_of(error).items():
            key = column_of_field.get(field_name)
            for message in messages:
                report.fail(message, current.number, sheet.column(key).header if key else "")
    except NotAllowed as error:
        if not not_allowed_column:
            raise
        report.created = []
        report.fail(str(error.message), current.number, sheet.column(not_allowed_column).header)
    except IntegrityError:
        report.created = []
        report.fail(
            _(
                "Dòng %(row)s không lưu được vì dữ liệu vừa bị thay đổi đồng thời; không có dòng nào "
                "được lưu, hãy nhập lại."
            )
            % {"row": current.number}
        )


# ------------------------------------------------------------------------------------------- the template


class TemplateWorkbook:
    """The .xlsx to fill in: the data sheet (styled headers, widths, formats, dropdowns), the sheet «Ví dụ» (the
    same headers and the example rows) and the guide sheet «Hướng dẫn» (a title, an introduction, one line per
    column, then the lists of allowed values).

    The examples are kept off the data sheet, which the import reads: left there, they were registered with the
    user's own rows whenever nobody deleted them."""

    GUIDE_FIRST_ROW = 5  # row 4 holds the titles of the guide's tables

    def __init__(
        self,
        sheet: ImportSheet,
        example_rows: list[dict],
        *,
        guide_title: str,
        guide_intro: str,
        guide_widths: dict[str, int],
    ):
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill

        self.spec = sheet
        self.workbook = Workbook()
        self.sheet = self.workbook.active
        self.sheet.title = sheet.title
        self.examples = self.workbook.create_sheet(EXAMPLES_SHEET_TITLE)
        self.guide = self.workbook.create_sheet(GUIDE_SHEET_TITLE)
        self._bold = Font(bold=True)
        self._fill = PatternFill("solid", fgColor=HEADER_FILL)
        self._wrap = Alignment(wrap_text=True, vertical="top")
        self._write_data_sheet(self.sheet, [])
        self._write_data_sheet(self.examples, example_rows)
        self._write_guide(guide_title, guide_intro, guide_widths)

    def _letter(self, key: str) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(self.spec.columns.index(self.spec.column(key)) + 1)

    def _write_data_sheet(self, sheet, rows: list[dict]) -> None:
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        columns = self.spec.columns
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=index, value=column.header)
            cell.font = Font(bold=True, color=REQUIRED_HEADER_COLOUR if column.required_header else "000000")
            cell.fill = self._fill
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            dimension = sheet.column_dimensions[get_column_letter(index)]
            dimension.width = column.width
            if column.number_format:
                dimension.number_format = column.number_format
        sheet.freeze_panes = "A2"
        for values in rows:
            sheet.append([values.get(column.key) for column in columns])
        for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row):
            for cell in row:
                column = columns[cell.column - 1]
                if isinstance(cell.value, datetime.date):
                    cell.number_format = DATE_FORMAT
                elif column.number_format == TEXT_FORMAT:
                    cell.number_format = TEXT_FORMAT
                if column.multiline:
                    cell.alignment = self._wrap

    def _write_guide(self, title: str, intro: str, widths: dict[str, int]) -> None:
        from openpyxl.styles import Font

        guide = self.guide
        for letter, width in widths.items():
            guide.column_dimensions[letter].width = width
        guide["A1"] = title
        guide["A1"].font = Font(bold=True, size=14)
        guide["A2"] = intro
        guide["A2"].alignment = self._wrap
        guide.merge_cells("A2:C2")
        guide.row_dimensions[2].height = 62
        for letter, heading in zip("ABC", (_("Cột"), _("Cột bắt buộc"), _("Cách ghi")), strict=True):
            self._table_title(f"{letter}4", heading)
        for row, column in enumerate(self.spec.columns, start=self.GUIDE_FIRST_ROW):
            guide.cell(row=row, column=1, value=column.header).font = self._bold
            guide.cell(row=row, column=2, value=_("Có") if column.required_header else _("Không"))
            guide.cell(row=row, column=3, value=str(column.help)).alignment = self._wrap

    def _table_title(self, coordinate: str, title: str) -> None:
        self.guide[coordinate] = str(title)
        self.guide[coordinate].font = self._bold
        self.guide[coordinate].fill = self._fill

    def add_list(self, letter: str, title: str, values: list, number_format: str = "") -> str:
        """Writes a titled list of values down column `letter` of the guide; returns its range, for add_dropdown."""
        from openpyxl.utils import column_index_from_string

        self._table_title(f"{letter}4", title)
        for row, value in enumerate(values, start=self.GUIDE_FIRST_ROW):
            cell = self.guide.cell(row=row, column=column_index_from_string(letter), value=value)
            if number_format:
                cell.number_format = number_format
        last = self.GUIDE_FIRST_ROW - 1 + len(values)
        return f"'{GUIDE_SHEET_TITLE}'!${letter}${self.GUIDE_FIRST_ROW}:${letter}${last}"

    def add_dropdown(self, key: str, source: str, title: str, *, error: str = "", prompt: str = "") -> None:
        """Offers the values of `source` (a range from add_list) in column `key`; other values only warn, since a
        list cannot hold every accepted spelling."""
        from openpyxl.worksheet.datavalidation import DataValidation

        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=str(title),
            error=error
            or _("Giá trị này không có trong danh sách của trang «%(sheet)s».")
            % {"sheet": GUIDE_SHEET_TITLE},
            promptTitle=str(title),
            prompt=prompt or _("Chọn trong danh sách."),
            showInputMessage=True,
        )
        letter = self._letter(key)
        validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        self.sheet.add_data_validation(validation)

    def add_prompt(self, key: str, title: str, prompt: str) -> None:
        """Shows `prompt` when a cell of column `key` is selected, without restricting what it holds: for a column
        that takes several values of a list (a list dropdown keeps one value and replaces it with the next one)."""
        from openpyxl.worksheet.datavalidation import DataValidation

        validation = DataValidation(
            allow_blank=True, promptTitle=str(title), prompt=str(prompt), showInputMessage=True
        )
        letter = self._letter(key)
        validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        self.sheet.add_data_validation(validation)

    def to_bytes(self) -> bytes:
        self.workbook.active = 0
        return workbook_bytes(self.workbook)
