"""Citizens and grassroots democracy (issue #12). Unit-owned rows copy their unit's `path` and province code, as in
`activities`; the services keep the copies in step."""

from .clocks import CalendarDay, DayType, DeadlineRule
from .dialogues import Dialogue
from .feedback import FeedbackSetting
from .identity import IdentityKeeper, IdentityReveal, SealedIdentity, SealedScan
from .petitions import Attachment, Extension, Petition, PetitionStep, PetitionTransfer, Sender, Suspension
from .receptions import Commitment, Reception

__all__ = [
    "Attachment",
    "CalendarDay",
    "Commitment",
    "DayType",
    "DeadlineRule",
    "Dialogue",
    "Extension",
    "FeedbackSetting",
    "IdentityKeeper",
    "IdentityReveal",
    "Petition",
    "PetitionStep",
    "PetitionTransfer",
    "Reception",
    "SealedIdentity",
    "SealedScan",
    "Sender",
    "Suspension",
]
