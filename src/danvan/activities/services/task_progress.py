"""The lead unit's side of a task: progress reports (with evidence files) and requests for a later deadline; and the
assigner's decision on such a request."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.uploads import check_upload

from ..models import Task, TaskEvidence, TaskExtension, TaskProgress
from . import task_notices
from .access import user_or_none
from .tasks import can_assign, can_report, clean_text, locked, task_snapshot

MAX_EVIDENCE_FILES = 10


def _percent(value, errors: dict) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except (TypeError, ValueError):
            errors.setdefault("percent", []).append(_("Tiến độ phải là số nguyên từ 0 đến 100."))
            return 0
    if not 0 <= value <= 100:
        errors.setdefault("percent", []).append(
            _("Tiến độ %(value)s%% không hợp lệ: phải từ 0 đến 100.") % {"value": value}
        )
        return 0
    return value


def _check_open(task: Task, errors: dict) -> None:
    if task.state != Task.State.OPEN:
        errors.setdefault("__all__", []).append(
            _("Nhiệm vụ %(state)s: không báo cáo, đề nghị gì thêm được.")
            % {"state": task.get_state_display().lower()}
        )


@transaction.atomic
def report_progress(
    actor,
    task: Task,
    *,
    percent,
    text: str,
    reported_on: datetime.date | None = None,
    completes: bool = False,
    evidence=(),
) -> TaskProgress:
    """The lead unit reports what was done (percent, text, evidence files checked by content); `completes` marks
    the task done on `reported_on`, at 100%. The task's row is locked first, so two reports at once are both kept
    and the task shows the later one's figure."""
    task = locked(task)
    if not can_report(actor, task):
        raise NotAllowed(_("Chỉ đơn vị chủ trì mới báo cáo tiến độ nhiệm vụ."))
    errors: dict[str, list[str]] = {}
    _check_open(task, errors)
    percent = 100 if completes else _percent(percent, errors)
    text = clean_text(text, "text", errors, required_message=_("Hãy ghi kết quả thực hiện."))
    today = timezone.localdate()
    reported_on = reported_on or today
    if reported_on > today:
        errors.setdefault("reported_on", []).append(_("Ngày báo cáo không được sau hôm nay."))
    elif reported_on < task.assigned_on:
        errors.setdefault("reported_on", []).append(
            _("Ngày báo cáo (%(day)s) trước ngày giao nhiệm vụ (%(assigned)s).")
            % {"day": f"{reported_on:%d/%m/%Y}", "assigned": f"{task.assigned_on:%d/%m/%Y}"}
        )
    evidence = [upload for upload in evidence if upload]
    if len(evidence) > MAX_EVIDENCE_FILES:
        errors.setdefault("evidence", []).append(
            _("Tối đa %(max)d tệp minh chứng mỗi lần báo cáo.") % {"max": MAX_EVIDENCE_FILES}
        )
    checked = []
    for upload in evidence:
        try:
            checked.append((upload, check_upload(upload, "evidence")))
        except ValidationError as error:
            for message in error.message_dict.get("evidence", error.messages):
                errors.setdefault("evidence", []).append(f"{getattr(upload, 'name', '')}: {message}")
    if errors:
        raise ValidationError(errors)
    report = TaskProgress.objects.create(
        task=task,
        reported_on=reported_on,
        percent=percent,
        text=text,
        completes=completes,
        created_by=user_or_none(actor),
    )
    for upload, found in checked:
        item = TaskEvidence(
            progress=report,
            original_name=found.name,
            content_type=found.content_type,
            size=found.size,
        )
        item.file.save(f"{task.pk}{found.extension}", upload, save=False)
        item.save()
    before = task_snapshot(task)
    task.progress = percent
    if completes:
        task.state, task.completed_on = Task.State.DONE, reported_on
    task.save(update_fields=["progress", "state", "completed_on", "updated_at"])
    logged = snapshot(report)
    logged["evidence"] = [item.original_name for item in report.evidence.all()]
    record_change(actor, "create", report, None, logged, unit=task.lead_unit)
    record_change(actor, "update", task, before, task_snapshot(task), unit=task.lead_unit)
    task_notices.announce_progress(actor, task, report)
    return report


@transaction.atomic
def request_extension(actor, task: Task, *, requested_deadline: datetime.date, reason: str) -> TaskExtension:
    """The lead unit asks for a later deadline, with its reason; one request waits for a decision at a time."""
    task = locked(task)
    if not can_report(actor, task):
        raise NotAllowed(_("Chỉ đơn vị chủ trì mới đề nghị gia hạn nhiệm vụ."))
    errors: dict[str, list[str]] = {}
    _check_open(task, errors)
    reason = clean_text(reason, "reason", errors, required_message=_("Hãy ghi lý do đề nghị gia hạn."))
    if not isinstance(requested_deadline, datetime.date):
        errors.setdefault("requested_deadline", []).append(_("Hãy nhập hạn đề nghị."))
    elif requested_deadline <= task.deadline:
        errors.setdefault("requested_deadline", []).append(
            _("Hạn đề nghị phải sau hạn hiện tại (%(deadline)s).") % {"deadline": f"{task.deadline:%d/%m/%Y}"}
        )
    if task.extensions.filter(decision=TaskExtension.Decision.PENDING).exists():
        errors.setdefault("__all__", []).append(_("Đã có một đề nghị gia hạn đang chờ quyết định."))
    if errors:
        raise ValidationError(errors)
    extension = TaskExtension.objects.create(
        task=task, requested_deadline=requested_deadline, reason=reason, requested_by=user_or_none(actor)
    )
    record_change(actor, "create", extension, None, snapshot(extension), unit=task.lead_unit)
    task_notices.announce_extension_request(actor, extension)
    return extension


@transaction.atomic
def decide_extension(
    actor, extension: TaskExtension, *, grant: bool, decision_reference: str = "", note: str = ""
) -> TaskExtension:
    """The assigner grants (the deadline moves; `original_deadline` stays, so the lateness against the first
    deadline is still known) or refuses a pending request; a grant names the decision (its number)."""
    task = locked(extension.task)
    extension = TaskExtension.objects.select_for_update().get(pk=extension.pk)
    extension.task = task
    if not can_assign(actor, task):
        raise NotAllowed(_("Chỉ đơn vị giao nhiệm vụ mới quyết định gia hạn."))
    errors: dict[str, list[str]] = {}
    if extension.decision != TaskExtension.Decision.PENDING:
        errors.setdefault("__all__", []).append(_("Đề nghị gia hạn này đã được quyết định."))
    elif grant and task.state != Task.State.OPEN:
        errors.setdefault("__all__", []).append(_("Nhiệm vụ không còn đang thực hiện: không gia hạn được."))
    decision_reference = clean_text(
        decision_reference,
        "decision_reference",
        errors,
        required_message=_("Hãy ghi số, ký hiệu văn bản đồng ý gia hạn.") if grant else "",
        limit=200,
    )
    note = clean_text(note, "note", errors)
    if errors:
        raise ValidationError(errors)
    before = snapshot(extension)
    extension.decision = TaskExtension.Decision.GRANTED if grant else TaskExtension.Decision.REFUSED
    extension.decision_reference, extension.decision_note = decision_reference, note
    extension.decided_at, extension.decided_by = timezone.now(), user_or_none(actor)
    extension.save()
    record_change(actor, "update", extension, before, snapshot(extension), unit=task.lead_unit)
    if grant:
        task_before = task_snapshot(task)
        task.deadline = extension.requested_deadline
        task.save(update_fields=["deadline", "updated_at"])
        record_change(actor, "update", task, task_before, task_snapshot(task), unit=task.lead_unit)
    task_notices.announce_extension_decision(actor, extension)
    return extension
