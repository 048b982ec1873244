"""Every write to the activities, checked, atomic and logged. Callers use `services.<name>`; the code lives in the
modules below, by topic.

- `access`: who may record and change what.
- `tasks`: tasks assigned, their progress, extensions and cancellations.
"""

from .access import can_approve, can_edit
from .tasks import assign_task

__all__ = ["assign_task", "can_approve", "can_edit"]

from .task_progress import decide_extension, report_progress, request_extension
from .tasks import can_assign, can_report, cancel_task, reopen_task, update_task

__all__ += [
    "can_assign",
    "can_report",
    "cancel_task",
    "decide_extension",
    "reopen_task",
    "report_progress",
    "request_extension",
    "update_task",
]
