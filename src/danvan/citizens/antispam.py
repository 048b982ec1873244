"""What protects the public forms (feedback, consultation comments) from floods and robots: a limit per address
and a trap field that people never fill (binding interface; the feedback helper owns this module)."""

from django.core.cache import cache
from django.utils.translation import gettext as _

TRAP_FIELD = "website"  # hidden from people by CSS; a robot filling every field fills it


def over_limit(scope: str, address: str, *, limit: int, window_seconds: int) -> bool:
    """Counts one more request of `address` for `scope`; True once it made more than `limit` in the window."""
    key = f"antispam:{scope}:{address}"
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, window_seconds)
        count = 1
    return count > limit


def trap_message() -> str:
    return _("Không gửi được. Hãy tải lại trang và gửi lại.")
