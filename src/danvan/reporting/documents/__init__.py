"""The report document of a unit for a form and period, in the Party's format (Hướng dẫn 36-HD/VPTW): prepared with
its heading and its narrative pre-assembled from the reporting units' texts, edited by the unit's editors, then
generated in the background (`tasks.generate_report_document`) as a Word file and a PDF. This module is the named
interface callers use (`documents.<name>`); the code lives in the modules below, by topic.

- `heading`: names in the Party's style, the heading suggested for a unit, the summary, date and file name.
- `content`: everything the document says (`document_content`), gathered once for both builders, so the two files
  always carry the same text and figures (the annex compares with the same period a year earlier).
- `summary`: the narrative pre-assembled as a draft: the unit's own text, the figures in sentences, the units'
  texts grouped by what they say.
- `numbering`: the register of outgoing document numbers of each issuing unit.
- `docx`, `pdf`: the two layouts (python-docx; an HTML template and WeasyPrint).
- `services`: preparing, editing and requesting a document (checked, logged); `generation`: the background job's work.
"""

from .content import (
    INTRO_KEY,
    TEXT_KEYS,
    DocumentContent,
    document_content,
    figure_source,
    figures_of,
    narrative_blocks,
    number_line,
    outline_heading,
)
from .docx import build_docx
from .generation import generate
from .heading import (
    committee_name,
    document_summary,
    file_base_name,
    heading_defaults,
    next_period,
    short_name,
    vietnamese_date,
)
from .numbering import next_number, register_of, split_number
from .pdf import build_pdf, render_html
from .services import (
    CONTENT_TYPES,
    HEADING_FIELDS,
    STALE_AFTER,
    allocate_number,
    can_edit_document,
    can_read_document,
    check_scope,
    find_document,
    is_busy,
    is_stale,
    prepare_document,
    reassemble_narrative,
    request_generation,
    suggested_document,
    update_document,
)
from .summary import assemble_narrative, figure_sentences, grouped_lines

__all__ = [
    "CONTENT_TYPES",
    "HEADING_FIELDS",
    "INTRO_KEY",
    "STALE_AFTER",
    "TEXT_KEYS",
    "DocumentContent",
    "allocate_number",
    "assemble_narrative",
    "build_docx",
    "build_pdf",
    "can_edit_document",
    "can_read_document",
    "check_scope",
    "committee_name",
    "document_content",
    "document_summary",
    "figure_sentences",
    "figure_source",
    "figures_of",
    "file_base_name",
    "find_document",
    "generate",
    "grouped_lines",
    "heading_defaults",
    "is_busy",
    "is_stale",
    "narrative_blocks",
    "next_number",
    "next_period",
    "number_line",
    "outline_heading",
    "prepare_document",
    "reassemble_narrative",
    "register_of",
    "render_html",
    "request_generation",
    "short_name",
    "split_number",
    "suggested_document",
    "update_document",
    "vietnamese_date",
]
