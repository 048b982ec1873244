"""What protects the public forms (feedback, consultation comments) from floods and robots: a limit per address, a
trap field that people never fill, a minimum time between opening a form and sending it, and a cap on links (binding
interface; the feedback helper owns this module).

Addresses are the client's real one (`REMOTE_ADDR` as `core.middleware.TrustedProxyMiddleware` leaves it); an IPv6
client is counted by its /64 (one household or phone gets a whole /64), and cache keys carry a hash, never input."""

import hashlib
import ipaddress
import re
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext as _

from danvan.core.middleware import client_address

TRAP_FIELD = "website"  # hidden from people by CSS; a robot filling every field fills it
STARTED_FIELD = "started"  # a signed time: when the form was drawn
MIN_FILL_SECONDS = (
    3  # nobody reads and writes a feedback faster; settings.DANVAN_PUBLIC_MIN_FILL_SECONDS overrides
)
MAX_FILL_SECONDS = 24 * 3600  # a form drawn the day before is drawn again
MAX_LINKS = 3
# (requests, seconds) per address; settings.DANVAN_PUBLIC_LIMITS overrides any of them.
LIMITS = {
    "feedback_send": (5, 3600),  # feedback sent (page and API together)
    "feedback_lookup": (60, 600),  # tracking pages and API lookups
}
_SALT = "danvan.citizens.antispam.started"
_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


def address_key(address: str) -> str:
    """The address as a counter counts it: an IPv4 address, an IPv6 /64; hashed."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        parsed = None
    if parsed is not None and parsed.version == 6 and parsed.ipv4_mapped is not None:
        parsed = parsed.ipv4_mapped
    if parsed is not None and parsed.version == 6:
        text = str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    elif parsed is not None:
        text = str(parsed)
    else:
        text = address or "-"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def over_limit(scope: str, address: str, *, limit: int, window_seconds: int) -> bool:
    """Counts one more request of `address` for `scope`; True once it made more than `limit` in the window."""
    key = f"antispam:{scope}:{address_key(address)}"
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, window_seconds)
        count = 1
    return count > limit


def limit_of(scope: str) -> tuple[int, int]:
    return {**LIMITS, **getattr(settings, "DANVAN_PUBLIC_LIMITS", {})}[scope]


def request_over_limit(request, scope: str) -> bool:
    """`over_limit` for the request's client address, by the limit of `scope` in `LIMITS`."""
    limit, window = limit_of(scope)
    return over_limit(scope, client_address(request), limit=limit, window_seconds=window)


def limited_message(scope: str) -> str:
    minutes = max(1, round(limit_of(scope)[1] / 60))
    return _("Bạn đã gửi quá nhiều lần trong thời gian ngắn. Hãy thử lại sau khoảng %(minutes)d phút.") % {
        "minutes": minutes
    }


def trap_message() -> str:
    return _("Không gửi được. Hãy tải lại trang và gửi lại.")


def started_token() -> str:
    """The value of the form's hidden `started` field: the time it was drawn, signed."""
    return signing.TimestampSigner(salt=_SALT).sign(str(int(time.time())))


def fill_time_problem(token: str) -> str | None:
    """A message when the form came back too soon after it was drawn (a robot), too late, or without a valid time;
    None when it is fine."""
    minimum = getattr(settings, "DANVAN_PUBLIC_MIN_FILL_SECONDS", MIN_FILL_SECONDS)
    try:
        signing.TimestampSigner(salt=_SALT).unsign(token or "", max_age=MAX_FILL_SECONDS)
        drawn = int((token or "").split(":", 1)[0])
    except (signing.BadSignature, ValueError):
        return _("Biểu mẫu đã hết hạn. Hãy tải lại trang và gửi lại.")
    if time.time() - drawn < minimum:
        return _("Bạn gửi quá nhanh. Hãy kiểm tra lại nội dung rồi bấm gửi lần nữa.")
    return None


def trapped(data) -> bool:
    """Whether the trap field came back filled."""
    return bool(str(data.get(TRAP_FIELD, "") or "").strip())


def too_many_links(text: str) -> bool:
    return len(_LINK.findall(text or "")) > MAX_LINKS


def links_message() -> str:
    return _("Nội dung có quá nhiều đường liên kết (tối đa %(count)d).") % {"count": MAX_LINKS}
