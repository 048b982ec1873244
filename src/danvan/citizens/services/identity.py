"""The sealed identity of a denouncer: who may reveal it, and the reveal itself, always with a reason, always logged
(binding interface: the identity helper owns this module)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.context import current_request_id
from danvan.core.errors import NotAllowed
from danvan.core.text import clean_text

from ..models import IdentityKeeper, IdentityReveal, Petition, SealedIdentity


def can_reveal(user, petition: Petition) -> bool:
    """A holder of the dedicated role on the unit handling the petition (not its parents, not a superuser)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return IdentityKeeper.objects.filter(user=user, unit_id=petition.unit_id).exists()


@transaction.atomic
def reveal_identities(actor, petition: Petition, *, reason: str, via: str = "page") -> list[SealedIdentity]:
    """The denouncers of `petition` for a keeper who stated why; the reveal is logged first."""
    if not can_reveal(actor, petition):
        raise NotAllowed(_("Bạn không được giao xem danh tính người tố cáo của đơn vị này."))
    errors: dict[str, list[str]] = {}
    reason = clean_text(
        reason, "reason", errors, required_message=_("Hãy nêu lý do cần xem danh tính."), limit=1000
    )
    if errors:
        raise ValidationError(errors)
    IdentityReveal.objects.create(
        petition=petition, user=actor, reason=reason, request_id=current_request_id(), via=via
    )
    return list(petition.sealed_identities.all())
