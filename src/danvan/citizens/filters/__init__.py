"""The citizens' filter sets, split by topic, re-exported here."""

from .consultations import ConsultationFilter
from .petitions import PetitionFilter

__all__ = ["ConsultationFilter", "PetitionFilter"]
