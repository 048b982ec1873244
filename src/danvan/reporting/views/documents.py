"""The Party-format report document of a unit for a form and period: texts to edit, Word and PDF made in the
background, their progress and download."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.forms import add_service_errors
from danvan.core.periods import Period
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import get_unit_for

from .. import documents, jobs, selectors
from ..document_forms import SERVICE_FIELDS, DocumentForm
from ..models import Form, ReportDocument
from .common import crumbs

# After this long in the queue the page says the background worker may not be running.
DOCUMENT_WAIT_HINT = datetime.timedelta(seconds=30)


def _document_target(user, form_id, unit_id, period_code) -> tuple[Form, OrgUnit, Period]:
    """The form, unit and period of a report document page: 404 for a form or unit outside the user's scope, a
    malformed period, a period of another type than the form's or a unit outside the form's reach."""
    report_form = selectors.get_form_for(user, form_id)
    unit = get_unit_for(user, unit_id)
    try:
        period = documents.check_scope(report_form, unit, period_code)
    except ValidationError:
        raise Http404 from None
    return report_form, unit, period


def _document_urls(report_form: Form, unit: OrgUnit, period: Period) -> dict:
    args = [report_form.pk, unit.pk, period.code]
    return {
        "page": reverse("reporting:document_page", args=args),
        "progress": reverse("reporting:document_progress", args=args),
        "download": reverse("reporting:document_download", args=args),
    }


def _progress_context(document: ReportDocument | None, urls: dict) -> dict:
    busy = document is not None and documents.is_busy(document)
    waiting_long = bool(
        busy
        and document.state == ReportDocument.State.QUEUED
        and document.requested_at
        and timezone.now() - document.requested_at > DOCUMENT_WAIT_HINT
    )
    return {
        "document": document,
        "urls": urls,
        "busy": busy,
        # Shown at once as failed (the page writes nothing; `jobs.recover_stuck` records it).
        "interrupted": document is not None and not busy and jobs.is_stuck(document),
        "interrupted_message": jobs.interrupted_message(),
        "waiting_long": waiting_long,
        "progress_step": min(100, max(0, (document.progress if document else 0) // 10 * 10)),
        "has_files": bool(document and document.docx and document.pdf),
        "edited_since": bool(
            document
            and document.generated_at
            and document.updated_at
            and document.updated_at > document.generated_at
        ),
    }


def _register_context(document: ReportDocument | None, unit: OrgUnit) -> dict:
    """The unit's register of outgoing documents for the year of the document's date: its last lines, the number
    the document holds in it and the number the next one will get."""
    if document is None:
        return {}
    year = document.issued_on.year
    register = documents.register_of(unit, year)
    held = next((line for line in register if document.pk and line.document_id == document.pk), None)
    return {
        "register_year": year,
        "register": register[:10],
        "held_number": held,
        "next_number": documents.next_number(unit, year),
    }


@login_required
def document_page(request, form_id, unit_id, period):
    """The unit's report document for a form and period: heading, texts and signature to edit, then the Word and
    PDF files generated in the background, with their progress."""
    user = request.user
    report_form, unit, period = _document_target(user, form_id, unit_id, period)
    editable = documents.can_edit_document(user, unit)
    document = documents.find_document(report_form, unit, period)
    if document is None and editable:
        # Shown as it would be made; saved only when the user saves it (reading never writes).
        document = documents.suggested_document(report_form, unit, period)
    urls = _document_urls(report_form, unit, period)
    bound = None
    if request.method == "POST":
        if document is None or not editable:
            raise NotAllowed(_("Bạn không có quyền sửa văn bản báo cáo của %(unit)s.") % {"unit": unit.name})
        if document.pk is None:
            document = documents.prepare_document(user, report_form, unit, period)
        action = request.POST.get("action", "save")
        if action == "reassemble":
            documents.reassemble_narrative(user, document)
            messages.success(request, _("Đã ghép lại nội dung từ báo cáo của các đơn vị."))
            return redirect(urls["page"])
        bound = DocumentForm(request.POST, period=period)
        if bound.is_valid():
            try:
                document = documents.update_document(user, document, **bound.service_data())
                if action == "generate":
                    documents.request_generation(user, document)
                elif action == "number":
                    document = documents.allocate_number(user, document)
            except ValidationError as error:
                add_service_errors(bound, error, SERVICE_FIELDS)
            else:
                if action == "generate":
                    messages.success(request, _("Đã lưu. Văn bản Word và PDF đang được tạo."))
                    return redirect(urls["page"])
                if action == "number":
                    messages.success(
                        request,
                        _("Đã lưu và lấy số %(number)s trong sổ văn bản đi.") % {"number": document.number},
                    )
                    return redirect(urls["page"])
                messages.success(request, _("Đã lưu văn bản báo cáo."))
                return redirect(urls["page"])
    if bound is not None:
        page_form = bound
    else:
        page_form = DocumentForm(
            initial=DocumentForm.initial_of(document) if document else None,
            disabled=not editable,
            period=period,
        )
    context = {
        "report_form": report_form,
        "unit": unit,
        "period": period,
        "form": page_form,
        "editable": editable and document is not None,
        "figures": documents.figures_of(report_form, unit, period),
        "reports_unit": unit.kind in (report_form.reporting_kinds or []),
        "history": list(history_for(document)[:20]) if document is not None and document.pk else [],
        **_register_context(document, unit),
        "crumbs": crumbs((report_form.name, None), (unit.name, None), (_("Văn bản báo cáo"), None)),
        **_progress_context(document, urls),
    }
    return render(request, "reporting/documents/page.html", context)


@login_required
def document_progress(request, form_id, unit_id, period):
    """The progress area (polled by htmx every second while the files are being made)."""
    report_form, unit, period = _document_target(request.user, form_id, unit_id, period)
    document = documents.find_document(report_form, unit, period)
    if document is None:
        raise Http404
    context = {
        **_progress_context(document, _document_urls(report_form, unit, period)),
        "editable": documents.can_edit_document(request.user, unit),
    }
    return render(request, "reporting/documents/_progress.html", context)


@login_required
def document_download(request, form_id, unit_id, period):
    """The generated file (?format=docx or pdf), for readers of the unit only: files are never served directly."""
    report_form, unit, period = _document_target(request.user, form_id, unit_id, period)
    kind = request.GET.get("format", "docx")
    if kind not in documents.CONTENT_TYPES:
        raise Http404
    document = documents.find_document(report_form, unit, period)
    stored = getattr(document, kind) if document is not None else None
    if not stored:
        raise Http404(_("Chưa có tệp: hãy tạo văn bản trước."))
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404(_("Không tìm thấy tệp.")) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{documents.file_base_name(document)}.{kind}",
        content_type=documents.CONTENT_TYPES[kind],
    )
    response["Cache-Control"] = "private, max-age=0"
    return response
