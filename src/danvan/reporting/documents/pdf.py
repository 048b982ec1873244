"""The report document as a PDF: the same content laid out by an HTML template and WeasyPrint (imported where used)."""

from django.template.loader import render_to_string
from django.utils import translation

from ..models import ReportDocument
from .content import DocumentContent, document_content


def render_html(document: ReportDocument, content: DocumentContent | None = None) -> str:
    content = content or document_content(document)
    with translation.override("vi"):
        return render_to_string("reporting/documents/pdf.html", {"content": content, "document": document})


def build_pdf(document: ReportDocument, content: DocumentContent | None = None) -> bytes:
    """The same content as the Word file, laid out by an HTML template and WeasyPrint (Liberation Serif stands in
    for Times New Roman where it is not installed: same metrics)."""
    from weasyprint import HTML

    html = render_html(document, content)
    return HTML(string=html, base_url=None).write_pdf()
