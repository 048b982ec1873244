"""The report document as a PDF: the same content laid out by an HTML template and WeasyPrint (imported where used),
in Liberation Serif 2.x only (`danvan.documents.pdf.font_faces`)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from danvan.documents.pdf import (
    FONT_FAMILY,
    FONT_FILES,
    VIETNAMESE_LETTERS,
    MissingFont,
    font_faces,
    html_to_pdf,
)

from ..models import ReportDocument
from .content import ANNEX_WIDTHS, DocumentContent, document_content

__all__ = [
    "FONT_FAMILY",
    "FONT_FILES",
    "VIETNAMESE_LETTERS",
    "MissingFont",
    "build_pdf",
    "font_faces",
    "render_html",
]


def render_html(document: ReportDocument, content: DocumentContent | None = None) -> str:
    content = content or document_content(document)
    with translation.override("vi"):
        return render_to_string(
            "reporting/documents/pdf.html",
            {
                "content": content,
                "document": document,
                "font_family": FONT_FAMILY,
                "annex_widths": [f"{width}cm" for width in ANNEX_WIDTHS[content.figures.compared]],
                "font_faces": font_faces(settings.DANVAN_PDF_FONT_DIR),
            },
        )


def build_pdf(document: ReportDocument, content: DocumentContent | None = None) -> bytes:
    """The same content as the Word file, laid out by an HTML template and WeasyPrint, in Liberation Serif 2.x (Times
    New Roman's metrics, so the pages break as in the Word file)."""
    return html_to_pdf(render_html(document, content))
