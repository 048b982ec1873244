"""The background job's work: both files of a report document built from one `document_content` and saved, with its
progress written for the page that polls it."""

import logging

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import ReportDocument
from .content import document_content
from .docx import build_docx
from .heading import file_base_name
from .pdf import build_pdf

logger = logging.getLogger(__name__)


def _progress(document_id: int, **values) -> None:
    """Progress is written at once, outside any transaction, for the page that polls it."""
    ReportDocument.objects.filter(pk=document_id).update(**values)


def generate(document_id: int) -> str:
    """Builds both files and saves them; the state goes running → done, or failed with the error (never stays
    running). Called by the background task."""
    document = (
        ReportDocument.objects.select_related("form", "form__owner", "unit").filter(pk=document_id).first()
    )
    if document is None:
        logger.warning("Report document %s no longer exists", document_id)
        return "missing"
    started = timezone.now()
    try:
        with translation.override("vi"):
            _progress(
                document_id,
                state=ReportDocument.State.RUNNING,
                progress=10,
                progress_note=_("Đang tổng hợp số liệu và nội dung…"),
                error="",
            )
            content = document_content(document)
            _progress(document_id, progress=50, progress_note=_("Đang tạo tệp Word…"))
            word = build_docx(document, content)
            _progress(document_id, progress=80, progress_note=_("Đang tạo tệp PDF…"))
            pdf = build_pdf(document, content)
            old = [document.docx.name, document.pdf.name]
            base = file_base_name(document)
            document.docx.save(f"{base}.docx", ContentFile(word), save=False)
            document.pdf.save(f"{base}.pdf", ContentFile(pdf), save=False)
            document.state = ReportDocument.State.DONE
            document.progress = 100
            document.progress_note = _("Đã tạo xong văn bản Word và PDF.")
            document.error = ""
            document.generated_at = started
            document.save(
                update_fields=["docx", "pdf", "state", "progress", "progress_note", "error", "generated_at"]
            )
    except BaseException as error:
        logger.exception("Report document %s failed", document_id)
        with translation.override("vi"):
            _progress(
                document_id,
                state=ReportDocument.State.FAILED,
                progress_note=_("Không tạo được văn bản."),
                error=(_("Lỗi khi tạo văn bản: %(error)s") % {"error": error or type(error).__name__})[:2000],
            )
        raise
    for name in old:
        if name and name not in (document.docx.name, document.pdf.name):
            try:
                document.docx.storage.delete(name)
            except OSError:
                logger.warning("Could not delete the old file %s", name)
    return "done"
