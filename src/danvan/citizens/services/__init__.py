"""The citizens' writes, split by topic, re-exported here."""

from .access import can_decide, can_handle
from .dialogues import add_question, dialogue_snapshot, save_dialogue
from .petitions import create_petition, petition_snapshot
from .receptions import (
    add_commitment,
    receive_petition,
    reception_snapshot,
    save_duty,
    save_reception,
    save_schedule,
)

__all__ = [
    "add_commitment",
    "add_question",
    "can_decide",
    "can_handle",
    "create_petition",
    "dialogue_snapshot",
    "petition_snapshot",
    "receive_petition",
    "reception_snapshot",
    "save_dialogue",
    "save_duty",
    "save_reception",
    "save_schedule",
]
