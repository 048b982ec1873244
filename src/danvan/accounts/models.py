import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.core.text import fold


class Role(models.TextChoices):
    VIEWER = "viewer", _("Xem")
    EDITOR = "editor", _("Nhập liệu, biên tập")
    APPROVER = "approver", _("Phê duyệt")
    ADMIN = "admin", _("Quản trị đơn vị")


ROLE_RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.APPROVER: 3, Role.ADMIN: 4}


class User(AbstractUser):
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    search_key = models.CharField(max_length=500, blank=True, editable=False, db_index=True)
    # Set when an administrator creates the account or resets its password: the user must choose their own
    # password before doing anything else (accounts.middleware.PasswordChangeRequiredMiddleware).
    must_change_password = models.BooleanField(_("phải đổi mật khẩu"), default=False)
    # The unread notifications, kept by danvan.notifications.services so the top bar's count costs no query
    # (the user's row is read on every request anyway).
    unread_notifications = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["username"]

    def __str__(self):
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.search_key = fold(f"{self.username} {self.full_name} {self.email}")[:500]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        elif not self._state.adding:
            # The unread count is kept by the notification services with UPDATE … + 1: saving a user read earlier
            # must not write back a stale count.
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "unread_notifications"
            ]
        password_changed = self._password is not None  # set_password() was called (Django's own marker)
        super().save(*args, **kwargs)
        if password_changed:
            # A new password ends every API token, however it was set (our services log the revocations first;
            # this also covers Django's admin and `danvan changepassword`).
            self.api_tokens.all().delete()

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class UnitRole(TimeStampedModel):
    """A role held on a unit; it covers the unit's whole subtree (DESIGN §4.1)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unit_roles")
    unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="user_roles"
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="unitrole_one_role_per_unit")]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token of one device (its name); only its hash is stored, the key is shown once.

    A token expires (`DANVAN_TOKEN_DAYS`), is replaced when its device asks again, and is deleted when revoked or
    when its user's password changes."""

    PREFIX = "dvs_"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên"), max_length=100, default="API")
    key_hash = models.CharField(max_length=64, unique=True)
    key_prefix = models.CharField(_("mở đầu"), max_length=12)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    expires_at = models.DateTimeField(_("hết hạn"))

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="apitoken_one_per_device_name")]

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @classmethod
    def new_key(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

    @classmethod
    def hash_key(cls, key: str) -> str:
        return _hash(key)
