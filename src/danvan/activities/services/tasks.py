"""Tasks directed to units: assigned from a conclusion, a report or a document, then followed to their end."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.text import fold, nfc
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import covers

from ..models import Inspection, Meeting, Task
from .access import can_edit

TITLE_MAX = Task._meta.get_field("title").max_length


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
    title = nfc(title or "").strip()
    if not title:
        errors.setdefault("title", []).append(_("Hãy nhập nội dung nhiệm vụ."))
    elif len(title) > TITLE_MAX:
        errors.setdefault("title", []).append(
            _("Nội dung nhiệm vụ dài quá %(max)d ký tự.") % {"max": TITLE_MAX}
        )
    if source not in Task.Source.values:
        errors.setdefault("source", []).append(_("Nguồn giao không hợp lệ."))
    supporting_units = list(supporting_units)
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
        description=nfc(description or "").strip(),
        expected_result=nfc(expected_result or "").strip()[:500],
        assigner=assigner,
        assigner_path=assigner.path,
        lead_unit=lead_unit,
        lead_path=lead_unit.path,
        province_code=lead_unit.province_code,
        source=source,
        meeting=meeting,
        inspection=inspection,
        source_reference=nfc(source_reference or "").strip()[:200],
        assigned_on=assigned_on,
        deadline=deadline,
        original_deadline=deadline,
    )
    task.search_key = _search_key(task)
    task.save()
    task.supporting_units.set(supporting_units)
    record_change(actor, "create", task, None, task_snapshot(task), unit=lead_unit)
    return task
