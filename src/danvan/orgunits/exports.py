"""Excel export of a unit list (the list page's "Xuất Excel"): one streaming pass, fixed query count."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.excel import append_row, workbook_bytes, xlsx_response

DATE_FORMAT = "DD/MM/YYYY"

# (header, width)
COLUMNS = (
    (gettext_lazy("Tên"), 44),
    (gettext_lazy("Loại"), 24),
    (gettext_lazy("Loại hình"), 40),
    (gettext_lazy("Mã"), 16),
    (gettext_lazy("Đơn vị cấp trên"), 36),
    (gettext_lazy("Hiệu lực từ"), 14),
    (gettext_lazy("Hiệu lực đến"), 14),
)


def units_workbook(queryset) -> bytes:
    """The units of `queryset`, in its order, as an .xlsx (write-only: rows go straight to the file)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Đơn vị"))
    for index, (_header, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="F3D9DA")

    def header_cell(text):
        cell = WriteOnlyCell(sheet, value=str(text))
        cell.font, cell.fill = bold, fill
        return cell

    def date_cell(day):
        cell = WriteOnlyCell(sheet, value=day)
        if day is not None:
            cell.number_format = DATE_FORMAT
        return cell

    append_row(sheet, [header_cell(header) for header, _width in COLUMNS])
    rows = 0
    for unit in queryset.select_related("parent").iterator(chunk_size=2000):
        append_row(
            sheet,
            [
                unit.name,
                str(unit.get_kind_display()),
                str(unit.type_label),
                unit.code,
                unit.parent.name if unit.parent_id else "",
                date_cell(unit.valid_from),
                date_cell(unit.valid_to),
            ],
        )
        rows += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{rows + 1}"
    return workbook_bytes(workbook)


def units_workbook_response(queryset) -> HttpResponse:
    return xlsx_response(units_workbook(queryset), "don-vi.xlsx")
