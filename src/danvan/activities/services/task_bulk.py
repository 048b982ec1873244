"""Bulk progress by Excel: the lead unit's workbook checked row by row (task_workbooks.read_progress), then, once the
user has seen what changes, every row saved as a progress report (`report_progress`) in one transaction — all rows
or none, the refused row named."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.errors import NotAllowed, messages_of
from danvan.core.excel import ImportReport
from danvan.orgunits.models import OrgUnit

from ..models import Task
from ..task_workbooks import PROGRESS_SHEET, BulkCheck, Change, read_progress
from .access import can_edit
from .task_progress import report_progress

COLUMN_OF_FIELD = {"percent": "percent", "text": "text", "reported_on": "done_on", "evidence": ""}


def open_tasks_by_id(unit: OrgUnit) -> dict[int, Task]:
    return {task.pk: task for task in Task.objects.filter(lead_unit=unit, state=Task.State.OPEN)}


def check_progress_workbook(actor, unit: OrgUnit, upload, today: datetime.date) -> BulkCheck:
    """What the upload would change (nothing is written)."""
    if not can_edit(actor, unit):
        raise NotAllowed(_("Chỉ cán bộ nhập liệu của %(unit)s mới cập nhật tiến độ.") % {"unit": unit.name})
    return read_progress(upload, open_tasks_by_id(unit), today)


def apply_progress(actor, unit: OrgUnit, changes: list[Change], today: datetime.date) -> ImportReport:
    """Saves the checked changes, all or none; each task must still be the unit's, open, and at the progress it had
    when checked (else someone reported meanwhile: the row is refused and nothing is saved)."""
    if not can_edit(actor, unit):
        raise NotAllowed(_("Chỉ cán bộ nhập liệu của %(unit)s mới cập nhật tiến độ.") % {"unit": unit.name})
    report = ImportReport(root=unit, rows=len(changes))
    current = None
    try:
        with transaction.atomic():
            tasks = open_tasks_by_id(unit)
            for change in changes:
                current = change
                task = tasks.get(change.task_id)
                if task is None:
                    raise ValidationError(
                        {
                            "__all__": _("Nhiệm vụ mã %(id)s không còn đang thực hiện.")
                            % {"id": change.task_id}
                        }
                    )
                if task.progress != change.before:
                    raise ValidationError(
                        {
                            "__all__": _(
                                "Nhiệm vụ mã %(id)s vừa được cập nhật tiến độ (%(now)s%%) sau khi tệp được kiểm "
                                "tra: hãy tải tệp lên lại."
                            )
                            % {"id": change.task_id, "now": task.progress}
                        }
                    )
                report.created.append(
                    report_progress(
                        actor,
                        task,
                        percent=change.percent,
                        text=change.text,
                        reported_on=change.done_on or today,
                        completes=change.done_on is not None,
                    )
                )
    except ValidationError as error:
        report.created = []
        for field_name, messages in messages_of(error).items():
            key = COLUMN_OF_FIELD.get(field_name)
            header = PROGRESS_SHEET.column(key).header if key else ""
            for message in messages:
                report.fail(message, current.row, header)
    return report
