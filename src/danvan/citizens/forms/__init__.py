"""The citizens' forms, split by topic, re-exported here."""

from . import dialogues, receptions
from .clocks import CalendarYearForm, RuleVersionForm
from .consultations import BallotForm, CommentForm, ConsultationForm, PublicCommentForm
from .feedback import AnswerForm, FeedbackForm, LookupForm, ReopenForm, SettingForm
from .identity import KeeperForm, RevealForm, ScanForm
from .petitions import PetitionForm, SealedFormSet, SenderFormSet, StepForm, people_of, put_service_errors
from .publicity import ChannelForm, PublicationEditForm, PublicationForm, PublicSearchForm

__all__ = [
    "AnswerForm",
    "BallotForm",
    "CalendarYearForm",
    "ChannelForm",
    "CommentForm",
    "ConsultationForm",
    "FeedbackForm",
    "KeeperForm",
    "LookupForm",
    "PetitionForm",
    "PublicCommentForm",
    "PublicSearchForm",
    "PublicationEditForm",
    "PublicationForm",
    "ReopenForm",
    "RevealForm",
    "RuleVersionForm",
    "ScanForm",
    "SealedFormSet",
    "SenderFormSet",
    "SettingForm",
    "StepForm",
    "dialogues",
    "people_of",
    "put_service_errors",
    "receptions",
]
