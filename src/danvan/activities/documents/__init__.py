"""A meeting's minutes (biên bản, Hướng dẫn 16-HD/VPTW) and conclusion notice (thông báo kết luận) as Word and PDF,
generated on request from the record, on the shared layout of `danvan.documents`.

- `content`: what the two documents say (`minutes_content`, `notice_content`), gathered once for both layouts.
- `layout`: the Word files (python-docx) and the PDFs (WeasyPrint, one typeface)."""

from .content import DocumentText, minutes_content, notice_content
from .layout import file_name, minutes_docx, minutes_pdf, notice_docx, notice_pdf

__all__ = [
    "DocumentText",
    "file_name",
    "minutes_content",
    "minutes_docx",
    "minutes_pdf",
    "notice_content",
    "notice_docx",
    "notice_pdf",
]
