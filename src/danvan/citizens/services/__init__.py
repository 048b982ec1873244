"""The citizens' writes, split by topic, re-exported here."""

from .access import can_decide, can_handle
from .identity import (
    add_scan,
    can_manage_keepers,
    can_read_reveals,
    can_reveal,
    grant_keeper,
    open_scan,
    reveal_identities,
    revoke_keeper,
)
from .petitions import create_petition, petition_snapshot

__all__ = [
    "add_scan",
    "can_decide",
    "can_handle",
    "can_manage_keepers",
    "can_read_reveals",
    "can_reveal",
    "create_petition",
    "grant_keeper",
    "open_scan",
    "petition_snapshot",
    "reveal_identities",
    "revoke_keeper",
]
