"""Split by topic, re-exported here."""

from . import dialogues, receptions

__all__ = ["dialogues", "receptions"]
