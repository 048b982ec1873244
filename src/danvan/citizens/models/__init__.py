"""Citizens and grassroots democracy (issue #12). Unit-owned rows copy their unit's `path` and province code, as in
`activities`; the services keep the copies in step."""

from .clocks import CalendarDay, CalendarYear, DayType, DeadlineRule
from .consultations import Consultation, ConsultationComment, HouseholdBallot
from .dialogues import Dialogue, DialogueQuestion
from .feedback import FeedbackSetting
from .identity import IdentityKeeper, IdentityReveal, SealedIdentity, SealedScan
from .petitions import Attachment, Extension, Petition, PetitionStep, PetitionTransfer, Sender, Suspension
from .publicity import Publication, PublicationChannel, PublicityItem
from .receptions import (
    ONLINE_FROM,
    Commitment,
    LeaderRole,
    Reception,
    ReceptionCitizen,
    ReceptionDuty,
    ReceptionRule,
    ReceptionSchedule,
)

__all__ = [
    "ONLINE_FROM",
    "Attachment",
    "CalendarDay",
    "CalendarYear",
    "Commitment",
    "Consultation",
    "ConsultationComment",
    "DayType",
    "DeadlineRule",
    "Dialogue",
    "DialogueQuestion",
    "Extension",
    "FeedbackSetting",
    "HouseholdBallot",
    "IdentityKeeper",
    "IdentityReveal",
    "LeaderRole",
    "Petition",
    "PetitionStep",
    "PetitionTransfer",
    "Publication",
    "PublicationChannel",
    "PublicityItem",
    "Reception",
    "ReceptionCitizen",
    "ReceptionDuty",
    "ReceptionRule",
    "ReceptionSchedule",
    "SealedIdentity",
    "SealedScan",
    "Sender",
    "Suspension",
]
