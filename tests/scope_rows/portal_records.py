"""Scope rows of the portal's "Viết tin": a story drafted from a held meeting of the owning commune, and the meeting
page's "Tin bài" block."""

from danvan.activities import services
from danvan.portal.models import Category, Site

from .. import factories
from .common import LOGIN, PRIVATE, row

STORY = {"kind": "record_kind_slug", "pk": "news_meeting"}

# fmt: off
ROWS: list = [
    row("portal:write_story",     "GET",  LOGIN, 404, 200, **STORY),
    row("portal:write_story",     "POST", LOGIN, 404, 302, **STORY, data={"category": "@news_category"}),
    row("portal:record_stories",  "GET",  LOGIN, 404, 200, **STORY),
]
# fmt: on


def build(world: dict) -> dict:
    """A category of the commune's site (the back office's rows made the site, when they ran first), and a held
    meeting of the commune (names carry PRIVATE)."""
    commune, owner = world["commune"], world["owner"]
    site = Site.objects.filter(unit=commune).first() or Site.objects.create(
        unit=commune, unit_path=commune.path, slug="ma-tran", name=f"Trang {PRIVATE}"
    )
    category = Category.objects.create(site=site, name="Tin hoạt động", slug="tin-hoat-dong-ma-tran")
    meeting = factories.meeting(owner, commune, f"Giao ban {PRIVATE}")
    services.meeting_transition(owner, meeting, "hold")
    return {"record_kind_slug": "hoi-nghi", "news_meeting": meeting, "news_category": category}
