"""Tasks directed to units: assigned from a conclusion, a report or a document, then followed to their end."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import Role
from danvan.accounts.scope import role_paths
from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.text import TEXT_MAX, clean_text, fold
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import covers

from ..models import Inspection, Meeting, Task
from . import task_notices
from .access import can_edit

TITLE_MAX = Task._meta.get_field("title").max_length
UPDATABLE = (
    "title",
    "description",
    "expected_result",
    "source_reference",
    "lead_unit",
    "supporting_units",
    "deadline",
)


def locked(task: Task) -> Task:
    """The task's row, locked until the transaction ends (a status changes under the lock, DESIGN §4.9)."""
    return Task.objects.select_for_update().select_related("assigner", "lead_unit").get(pk=task.pk)


def can_assign(user, task: Task) -> bool:
    """Changing, cancelling and reopening a task, deciding its extensions: an editor (or above) of the assigner."""
    return can_edit(user, task.assigner)


def can_report(user, task: Task) -> bool:
    """Reporting progress and asking for an extension: an editor (or above) of the lead unit, through a role that
    is not also the assigner's — the unit that assigned a task does not report its own task done (a province
    editor covers the commune's subtree, but the commune reports). A superuser may, as everywhere."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    lead, assigner = task.lead_path, task.assigner_path
    paths = role_paths(user, Role.EDITOR)
    if lead == assigner:
        return any(lead.startswith(path) for path in paths)
    return any(lead.startswith(path) and not assigner.startswith(path) for path in paths)


def task_snapshot(task: Task) -> dict:
    return snapshot(task, exclude=("search_key",))


def _search_key(task: Task) -> str:
    return fold(" ".join([task.title, task.lead_unit.name, task.source_reference]))[:800]


def _source_date(meeting: Meeting | None, inspection: Inspection | None) -> datetime.date | None:
    if meeting is not None:
        return timezone.localtime(meeting.starts_at).date()
    if inspection is not None:
        return inspection.conclusion_date or inspection.starts_on
    return None


@transaction.atomic
def assign_task(
    actor,
    *,
    assigner: OrgUnit,
    lead_unit: OrgUnit,
    title: str,
    deadline: datetime.date,
    source: str,
    supporting_units=(),
    meeting: Meeting | None = None,
    inspection: Inspection | None = None,
    source_reference: str = "",
    assigned_on: datetime.date | None = None,
    expected_result: str = "",
    description: str = "",
) -> Task:
    """A task of `assigner` for `lead_unit` (and supporting units), each within the assigner's subtree, due by
    `deadline`, no earlier than the day it is assigned nor the meeting or inspection it comes from."""
    if not can_edit(actor, assigner):
        raise NotAllowed(_("Bạn không có quyền giao nhiệm vụ thay %(unit)s.") % {"unit": assigner.name})
    errors: dict[str, list[str]] = {}
    title = clean_text(
        title, "title", errors, required_message=_("Hãy nhập nội dung nhiệm vụ."), limit=TITLE_MAX
    )
    description = clean_text(description, "description", errors)
    expected_result = clean_text(expected_result, "expected_result", errors, limit=500)
    source_reference = clean_text(source_reference, "source_reference", errors, limit=200)
    if source not in Task.Source.values:
        errors.setdefault("source", []).append(_("Nguồn giao không hợp lệ."))
    supporting_units = list(supporting_units)
    _check_units(assigner, lead_unit, supporting_units, errors)
    origin = _source_date(meeting, inspection)
    assigned_on = assigned_on or origin or timezone.localdate()
    if origin is not None and assigned_on < origin:
        errors.setdefault("assigned_on", []).append(
            _("Ngày giao (%(day)s) trước ngày hội nghị, kiểm tra (%(origin)s).")
            % {"day": f"{assigned_on:%d/%m/%Y}", "origin": f"{origin:%d/%m/%Y}"}
        )
    if deadline < assigned_on:
        errors.setdefault("deadline", []).append(
            _("Hạn hoàn thành (%(deadline)s) trước ngày giao (%(day)s).")
            % {"deadline": f"{deadline:%d/%m/%Y}", "day": f"{assigned_on:%d/%m/%Y}"}
        )
    if errors:
        raise ValidationError(errors)
    task = Task(
        title=title,
        description=description,
        expected_result=expected_result,
        assigner=assigner,
        assigner_path=assigner.path,
        lead_unit=lead_unit,
        lead_path=lead_unit.path,
        province_code=lead_unit.province_code,
        source=source,
        meeting=meeting,
        inspection=inspection,
        source_reference=source_reference,
        assigned_on=assigned_on,
        deadline=deadline,
        original_deadline=deadline,
    )
    task.search_key = _search_key(task)
    task.save()
    task.supporting_units.set(supporting_units)
    record_change(actor, "create", task, None, task_snapshot(task), unit=lead_unit)
    task_notices.announce_assigned(actor, task)
    return task


def _check_units(assigner: OrgUnit, lead_unit: OrgUnit, supporting_units: list, errors: dict) -> None:
    for unit, field in [(lead_unit, "lead_unit"), *((u, "supporting_units") for u in supporting_units)]:
        if not covers([assigner.path], unit.path):
            errors.setdefault(field, []).append(
                _("%(unit)s không thuộc %(assigner)s: chỉ giao nhiệm vụ cho đơn vị trực thuộc.")
                % {"unit": unit.name, "assigner": assigner.name}
            )
    if lead_unit in supporting_units:
        errors.setdefault("supporting_units", []).append(
            _("%(unit)s đã là đơn vị chủ trì.") % {"unit": lead_unit.name}
        )


@transaction.atomic
def update_task(actor, task: Task, **fields) -> Task:
    """Corrects what the assigner wrote: the title, details, expected result, document number, lead and supporting
    units, deadline. The deadline moved here is a correction (`original_deadline` follows it while no extension was
    granted); a later deadline asked by the lead unit goes through `request_extension`."""
    unknown = sorted(set(fields) - set(UPDATABLE))
    if unknown:
        raise ValueError(f"update_task: unknown fields {unknown}")
    task = locked(task)
    if not can_assign(actor, task):
        raise NotAllowed(_("Chỉ đơn vị giao nhiệm vụ mới sửa được nhiệm vụ."))
    if task.state == Task.State.CANCELLED:
        raise ValidationError({"__all__": [_("Nhiệm vụ đã hủy: hãy mở lại trước khi sửa.")]})
    before = task_snapshot(task)
    errors: dict[str, list[str]] = {}
    if "title" in fields:
        task.title = clean_text(
            fields["title"],
            "title",
            errors,
            required_message=_("Hãy nhập nội dung nhiệm vụ."),
            limit=TITLE_MAX,
        )
    for name, limit in (("description", TEXT_MAX), ("expected_result", 500), ("source_reference", 200)):
        if name in fields:
            setattr(task, name, clean_text(fields[name], name, errors, limit=limit))
    lead_unit = fields.get("lead_unit", task.lead_unit)
    supporting = list(fields.get("supporting_units", task.supporting_units.all()))
    _check_units(task.assigner, lead_unit, supporting, errors)
    if "deadline" in fields:
        deadline = fields["deadline"]
        if not isinstance(deadline, datetime.date):
            errors.setdefault("deadline", []).append(_("Hãy nhập hạn hoàn thành."))
        elif deadline < task.assigned_on:
            errors.setdefault("deadline", []).append(
                _("Hạn hoàn thành (%(deadline)s) trước ngày giao (%(day)s).")
                % {"deadline": f"{deadline:%d/%m/%Y}", "day": f"{task.assigned_on:%d/%m/%Y}"}
            )
        else:
            granted = task.extensions.filter(decision="granted").exists()
            if not granted:
                task.original_deadline = deadline
            task.deadline = deadline
    if errors:
        raise ValidationError(errors)
    task.lead_unit, task.lead_path, task.province_code = lead_unit, lead_unit.path, lead_unit.province_code
    task.search_key = _search_key(task)
    task.save()
    task.supporting_units.set(supporting)
    after = task_snapshot(task)
    if after != before:
        record_change(actor, "update", task, before, after, unit=task.lead_unit)
    return task


@transaction.atomic
def cancel_task(actor, task: Task, *, reason: str) -> Task:
    """Cancels an open task, with the reason (a cancelled task is counted in none of the four statuses)."""
    task = locked(task)
    if not can_assign(actor, task):
        raise NotAllowed(_("Chỉ đơn vị giao nhiệm vụ mới hủy được nhiệm vụ."))
    errors: dict[str, list[str]] = {}
    reason = clean_text(reason, "reason", errors, required_message=_("Hãy ghi lý do hủy nhiệm vụ."))
    if task.state != Task.State.OPEN:
        errors.setdefault("__all__", []).append(
            _("Chỉ hủy được nhiệm vụ đang thực hiện (nhiệm vụ này: %(state)s).")
            % {"state": task.get_state_display()}
        )
    if errors:
        raise ValidationError(errors)
    before = task_snapshot(task)
    task.state, task.cancelled_reason = Task.State.CANCELLED, reason
    task.save(update_fields=["state", "cancelled_reason", "updated_at"])
    record_change(actor, "update", task, before, task_snapshot(task), unit=task.lead_unit)
    return task


@transaction.atomic
def reopen_task(actor, task: Task, *, reason: str) -> Task:
    """Reopens a cancelled or completed task, with the reason: it is open again, its status computed anew (a
    completion is undone; the progress reports stay in its history)."""
    task = locked(task)
    if not can_assign(actor, task):
        raise NotAllowed(_("Chỉ đơn vị giao nhiệm vụ mới mở lại được nhiệm vụ."))
    errors: dict[str, list[str]] = {}
    reason = clean_text(reason, "reason", errors, required_message=_("Hãy ghi lý do mở lại nhiệm vụ."))
    if task.state == Task.State.OPEN:
        errors.setdefault("__all__", []).append(_("Nhiệm vụ đang thực hiện, không cần mở lại."))
    if errors:
        raise ValidationError(errors)
    before = task_snapshot(task)
    if task.state == Task.State.DONE:
        task.progress = min(task.progress, 99)
    task.state, task.completed_on, task.reopen_reason = Task.State.OPEN, None, reason
    task.save(update_fields=["state", "completed_on", "reopen_reason", "progress", "updated_at"])
    record_change(actor, "update", task, before, task_snapshot(task), unit=task.lead_unit)
    return task
