"""Scope rows of the activities: calendar.

The two feed addresses answer without sign-in by design (a calendar program cannot sign in): the secret one to
whoever holds its token, the public one for a unit that chose to publish. Their rows name a hamlet of the commune
whose calendar is meant to be read that way, so neither its name nor its entry carries PRIVATE; every other row
names the commune and its entry (PRIVATE), which the anonymous visitor and the other commune's editor never see."""

import datetime

from django.utils import timezone

from danvan.activities import services
from tests import factories

from .common import LOGIN, PRIVATE, row

IN_COMMUNE = "unit=@commune"
NEW_ENTRY = {"unit": "@commune", "starts_at": "2026-12-03T07:30:00+07:00", "title": "Lịch qua API"}

# fmt: off
ROWS: list = [
    row("activities:calendar_week",            "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:calendar_print",           "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:calendar_docx",            "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:calendar_entry_add",       "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:calendar_entry_add",       "POST", LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:calendar_copy",            "POST", LOGIN, 404, 302, query=IN_COMMUNE),
    row("activities:calendar_entry_edit",      "GET",  LOGIN, 404, 200, pk="calendar_entry"),
    row("activities:calendar_entry_edit",      "POST", LOGIN, 404, 200, pk="calendar_entry"),
    row("activities:calendar_entry_cancel",    "GET",  LOGIN, 404, 200, pk="calendar_entry"),
    row("activities:calendar_entry_cancel",    "POST", LOGIN, 404, 200, pk="calendar_entry"),
    row("activities:calendar_entry_history",   "GET",  LOGIN, 404, 200, pk="calendar_entry"),
    row("activities:calendar_feeds",           "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:calendar_feeds",           "POST", LOGIN, 404, 302, query=IN_COMMUNE, data={"action": "create"}),
    # No sign-in: the token is the secret (a wrong one is 404: tests/activities/test_calendar_feeds.py).
    row("activities:calendar_feed",            "GET",  200,   200, 200, token="calendar_feed_token"),
    # No sign-in: the unit chose to publish its calendar (404 otherwise: test_calendar_feeds.py).
    row("activities:calendar_public_feed",     "GET",  200,   200, 200, unit_id="calendar_public_unit"),
    row("api:calendar_week_items",             "GET",  401,   404, 200, query=IN_COMMUNE),
    row("api:add_calendar_entry",              "POST", 401,   404, 201, data=NEW_ENTRY),
]
# fmt: on


def build(world: dict) -> dict:
    """The commune's entry (PRIVATE), and a hamlet whose calendar is read at its secret and its public address."""
    owner, commune = world["owner"], world["commune"]
    today = timezone.localdate()
    starts_at = timezone.make_aware(datetime.datetime.combine(today, datetime.time(8)))
    entry = services.add_entry(owner, unit=commune, starts_at=starts_at, title=f"Giao ban {PRIVATE}")
    public = factories.hamlet(commune, "Tổ dân phố Lịch Công Khai")
    services.add_entry(owner, unit=public, starts_at=starts_at, title="Họp tổ dân phố")
    feed = services.feed_for(owner, public)
    services.set_feed_public(owner, feed, True)
    return {"calendar_entry": entry, "calendar_feed_token": feed.token, "calendar_public_unit": public}
