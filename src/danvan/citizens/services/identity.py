"""The sealed identity of a denouncer (Luật Tố cáo art. 9 and 47; QĐ 774/QĐ-TTg): who may reveal it, the reveal
itself — always with a reason, always logged as an `IdentityReveal` — and the handwriting scans, uploaded and opened
only by a keeper (binding interface: `can_reveal` and `reveal_identities` keep their signatures).

Every function here is under `sensitive_variables()`: a crash while one runs leaves no name, address or reason in
Django's error report (the variables of this frame and of every frame it calls are starred)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from danvan.accounts.models import Role, UnitRole
from danvan.core.changelog import record_change, snapshot
from danvan.core.context import current_request_id
from danvan.core.errors import NotAllowed
from danvan.core.text import clean_text
from danvan.core.uploads import check_upload
from danvan.notifications.models import Kind
from danvan.notifications.services import notify

from ..models import IdentityKeeper, IdentityReveal, Petition, SealedIdentity, SealedScan
from .access import can_decide

REASON_MAX = 1000
MAX_SCANS = 20


def can_reveal(user, petition: Petition) -> bool:
    """A holder of the dedicated role on the unit handling the petition (not its parents, not a superuser)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return IdentityKeeper.objects.filter(user=user, unit_id=petition.unit_id).exists()


def _reason(reason) -> str:
    errors: dict[str, list[str]] = {}
    text = clean_text(
        reason, "reason", errors, required_message=_("Hãy nêu lý do cần xem danh tính."), limit=REASON_MAX
    )
    if errors:
        raise ValidationError(errors)
    return text


def _tell_overseers(actor, petition: Petition) -> None:
    """The unit's approvers and admins (other than the keeper) learn that someone looked, on commit: who and which
    petition, never whom they saw nor why (the reason is on the reveal log, for those who may read it)."""
    overseers = [
        held.user
        for held in UnitRole.objects.filter(
            unit_id=petition.unit_id, role__in=(Role.APPROVER, Role.ADMIN)
        ).select_related("user")
        if held.user_id != actor.pk
    ]
    if not overseers:
        return
    title = _("Có người xem danh tính người tố cáo")
    body = _("%(user)s đã xem danh tính người tố cáo của đơn số %(number)s/%(year)s.") % {
        "user": actor.get_full_name() or actor.username,
        "number": petition.number,
        "year": petition.year,
    }
    link = f"{reverse('citizens:identity_reveal_log')}?unit={petition.unit_id}"
    transaction.on_commit(lambda: notify(overseers, Kind.IDENTITY_REVEAL, title, body, link))


def _log_reveal(actor, petition: Petition, reason: str, via: str, scan: SealedScan | None = None):
    if via not in IdentityReveal.Via.values:
        raise ValueError(f"unknown reveal channel {via!r}")
    IdentityReveal.objects.create(
        petition=petition, user=actor, reason=reason, request_id=current_request_id(), via=via, scan=scan
    )
    _tell_overseers(actor, petition)


@sensitive_variables()
@transaction.atomic
def reveal_identities(actor, petition: Petition, *, reason: str, via: str = "page") -> list[SealedIdentity]:
    """The denouncers of `petition` for a keeper who stated why; the reveal is logged first. A non-keeper gets
    NotAllowed and nothing is logged."""
    if not can_reveal(actor, petition):
        raise NotAllowed(_("Bạn không được giao xem danh tính người tố cáo của đơn vị này."))
    reason = _reason(reason)
    _log_reveal(actor, petition, reason, via)
    return list(petition.sealed_identities.all())


@sensitive_variables()
@transaction.atomic
def add_scan(actor, petition: Petition, upload) -> SealedScan:
    """A keeper files a scan of the denunciation in the denouncer's hand: stored under a random name, logged masked."""
    if not can_reveal(actor, petition):
        raise NotAllowed(_("Bạn không được giao xem danh tính người tố cáo của đơn vị này."))
    if not petition.is_denunciation:
        raise ValidationError({"file": _("Chỉ đơn tố cáo mới có bản chụp được giữ bí mật.")})
    if petition.sealed_scans.count() >= MAX_SCANS:
        raise ValidationError({"file": _("Mỗi đơn có tối đa %(count)d bản chụp.") % {"count": MAX_SCANS}})
    checked = check_upload(upload, "file")
    scan = SealedScan(
        petition=petition, original_name=checked.name, content_type=checked.content_type, size=checked.size
    )
    scan.file.save(f"scan{checked.extension}", upload, save=False)
    scan.save()
    record_change(actor, "create", scan, None, snapshot(scan), unit=petition.unit)
    return scan


@sensitive_variables()
@transaction.atomic
def open_scan(actor, scan: SealedScan, *, reason: str) -> SealedScan:
    """A keeper downloads a scan: a reveal like any other, logged with its reason, by download."""
    petition = scan.petition
    if not can_reveal(actor, petition):
        raise NotAllowed(_("Bạn không được giao xem danh tính người tố cáo của đơn vị này."))
    reason = _reason(reason)
    _log_reveal(actor, petition, reason, IdentityReveal.Via.DOWNLOAD, scan=scan)
    return scan


# --- the dedicated role ------------------------------------------------------------------------------------------


def can_manage_keepers(user, unit) -> bool:
    """Granting and revoking the keeper's role on a unit: its approvers and admins (or above)."""
    return can_decide(user, unit)


def can_read_reveals(user, unit) -> bool:
    """The reveal log of a unit: its approvers (or above) and its keepers."""
    return can_decide(user, unit) or (
        getattr(user, "is_authenticated", False)
        and IdentityKeeper.objects.filter(user=user, unit=unit).exists()
    )


@transaction.atomic
def grant_keeper(actor, *, user, unit) -> IdentityKeeper:
    """Gives `user` the keeper's role on `unit`: only to someone holding a role on that very unit."""
    if not can_manage_keepers(actor, unit):
        raise NotAllowed(_("Chỉ lãnh đạo phê duyệt hoặc quản trị của đơn vị mới giao được vai trò này."))
    if user is not None and user.pk == actor.pk:
        raise ValidationError(
            {"user": _("Không tự giao vai trò này cho chính mình: cần một lãnh đạo khác giao.")}
        )
    if user is None or not UnitRole.objects.filter(user=user, unit=unit).exists():
        raise ValidationError({"user": _("Chỉ giao cho người đang có vai trò trên chính đơn vị này.")})
    if not user.is_active:
        raise ValidationError({"user": _("Tài khoản này đã bị khóa.")})
    if IdentityKeeper.objects.filter(user=user, unit=unit).exists():
        raise ValidationError({"user": _("Người này đã được giao vai trò này.")})
    keeper = IdentityKeeper.objects.create(user=user, unit=unit, granted_by=actor)
    record_change(actor, "create", keeper, None, snapshot(keeper), unit=unit)
    title = _("Bạn được giao xem danh tính người tố cáo")
    body = _("Đơn vị: %(unit)s. Mỗi lần xem phải nêu lý do và được ghi lại.") % {"unit": unit.name}
    link = reverse("accounts:profile")
    transaction.on_commit(lambda: notify([user], Kind.IDENTITY_KEEPER, title, body, link))
    return keeper


@transaction.atomic
def revoke_keeper(actor, keeper: IdentityKeeper) -> None:
    if not can_manage_keepers(actor, keeper.unit):
        raise NotAllowed(_("Chỉ lãnh đạo phê duyệt hoặc quản trị của đơn vị mới thu hồi được vai trò này."))
    locked = IdentityKeeper.objects.select_for_update(of=("self",)).filter(pk=keeper.pk).first()
    if locked is None:
        return
    before = snapshot(locked)
    record_change(actor, "delete", locked, before, None, unit=keeper.unit)
    locked.delete()
    user, unit = keeper.user, keeper.unit
    title = _("Bạn thôi được giao xem danh tính người tố cáo")
    body = _("Đơn vị: %(unit)s.") % {"unit": unit.name}
    transaction.on_commit(
        lambda: notify([user], Kind.IDENTITY_KEEPER, title, body, reverse("accounts:profile"))
    )
