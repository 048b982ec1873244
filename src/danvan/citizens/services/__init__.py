"""The citizens' writes, split by topic, re-exported here."""

from .access import can_decide, can_handle
from .clocks import add_rule_version, recompute_clocks, set_calendar_year
from .duplicates import possible_duplicates
from .petitions import create_petition, petition_snapshot, save_attachments
from .workflow import allowed_actions, assignable_users, transition

__all__ = [
    "add_rule_version",
    "allowed_actions",
    "assignable_users",
    "can_decide",
    "can_handle",
    "create_petition",
    "petition_snapshot",
    "possible_duplicates",
    "recompute_clocks",
    "save_attachments",
    "set_calendar_year",
    "transition",
]
