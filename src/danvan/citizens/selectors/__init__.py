"""Split by topic, re-exported here."""

from .clocks import DUE_SOON, OVERDUE, calendar_months, calendar_year, clock_watch, rule_table, with_days_left

__all__ = [
    "DUE_SOON",
    "OVERDUE",
    "calendar_months",
    "calendar_year",
    "clock_watch",
    "rule_table",
    "with_days_left",
]
