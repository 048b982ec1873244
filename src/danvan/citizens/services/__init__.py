"""The citizens' writes, split by topic, re-exported here."""

from .access import can_decide, can_handle
from .petitions import create_petition, petition_snapshot

__all__ = ["can_decide", "can_handle", "create_petition", "petition_snapshot"]
