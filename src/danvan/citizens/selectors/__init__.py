"""Split by topic, re-exported here."""

from .dialogues import dialogues_held
from .receptions import receptions_held

__all__ = ["dialogues_held", "receptions_held"]
