"""Every write to the activities, checked, atomic and logged. Callers use `services.<name>`; the code lives in the
modules below, by topic.

- `access`: who may record and change what.
- `tasks`: tasks assigned, their progress, extensions and cancellations.
- `people`: people and the posts they held.
"""

from .access import can_approve, can_edit
from .people import add_post, create_person, delete_post, end_post, update_person, update_post
from .oversight import (
    add_recheck,
    conclude_inspection,
    create_inspection,
    create_plan,
    start_inspection,
    update_inspection,
)
from .situations import hotspot_step, report_situation, update_situation
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
__all__ += [
    "add_recheck",
    "conclude_inspection",
    "create_inspection",
    "create_plan",
    "hotspot_step",
    "report_situation",
    "start_inspection",
    "update_inspection",
    "update_situation",
- `calendar`: the work calendar's entries (changed and cancelled with a reason), last week copied, the feeds.
"""

from .access import can_approve, can_edit
from .calendar import (
    add_entry,
    cancel_entry,
    change_entry,
    copy_last_week,
    feed_for,
    regenerate_feed,
    set_feed_public,
)
from .tasks import assign_task

__all__ = [
    "add_entry",
    "assign_task",
    "can_approve",
    "can_edit",
    "cancel_entry",
    "change_entry",
    "copy_last_week",
    "feed_for",
    "regenerate_feed",
    "set_feed_public",
]
