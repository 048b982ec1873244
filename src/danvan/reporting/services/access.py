"""Who may define forms and indicators, enter a unit's figures, and approve its reports."""

from danvan.accounts.scope import Role, has_role_on
from danvan.orgunits.models import OrgUnit


def can_define(user, owner: OrgUnit | None) -> bool:
    """Indicators and forms are defined by an admin of the issuing unit; national ones by a superuser."""
    if owner is None:
        return bool(getattr(user, "is_superuser", False))
    return has_role_on(user, Role.ADMIN, owner.path)


def can_enter(user, unit: OrgUnit) -> bool:
    return has_role_on(user, Role.EDITOR, unit.path)


def can_approve(user, unit: OrgUnit) -> bool:
    """An approver of the parent unit (or above) approves, returns and reopens a unit's report."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    parent = unit.parent
    return parent is not None and has_role_on(user, Role.APPROVER, parent.path)
