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

__all__ = [
    "ACCEPTED",
    "LATE",
    "ON_TIME",
    "OPEN",
    "counts_table",
    "dialogues_held",
    "overdue_q",
    "petition_figures",
    "receptions_held",
    "resolved_q",
]
