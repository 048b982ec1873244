"""Every read of the activities, through the user's scope. Callers use `selectors.<name>`; the code lives in the
modules below, by topic.

- `people`: the posts a person held on a day.
- `tasks`: a task's status on a day and the four counts.
- `figures`: what a unit's subtree did in a period, for the reports' bound indicators.
"""

from .figures import hotspots, inspections_done, meetings_held, task_counts, task_counts_by_province
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
    "hotspots",
    "inspections_done",
    "meetings_held",
    "people_pickable_by",
    "period_counts",
    "period_q",
    "status_expression",
    "status_of",
    "status_q",
    "task_counts",
    "task_counts_by_province",
    "titles_on",
]
