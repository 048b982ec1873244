"""Citizens and grassroots democracy (issue #12). Unit-owned rows copy their unit's `path` and province code, as in
`activities`; the services keep the copies in step."""

from .clocks import CalendarDay, CalendarYear, DayType, DeadlineRule
from .dialogues import Dialogue, DialogueQuestion
from .identity import IdentityKeeper, IdentityReveal, SealedIdentity, SealedScan
from .petitions import Attachment, Extension, Petition, PetitionStep, PetitionTransfer, Sender, Suspension
from .receptions import (
    Commitment,
    LeaderRole,
    ONLINE_FROM,
    Reception,
    ReceptionCitizen,
    ReceptionDuty,
    ReceptionRule,
    ReceptionSchedule,
)

__all__ = [
    "Attachment",
    "CalendarDay",
    "CalendarYear",
    "Commitment",
    "DayType",
    "DeadlineRule",
    "Dialogue",
    "DialogueQuestion",
    "Extension",
    "IdentityKeeper",
    "IdentityReveal",
    "LeaderRole",
    "ONLINE_FROM",
    "Petition",
    "PetitionStep",
    "PetitionTransfer",
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
