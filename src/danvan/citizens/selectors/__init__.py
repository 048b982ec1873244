"""The citizens' reads, split by topic, re-exported here."""

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
    "DUE_SOON_DAYS",
    "Clock",
    "attachments_visible_to",
    "clock_of",
    "followups_of",
    "get_petition_for",
    "petitions_visible_to",
    "register_of",
]
