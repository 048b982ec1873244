"""Every write to the activities, checked, atomic and logged. Callers use `services.<name>`; the code lives in the
modules below, by topic.

- `access`: who may record and change what.
- `tasks`: tasks assigned, their progress, extensions and cancellations.
- `people`: people and the posts they held.
"""

from .access import can_approve, can_edit
from .people import add_post, create_person, delete_post, end_post, update_person, update_post
from .tasks import assign_task

__all__ = [
    "add_post",
    "assign_task",
    "can_approve",
    "can_edit",
    "create_person",
    "delete_post",
    "end_post",
    "update_person",
    "update_post",
]
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
