"""The report document of a unit for a form and period: prepared (heading suggested, narrative pre-assembled),
edited by the unit's editors, and its Word and PDF files requested from the background worker
(`tasks.generate_report_document`, which runs `generation.generate`)."""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.scope import Role, can_view_path, has_role_on
from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.periods import Period, form_period
from danvan.core.text import nfc, nfc_lines, vn_number
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import intersect_paths

from .. import jobs, tasks
from ..models import Form, ReportDocument
from . import numbering
from .content import INTRO_KEY, TEXT_KEYS, capitalised, intro_paragraph
from .heading import document_summary, heading_defaults
from .summary import assemble_narrative

logger = logging.getLogger(__name__)

MAX_SECTION_CHARS = 100_000
# A job queued or running for longer than this is taken as lost (a stopped worker) and may be asked for again.
STALE_AFTER = datetime.timedelta(minutes=15)
HEADING_FIELDS = {
    # field: (label for messages, required, model max length)
    "superior_body": (gettext_lazy("cơ quan cấp trên"), False, 200),
    "issuing_body": (gettext_lazy("cơ quan ban hành"), True, 200),
    "number": (gettext_lazy("số, ký hiệu"), False, 60),
    "place": (gettext_lazy("địa danh"), True, 100),
    "summary": (gettext_lazy("trích yếu"), True, 300),
    "signer_authority": (gettext_lazy("thẩm quyền ký"), False, 100),
    "signer_title": (gettext_lazy("chức vụ người ký"), False, 100),
    "signer_name": (gettext_lazy("họ tên người ký"), False, 100),
    "recipients": (gettext_lazy("nơi nhận"), False, 2000),
}
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def can_edit_document(user, unit: OrgUnit) -> bool:
    """Editors of the unit (or above) prepare, edit and generate its report document."""
    return has_role_on(user, Role.EDITOR, unit.path)


def can_read_document(user, unit: OrgUnit) -> bool:
    """Anyone who sees the unit reads and downloads its report document."""
    return can_view_path(user, unit.path)


def check_scope(form: Form, unit: OrgUnit, period_code: str) -> Period:
    """The period, if it is of the form's type and the unit lies in the form's reach (ValidationError otherwise)."""
    period = form_period(form, period_code)
    owner_path = form.owner.path
    if not intersect_paths(lineage_paths(unit), [owner_path]):
        raise ValidationError(
            {"unit": [_("%(unit)s không thuộc phạm vi của biểu mẫu này.") % {"unit": unit.name}]}
        )
    return period


def find_document(form: Form, unit: OrgUnit, period: Period) -> ReportDocument | None:
    return (
        ReportDocument.objects.filter(form=form, unit=unit, period=period.code)
        .select_related("form", "form__owner", "unit")
        .first()
    )


def suggested_document(form: Form, unit: OrgUnit, period: Period | str) -> ReportDocument:
    """The document as it would be made now, not saved: the suggested heading, today's date, the summary from the
    form's title and the narrative assembled from the reports. The page shows it until the user saves it (reading
    never writes)."""
    period = check_scope(form, unit, period if isinstance(period, str) else period.code)
    defaults = heading_defaults(unit)
    summary = document_summary(form, period)
    narrative = {INTRO_KEY: intro_paragraph(defaults.pop("issuer_phrase"), summary)}
    narrative.update(assemble_narrative(form, unit, period))
    return ReportDocument(
        form=form,
        unit=unit,
        unit_path=unit.path,
        period=period.code,
        issued_on=timezone.localdate(),
        summary=summary[:300],
        narrative=narrative,
        **defaults,
    )


def prepare_document(actor, form: Form, unit: OrgUnit, period: Period | str) -> ReportDocument:
    """The unit's report document for the form and period, created on first save from `suggested_document`."""
    period = check_scope(form, unit, period if isinstance(period, str) else period.code)
    existing = find_document(form, unit, period)
    if existing is not None:
        return existing
    if not can_edit_document(actor, unit):
        raise NotAllowed(_("Bạn không có quyền soạn văn bản báo cáo của %(unit)s.") % {"unit": unit.name})
    document = suggested_document(form, unit, period)
    try:
        with transaction.atomic():
            document.save()
            record_change(actor, "create", document, None, snapshot(document, exclude=("narrative",)), unit)
    except IntegrityError:
        # Prepared at the same moment in another request: that one stands.
        return find_document(form, unit, period)
    return find_document(form, unit, period)
    return find_document(form, unit, period)


def _parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _heading_errors(document: ReportDocument) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name, (label, required, limit) in HEADING_FIELDS.items():
        value = getattr(document, name) or ""
        if required and not value:
            errors[name] = [_("Hãy nhập %(label)s.") % {"label": label}]
        elif len(value) > limit:
            errors[name] = [
                _("%(label)s: tối đa %(n)s ký tự.")
                % {"label": capitalised(str(label)), "n": vn_number(limit)}
            ]
    if document.issued_on is None:
        errors["issued_on"] = [_("Hãy nhập ngày ban hành.")]
    elif not 1945 <= document.issued_on.year <= 2100:
        errors["issued_on"] = [_("Ngày ban hành không hợp lệ.")]
    return errors


def _logged(text: str, limit: int = 500) -> str:
    """A section's text as the change log keeps it: assembled sections run to pages, the log keeps their start."""
    return text if len(text) <= limit else text[:limit] + "…"


def update_document(actor, document: ReportDocument, **fields) -> ReportDocument:
    """Saves the edited heading, texts, signature and recipients (`narrative` a {key: text} of the outline's
    sections); ValidationError names each field in Vietnamese; the change log keeps the changed fields."""
    with transaction.atomic():
        document = ReportDocument.objects.select_for_update().get(pk=document.pk)
        unit = OrgUnit.objects.get(pk=document.unit_id)
        if not can_edit_document(actor, unit):
            raise NotAllowed(_("Bạn không có quyền sửa văn bản báo cáo của %(unit)s.") % {"unit": unit.name})
        before, after = {}, {}
        errors: dict[str, list[str]] = {}
        for name, value in fields.items():
            if name == "narrative":
                narrative = dict(document.narrative or {})
                for key, text in (value or {}).items():
                    if key not in TEXT_KEYS:
                        errors.setdefault("narrative", []).append(
                            _("Không có mục “%(key)s” trong đề cương báo cáo.") % {"key": key}
                        )
                        continue
                    text = nfc_lines(text)
                    if len(text) > MAX_SECTION_CHARS:
                        errors[f"narrative_{key}"] = [_("Tối đa 100.000 ký tự mỗi mục.")]
                        continue
                    if narrative.get(key, "") != text:
                        before[f"narrative.{key}"] = _logged(narrative.get(key, ""))
                        after[f"narrative.{key}"] = _logged(text)
                        narrative[key] = text
                document.narrative = narrative
            elif name == "issued_on":
                day = _parse_date(value)
                if day is None:
                    errors["issued_on"] = [
                        _("Ngày ban hành không hợp lệ: hãy nhập dạng dd/mm/yyyy, ví dụ 22/11/2026.")
                    ]
                    continue
                if day != document.issued_on:
                    before[name], after[name] = document.issued_on.isoformat(), day.isoformat()
                    document.issued_on = day
            elif name in HEADING_FIELDS:
                text = nfc_lines(value) if name == "recipients" else nfc(str(value or ""))
                if getattr(document, name) != text:
                    before[name], after[name] = getattr(document, name), text
                    setattr(document, name, text)
            else:
                errors.setdefault("__all__", []).append(
                    _("Không sửa được trường “%(name)s”.") % {"name": name}
                )
        for name, messages in _heading_errors(document).items():
            if name in fields and name not in errors:
                errors[name] = messages
        if errors:
            raise ValidationError(errors)
        if before:
            if "number" in before or "issued_on" in before:
                numbering.record_override(actor, document, unit)
            document.save()
            record_change(actor, "update", document, before, after, unit)
    return find_document(document.form, unit, Period.parse(document.period))


def allocate_number(actor, document: ReportDocument) -> ReportDocument:
    """Gives the document the next number of its unit's register of outgoing documents for the year of its date
    (`numbering.give_next`), logged; the editor may still change it by hand (`update_document` keeps the register in
    step)."""
    with transaction.atomic():
        document = ReportDocument.objects.select_for_update().get(pk=document.pk)
        unit = OrgUnit.objects.get(pk=document.unit_id)
        if not can_edit_document(actor, unit):
            raise NotAllowed(_("Bạn không có quyền lấy số văn bản của %(unit)s.") % {"unit": unit.name})
        before = document.number
        numbering.give_next(actor, document, unit)
        record_change(actor, "update", document, {"number": before}, {"number": document.number}, unit)
    return find_document(document.form, unit, Period.parse(document.period))


def reassemble_narrative(actor, document: ReportDocument) -> ReportDocument:
    """Replaces the outline's texts with those assembled afresh from the reports (the opening paragraph stays)."""
    form = Form.objects.select_related("owner").get(pk=document.form_id)
    unit = OrgUnit.objects.get(pk=document.unit_id)
    texts = assemble_narrative(form, unit, Period.parse(document.period))
    return update_document(actor, document, narrative=texts)


def is_stale(document: ReportDocument, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return document.requested_at is None or now - document.requested_at > STALE_AFTER


def is_busy(document: ReportDocument) -> bool:
    """Queued, and not so long ago that the job must be lost; or running, and not for so long that its worker must
    have stopped (`jobs.is_stuck`)."""
    if document.state == ReportDocument.State.QUEUED:
        return not is_stale(document)
    return document.state == ReportDocument.State.RUNNING and not jobs.is_stuck(document)


def request_generation(actor, document: ReportDocument) -> ReportDocument:
    """Queues the generation of the Word and PDF files; the background worker runs it once this transaction has
    committed (`danvan db_worker`; in tests the immediate backend runs it at once)."""
    jobs.recover_stuck()  # a job lost to a stopped worker is marked failed before this one is asked for
    with transaction.atomic():
        document = ReportDocument.objects.select_for_update().get(pk=document.pk)
        unit = OrgUnit.objects.get(pk=document.unit_id)
        if not can_edit_document(actor, unit):
            raise NotAllowed(_("Bạn không có quyền tạo văn bản báo cáo của %(unit)s.") % {"unit": unit.name})
        errors = _heading_errors(document)
        if errors:
            raise ValidationError(errors)
        if is_busy(document):
            raise ValidationError(_("Văn bản đang được tạo: chờ xong rồi hãy tạo lại."))
        before = {"state": document.state}
        document.state = ReportDocument.State.QUEUED
        document.progress = 0
        document.progress_note = _("Đang chờ tiến trình nền…")
        document.error = ""
        document.requested_at = timezone.now()
        document.save(update_fields=["state", "progress", "progress_note", "error", "requested_at"])
        record_change(actor, "update", document, before, {"state": document.state}, unit)
        pk = document.pk
        transaction.on_commit(lambda: _enqueue(pk))
    return find_document(document.form, unit, Period.parse(document.period))


def _enqueue(document_id: int) -> None:
    try:
        tasks.generate_report_document.enqueue(document_id)
    except Exception as error:  # the queue itself failed: say so rather than wait forever
        logger.exception("Could not queue report document %s", document_id)
        ReportDocument.objects.filter(pk=document_id).update(
            state=ReportDocument.State.FAILED,
            progress_note=_("Không đưa được việc tạo văn bản vào hàng đợi."),
            error=str(error)[:2000],
        )
