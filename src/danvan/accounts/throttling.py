"""Rate limits on authentication and on the API, counted in the shared cache (settings.CACHES).

Each limit is a django-ninja throttle whose rate is read from `settings.DANVAN_RATE_LIMITS[scope]` at every request,
keyed by the client address (`REMOTE_ADDR`, which the trusted-proxy middleware sets), the username tried or the API
user. The API answers 429 with `Retry-After` through ninja; the login page uses the same limits (`retry_after`).
"""

import hashlib
import json
import math
import threading

from django.conf import settings
from django.utils.translation import gettext as _
from ninja.throttling import SimpleRateThrottle

from danvan.core.middleware import client_address
from danvan.core.text import fold


def rate_limited_message(seconds: int) -> str:
    return _("Quá nhiều yêu cầu trong thời gian ngắn; hãy thử lại sau %(seconds)d giây.") % {
        "seconds": seconds
    }


def api_user(request) -> int | None:
    """The user the API request authenticated as (by token or session); anonymous requests are not counted."""
    auth = getattr(request, "auth", None)
    return getattr(auth, "pk", None)


def _hashed(username) -> str | None:
    """A username as a cache key: folded and hashed (cache keys never carry input)."""
    if not isinstance(username, str) or not username.strip():
        return None
    return hashlib.sha256(fold(username.strip()).encode()).hexdigest()


def username_in_form(request) -> str | None:
    """The username a login form names."""
    return _hashed(request.POST.get("username")) if request.method == "POST" else None


def email_in_form(request) -> str | None:
    """The address a password-recovery form names (counted like a username)."""
    return _hashed(request.POST.get("email")) if request.method == "POST" else None


def username_in_json(request) -> str | None:
    """The username a JSON body names (`POST /auth/token`), read before ninja validates the body."""
    if request.content_type != "application/json":
        return None
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return None
    return _hashed(body.get("username")) if isinstance(body, dict) else None


class RateLimit(SimpleRateThrottle):
    """At most `DANVAN_RATE_LIMITS[scope]` requests (e.g. "10/min") per key in a sliding window."""

    def __init__(self, scope: str, key=client_address):
        self.scope = scope
        self.key_of = key
        self._state = threading.local()

    # ninja keeps the current request's key, history and time on the throttle; one throttle serves every request
    # (runserver answers in threads), so these live per thread.
    key = property(lambda self: self._state.key, lambda self, value: setattr(self._state, "key", value))
    history = property(
        lambda self: self._state.history, lambda self, value: setattr(self._state, "history", value)
    )
    now = property(lambda self: self._state.now, lambda self, value: setattr(self._state, "now", value))

    def get_cache_key(self, request) -> str | None:
        ident = self.key_of(request)
        if not ident:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def allow_request(self, request) -> bool:
        self.rate = settings.DANVAN_RATE_LIMITS[self.scope]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def wait(self) -> float:
        """Seconds until the oldest counted request leaves the window (always a number: `Retry-After` is sent)."""
        if not self.history:
            return float(self.duration)
        return max(1.0, self.duration - (self.now - self.history[-1]))


LOGIN_LIMITS = [RateLimit("auth_address"), RateLimit("auth_username", key=username_in_form)]
# Password recovery: the login's limits, per address and per e-mail address asked for.
RESET_LIMITS = [RateLimit("auth_address"), RateLimit("auth_username", key=email_in_form)]
TOKEN_LIMITS = [RateLimit("auth_address"), RateLimit("auth_username", key=username_in_json)]
API_LIMITS = [RateLimit("api_address"), RateLimit("api_user", key=api_user)]


def retry_after(request, limits) -> int | None:
    """Counts the request against `limits`: None when it is within them all, else the seconds to wait."""
    waits = [limit.wait() for limit in limits if not limit.allow_request(request)]
    return math.ceil(max(waits)) if waits else None
