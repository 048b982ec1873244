"""Findability: RSS 2.0 and Atom per site and per category, sitemap.xml over all live stories, robots.txt; and
the visitor statistics without personal data."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.portal import visits
from danvan.portal.models import Article, VisitDay

from . import factories


@pytest.fixture
def site(units):
    site = factories.site(units["ban_tgdv_cao_bang"], slug="dv-cao-bang", name="Trang tin Dân vận Cao Bằng")
    factories.category(site, "Tin hoạt động", "tin-hoat-dong")
    factories.category(site, "Dân vận khéo", "dan-van-kheo")
    return site


def test_rss_and_atom_list_the_latest_live_stories_of_a_site_and_of_a_category(client, site):
    activity, models = site.categories.order_by("pk")
    story = factories.published_article(
        site, activity, "Giao ban Dân vận quý III", summary="Tóm tắt giao ban"
    )
    factories.published_article(site, models, "Mô hình hay ở Thục Phán")
    draft = factories.published_article(site, activity, "Bản nháp chưa duyệt")
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.DRAFT)

    rss = client.get(reverse("portal_public:rss", args=[site.slug]))
    atom = client.get(
        reverse("portal_public:category_atom", args=[site.slug, "tin-hoat-dong"])
    ).content.decode()

    assert rss["Content-Type"].startswith("application/rss+xml")
    text = rss.content.decode()
    assert (
        '<rss version="2.0"' in text
        and "Giao ban Dân vận quý III" in text
        and "Mô hình hay ở Thục Phán" in text
    )
    assert f"http://testserver{reverse('portal_public:article', args=[site.slug, story.slug])}" in text
    assert "Bản nháp chưa duyệt" not in text
    assert 'xmlns="http://www.w3.org/2005/Atom"' in atom and "Giao ban Dân vận quý III" in atom
    assert "Mô hình hay ở Thục Phán" not in atom


def test_the_sitemap_lists_every_live_story_of_every_site_and_robots_points_to_it(client, site, units):
    story = factories.published_article(site, title="Tin trong sơ đồ trang")
    commune = factories.site(units["thuc_phan"], slug="thuc-phan")
    other = factories.published_article(commune, factories.category(commune), title="Tin của phường")
    expired = factories.published_article(site, title="Tin đã hết hạn")
    Article.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))

    robots = client.get("/robots.txt").content.decode()
    index = client.get("/sitemap.xml").content.decode()
    stories = client.get("/sitemap-tin.xml").content.decode()

    assert "Sitemap: http://testserver/sitemap.xml" in robots and "Disallow: /tin-bai/" in robots
    assert "http://testserver/sitemap-tin.xml" in index and "http://testserver/sitemap-trang.xml" in index
    assert reverse("portal_public:article", args=[site.slug, story.slug]) in stories
    assert reverse("portal_public:article", args=[commune.slug, other.slug]) in stories
    assert expired.slug not in stories


def test_visits_are_counted_per_day_without_storing_who_visited(site):
    home = reverse("portal_public:home", args=[site.slug])
    first, second = Client(), Client()
    first.get(home)
    first.get(home)
    answer = second.get(home)

    day = VisitDay.objects.get(site=site, day=timezone.localdate())
    assert (day.views, day.visitors) == (3, 2)
    assert visits.visit_stats(site.pk)["online"] == 2
    cookie = first.cookies[visits.COOKIE].value
    # The cache keeps only keyed hashes: the cookie's id is nowhere among its keys or values.
    assert not any(cookie in str(key) for key in cache._cache)  # the tests' in-memory cache
    # A robot is not counted; the footer shows online now, today, this week, total.
    Client(HTTP_USER_AGENT="Googlebot/2.1").get(home)
    cache.clear()
    page = Client().get(home).content.decode()
    assert "Đang online" in page and "Trong tuần" in page
    day.refresh_from_db()
    assert (day.views, day.visitors) == (4, 3)
    assert answer.cookies[visits.COOKIE]["httponly"]


def test_the_first_visit_of_a_day_makes_its_row_and_the_next_ones_add_to_it(site):
    day = datetime.date(2026, 1, 5)
    visits.add_visit(site.pk, day, new_visitor=True)
    visits.add_visit(site.pk, day, new_visitor=False)
    assert VisitDay.objects.filter(site=site, day=day).values_list("views", "visitors").get() == (2, 1)
