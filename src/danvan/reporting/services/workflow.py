"""A unit's report through its lifecycle: opened (created as a draft) by its unit's first saved figure or text, its
narrative saved, then submitted, approved, returned or reopened. `transition` is the one entry point pages and the API
call for a step of the workflow. Nothing here is called to read a report: opening a page never creates one."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.figures import VALUES, area_version_name, bump_figures_version
from danvan.core.periods import form_period
from danvan.core.text import nfc, nfc_lines
from danvan.orgunits.models import OrgUnit

from ..models import (
    NARRATIVE_KEYS,
    CellComment,
    Form,
    Submission,
    SubmissionEvent,
)
from ..notices import announced
from ..selectors import form_definition, values_of
from .access import can_approve, can_enter
from .bulk import write_values
from .locks import lock_reason, lock_units, locked_for_update, report_problem
from .rules import Gap, Violation, compulsory_gaps, gaps_message, report_figures
from .system import category_keys_for
from .values import CellResult, fill_from_system, save_value

REOPEN_DAYS = 10


@transaction.atomic
def open_submission(actor, form: Form, unit: OrgUnit, period_code: str) -> Submission:
    """The unit's report for the period; created, when it does not exist yet, as a draft holding the system's figures.
    Only a write calls this (`save_first_value`, `save_first_narrative`), inside its own transaction."""
    period = form_period(form, period_code)
    problem = report_problem(form, unit, period)
    if problem:
        raise ValidationError({"unit": [problem]})
    submission = Submission.objects.filter(form=form, unit=unit, period=period.code).first()
    if submission is not None:
        return submission
    if not can_enter(actor, unit):
        raise NotAllowed(_("Bạn không có quyền nhập báo cáo của %(unit)s.") % {"unit": unit.name})
    lock_units([unit.pk])  # a bulk write for this report may be under way: wait for it, then look again
    submission = Submission.objects.filter(form=form, unit=unit, period=period.code).first()
    if submission is not None:
        return submission
    submission = Submission.objects.create(form=form, unit=unit, unit_path=unit.path, period=period.code)
    record_change(actor, "create", submission, None, snapshot(submission), unit)
    if not lock_reason(submission):
        fill_from_system(actor, submission)
    return submission


@transaction.atomic
def save_first_value(
    actor,
    form: Form,
    unit: OrgUnit,
    period_code: str,
    indicator,
    category: str,
    raw,
    reason: str = "",
    **options,
) -> CellResult:
    """`save_value` into the unit's report, which this first figure brings into being when the unit has not started
    it (a draft holding the system's figures, `open_submission`), in the same transaction: a refused figure leaves
    no report behind."""
    submission = open_submission(actor, form, unit, period_code)
    submission.form, submission.unit = form, unit
    return save_value(actor, submission, indicator, category, raw, reason, **options)


@transaction.atomic
def save_report_values(actor, form: Form, unit: OrgUnit, period_code: str, rows: list[dict]) -> dict:
    """Many cells of one unit's report at once (`[{"indicator", "category"?, "value", "reason"?, "expected"?}]`, an
    offline form uploaded back): the report brought into being as by a first figure (`open_submission`), then
    `write_values`, whose checks are the grid's, all or nothing (a refused row leaves no report behind either)."""
    open_submission(actor, form, unit, period_code)
    return write_values(actor, [{**row, "unit": unit.pk, "period": period_code} for row in rows])


@transaction.atomic
def save_first_narrative(
    actor, form: Form, unit: OrgUnit, period_code: str, texts: dict[str, str]
) -> Submission:
    """`save_narrative` into the unit's report, brought into being by this first text when the unit has not
    started it (as `save_first_value`)."""
    return save_narrative(actor, open_submission(actor, form, unit, period_code), texts)


@transaction.atomic
def comment_cell(actor, unit: OrgUnit, period_code: str, indicator, category: str, text: str) -> CellComment:
    """A note on one cell of the unit's report, by the unit's staff or its approver, logged; it does not start the
    report (a note is no figure)."""
    if not (can_enter(actor, unit) or can_approve(actor, unit)):
        raise NotAllowed(_("Bạn không có quyền ghi chú vào báo cáo của %(unit)s.") % {"unit": unit.name})
    text = nfc(text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Chưa nhập ghi chú.")]})
    if len(text) > 1000:
        raise ValidationError({"text": [_("Ghi chú tối đa 1.000 ký tự.")]})
    if category not in category_keys_for(indicator):
        raise ValidationError(
            _("“%(name)s”: phân tổ “%(category)s” không có.") % {"name": indicator.name, "category": category}
        )
    comment = CellComment.objects.create(
        indicator=indicator,
        unit=unit,
        period=period_code,
        category=category,
        text=text,
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record_change(actor, "create", comment, None, snapshot(comment), unit)
    return comment


def _record_event(actor, submission: Submission, action: str, comment: str = "") -> Submission:
    SubmissionEvent.objects.create(
        submission=submission,
        action=action,
        comment=comment,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    # Totals count reports by status: the province's cached figures (core.figures) are computed again.
    bump_figures_version(area_version_name(VALUES, submission.unit.province_code))
    return submission


@transaction.atomic
def save_narrative(actor, submission: Submission, texts: dict[str, str]) -> Submission:
    submission, before = locked_for_update(submission)
    if not can_enter(actor, submission.unit):
        raise NotAllowed()
    locked = lock_reason(submission)
    if locked:
        raise ValidationError(locked)
    narrative = dict(submission.narrative or {})
    for key, text in texts.items():
        if key not in NARRATIVE_KEYS:
            raise ValidationError({key: [_("Không có mục này trong đề cương báo cáo.")]})
        text = nfc_lines(text)
        if len(text) > 20000:
            raise ValidationError({key: [_("Tối đa 20.000 ký tự mỗi mục.")]})
        narrative[key] = text
    submission.narrative = {k: v for k, v in narrative.items() if v}
    submission.save(update_fields=["narrative", "updated_at"])
    record_change(actor, "update", submission, before, snapshot(submission), submission.unit)
    return submission


class Incomplete(ValidationError):
    """A submit refused: the compulsory cells and sections left empty (`gaps`) and the blocking rules broken
    (`violations`). Its first message says so in one line (what a page shows above the grid, which marks each
    cell); the others name each gap and rule (what the API answers)."""

    def __init__(self, gaps: list[Gap], violations: list[Violation]):
        reasons = []
        if gaps:
            reasons.append(gaps_message(gaps).rstrip(".").lower())
        if violations:
            reasons.append(_("số liệu vi phạm quy tắc kiểm tra"))
        summary = _("Chưa nộp được: %(reasons)s.") % {"reasons": "; ".join(reasons)}
        details = [_("Chưa điền: %(label)s") % {"label": gap.label} for gap in gaps]
        super().__init__([summary, *details, *(v.message for v in violations)])
        self.summary, self.gaps, self.violations = summary, gaps, violations


@transaction.atomic
def submit(actor, submission: Submission) -> Submission:
    submission, before = locked_for_update(submission)
    if not can_enter(actor, submission.unit):
        raise NotAllowed(_("Bạn không có quyền nộp báo cáo của %(unit)s.") % {"unit": submission.unit.name})
    if submission.status not in (Submission.Status.DRAFT, Submission.Status.RETURNED):
        raise ValidationError(
            _("Báo cáo đang ở trạng thái “%(status)s”, không nộp được.")
            % {"status": submission.get_status_display()}
        )
    locked = lock_reason(submission)
    if locked:
        raise ValidationError(locked)
    definition = form_definition(submission.form_id)
    figures = report_figures(submission.form, definition.indicators, values_of(submission), definition.rules)
    gaps = compulsory_gaps(submission.form, definition.sections, figures.values, submission.narrative)
    blocking = [v for v in figures.violations if v.blocking]
    if gaps or blocking:
        raise Incomplete(gaps, blocking)
    submission.status = Submission.Status.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.submitted_by = actor
    submission.save()
    _record_event(actor, submission, SubmissionEvent.Action.SUBMIT)
    record_change(actor, "update", submission, before, snapshot(submission), submission.unit)
    return submission


def _require_approver(actor, submission: Submission) -> None:
    if not can_approve(actor, submission.unit):
        raise NotAllowed(
            _("Chỉ người phê duyệt của đơn vị cấp trên mới duyệt, trả lại hoặc mở lại báo cáo này.")
        )


@transaction.atomic
def approve(actor, submission: Submission, comment: str = "") -> Submission:
    submission, before = locked_for_update(submission)
    _require_approver(actor, submission)
    if submission.status != Submission.Status.SUBMITTED:
        raise ValidationError(_("Chỉ duyệt được báo cáo đã nộp."))
    submission.status = Submission.Status.APPROVED
    submission.approved_at = timezone.now()
    submission.approved_by = actor
    submission.save()
    _record_event(actor, submission, SubmissionEvent.Action.APPROVE, nfc(comment or "").strip())
    record_change(actor, "update", submission, before, snapshot(submission), submission.unit)
    return submission


@transaction.atomic
def return_submission(actor, submission: Submission, comment: str) -> Submission:
    submission, before = locked_for_update(submission)
    _require_approver(actor, submission)
    comment = nfc(comment or "").strip()
    if submission.status != Submission.Status.SUBMITTED:
        raise ValidationError(_("Chỉ trả lại được báo cáo đã nộp, chưa duyệt."))
    if not comment:
        raise ValidationError({"comment": [_("Ghi rõ lý do trả lại để đơn vị sửa.")]})
    submission.status = Submission.Status.RETURNED
    submission.save()
    _record_event(actor, submission, SubmissionEvent.Action.RETURN, comment)
    record_change(actor, "update", submission, before, snapshot(submission), submission.unit)
    return submission


@transaction.atomic
def reopen(actor, submission: Submission, comment: str) -> Submission:
    """Unlocks an approved report (or one past its entry deadline) for REOPEN_DAYS days."""
    submission, before = locked_for_update(submission)
    _require_approver(actor, submission)
    comment = nfc(comment or "").strip()
    if not comment:
        raise ValidationError({"comment": [_("Ghi rõ lý do mở lại báo cáo.")]})
    if submission.status == Submission.Status.SUBMITTED:
        raise ValidationError(_("Báo cáo đang chờ duyệt: trả lại thay vì mở lại."))
    if submission.status in (Submission.Status.DRAFT, Submission.Status.RETURNED) and not lock_reason(
        submission
    ):
        raise ValidationError(_("Báo cáo đang mở, không cần mở lại."))
    submission.status = Submission.Status.RETURNED
    submission.approved_at = None
    submission.approved_by = None
    submission.unlocked_until = timezone.localdate() + datetime.timedelta(days=REOPEN_DAYS)
    submission.save()
    _record_event(actor, submission, SubmissionEvent.Action.REOPEN, comment)
    record_change(actor, "update", submission, before, snapshot(submission), submission.unit)
    return submission


@announced  # the people concerned are told once the step commits (reporting/notices.py)
def transition(actor, submission: Submission, action: str, *, comment: str = "") -> Submission:
    """One step of the report's workflow, as the entry page and the API ask for it: `submit` (the unit's editor; a
    comment is not kept), `approve`, `return` or `reopen` (an approver of the parent unit; `comment` required to
    return or reopen). NotAllowed or ValidationError as the step's own service raises them."""
    if action == "submit":
        return submit(actor, submission)
    if action == "approve":
        return approve(actor, submission, comment)
    if action == "return":
        return return_submission(actor, submission, comment)
    if action == "reopen":
        return reopen(actor, submission, comment)
    raise ValidationError({"action": [_("Thao tác không hợp lệ.")]})
