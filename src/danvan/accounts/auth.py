from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer

from .models import ApiToken

EXPIRED_MESSAGE = "Mã truy cập đã hết hạn: hãy xin mã mới (POST /api/v1/auth/token)."


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` with a personal API token; an unknown or revoked one is refused (401), an
    expired one is refused saying so."""

    def authenticate(self, request, token):
        if not token or not token.startswith(ApiToken.PREFIX):
            return None
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), user__is_active=True)
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        if found.expires_at <= now:
            raise HttpError(401, EXPIRED_MESSAGE)
        # Last use is saved at most once a minute per token: a small write on some authenticated reads, accepted
        # (it is the token's own bookkeeping, like a session's) rather than a write on every request.
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user
