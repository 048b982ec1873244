"""The demo's public sites: the Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng's site holds a year of news, most of it
written from the demo's work records by "Viết tin", the five seed articles read back as archived stories linked to
their events, and stories in every state of the review; the ward has its own site. Loaded once by `danvan demo`."""

import datetime

import pytest
from django.utils import timezone

from danvan.accounts.models import User
from danvan.accounts.scope import Role
from danvan.activities.models import Meeting
from danvan.demo.activities import load_demo_activities
from danvan.demo.portal import load_demo_portal
from danvan.demo.practices import load_demo_practices
from danvan.portal.access import can_approve, can_write_in
from danvan.portal.models import Article, Site

from .. import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(units, superuser):
    """What the sites are written from (the practices' and the activities' demo, the demo's users), then the sites;
    the citizens' and the reports' demo play no part (`test_demo.py` loads the whole demo twice)."""
    load_demo_practices()
    factories.user("caobang", units["cao_bang"], Role.ADMIN, full_name="Cán bộ Ban Tuyên giáo và Dân vận")
    factories.user("bientap", units["cao_bang"], Role.EDITOR, full_name="Lương Thu Hà")
    factories.user("thucphan", units["thuc_phan"], Role.EDITOR, full_name="Cán bộ phường Thục Phán")
    load_demo_activities(superuser)
    return load_demo_portal(superuser)


def test_the_province_site_has_a_year_of_news_from_the_records_the_seeds_and_its_editors(
    demo, units, superuser
):
    assert demo["loaded"] and not load_demo_portal(superuser)["loaded"]
    site = Site.objects.get(slug="btgdv-cao-bang")
    assert site.unit == units["cao_bang"] and site.name == "Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng"
    assert (
        site.pages.count() == 3
        and site.documents.count() >= 5
        and site.links.exists()
        and site.images.count() >= 5
    )
    front = site.categories.get(slug="mat-tran-doan-the")
    assert front.editor_unit.name == "Ủy ban MTTQ Việt Nam tỉnh Cao Bằng"

    now = timezone.now()
    stories = Article.objects.filter(site=site)
    live = stories.live(now)
    assert 60 <= stories.count() <= 120
    assert live.filter(publish_at__gte=now - datetime.timedelta(days=366)).count() >= 50
    assert live.filter(origin="record", record_kind="meeting").count() >= 10
    assert live.filter(origin="record", record_kind="practice").exists()
    assert live.filter(is_hot=True).exists() and live.filter(is_featured=True).exists()
    assert stories.filter(status="published", publish_at__gt=now).count() == 1  # scheduled
    assert stories.filter(status="submitted").count() == 1
    assert stories.get(status="returned").rejection_reason

    # The seeds: archived, published at their own dates, found without accents, linked to the demo's meetings.
    seeds = live.filter(origin="imported")
    assert seeds.count() == 5
    assert seeds.filter(search_key__contains="dan van kheo").exists()
    so_ket = seeds.get(publish_at__date__range=(datetime.date(2021, 7, 22), datetime.date(2021, 7, 23)))
    meeting = Meeting.objects.get(pk=so_ket.record_id)
    assert so_ket.record_kind == "meeting" and meeting.organizer == units["tp_cao_bang_ban"]

    # The editor writes and cannot publish; the province's administrator publishes.
    bientap, caobang = User.objects.get(username="bientap"), User.objects.get(username="caobang")
    assert can_write_in(bientap, site.categories.get(slug="tin-hoat-dong")) and not can_approve(bientap, site)
    assert can_approve(caobang, site)
    assert Site.objects.get(unit=units["thuc_phan"]).articles.live(now).count() == 4


def test_a_visitor_finds_the_seed_stories_by_searching_without_accents_and_by_date(demo, client):
    seeds = Article.objects.filter(site__slug="btgdv-cao-bang", origin="imported")
    search = "/trang/btgdv-cao-bang/tim-kiem/"
    page = client.get(
        search, {"q": "dan van kheo", "from": "01/01/2019", "to": "31/12/2022"}
    ).content.decode()
    found = [story.title for story in seeds if story.title in page]
    assert len(found) >= 3 and all("dan van kheo" in s.search_key for s in seeds.filter(title__in=found))
    # By date alone: the days of the 2021 half-year review give its story, and nothing from 2026.
    page = client.get(search, {"from": "22/07/2021", "to": "23/07/2021"}).content.decode()
    so_ket = seeds.get(publish_at__date__range=(datetime.date(2021, 7, 22), datetime.date(2021, 7, 23)))
    assert so_ket.title in page
    assert not any(s.title in page for s in Article.objects.filter(publish_at__year=2026)[:20])
