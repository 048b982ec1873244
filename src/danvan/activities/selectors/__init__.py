"""Every read of the activities, through the user's scope. Callers use `selectors.<name>`; the code lives in the
modules below, by topic.

- `people`: the posts a person held on a day.
- `tasks`: a task's status on a day and the four counts.
"""

from .people import held_on_q, people_pickable_by, titles_on
from .tasks import (
    COUNTED,
    STATUS_LABELS,
    Status,
    four_counts,
    period_counts,
    period_q,
    status_expression,
    status_of,
    status_q,
)

__all__ = [
    "COUNTED",
    "STATUS_LABELS",
    "Status",
    "four_counts",
    "held_on_q",
    "people_pickable_by",
    "period_counts",
    "period_q",
    "status_expression",
    "status_of",
    "status_q",
    "titles_on",
]

from .tasks import (
    DUE_SOON_DAYS,
    TAB_LABELS,
    Tab,
    board_tasks,
    counts_for,
    dashboard_tasks,
    due_soon_tasks,
    evidence_visible_to,
    get_task_for,
    open_tasks_led_by,
    overdue_tasks,
    status_on_day_for,
    subtree_stats,
    tasks_visible_to,
)

__all__ += [
    "DUE_SOON_DAYS",
    "TAB_LABELS",
    "Tab",
    "board_tasks",
    "counts_for",
    "dashboard_tasks",
    "due_soon_tasks",
    "evidence_visible_to",
    "get_task_for",
    "open_tasks_led_by",
    "overdue_tasks",
    "status_on_day_for",
    "subtree_stats",
    "tasks_visible_to",
]
