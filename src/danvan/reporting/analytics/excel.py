"""The aggregation page's tables as an .xlsx, cached until the next write."""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from danvan.core import figures as figure_cache
from danvan.core.excel_export import workbook_bytes, xlsx_response

from ..display import decimals_of
from ..models import Indicator, ValueType
from .choice import PERIODS, Choice
from .page import page_context


def workbook(choice: Choice, context: dict) -> bytes:
    """The page's tables as an .xlsx: a sheet per period (units layout) or one sheet (periods layout); numbers as
    numbers, bold headers, the notes under the table."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="F3D9DA")
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")

    def number_format_of(indicator: Indicator, value: float) -> str:
        return "#,##0.0" if decimals_of(indicator, value) else "#,##0"

    def heading(sheet, subtitle: str):
        sheet.append([choice.form.name])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([subtitle])
        sheet.append([])

    def write_notes(sheet):
        for note in context.get("notes", []):
            sheet.append([note])

    if choice.layout == PERIODS:
        sheet = book.active
        sheet.title = _("So sánh các kỳ")[:31]
        heading(
            sheet,
            _("%(unit)s – %(periods)s")
            % {"unit": choice.scope_name, "periods": ", ".join(p.label for p in choice.periods)},
        )
        header = [_("Chỉ tiêu"), _("Đơn vị tính"), *[p.label for p in choice.periods]]
        if context["compare"]:
            header += [_("Tăng (+), giảm (−)"), _("Tăng, giảm (%)")]
        sheet.append(header)
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font, cell.fill, cell.alignment = bold, fill, wrap
        for line in context["lines"]:
            if line.depth == 0:
                sheet.append([line.label])
                sheet.cell(row=sheet.max_row, column=1).font = bold
                continue
            label = line.label if line.depth == 1 else "    " + line.label
            row = [label, line.measure, *[f.value for f in line.figures]]
            if context["compare"]:
                values = [f.value for f in line.figures]
                difference = values[1] - values[0] if None not in values else None
                percent = (
                    round(difference / abs(values[0]) * 100, 1)
                    if difference is not None
                    and values[0]
                    and line.indicator.value_type != ValueType.PERCENTAGE
                    else None
                )
                row += [difference, percent]
            sheet.append(row)
            for offset, figure in enumerate(line.figures):
                if figure.value is not None:
                    sheet.cell(row=sheet.max_row, column=3 + offset).number_format = number_format_of(
                        line.indicator, figure.value
                    )
            if context["compare"]:
                sheet.cell(
                    row=sheet.max_row, column=3 + len(line.figures)
                ).number_format = "+#,##0.0;-#,##0.0;0"
                sheet.cell(row=sheet.max_row, column=4 + len(line.figures)).number_format = "+0.0;-0.0;0"
        sheet.append([])
        write_notes(sheet)
        sheet.column_dimensions["A"].width = 60
        sheet.column_dimensions["B"].width = 14
        for index in range(3, len(header) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 18
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    else:
        headers, columns = context["headers"], context["columns"]
        for number, table in enumerate(context["tables"]):
            sheet = book.active if number == 0 else book.create_sheet()
            sheet.title = table.period.label[:31]
            heading(
                sheet,
                _("%(unit)s và các đơn vị trực thuộc – %(period)s")
                % {"unit": choice.scope_name, "period": table.period.label},
            )
            # Two header rows: the indicator (merged over its options), then the option.
            top = [_("Đơn vị")]
            bottom = [""]
            for header in headers:
                name = header.indicator.name + (
                    f" ({header.indicator.measure})" if header.indicator.measure else ""
                )
                for position, column in enumerate(header.columns):
                    top.append(name if position == 0 else "")
                    bottom.append(column.label)
            sheet.append(top)
            first = sheet.max_row
            sheet.append(bottom)
            sheet.merge_cells(start_row=first, start_column=1, end_row=first + 1, end_column=1)
            index = 2
            for header in headers:
                width = len(header.columns)
                if width > 1:
                    sheet.merge_cells(
                        start_row=first, start_column=index, end_row=first, end_column=index + width - 1
                    )
                else:
                    sheet.merge_cells(
                        start_row=first, start_column=index, end_row=first + 1, end_column=index
                    )
                index += width
            for row_number in (first, first + 1):
                for cell in sheet[row_number]:
                    cell.font, cell.fill, cell.alignment = bold, fill, wrap
            sheet.row_dimensions[first].height = 60
            for row in [*table.rows, table.total]:
                sheet.append([row.label, *[f.value for f in row.figures]])
                for offset, (column, figure) in enumerate(zip(columns, row.figures, strict=True)):
                    if figure.value is not None:
                        sheet.cell(row=sheet.max_row, column=2 + offset).number_format = number_format_of(
                            column.indicator, figure.value
                        )
            for cell in sheet[sheet.max_row]:
                cell.font = bold
            sheet.append([])
            if table.hidden:
                sheet.append([_("Không liệt kê %(n)s đơn vị không có số liệu.") % {"n": table.hidden}])
            write_notes(sheet)
            sheet.column_dimensions["A"].width = 36
            for index in range(2, len(columns) + 2):
                sheet.column_dimensions[get_column_letter(index)].width = 14
            sheet.freeze_panes = sheet.cell(row=first + 2, column=2)
    return workbook_bytes(book)


def export_response(request) -> HttpResponse:
    context = page_context(request)
    choice: Choice = context["choice"]
    if choice.form is None or (choice.unit is None and not choice.nation):
        raise Http404
    # The file is the same for everyone asking for the same choice until the next write: built once.
    content = figure_cache.cached_figures(
        "pivot-export",
        (figure_cache.REPORTING, figure_cache.UNITS),
        choice.query(),
        lambda: workbook(choice, context),
    )
    codes = "-".join(p.code for p in choice.periods)
    return xlsx_response(content, f"tong-hop-{choice.form.code}-{codes}.xlsx")
