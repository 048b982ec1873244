"""Every write to the activities, checked, atomic and logged. Callers use `services.<name>`; the code lives in the
modules below, by topic.

- `access`: who may record and change what.
- `tasks`: tasks assigned, their progress, extensions and cancellations.
"""

from .access import can_approve, can_edit
from .tasks import assign_task

__all__ = ["assign_task", "can_approve", "can_edit"]
from .meetings import (
    add_document,
    conclusion_to_tasks,
    create_meeting,
    delete_document,
    set_attendance,
    set_connection_points,
    update_meeting,
)
from .meetings import transition as meeting_transition

__all__ += [
    "add_document",
    "conclusion_to_tasks",
    "create_meeting",
    "delete_document",
    "meeting_transition",
    "set_attendance",
    "set_connection_points",
    "update_meeting",
]
