"""Visitor statistics of the public sites without personal data (issue #13, Nghị định 13/2023/NĐ-CP).

A visitor is a random id in a cookie (`dv_visitor`), nothing else: no address, user agent or account is read for
it, stored or logged. "Online now" and "already counted today" are kept in the cache only, and only as HMACs of
that id under a salt that changes every day (so yesterday's keys cannot be linked to today's). The database keeps a
count per site and day (`VisitDay`), raised by one UPDATE … SET n = n + 1 (the row made on the day's first visit,
safely against a concurrent first visit)."""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from danvan.portal.models import Site, VisitDay

COOKIE = "dv_visitor"
COOKIE_AGE = 365 * 24 * 3600
ONLINE_WINDOW = 300  # seconds: a visitor seen in the last five minutes is online
STATS_SECONDS = 60
_ROBOTS = ("bot", "crawl", "spider", "slurp", "preview", "monitor")


def visitor_id(request) -> str:
    """The random id of the visitor's cookie, or a new one (the response sets it: `remember_visitor`)."""
    value = request.COOKIES.get(COOKIE, "")
    if len(value) == 32 and value.isalnum():
        return value
    if not getattr(request, "new_visitor_id", ""):
        request.new_visitor_id = secrets.token_hex(16)
    return request.new_visitor_id


def remember_visitor(request, response) -> None:
    if getattr(request, "new_visitor_id", ""):
        response.set_cookie(
            COOKIE,
            request.new_visitor_id,
            max_age=COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )


def keyed_hash(purpose: str, value: str) -> str:
    """An HMAC of `value` under the server's secret and a purpose: the same visitor has a stable hash for one
    purpose (a rating) and an unrelated one for another (today's counting)."""
    key = hmac.new(settings.SECRET_KEY.encode(), purpose.encode(), hashlib.sha256).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:40]


def _is_robot(request) -> bool:
    agent = request.META.get("HTTP_USER_AGENT", "")[:300].lower()
    return any(word in agent for word in _ROBOTS)


def _incr(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout=timeout)
        return 1


def count_visit(site: Site, request, now: datetime.datetime | None = None) -> None:
    """A page view of the site: the day's views + 1, its visitors + 1 on the visitor's first view of the day, and
    the visitor marked online for five minutes. Robots are not counted."""
    if _is_robot(request):
        return
    now = now or timezone.now()
    day = timezone.localdate(now)
    visitor = keyed_hash(f"visits:{day.isoformat()}", visitor_id(request))
    first_today = cache.add(f"portal:counted:{site.pk}:{day}:{visitor}", 1, timeout=26 * 3600)
    window = int(now.timestamp()) // ONLINE_WINDOW
    if cache.add(f"portal:online:{site.pk}:{window}:{visitor}", 1, timeout=2 * ONLINE_WINDOW):
        _incr(f"portal:online:{site.pk}:{window}", 2 * ONLINE_WINDOW)
    add_visit(site.pk, day, new_visitor=first_today)


def add_visit(site_id: int, day: datetime.date, *, new_visitor: bool) -> None:
    changes = {"views": F("views") + 1, "visitors": F("visitors") + int(new_visitor)}
    if VisitDay.objects.filter(site_id=site_id, day=day).update(**changes):
        return
    try:
        with transaction.atomic():
            VisitDay.objects.create(site_id=site_id, day=day, views=1, visitors=int(new_visitor))
    except IntegrityError:  # a concurrent first visit made the row
        VisitDay.objects.filter(site_id=site_id, day=day).update(**changes)


def online_now(site_id: int, now: datetime.datetime | None = None) -> int:
    """The distinct visitors of this five minutes, or of the previous five when more (the window just began)."""
    window = int((now or timezone.now()).timestamp()) // ONLINE_WINDOW
    counts = cache.get_many([f"portal:online:{site_id}:{window}", f"portal:online:{site_id}:{window - 1}"])
    return max(counts.values(), default=0)


def visit_stats(site_id: int, now: datetime.datetime | None = None) -> dict:
    """Online now, today, this week (from Monday), all time: distinct visitors per day, summed; the sums cached a
    minute."""
    today = timezone.localdate(now)
    key = f"portal:visit-stats:{site_id}:{today}"
    stats = cache.get(key)
    if stats is None:
        monday = today - datetime.timedelta(days=today.weekday())
        days = VisitDay.objects.filter(site_id=site_id)
        stats = {
            "today": days.filter(day=today).aggregate(n=Sum("visitors"))["n"] or 0,
            "week": days.filter(day__gte=monday).aggregate(n=Sum("visitors"))["n"] or 0,
            "total": days.aggregate(n=Sum("visitors"))["n"] or 0,
        }
        cache.set(key, stats, timeout=STATS_SECONDS)
    return {"online": online_now(site_id, now), **stats}
