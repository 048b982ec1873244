"""Split by topic, re-exported here."""

from .consultations import BallotForm, CommentForm, ConsultationForm, PublicCommentForm, StepForm
from .publicity import ChannelForm, PublicationEditForm, PublicationForm, PublicSearchForm

__all__ = [
    "BallotForm",
    "ChannelForm",
    "CommentForm",
    "ConsultationForm",
    "PublicCommentForm",
    "PublicSearchForm",
    "PublicationEditForm",
    "PublicationForm",
    "StepForm",
]
