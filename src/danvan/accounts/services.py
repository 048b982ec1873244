"""Every write to users, roles and tokens: checked, atomic, logged."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.text import nfc

from .models import ROLE_RANK, ApiToken, Role, UnitRole, User
from .scope import has_role_on
from .selectors import NOT_IN_SCOPE_MESSAGE, users_manageable_by

USER_FIELDS = ("username", "full_name", "email", "position", "phone", "is_active")


def can_manage_user(actor, user: User) -> bool:
    """A superuser manages everyone; a unit admin manages users whose every role lies in their subtree."""
    if actor.is_superuser:
        return True
    if user.is_superuser:
        return False
    paths = list(user.unit_roles.values_list("unit__path", flat=True))
    return bool(paths) and all(has_role_on(actor, Role.ADMIN, path) for path in paths)


def _unit_of(user: User):
    role = user.unit_roles.select_related("unit").order_by("unit__depth").first()
    return role.unit if role else None


@transaction.atomic
def create_user(actor, *, unit, role: str, password: str, **fields) -> User:
    """Creates a user holding `role` on `unit`; the actor must be an admin of that unit."""
    if not has_role_on(actor, Role.ADMIN, unit.path):
        raise NotAllowed(_("Bạn không có quyền tạo người dùng cho %(unit)s.") % {"unit": unit.name})
    user = User(**{k: v for k, v in fields.items() if k in USER_FIELDS})
    user.username = (user.username or "").strip()
    user.full_name = nfc(user.full_name)
    errors = {}
    if not user.username:
        errors["username"] = [_("Tên đăng nhập không được để trống.")]
    elif User.objects.filter(username__iexact=user.username).exists():
        errors["username"] = [_("Tên đăng nhập “%(u)s” đã có người dùng.") % {"u": user.username}]
    try:
        validate_password(password, user)
    except ValidationError as error:
        errors["password"] = list(error.messages)
    if role not in Role.values:
        errors["role"] = [_("Vai trò không hợp lệ.")]
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    # The administrator knows this password: the user chooses their own at the first login.
    user.must_change_password = True
    user.save()
    record_change(actor, "create", user, None, snapshot(user), unit=unit)
    _give_role(actor, user, unit, role)
    return user


@transaction.atomic
def update_user(actor, user: User, **changes) -> User:
    if not can_manage_user(actor, user):
        raise NotAllowed(_("Bạn không có quyền sửa người dùng %(u)s.") % {"u": user.username})
    if user.pk == actor.pk and changes.get("is_active") is False:
        raise ValidationError({"is_active": _("Bạn không thể tự khóa tài khoản của mình.")})
    before = snapshot(user)
    for field, value in changes.items():
        if field in USER_FIELDS and field != "username":
            setattr(user, field, nfc(value) if isinstance(value, str) else value)
    user.save()
    after = snapshot(user)
    if after != before:
        record_change(actor, "update", user, before, after, unit=_unit_of(user))
    return user


@transaction.atomic
def set_password(actor, user: User, password: str) -> User:
    if actor.pk != user.pk and not can_manage_user(actor, user):
        raise NotAllowed(_("Bạn không có quyền đặt mật khẩu cho %(u)s.") % {"u": user.username})
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": list(error.messages)}) from error
    # A new password ends every token (logged here; User.save deletes them) and the user's sessions (Django checks
    # the password's hash on each request), except the one changing its own password, which the view keeps.
    _revoke_all_tokens(actor, user)
    user.set_password(password)
    # A password an administrator set is theirs too: the user replaces it at the next login.
    user.must_change_password = actor.pk != user.pk
    user.save(update_fields=["password", "must_change_password"])
    record_change(actor, "update", user, {"password": "••••"}, {"password": _("đã đổi")}, unit=_unit_of(user))
    return user


@transaction.atomic
def assign_role(actor, user: User, unit, role: str) -> UnitRole:
    """Gives `user` the role on `unit` (replacing a role they held there). An admin can grant up to admin, to users
    of their own subtree only (a superuser to anyone)."""
    if not has_role_on(actor, Role.ADMIN, unit.path):
        raise NotAllowed(_("Bạn không có quyền phân quyền trên %(unit)s.") % {"unit": unit.name})
    if not users_manageable_by(actor).filter(pk=user.pk).exists():
        raise ValidationError({"username": NOT_IN_SCOPE_MESSAGE})
    return _give_role(actor, user, unit, role)


def _give_role(actor, user: User, unit, role: str) -> UnitRole:
    """Gives the role; the caller has checked that the actor administers `unit`."""
    if role not in ROLE_RANK:
        raise ValidationError({"role": _("Vai trò không hợp lệ.")})
    if user.is_superuser and not actor.is_superuser:
        raise NotAllowed(_("Chỉ quản trị hệ thống mới phân quyền cho quản trị hệ thống."))
    existing = UnitRole.objects.filter(user=user, unit=unit).first()
    before = snapshot(existing) if existing else None
    held, _created = UnitRole.objects.update_or_create(user=user, unit=unit, defaults={"role": role})
    record_change(actor, "update" if before else "create", held, before, snapshot(held), unit=unit)
    user.__dict__.pop("_danvan_scope", None)
    return held


@transaction.atomic
def remove_role(actor, held: UnitRole) -> None:
    if not has_role_on(actor, Role.ADMIN, held.unit.path):
        raise NotAllowed(_("Bạn không có quyền phân quyền trên %(unit)s.") % {"unit": held.unit.name})
    record_change(actor, "delete", held, snapshot(held), None, unit=held.unit)
    held.delete()


def _token_words(token: ApiToken) -> dict:
    return {
        "name": token.name,
        "key_prefix": token.key_prefix,
        "expires_at": timezone.localtime(token.expires_at).strftime("%d/%m/%Y %H:%M"),
    }


@transaction.atomic
def issue_api_token(user: User, name: str = "API") -> tuple[ApiToken, str]:
    """Gives `user` a token for the device `name`; returns it and its key: the only time the key is seen.

    One token per device name: asking again replaces that device's token (the old key stops working)."""
    name = nfc(name).strip()[:100] or "API"
    key = ApiToken.new_key()
    fresh = {
        "key_hash": ApiToken.hash_key(key),
        "key_prefix": key[:10],
        "created_at": timezone.now(),
        "expires_at": timezone.now() + timedelta(days=settings.DANVAN_TOKEN_DAYS),
        "last_used_at": None,
    }
    User.objects.select_for_update().filter(
        pk=user.pk
    ).first()  # one device's two requests queue, not collide
    token = ApiToken.objects.filter(user=user, name=name).first()
    before = _token_words(token) if token else None
    if token is None:
        token = ApiToken(user=user, name=name)
    for field, value in fresh.items():
        setattr(token, field, value)
    token.save()
    record_change(
        user, "update" if before else "create", token, before, _token_words(token), unit=_unit_of(user)
    )
    return token, key


def can_revoke_token(actor, token: ApiToken) -> bool:
    return token.user_id == actor.pk or can_manage_user(actor, token.user)


@transaction.atomic
def revoke_api_token(actor, token: ApiToken) -> None:
    """Revokes one token: its owner, or an admin who manages the owner."""
    if not can_revoke_token(actor, token):
        raise NotAllowed(_("Bạn không có quyền thu hồi mã truy cập này."))
    record_change(actor, "delete", token, _token_words(token), None, unit=_unit_of(token.user))
    token.delete()


def _revoke_all_tokens(actor, user: User) -> None:
    unit = _unit_of(user)
    for token in ApiToken.objects.filter(user=user):
        record_change(actor, "delete", token, _token_words(token), None, unit=unit)
        token.delete()
