"""Scope rows of the public sites (/trang/<site>/), the crawlers' files and the portal's public API: what a visitor
reads is the same for everyone, signed in or not, and shows only what was published (a site of a unit with no
private name, its live story; the commune's draft of the back office's rows never appears)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.models import Role
from danvan.orgunits.models import OrgUnit
from danvan.portal.models import Article, Tag, Topic
from danvan.portal.services import create_article
from danvan.portal.services import media as media_services
from danvan.portal.services import sites as site_services

from .. import factories
from .common import row

P = {"site": "public_site_slug"}
STORY = {**P, "slug": "public_story_slug"}

# fmt: off
ROWS: list = [
    row("portal_public:home",          "GET",  200, 200, 200, **P),
    row("portal_public:category",      "GET",  200, 200, 200, **P, slug="public_category_slug"),
    row("portal_public:category_rss",  "GET",  200, 200, 200, **P, slug="public_category_slug"),
    row("portal_public:category_atom", "GET",  200, 200, 200, **P, slug="public_category_slug"),
    row("portal_public:topic",         "GET",  200, 200, 200, **P, slug="public_topic_slug"),
    row("portal_public:tag",           "GET",  200, 200, 200, **P, slug="public_tag_slug"),
    row("portal_public:search",        "GET",  200, 200, 200, **P, query="q=dan van kheo"),
    row("portal_public:article",       "GET",  200, 200, 200, **STORY),
    row("portal_public:article_print", "GET",  200, 200, 200, **STORY),
    row("portal_public:rate",          "POST", 302, 302, 302, **STORY, data={"stars": "5"}),
    row("portal_public:rss",           "GET",  200, 200, 200, **P),
    row("portal_public:atom",          "GET",  200, 200, 200, **P),
    row("portal_public:calendar",      "GET",  200, 200, 200, **P),
    row("portal_public:showcase",      "GET",  200, 200, 200, **P),
    row("portal_public:publicity",     "GET",  200, 200, 200, **P),
    row("portal_public:documents",     "GET",  200, 200, 200, **P),
    row("portal_public:document_file", "GET",  200, 200, 200, **P, pk="public_document"),
    row("portal_public:organisation",  "GET",  200, 200, 200, **P),
    row("portal_public:page",          "GET",  200, 200, 200, **P, slug="public_page_slug"),
    row("portal_public:units",         "GET",  200, 200, 200, **P),
    row("robots_txt",                  "GET",  200, 200, 200),
    row("portal_sitemap",              "GET",  200, 200, 200),
    row("portal_sitemap_section",      "GET",  200, 200, 200, section="public_sitemap_section"),
    row("api:list_sites",              "GET",  200, 200, 200),
    row("api:search_all",              "GET",  200, 200, 200, query="q=dan van kheo"),
    row("api:list_articles",           "GET",  200, 200, 200, **P),
    row("api:get_article",             "GET",  200, 200, 200, **STORY),
    # Reading a news file needs an account; an empty request is refused with the field named.
    row("api:ingest",                  "POST", 401, 422, 422),
]
# fmt: on


def build(world: dict) -> dict:
    """A second ward of the province (no private names: its site is public, its units listed) with its public site:
    a category, a topic, a tag, a page, a document and one live story."""
    ward = factories.unit(world["commune"].parent, "Phường Công Khai", OrgUnit.Kind.COMMUNE)
    factories.hamlet(ward, "Tổ dân phố 1")
    owner = factories.user("matrix_public_admin", ward, Role.ADMIN)
    site = site_services.save_site(
        owner, None, unit=ward, name="Trang tin phường Công Khai", slug="cong-khai"
    )
    category = site_services.save_category(owner, site, None, name="Tin hoạt động")
    topic = Topic.objects.create(site=site, name="Dân vận khéo", slug="dan-van-kheo")
    story = create_article(
        owner,
        site=site,
        category=category,
        title="Phường sơ kết phong trào Dân vận khéo",
        body="<p>Hội nghị sơ kết phong trào thi đua Dân vận khéo.</p>",
        topics=[topic],
        tags=["Dân vận khéo"],
    )
    Article.objects.filter(pk=story.pk).update(
        status=Article.Status.PUBLISHED, publish_at=datetime.datetime(2026, 3, 2, 8, tzinfo=datetime.UTC)
    )
    document = media_services.save_document(
        owner,
        site,
        None,
        file=SimpleUploadedFile("kh.pdf", b"%PDF-1.4 ke hoach"),
        number="2-KH",
        kind="Kế hoạch",
        title="Kế hoạch dân vận năm 2026",
        issued_on=datetime.date(2026, 3, 2),
    )
    return {
        "public_site_slug": site.slug,
        "public_category_slug": category.slug,
        "public_topic_slug": topic.slug,
        "public_tag_slug": Tag.objects.get(name="Dân vận khéo").slug,
        "public_story_slug": story.slug,
        "public_page_slug": site.pages.first().slug,
        "public_document": document,
        "public_sitemap_section": "tin",
    }
