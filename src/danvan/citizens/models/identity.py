"""The sealed identity of a denouncer (Luật Tố cáo art. 9 and 47): stored apart from the petition, read only by the
holders of the dedicated role on the handling unit after they state a reason, every reveal logged."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.orgunits.models import OrgUnit

from .petitions import Petition


def sealed_scan_path(scan, filename: str) -> str:
    """A random name on disk: the original name (which may name the denouncer) stays in the sealed row only."""
    extension = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"citizens/sealed/{secrets.token_hex(16)}.{extension}"


class SealedIdentity(models.Model):
    """One denouncer of a denunciation. Its `__str__` is masked: the change log and any list show only that."""

    # Never stored by the change log (core.changelog.snapshot and record_change mask them).
    SEALED_FIELDS = ("name", "address", "phone", "email", "id_number", "name_key")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="sealed_identities")
    name = models.CharField(_("họ và tên người tố cáo"), max_length=150)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    id_number = models.CharField(_("số định danh cá nhân"), max_length=20, blank=True)
    # The folded name, for duplicate detection inside the service only; never shown, never searched by lists.
    name_key = models.CharField(max_length=150, editable=False)

    class Meta:
        verbose_name = _("danh tính người tố cáo")
        verbose_name_plural = _("danh tính người tố cáo")
        ordering = ["id"]

    def __str__(self):
        return str(_("Người tố cáo (được giữ bí mật)"))


class SealedScan(models.Model):
    """A scan of the denunciation in the denouncer's hand (it identifies them): sealed with the identity."""

    SEALED_FIELDS = ("file", "original_name")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="sealed_scans")
    file = models.FileField(_("tệp"), upload_to=sealed_scan_path)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("dung lượng"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bản chụp đơn tố cáo")
        verbose_name_plural = _("bản chụp đơn tố cáo")

    def __str__(self):
        return str(_("Bản chụp đơn tố cáo (được giữ bí mật)"))


class IdentityKeeper(models.Model):
    """The dedicated role: a user allowed to reveal the denouncers of the denunciations a unit handles."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity_keeper_of"
    )
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("người được xem danh tính người tố cáo")
        verbose_name_plural = _("người được xem danh tính người tố cáo")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="identity_keeper_unique")]

    def __str__(self):
        return f"{self.user} — {self.unit}"


class IdentityReveal(models.Model):
    """Each time a keeper read a sealed identity: who, when, why, from which request."""

    class Via(models.TextChoices):
        PAGE = "page", _("trang danh tính")
        API = "api", _("API")
        DOWNLOAD = "download", _("tải bản chụp")

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="reveals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("lý do xem"))
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    request_id = models.CharField(max_length=64, blank=True)
    via = models.CharField(_("qua"), max_length=10, choices=Via.choices, default=Via.PAGE)
    # The scan downloaded, for a reveal by download.
    scan = models.ForeignKey(
        SealedScan,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("bản chụp"),
    )

    class Meta:
        verbose_name = _("lần xem danh tính người tố cáo")
        verbose_name_plural = _("lần xem danh tính người tố cáo")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.user} — {self.at:%d/%m/%Y %H:%M}"
