"""The report document as a Word file, laid out with python-docx (imported where used: a heavy library) through the
shared helpers of `danvan.documents.word`."""

import io

from django.utils.translation import gettext as _

from danvan.documents import word as word_layout

from ..models import ReportDocument
from .content import ANNEX_WIDTHS, DocumentContent, document_content

FONT = word_layout.FONT
_set_font = word_layout.set_font
_run = word_layout.run
_paragraph = word_layout.paragraph
_first_paragraph = word_layout.first_paragraph
_widths = word_layout.widths
_no_borders = word_layout.no_borders
_page_numbers = word_layout.page_numbers
_repeat_header = word_layout.repeat_header


def build_docx(document: ReportDocument, content: DocumentContent | None = None) -> bytes:
    """The Word file: A4, margins of Hướng dẫn 36-HD/VPTW (top and bottom 2 cm, left 3 cm, right 1.5 cm), Times New
    Roman 14; heading table, title, body, signature and recipients, then the annex of figures."""
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    content = content or document_content(document)
    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    word = Document()
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.header_distance, section.footer_distance = Cm(1), Cm(1)
    styles = word.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _set_font(normal.element)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    defaults = word.styles.element.find(qn("w:docDefaults"))
    if defaults is not None and defaults.find(qn("w:rPrDefault")) is not None:
        _set_font(defaults.find(qn("w:rPrDefault")))
    word.core_properties.title = f"{content.document_type} {content.summary}"[:255]
    word.core_properties.author = content.issuing_body[:255]
    word.core_properties.language = "vi-VN"
    _page_numbers(section)

    # Heading: issuing body on the left, the Party's name with place and date on the right (36-HD/VPTW, form 1).
    heading = word.add_table(rows=1, cols=2)
    _no_borders(heading)
    _widths(heading, [8.3, 8.2])
    left, right = heading.rows[0].cells
    first = True
    for text, bold in ((content.superior_body, False), (content.issuing_body, True)):
        if not text:
            continue
        if first:
            _first_paragraph(left, text, align=center, bold=bold)
            first = False
        else:
            _paragraph(left, text, align=center, bold=bold)
    _paragraph(left, "*", align=center)
    _paragraph(left, content.number_line, align=center)
    _first_paragraph(right, "ĐẢNG CỘNG SẢN VIỆT NAM", align=center, bold=True, underline=True, size=15)
    _paragraph(right, content.place_date, align=center, italic=True, before=16)

    _paragraph(word, content.document_type, align=center, bold=True, size=16, before=24, keep_next=True)
    _paragraph(word, content.summary, align=center, bold=True, keep_next=True)
    _paragraph(word, "-----", align=center, after=12)

    def body(text):
        paragraph = _paragraph(word, text, align=justify, after=6, indent=1)
        paragraph.paragraph_format.line_spacing = 1.15
        return paragraph

    for text in content.intro:
        body(text)
    for block in content.blocks:
        _paragraph(word, block.heading, bold=True, after=6, indent=1, keep_next=True, align=justify)
        for text in block.paragraphs:
            body(text)

    # Signature on the right, recipients on the left.
    word_layout.signature_block(
        word,
        recipients=list(content.recipients),
        signers=[(content.signer_authority, content.signer_title, content.signer_name)],
    )

    # Annex: a table of figures per section of the form.
    figures = content.figures
    if figures.tables:
        # On landscape pages of their own, the columns wide enough for their headings (ANNEX_WIDTHS).
        annex = word.add_section(WD_SECTION.NEW_PAGE)
        annex.orientation = WD_ORIENT.LANDSCAPE
        annex.page_width, annex.page_height = Cm(29.7), Cm(21)
        annex.top_margin, annex.bottom_margin = Cm(2), Cm(2)
        annex.left_margin, annex.right_margin = Cm(2), Cm(2)
        _paragraph(word, content.annex_title, align=center, bold=True)
        _paragraph(word, content.annex_note, align=center, italic=True, after=12)
        if figures.coverage:
            _paragraph(word, figures.coverage, after=6)
        columns = ["STT", _("Chỉ tiêu"), _("Đơn vị tính"), *figures.columns]
        widths = ANNEX_WIDTHS[figures.compared]
        if figures.compared:
            columns.append(_("Tăng (+), giảm (-)"))
        for table_content in figures.tables:
            _paragraph(word, table_content.title, bold=True, before=6, after=6, keep_next=True)
            table = word.add_table(rows=1, cols=len(columns))
            table.style = styles["Table Grid"]
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            _widths(table, widths)
            _repeat_header(table.rows[0])
            for cell, label in zip(table.rows[0].cells, columns, strict=True):
                _first_paragraph(cell, label, align=center, bold=True, size=12, before=2, after=2)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            for row in table_content.rows:
                cells = table.add_row().cells
                texts = [row.number, row.name, row.measure, *row.values]
                if figures.compared:
                    texts.append(row.change)
                for index, (cell, text) in enumerate(zip(cells, texts, strict=True)):
                    align = WD_ALIGN_PARAGRAPH.LEFT if index == 1 else center
                    if index >= 3:
                        align = WD_ALIGN_PARAGRAPH.RIGHT
                    _first_paragraph(cell, text, align=align, size=12, italic=row.sub, before=2, after=2)
                    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
