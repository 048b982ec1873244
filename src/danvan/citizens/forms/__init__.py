"""The citizens' forms, split by topic, re-exported here."""

from .petitions import (
    PetitionForm,
    SealedFormSet,
    SenderFormSet,
    StepForm,
    people_of,
    put_service_errors,
)

__all__ = ["PetitionForm", "SealedFormSet", "SenderFormSet", "StepForm", "people_of", "put_service_errors"]
