"""The portal's public API: the sites, a site's live stories searched like the page, one story; no sign-in."""

import datetime

import pytest
from django.utils import timezone

from danvan.portal.models import Article

from . import factories


@pytest.fixture
def site(units):
    site = factories.site(units["ban_tgdv_cao_bang"], slug="dv-cao-bang", name="Trang tin Dân vận Cao Bằng")
    category = factories.category(site, "Dân vận khéo", "dan-van-kheo")
    factories.published_article(
        site,
        category,
        "Biểu dương điển hình Dân vận khéo",
        published=timezone.make_aware(datetime.datetime(2025, 6, 5, 9)),
        tags=["Dân vận khéo"],
    )
    factories.published_article(
        site, category, "Giao ban quý II", published=timezone.make_aware(datetime.datetime(2025, 7, 1, 9))
    )
    return site


def test_the_sites_are_listed_without_signing_in(client, site):
    answer = client.get("/api/v1/portal/sites").json()
    assert answer == {
        "items": [
            {
                "slug": "dv-cao-bang",
                "name": "Trang tin Dân vận Cao Bằng",
                "unit": {"id": site.unit_id, "name": site.unit.name},
            }
        ]
    }


def test_a_sites_stories_are_searched_without_accents_and_by_date(client, site):
    answer = client.get(
        "/api/v1/portal/dv-cao-bang/articles", {"q": "dan van kheo", "from": "01/06/2025", "to": "2025-06-30"}
    ).json()
    assert answer["count"] == 1
    item = answer["items"][0]
    assert (item["title"], item["category"], item["site"]) == (
        "Biểu dương điển hình Dân vận khéo",
        "dan-van-kheo",
        "dv-cao-bang",
    )
    assert item["published"].startswith("2025-06-05T")
    assert client.get("/api/v1/portal/articles", {"q": "giao ban"}).json()["count"] == 1
    assert (
        client.get("/api/v1/portal/dv-cao-bang/articles", {"category": "dan-van-kheo", "limit": 1}).json()[
            "count"
        ]
        == 2
    )


def test_a_bad_date_is_a_422_naming_the_field_and_an_unknown_site_a_404(client, site):
    bad = client.get("/api/v1/portal/dv-cao-bang/articles", {"from": "31/02/2025"})
    assert bad.status_code == 422 and list(bad.json()["errors"]) == ["from"]
    assert client.get("/api/v1/portal/khong-co/articles").status_code == 404


def test_one_story_is_read_and_a_story_not_live_is_a_404(client, site):
    article = Article.objects.get(title="Giao ban quý II")
    answer = client.get(f"/api/v1/portal/dv-cao-bang/articles/{article.slug}").json()
    assert (
        answer["title"] == "Giao ban quý II"
        and "<p>" in answer["body"]
        and answer["category_name"] == "Dân vận khéo"
    )
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() + datetime.timedelta(hours=1))
    assert client.get(f"/api/v1/portal/dv-cao-bang/articles/{article.slug}").status_code == 404
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT, publish_at=None)
    assert client.get(f"/api/v1/portal/dv-cao-bang/articles/{article.slug}").status_code == 404
