"""Every write to the activities, checked, atomic and logged. Callers use `services.<name>`; the code lives in the
modules below, by topic.

- `access`: who may record and change what.
- `tasks`: tasks assigned, their progress, extensions and cancellations.
- `people`: people and the posts they held.
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
from .oversight import (
    add_recheck,
    conclude_inspection,
    create_inspection,
    create_plan,
    start_inspection,
    update_inspection,
)
from .people import add_post, create_person, delete_post, end_post, update_person, update_post
from .situations import hotspot_step, report_situation, update_situation
from .task_progress import decide_extension, report_progress, request_extension
from .tasks import assign_task, can_assign, can_report, cancel_task, reopen_task, update_task

__all__ = [
    "add_document",
    "add_entry",
    "add_post",
    "add_recheck",
    "assign_task",
    "can_approve",
    "can_assign",
    "can_edit",
    "can_report",
    "cancel_entry",
    "cancel_task",
    "change_entry",
    "conclude_inspection",
    "conclusion_to_tasks",
    "copy_last_week",
    "create_inspection",
    "create_meeting",
    "create_person",
    "create_plan",
    "decide_extension",
    "delete_document",
    "delete_post",
    "end_post",
    "feed_for",
    "hotspot_step",
    "meeting_transition",
    "regenerate_feed",
    "reopen_task",
    "report_progress",
    "report_situation",
    "request_extension",
    "set_attendance",
    "set_connection_points",
    "set_feed_public",
    "start_inspection",
    "update_inspection",
    "update_meeting",
    "update_person",
    "update_post",
    "update_situation",
    "update_task",
]
