"""The citizens' writes, split by topic, re-exported here."""

from .access import can_decide, can_handle
from .clocks import add_rule_version, recompute_clocks, set_calendar_year
from .petitions import create_petition, petition_snapshot

__all__ = [
    "add_rule_version",
    "can_decide",
    "can_handle",
    "create_petition",
    "petition_snapshot",
    "recompute_clocks",
    "set_calendar_year",
]
