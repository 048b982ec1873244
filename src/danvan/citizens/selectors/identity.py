"""Reads of the sealed identity's pages: the denunciation a user may look at, the keepers of a unit and who may
become one, the reveal log. Never a sealed field outside `services.identity.reveal_identities`."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from danvan.accounts.models import User
from danvan.accounts.scope import visible_q

from ..models import IdentityKeeper, IdentityReveal, Petition, SealedScan


def petitions_in_scope(user) -> QuerySet[Petition]:
    """The petitions of the units in the user's scope (the register's own selector, at integration, is the same)."""
    return Petition.objects.filter(visible_q(user, "unit_path"))


def denunciation_for(user, pk: int) -> Petition:
    """A denunciation in the user's scope, or 404 (another kind of petition has no sealed identity)."""
    return get_object_or_404(
        petitions_in_scope(user).filter(kind=Petition.Kind.TO_CAO).select_related("unit"), pk=pk
    )


def scans_of(petition: Petition) -> QuerySet[SealedScan]:
    return petition.sealed_scans.order_by("uploaded_at", "id")


def keepers_of(unit) -> QuerySet[IdentityKeeper]:
    return (
        IdentityKeeper.objects.filter(unit=unit)
        .select_related("user", "granted_by")
        .order_by("user__username")
    )


def keeper_candidates(unit) -> QuerySet[User]:
    """Active users holding a role on the unit itself who are not keepers of it yet."""
    return (
        User.objects.filter(unit_roles__unit=unit, is_active=True)
        .exclude(identity_keeper_of__unit=unit)
        .distinct()
        .order_by("username")
    )


def reveals_of(unit) -> QuerySet[IdentityReveal]:
    """The reveal log of the petitions a unit handles itself, newest first."""
    return (
        IdentityReveal.objects.filter(petition__unit=unit)
        .select_related("user", "petition")
        .order_by("-at", "-id")
    )
