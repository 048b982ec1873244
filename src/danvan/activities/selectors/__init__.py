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
from .oversight import get_inspection_for, inspections_visible_to, plans_visible_to
from .situations import get_situation_for, open_hotspots_for, situations_visible_to

__all__ += [
    "get_inspection_for",
    "get_situation_for",
    "inspections_visible_to",
    "open_hotspots_for",
    "plans_visible_to",
    "situations_visible_to",
]
