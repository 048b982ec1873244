"""Who may record and change what in the activities: roles on units (DESIGN §4.1), as for the other apps."""

from danvan.accounts.models import Role
from danvan.accounts.scope import has_role_on
from danvan.orgunits.models import OrgUnit


def can_edit(user, unit: OrgUnit) -> bool:
    """Recording a unit's meetings, inspections, situation reports, calendar and people: an editor of it or above."""
    return has_role_on(user, Role.EDITOR, unit.path)


def can_approve(user, unit: OrgUnit) -> bool:
    return has_role_on(user, Role.APPROVER, unit.path)


def user_or_none(actor):
    """The actor as a user row to store beside a change (None for a command run without a user)."""
    return actor if getattr(actor, "is_authenticated", False) else None
