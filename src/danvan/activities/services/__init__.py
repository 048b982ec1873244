"""Every write to the activities, checked, atomic and logged. Callers use `services.<name>`; the code lives in the
modules below, by topic.

- `access`: who may record and change what.
- `tasks`: tasks assigned, their progress, extensions and cancellations.
"""

from .access import can_approve, can_edit
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

__all__ = ["assign_task", "can_approve", "can_edit"]
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
]
