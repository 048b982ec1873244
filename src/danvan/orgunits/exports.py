"""Excel export of a unit list (the list page's "Xuất Excel"): one streaming pass, fixed query count."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.excel_export import xlsx_response
from danvan.core.excel_lists import ListSheet

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
    sheet = ListSheet(_("Đơn vị"), COLUMNS)
    for unit in queryset.select_related("parent").iterator(chunk_size=2000):
        sheet.append(
            [
                unit.name,
                str(unit.get_kind_display()),
                str(unit.type_label),
                unit.code,
                unit.parent.name if unit.parent_id else "",
                sheet.date(unit.valid_from),
                sheet.date(unit.valid_to),
            ]
        )
    return sheet.content()


def units_workbook_response(queryset) -> HttpResponse:
    return xlsx_response(units_workbook(queryset), "don-vi.xlsx")
