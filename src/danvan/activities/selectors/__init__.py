"""Every read of the activities, through the user's scope. Callers use `selectors.<name>`; the code lives in the
modules below, by topic.

- `people`: the posts a person held on a day.
- `tasks`: a task's status on a day and the four counts.
- `calendar`: a unit's and a leader's week (entries, meetings, inspections), the week as the official table.
"""

from .calendar import (
    entries_visible_to,
    get_entry_for,
    get_leader_for,
    leader_week,
    parse_week,
    unit_week,
    week_table,
)
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
    "entries_visible_to",
    "four_counts",
    "get_entry_for",
    "get_leader_for",
    "held_on_q",
    "leader_week",
    "parse_week",
    "people_pickable_by",
    "period_counts",
    "period_q",
    "status_expression",
    "status_of",
    "status_q",
    "titles_on",
    "unit_week",
    "week_table",
]
