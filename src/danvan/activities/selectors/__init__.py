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
from .meetings import (
    attendance_by_meeting,
    attendance_of,
    get_meeting_for,
    meeting_day,
    meetings_visible_to,
)

__all__ += [
    "attendance_by_meeting",
    "attendance_of",
    "get_meeting_for",
    "meeting_day",
    "meetings_visible_to",
]
