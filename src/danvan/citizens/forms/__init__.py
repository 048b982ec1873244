"""The citizens' forms, split by topic, re-exported here."""

from .clocks import CalendarYearForm, RuleVersionForm
from .consultations import BallotForm, CommentForm, ConsultationForm, PublicCommentForm
from .petitions import PetitionForm, SealedFormSet, SenderFormSet, StepForm, people_of, put_service_errors
from .publicity import ChannelForm, PublicationEditForm, PublicationForm, PublicSearchForm

__all__ = [
    "BallotForm",
    "CalendarYearForm",
    "ChannelForm",
    "CommentForm",
    "ConsultationForm",
    "PetitionForm",
    "PublicCommentForm",
    "PublicSearchForm",
    "PublicationEditForm",
    "PublicationForm",
    "RuleVersionForm",
    "SealedFormSet",
    "SenderFormSet",
    "StepForm",
    "people_of",
    "put_service_errors",
]
