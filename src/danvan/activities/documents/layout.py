"""A meeting's minutes and conclusion notice laid out as Word (python-docx, imported where used) and PDF (an HTML
template over `documents/base.html`, WeasyPrint), both from the same `DocumentText`."""

from django.utils.text import slugify

from danvan.core.text import fold
from danvan.documents import word as layout
from danvan.documents.pdf import html_to_pdf, render_document_html

from ..models import Meeting
from .content import DocumentText, minutes_content, notice_content


def _docx(text: DocumentText) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    word = layout.new_document(title=f"{text.document_type} {text.summary}", author=text.issuing_body)
    layout.party_heading(
        word,
        superior_body=text.superior_body,
        issuing_body=text.issuing_body,
        number_line=text.number_line,
        place_date=text.place_date,
    )
    layout.paragraph(word, text.document_type, align=center, bold=True, size=16, before=24, keep_next=True)
    if text.summary:
        layout.paragraph(word, text.summary, align=center, bold=True, keep_next=True)
    layout.paragraph(word, "-----", align=center, after=12)
    for block in text.blocks:
        if block.heading:
            layout.paragraph(word, block.heading, bold=True, after=6, indent=1, keep_next=True, align=justify)
        for label, value in block.labelled:
            paragraph = layout.paragraph(word, align=justify, after=6, indent=1)
            layout.run(paragraph, f"{label}: ", bold=True)
            layout.run(paragraph, value)
        for value in block.paragraphs:
            paragraph = layout.paragraph(word, value, align=justify, after=6, indent=1)
            paragraph.paragraph_format.line_spacing = 1.15
    layout.signature_block(word, recipients=text.recipients, signers=text.signers)
    return layout.to_bytes(word)


def _pdf(text: DocumentText) -> bytes:
    return html_to_pdf(render_document_html("activities/meetings/document_pdf.html", {"doc": text}))


def minutes_docx(meeting: Meeting) -> bytes:
    return _docx(minutes_content(meeting))


def minutes_pdf(meeting: Meeting) -> bytes:
    return _pdf(minutes_content(meeting))


def notice_docx(meeting: Meeting) -> bytes:
    return _docx(notice_content(meeting))


def notice_pdf(meeting: Meeting) -> bytes:
    return _pdf(notice_content(meeting))


def file_name(meeting: Meeting, kind: str, extension: str) -> str:
    """bien-ban-giao-ban-cong-tac-dan-van-thang-7-2021-07-22.pdf"""
    base = {"minutes": "bien-ban", "notice": "thong-bao-ket-luan"}[kind]
    title = slugify(fold(meeting.title))[:60].strip("-") or str(meeting.pk)
    return f"{base}-{title}-{meeting.starts_at:%Y-%m-%d}.{extension}"
