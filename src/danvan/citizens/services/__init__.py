"""The citizens' writes, split by topic, re-exported here."""

from .access import can_decide, can_handle
from .duplicates import possible_duplicates
from .petitions import create_petition, petition_snapshot, save_attachments
from .workflow import allowed_actions, assignable_users, transition

__all__ = [
    "allowed_actions",
    "assignable_users",
    "can_decide",
    "can_handle",
    "create_petition",
    "petition_snapshot",
    "possible_duplicates",
    "save_attachments",
    "transition",
]
