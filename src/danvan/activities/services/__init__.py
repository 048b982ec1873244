"""Every write to the activities, checked, atomic and logged. Callers use `services.<name>`; the code lives in the
modules below, by topic.

- `access`: who may record and change what.
- `tasks`: tasks assigned, their progress, extensions and cancellations.
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
