"""A unit's (or a leader's) week as a Word file in the official layout: A4 landscape, Times New Roman, the unit's
heading, "LỊCH CÔNG TÁC TUẦN …", one table (Thứ/ngày, buổi, giờ, nội dung, thành phần, địa điểm, đơn vị chuẩn bị).
python-docx is imported where used (a heavy library).

The font setting repeats what reporting/documents/docx.py does for the report document (Times New Roman on every
script, Vietnamese proofing): `activities` lies below `reporting` in the layers and may not import it; a shared
helper in `core` would serve both."""

import datetime
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from .selectors.calendar import DayRows

FONT = "Times New Roman"
# Column widths in cm over the 25.7 cm of an A4 landscape page with 2 cm margins.
WIDTHS = [2.6, 1.6, 2.0, 8.0, 4.5, 3.6, 3.4]


def _set_font(run_or_style_element) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = run_or_style_element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")


def _write(paragraph, text: str, *, bold=False, italic=False, strike=False, size: float = 12):
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    run.font.strike = strike or None
    run.font.size = Pt(size)
    run.font.name = FONT
    _set_font(run._element)
    return run


def _paragraph(container, text="", *, align=None, first=False, after: float = 0, **style):
    from docx.shared import Pt

    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(after)
    if align is not None:
        paragraph.alignment = align
    if text:
        _write(paragraph, text, **style)
    return paragraph


def _fixed_widths(table, widths) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for index, width in enumerate(widths):
        for cell in table.columns[index].cells:
            cell.width = Cm(width)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _cell_text(cell, text: str, **style) -> None:
    lines = text.split("\n") if text else [""]
    for index, line in enumerate(lines):
        _paragraph(cell, line, first=index == 0, **style)


def week_docx(*, heading: list[str], title: str, subtitle: str, days: list[DayRows]) -> bytes:
    """The Word file of a week drawn by `selectors.calendar.week_table`."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    center = WD_ALIGN_PARAGRAPH.CENTER
    word = Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for margin in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, margin, Cm(2))
    normal = word.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    _set_font(normal.element)
    word.core_properties.title = title[:255]
    word.core_properties.language = "vi-VN"

    for index, line in enumerate(heading):
        _paragraph(word, line, align=center, bold=index == len(heading) - 1, size=13)
    _paragraph(word, "*", align=center, after=6)
    _paragraph(word, title, align=center, bold=True, size=15)
    _paragraph(word, subtitle, align=center, italic=True, size=13, after=12)

    headers = [
        _("Thứ, ngày"),
        _("Buổi"),
        _("Giờ"),
        _("Nội dung"),
        _("Thành phần"),
        _("Địa điểm"),
        _("Đơn vị chuẩn bị"),
    ]
    table = word.add_table(rows=1, cols=len(headers))
    table.style = word.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(table.rows[0])
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
    _fixed_widths(table, WIDTHS)
    stamp = timezone.localtime()
    _paragraph(
        word,
        _("In lúc %(time)s.") % {"time": f"{stamp:%H:%M %d/%m/%Y}"},
        italic=True,
        size=10,
    ).paragraph_format.space_before = Pt(6)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def docx_name(monday: datetime.date) -> str:
    year, number, _day = monday.isocalendar()
    return f"lich-cong-tac-{year}-tuan-{number:02d}.docx"
