"""The citizens' writes, split by topic, re-exported here."""

from .access import can_decide, can_handle
from .consultations import (
    add_comment,
    consultation_transition,
    create_consultation,
    record_ballot,
    update_consultation,
)
from .petitions import create_petition, petition_snapshot
from .publicity import add_channel, record_publication, remove_channel, update_publication

__all__ = [
    "add_channel",
    "add_comment",
    "can_decide",
    "can_handle",
    "consultation_transition",
    "create_consultation",
    "create_petition",
    "petition_snapshot",
    "record_ballot",
    "record_publication",
    "remove_channel",
    "update_consultation",
    "update_publication",
]
