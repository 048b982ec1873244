"""Every read of the activities, through the user's scope. Callers use `selectors.<name>`; the code lives in the
modules below, by topic.

- `people`: the posts a person held on a day.
- `tasks`: a task's status on a day and the four counts.
"""

from .people import (
    appearances,
    can_see_contact,
    contact_checker,
    effective_end,
    get_person_for,
    get_post_for,
    held_on_q,
    people_pickable_by,
    people_visible_to,
    posts_of,
    shown_titles,
    title_from,
    titles_on,
)
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
    "appearances",
    "can_see_contact",
    "contact_checker",
    "effective_end",
    "four_counts",
    "get_person_for",
    "get_post_for",
    "held_on_q",
    "people_pickable_by",
    "people_visible_to",
    "period_counts",
    "period_q",
    "posts_of",
    "shown_titles",
    "status_expression",
    "status_of",
    "status_q",
    "title_from",
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
