"""The citizens' reads, split by topic, re-exported here."""

from .clocks import calendar_months, calendar_year, rule_table
from .dialogues import dialogue_list, dialogues_held, get_dialogue_for, yearly_counts
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
from .receptions import compliance_table, get_reception_for, reception_list, receptions_held

__all__ = [
    "Clock",
    "DUE_SOON_DAYS",
    "attachments_visible_to",
    "calendar_months",
    "calendar_year",
    "clock_of",
    "compliance_table",
    "dialogue_list",
    "dialogues_held",
    "followups_of",
    "get_dialogue_for",
    "get_petition_for",
    "get_reception_for",
    "petitions_visible_to",
    "reception_list",
    "receptions_held",
    "register_of",
    "rule_table",
    "yearly_counts",
]
