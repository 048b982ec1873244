"""A list page as an .xlsx: the sheet every list export writes (the units, the register), row by row and
write-only, so that a long list goes straight to the file. core.excel keeps every text safe (no formula)."""

from .excel import DATE_FORMAT, HEADER_FILL, TEXT_FORMAT
from .excel_export import append_row, workbook_bytes


class ListSheet:
    """One sheet: the columns' widths, a bold header row that stays in view, a filter over every row written."""

    def __init__(self, title: str, columns):
        """`columns`: (header, width) pairs, in order."""
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font, PatternFill
        from openpyxl.utils import get_column_letter

        self._cell, self._letter = WriteOnlyCell, get_column_letter
        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet(title)
        for index, (_header, width) in enumerate(columns, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        self.sheet.freeze_panes = "A2"
        bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
        headers = []
        for header, _width in columns:
            cell = WriteOnlyCell(self.sheet, value=str(header))
            cell.font, cell.fill = bold, fill
            headers.append(cell)
        append_row(self.sheet, headers)
        self.width, self.rows = len(columns), 0

    def date(self, day):
        """A date cell, shown dd/mm/yyyy (empty for None)."""
        cell = self._cell(self.sheet, value=day)
        if day is not None:
            cell.number_format = DATE_FORMAT
        return cell

    def text(self, value):
        """A cell Excel keeps as typed (codes and phone numbers keep their leading zeros)."""
        cell = self._cell(self.sheet, value=value)
        cell.number_format = TEXT_FORMAT
        return cell

    def append(self, values) -> None:
        append_row(self.sheet, values)
        self.rows += 1

    def content(self) -> bytes:
        """The .xlsx, the filter set over the header and every row."""
        self.sheet.auto_filter.ref = f"A1:{self._letter(self.width)}{self.rows + 1}"
        return workbook_bytes(self.workbook)
