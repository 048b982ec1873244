"""The crowd of `danvan bench portal`: visitors (no account, no login) read the home and story pages through the
production server (`danvan serve`, as `danvan bench load` starts it) over the benchmark's million stories, twice:

- cold: the cache emptied, every request a page not rendered yet — the homes of all the sites and stories drawn from
  the busy site's whole archive — so each answer is built from the database;
- warm: the busy site's home and its 100 newest stories, each fetched once before the measurement, as a crowd
  reading the day's news does.

Each visitor keeps its cookies (its random visitor id, counted once a day), thinks an exponential time of the given
mean between pages, reads three stories for a home page. Prints requests/s, p50/p95/p99 and errors per page."""

import contextlib
import os
import urllib.error
import urllib.request

from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from danvan.portal.models import Article, Site

from .load import TARGET_P95, Server
from .traffic import Result, UserPlan, VirtualUser, drive

JOURNEYS = {"home page": 1, "story page": 3}
COLD_STORIES = 20_000
WARM_STORIES = 100
# Visitors start 0.05 s apart: nothing to hash, the ramp only keeps them from clicking in step.
SPACING = 0.05


class Visitor(VirtualUser):
    """A reader without an account: each journey is one page drawn from its pool."""

    pools: dict[str, list[str]] = {}

    def login(self) -> bool:
        return True

    def journey(self, name: str) -> None:
        self._timed(name, "GET", self.random.choice(self.pools[name]))


def home_url(site_slug: str) -> str:
    return reverse("portal_public:home", args=[site_slug])


def story_url(site_slug: str, slug: str) -> str:
    return reverse("portal_public:article", args=[site_slug, slug])


def pools(busy: Site, cold: bool) -> dict[str, list[str]]:
    live = Article.objects.live(timezone.now()).filter(site=busy)
    if cold:
        homes = [
            home_url(slug) for slug in Site.objects.filter(is_active=True).values_list("slug", flat=True)
        ]
        slugs = live.order_by("?").values_list("slug", flat=True)[:COLD_STORIES]
    else:
        homes = [home_url(busy.slug)]
        slugs = live.values_list("slug", flat=True)[:WARM_STORIES]
    return {"home page": homes, "story page": [story_url(busy.slug, slug) for slug in slugs]}


def warm_up(port: int, urls: list[str]) -> None:
    for url in urls:
        with contextlib.suppress(OSError, urllib.error.URLError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=30).read()


def run_load(options, stdout, busy: Site) -> bool:
    users, think, duration = options["users"], options["think"], options["duration"]
    plans = [UserPlan(f"visitor{n}", "", "", JOURNEYS, {}) for n in range(users)]
    passed = True
    with Server() as server:
        stdout.write(
            f"Server: {server.describe()}; {users} visitors, think {think:g} s, {duration:g} s a phase."
        )
        for phase in ("cold", "warm"):
            Visitor.pools = pools(busy, cold=phase == "cold")
            cache.clear()
            if phase == "warm":
                warm_up(server.port, [url for urls in Visitor.pools.values() for url in urls])
            connection.close()  # the bench's own connection stays out of the server's way
            result = drive(plans, server.port, think, duration, users * SPACING, server.cpu_seconds, Visitor)
            passed &= report(stdout, result, phase, users=users, think=think)
    return passed


def report(stdout, result: Result, phase: str, *, users: int, think: float) -> bool:
    header = ("page", "requests", "req/s", "p50 (ms)", "p95 (ms)", "p99 (ms)", "max (ms)", "errors")
    rows = [
        (
            f.name,
            str(f.requests),
            f"{f.per_second:.1f}",
            *(f"{t * 1000:.0f}" for t in (f.p50, f.p95, f.p99, f.maximum)),
            str(f.errors),
        )
        for f in [*sorted(result.pages, key=lambda f: f.name), result.overall]
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def fmt(row):
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )

    stdout.write(f"Cache {phase} ({result.seconds:.1f} s measured):")
    stdout.write(fmt(header))
    stdout.write("  ".join("-" * w for w in widths))
    for row in rows:
        stdout.write(fmt(row))
    overall = result.overall
    if overall.requests:
        stdout.write(
            f"CPU per request: server {result.server_cpu / overall.requests * 1000:.1f} ms "
            f"({result.server_cpu / result.seconds:.2f} of {os.cpu_count()} cores busy; "
            f"load average {os.getloadavg()[0]:.1f})."
        )
    for detail in result.errors():
        stdout.write(f"  error: {detail}")
    passed = result.error_count == 0 and overall.p95 < TARGET_P95
    if think > 0:
        stdout.write(
            f"Target, cache {phase} ({users} visitors, think {think:g} s): p95 < {TARGET_P95 * 1000:.0f} ms and "
            f"0 errors: " + ("PASS" if passed else "FAIL")
        )
    else:
        stdout.write(f"Saturation, cache {phase} (no think time): {overall.per_second:.1f} requests/s.")
    return passed
