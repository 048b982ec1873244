"""Split by topic, re-exported here."""

from .dialogues import dialogue_list, dialogues_held, get_dialogue_for, yearly_counts
from .receptions import compliance_table, get_reception_for, reception_list, receptions_held

__all__ = [
    "compliance_table",
    "dialogue_list",
    "dialogues_held",
    "get_dialogue_for",
    "get_reception_for",
    "reception_list",
    "receptions_held",
    "yearly_counts",
]
