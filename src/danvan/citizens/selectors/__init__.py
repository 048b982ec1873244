"""Split by topic, re-exported here."""

from .identity import (
    denunciation_for,
    keeper_candidates,
    keepers_of,
    petitions_in_scope,
    reveals_of,
    scans_of,
)

__all__ = [
    "denunciation_for",
    "keeper_candidates",
    "keepers_of",
    "petitions_in_scope",
    "reveals_of",
    "scans_of",
]
