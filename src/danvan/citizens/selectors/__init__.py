"""The citizens' reads, split by topic, re-exported here."""

from .figures import (
    ACCEPTED,
    LATE,
    ON_TIME,
    OPEN,
    counts_table,
    dialogues_held,
    overdue_q,
    petition_figures,
    receptions_held,
    resolved_q,
)
from .petitions import (
    DUE_SOON_DAYS,
    Clock,
    attachments_visible_to,
    clock_of,
    followups_of,
    get_petition_for,
    petitions_visible_to,
    register_of,
)

__all__ = [
    "ACCEPTED",
    "DUE_SOON_DAYS",
    "LATE",
    "ON_TIME",
    "OPEN",
    "Clock",
    "attachments_visible_to",
    "clock_of",
    "counts_table",
    "dialogues_held",
    "followups_of",
    "get_petition_for",
    "overdue_q",
    "petition_figures",
    "petitions_visible_to",
    "receptions_held",
    "register_of",
    "resolved_q",
]
