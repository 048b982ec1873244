"""The citizens' filter sets, split by topic, re-exported here."""

from .petitions import PetitionFilter

__all__ = ["PetitionFilter"]
