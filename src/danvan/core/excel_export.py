"""Writing workbooks for download: every text neutralised so that no cell is read as a formula (DESIGN §4.10), the
bytes of a workbook, the HTTP answer that carries it."""

import io

from django.http import HttpResponse

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A text starting with one of these is a formula (or a DDE command) to Excel once typed, pasted or saved through
# CSV: every text an export writes is kept as the text it is (DESIGN §4.10).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell):
    """A cell whose text Excel would read as a formula made a plain text cell with a quote prefix, as if typed
    after an apostrophe: shown as written, never evaluated, still text when edited. Returns the cell."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"  # openpyxl makes any text starting with "=" a formula
        cell.quotePrefix = True
    return cell


def append_row(sheet, values) -> None:
    """Appends a row to a write-only sheet (the streamed exports), every text neutralised; the cells of an ordinary
    workbook are neutralised all at once by workbook_bytes."""
    from openpyxl.cell import WriteOnlyCell

    def safe(value):
        if isinstance(value, str):
            return (
                neutralise(WriteOnlyCell(sheet, value=value)) if value.startswith(FORMULA_STARTS) else value
            )
        return neutralise(value) if hasattr(value, "data_type") else value  # a cell built by the export

    sheet.append([safe(value) for value in values])


def workbook_bytes(workbook) -> bytes:
    """The .xlsx of every export and template: each text cell of an ordinary workbook neutralised, then saved."""
    if not workbook.write_only:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    neutralise(cell)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """An .xlsx file as a download."""
    return HttpResponse(
        content,
        content_type=XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
