"""A unit's (or a leader's) week as a Word file in the official layout: A4 landscape, Times New Roman, the unit's
heading, "LỊCH CÔNG TÁC TUẦN …", one table (Thứ/ngày, buổi, giờ, nội dung, thành phần, địa điểm, đơn vị chuẩn bị).
python-docx is imported where used (a heavy library).

The typeface, paragraphs and tables are those of every Party document (`danvan.documents.word`)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.documents import word

from .selectors.calendar import DayRows

# Column widths in cm over the 25.7 cm of an A4 landscape page with 2 cm margins.
WIDTHS = [2.6, 1.6, 2.0, 8.0, 4.5, 3.6, 3.4]


def _cell_text(cell, text: str, **style) -> None:
    lines = text.split("\n") if text else [""]
    word.first_paragraph(cell, lines[0], **style)
    for line in lines[1:]:
        word.paragraph(cell, line, **style)


def week_docx(*, heading: list[str], title: str, subtitle: str, days: list[DayRows]) -> bytes:
    """The Word file of a week drawn by `selectors.calendar.week_table`."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    center = WD_ALIGN_PARAGRAPH.CENTER
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for margin in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, margin, Cm(2))
    normal = document.styles["Normal"]
    normal.font.name = word.FONT
    normal.font.size = Pt(12)
    word.set_font(normal.element)
    document.core_properties.title = title[:255]
    document.core_properties.language = "vi-VN"

    for index, line in enumerate(heading):
        word.paragraph(document, line, align=center, bold=index == len(heading) - 1, size=13)
    word.paragraph(document, "*", align=center, after=6)
    word.paragraph(document, title, align=center, bold=True, size=15)
    word.paragraph(document, subtitle, align=center, italic=True, size=13, after=12)

    headers = [
        _("Thứ, ngày"),
        _("Buổi"),
        _("Giờ"),
        _("Nội dung"),
        _("Thành phần"),
        _("Địa điểm"),
        _("Đơn vị chuẩn bị"),
    ]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    word.repeat_header(table.rows[0])
    for cell, label in zip(table.rows[0].cells, headers, strict=True):
        _cell_text(cell, label, align=center, bold=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for day in days:
        day_cells = []
        for part in day.sessions:
            session_cells = []
            for item in part.items or [None]:
                cells = table.add_row().cells
                day_cells.append(cells[0])
                session_cells.append(cells[1])
                if item is None:
                    continue
                strike = item.cancelled
                title_text = item.title
                if item.person is not None:
                    title_text = f"{item.person.name}: {title_text}"
                if item.cancelled:
                    title_text += (
                        " (" + _("đã hủy") + (f": {item.change_reason}" if item.change_reason else "") + ")"
                    )
                _cell_text(cells[2], item.time or _("Cả ngày"), align=center, strike=strike)
                _cell_text(cells[3], title_text, strike=strike)
                _cell_text(cells[4], item.participants, strike=strike)
                _cell_text(cells[5], item.place, strike=strike)
                _cell_text(cells[6], item.preparation, strike=strike)
            merged = session_cells[0].merge(session_cells[-1]) if len(session_cells) > 1 else session_cells[0]
            _cell_text(merged, part.label, align=center)
            merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        merged = day_cells[0].merge(day_cells[-1]) if len(day_cells) > 1 else day_cells[0]
        _cell_text(merged, f"{day.weekday}\n{day.day:%d/%m/%Y}", align=center, bold=True)
        merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    word.widths(table, WIDTHS)
    stamp = timezone.localtime()
    word.paragraph(
        document,
        _("In lúc %(time)s.") % {"time": f"{stamp:%H:%M %d/%m/%Y}"},
        italic=True,
        size=10,
    ).paragraph_format.space_before = Pt(6)
    return word.to_bytes(document)


def docx_name(monday: datetime.date) -> str:
    year, number, _day = monday.isocalendar()
    return f"lich-cong-tac-{year}-tuan-{number:02d}.docx"
