"""Every read of the activities, through the user's scope. Callers use `selectors.<name>`; the code lives in the
modules below, by topic.

- `people`: the posts a person held on a day.
- `tasks`: a task's status on a day and the four counts.
- `calendar`: a unit's and a leader's week (entries, meetings, inspections), the week as the official table.
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
from .calendar import (
    entries_visible_to,
    get_entry_for,
    get_leader_for,
    leader_week,
    parse_week,
    unit_week,
    week_table,
)
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
    "appearances",
    "can_see_contact",
    "contact_checker",
    "effective_end",
    "four_counts",
    "get_person_for",
    "get_post_for",
    "entries_visible_to",
    "four_counts",
    "get_entry_for",
    "get_leader_for",
    "held_on_q",
    "leader_week",
    "parse_week",
    "hotspots",
    "inspections_done",
    "meetings_held",
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
    "task_counts",
    "task_counts_by_province",
    "titles_on",
    "unit_week",
    "week_table",
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
