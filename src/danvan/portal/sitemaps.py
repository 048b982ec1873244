"""sitemap.xml: every live story of every active site (or, on a site's own host, of that site), and each site's
home and categories; an index of pages of at most `LIMIT` addresses each, so a million stories make 100 pages."""

from django.contrib.sitemaps import Sitemap

from danvan.portal.models import Article, Category, Site
from danvan.portal.seo import site_path

LIMIT = 10_000


class ArticleSitemap(Sitemap):
    limit = LIMIT
    changefreq = "monthly"

    def __init__(self, site: Site | None = None):
        self.site = site

    def items(self):
        articles = Article.objects.live().select_related("site").only(
            "slug", "updated_at", "site__slug", "site__host"
        )
        if self.site is not None:
            return articles.filter(site=self.site).order_by("-publish_at", "-id")
        return articles.filter(site__is_active=True).order_by("-publish_at", "-id")

    def location(self, item):
        return site_path(item.site, "article", item.slug, host_mode=self.site is not None)

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(Sitemap):
    """Each site's home and its categories."""

    changefreq = "daily"

    def __init__(self, site: Site | None = None):
        self.site = site

    def items(self):
        sites = [self.site] if self.site is not None else list(Site.objects.filter(is_active=True))
        entries = [(site, "home", ()) for site in sites]
        categories = Category.objects.filter(site__in=sites, is_active=True).select_related("site")
        entries += [(category.site, "category", (category.slug,)) for category in categories]
        return entries

    def location(self, item):
        site, name, args = item
        return site_path(site, name, *args, host_mode=self.site is not None)


def sitemaps_for(site: Site | None = None) -> dict:
    return {"tin": ArticleSitemap(site), "trang": SectionSitemap(site)}
