"""Who may do what in the citizens' module: small predicates over the roles on units (docs/architecture.md, Scope)."""

from danvan.accounts.models import Role
from danvan.accounts.scope import has_role_on
from danvan.orgunits.models import OrgUnit


def can_handle(user, unit: OrgUnit) -> bool:
    """Registering and handling a unit's petitions, receptions, dialogues, publicity and consultations: an editor of
    the unit or above."""
    return has_role_on(user, Role.EDITOR, unit.path)


def can_decide(user, unit: OrgUnit) -> bool:
    """Setting a unit's service level, its reception schedule, granting the identity keeper's role: an approver."""
    return has_role_on(user, Role.APPROVER, unit.path)
