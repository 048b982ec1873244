"""Word files in the Party's format with python-docx (imported where used: a heavy library): one typeface for every
script, paragraphs and runs, borderless tables, the A4 page of Hướng dẫn 36-HD/VPTW, the heading block and the
signature block."""

import io

from django.utils.translation import gettext as _

FONT = "Times New Roman"


def set_font(element) -> None:
    """Times New Roman for every script (ascii, hAnsi, East Asian, complex) on a run, a style or the document's
    defaults, so Word never falls back for Vietnamese letters; Vietnamese as the proofing language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if element.tag == qn("w:rPrDefault"):
        rpr = element.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            element.append(rpr)
    else:
        rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(theme)) is not None:
            del fonts.attrib[qn(theme)]
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")


def run(paragraph, text: str, *, bold=False, italic=False, underline=False, size: float | None = None):
    from docx.shared import Pt

    added = paragraph.add_run(text)
    added.bold = bold or None
    added.italic = italic or None
    added.underline = underline or None
    if size:
        added.font.size = Pt(size)
    added.font.name = FONT
    set_font(added._element)
    return added


def paragraph(
    container,
    text: str = "",
    *,
    align=None,
    bold=False,
    italic=False,
    underline=False,
    size=None,
    before: float = 0,
    after: float = 0,
    indent: float | None = None,
    keep_next=False,
):
    from docx.shared import Cm, Pt

    added = container.add_paragraph()
    fmt = added.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if align is not None:
        added.alignment = align
    if indent is not None:
        fmt.first_line_indent = Cm(indent)
    if keep_next:
        fmt.keep_with_next = True
    if text:
        run(added, text, bold=bold, italic=italic, underline=underline, size=size)
    return added


def first_paragraph(cell, text: str, **kwargs):
    """Writes into the paragraph a new cell already has, then returns it."""
    from docx.shared import Pt

    found = cell.paragraphs[0]
    fmt = found.paragraph_format
    fmt.space_before, fmt.space_after = Pt(kwargs.pop("before", 0)), Pt(kwargs.pop("after", 0))
    if "align" in kwargs:
        found.alignment = kwargs.pop("align")
    if text:
        run(found, text, **kwargs)
    return found


def widths(table, widths_cm: list[float]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for index, width in enumerate(widths_cm):
        table.columns[index].width = Cm(width)
        for cell in table.columns[index].cells:
            cell.width = Cm(width)


def no_borders(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)
    # No cell padding either: the heading's two columns use the whole width of the text block.
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def page_numbers(section) -> None:
    """Page numbers at the top centre from the second page (the first carries the heading)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section.different_first_page_header_footer = True
    found = section.header.paragraphs[0]
    found.alignment = WD_ALIGN_PARAGRAPH.CENTER
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), "PAGE")
    text_run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    text_run.append(text)
    simple.append(text_run)
    found._p.append(simple)


def repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def new_document(*, title: str, author: str):
    """An empty Word document: A4, margins of Hướng dẫn 36-HD/VPTW (top and bottom 2 cm, left 3 cm, right 1.5 cm),
    Times New Roman 14 for every script, page numbers from the second page."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    word = Document()
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.header_distance, section.footer_distance = Cm(1), Cm(1)
    normal = word.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    set_font(normal.element)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    defaults = word.styles.element.find(qn("w:docDefaults"))
    if defaults is not None and defaults.find(qn("w:rPrDefault")) is not None:
        set_font(defaults.find(qn("w:rPrDefault")))
    word.core_properties.title = title[:255]
    word.core_properties.author = author[:255]
    word.core_properties.language = "vi-VN"
    page_numbers(section)
    return word


def party_heading(word, *, superior_body: str, issuing_body: str, number_line: str, place_date: str) -> None:
    """The heading (36-HD/VPTW, form 1): the issuing body on the left over its number, the Party's name on the right
    over the place and date."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    center = WD_ALIGN_PARAGRAPH.CENTER
    heading = word.add_table(rows=1, cols=2)
    no_borders(heading)
    widths(heading, [8.3, 8.2])
    left, right = heading.rows[0].cells
    first = True
    for text, bold in ((superior_body, False), (issuing_body, True)):
        if not text:
            continue
        if first:
            first_paragraph(left, text, align=center, bold=bold)
            first = False
        else:
            paragraph(left, text, align=center, bold=bold)
    paragraph(left, "*", align=center)
    if number_line:
        paragraph(left, number_line, align=center)
    first_paragraph(right, "ĐẢNG CỘNG SẢN VIỆT NAM", align=center, bold=True, underline=True, size=15)
    paragraph(right, place_date, align=center, italic=True, before=16)


def signature_block(word, *, recipients: list[str], signers: list[tuple[str, str, str]]) -> None:
    """Recipients (Nơi nhận) on the left when there are any, then each signer side by side (the minutes: the
    minute-taker and the chair): the authority, the title, room to sign, the name."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    center = WD_ALIGN_PARAGRAPH.CENTER
    columns = len(signers) + (1 if recipients else 0)
    table = word.add_table(rows=1, cols=columns)
    no_borders(table)
    if recipients and len(signers) == 1:
        widths(table, [8.0, 8.5])
    else:
        widths(table, [16.5 / columns] * columns)
    cells = list(table.rows[0].cells)
    if recipients:
        left = cells.pop(0)
        first_paragraph(left, _("Nơi nhận:"), bold=True, italic=True, underline=True, size=12, before=12)
        for line in recipients:
            paragraph(left, line, size=11)
    for cell, (authority, title, name) in zip(cells, signers, strict=True):
        first = True
        for text in (authority, title):
            if not text:
                continue
            if first:
                first_paragraph(cell, text, align=center, bold=True, before=12)
                first = False
            else:
                paragraph(cell, text, align=center, bold=True)
        if first:
            first_paragraph(cell, "", before=12)
        for _line in range(4):
            paragraph(cell, "")
        paragraph(cell, name, align=center, bold=True)


def to_bytes(word) -> bytes:
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
