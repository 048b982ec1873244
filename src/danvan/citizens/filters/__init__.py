"""Split by topic, re-exported here."""

from .receptions import DialogueFilter, ReceptionFilter

__all__ = ["DialogueFilter", "ReceptionFilter"]
