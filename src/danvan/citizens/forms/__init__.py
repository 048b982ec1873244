"""The citizens' forms, split by topic, re-exported here."""

from .clocks import CalendarYearForm, RuleVersionForm
from .petitions import PetitionForm, SealedFormSet, SenderFormSet, StepForm, people_of, put_service_errors

__all__ = [
    "CalendarYearForm",
    "PetitionForm",
    "RuleVersionForm",
    "SealedFormSet",
    "SenderFormSet",
    "StepForm",
    "people_of",
    "put_service_errors",
]
