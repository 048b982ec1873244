"""The citizens' reads, split by topic, re-exported here."""

from .clocks import calendar_months, calendar_year, rule_table
from .petitions import (
    Clock,
    DUE_SOON_DAYS,
    attachments_visible_to,
    clock_of,
    followups_of,
    get_petition_for,
    petitions_visible_to,
    register_of,
)

__all__ = [
    "Clock",
    "DUE_SOON_DAYS",
    "attachments_visible_to",
    "calendar_months",
    "calendar_year",
    "clock_of",
    "followups_of",
    "get_petition_for",
    "petitions_visible_to",
    "register_of",
    "rule_table",
]
