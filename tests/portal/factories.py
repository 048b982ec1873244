"""Sites, categories and stories for the portal's tests (the services where there is one; a site and its categories
are furniture an administrator sets up, made directly)."""

import datetime

from django.utils import timezone

from danvan.core.text import fold
from danvan.orgunits.models import OrgUnit
from danvan.portal.models import Article, Category, Site
from danvan.portal.services import create_article


def site(unit: OrgUnit, slug: str = "ban-dan-van", name: str = "", **fields) -> Site:
    return Site.objects.create(
        unit=unit, unit_path=unit.path, slug=slug, name=name or f"Trang tin {unit.name}", **fields
    )


def category(of: Site, name: str = "Tin hoạt động", slug: str = "", **fields) -> Category:
    return Category.objects.create(site=of, name=name, slug=slug or fold(name).replace(" ", "-"), **fields)


def published_article(
    of: Site,
    in_category: Category | None = None,
    title: str = "Hội nghị sơ kết công tác Dân vận 6 tháng",
    published: datetime.datetime | None = None,
    **fields,
) -> Article:
    """A live story, as the review would leave it (created by the service, then marked published)."""
    article = create_article(
        None,
        site=of,
        category=in_category or of.categories.first() or category(of),
        title=title,
        body=fields.pop("body", "<p>Nội dung bài viết về công tác Dân vận khéo.</p>"),
        **fields,
    )
    article.status = Article.Status.PUBLISHED
    article.publish_at = published or timezone.now() - datetime.timedelta(hours=1)
    article.save(update_fields=["status", "publish_at"])
    return article
