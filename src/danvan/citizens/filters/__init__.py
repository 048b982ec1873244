"""Split by topic, re-exported here."""

from .consultations import ConsultationFilter

__all__ = ["ConsultationFilter"]
