"""Citizens and grassroots democracy (issue #12). Unit-owned rows copy their unit's `path` and province code, as in
`activities`; the services keep the copies in step."""

from .clocks import CalendarDay, DayType, DeadlineRule
from .consultations import Consultation, ConsultationComment, HouseholdBallot
from .dialogues import Dialogue
from .identity import IdentityKeeper, IdentityReveal, SealedIdentity, SealedScan
from .petitions import Attachment, Extension, Petition, PetitionStep, PetitionTransfer, Sender, Suspension
from .publicity import Publication, PublicationChannel, PublicityItem
from .receptions import Commitment, Reception

__all__ = [
    "Attachment",
    "CalendarDay",
    "Commitment",
    "Consultation",
    "ConsultationComment",
    "DayType",
    "DeadlineRule",
    "Dialogue",
    "Extension",
    "HouseholdBallot",
    "IdentityKeeper",
    "IdentityReveal",
    "Petition",
    "PetitionStep",
    "PetitionTransfer",
    "Publication",
    "PublicationChannel",
    "PublicityItem",
    "Reception",
    "SealedIdentity",
    "SealedScan",
    "Sender",
    "Suspension",
]
