"""The citizens' filter sets, split by topic, re-exported here."""

from .consultations import ConsultationFilter
from .petitions import PetitionFilter
from .receptions import DialogueFilter, ReceptionFilter

__all__ = ["ConsultationFilter", "DialogueFilter", "PetitionFilter", "ReceptionFilter"]
