"""RSS 2.0 and Atom feeds of a site and of each category: the latest live stories, newest first."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from danvan.portal.selectors import public as selectors
from danvan.portal.seo import on_own_host, site_path

FEED_SIZE = 30


class SiteFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def get_object(self, request, site=None, slug=None):
        found = getattr(request, "portal_host_site", None) or selectors.public_site(site)
        category = selectors.public_category(found, slug) if slug else None
        return found, category, on_own_host(request)

    def title(self, obj):
        site, category, _host_mode = obj
        return f"{category.name} · {site.name}" if category else site.name

    def link(self, obj):
        site, category, host_mode = obj
        if category:
            return site_path(site, "category", category.slug, host_mode=host_mode)
        return site_path(site, "home", host_mode=host_mode)

    def description(self, obj):
        site, category, _host_mode = obj
        return (category.description if category else site.tagline) or _("Tin mới của %(site)s") % {"site": site.name}

    def items(self, obj):
        site, category, _host_mode = obj
        articles = selectors.category_articles(site, category) if category else selectors.live_articles(site)
        # Each story carries whether the feed is read on the site's own host, for its link.
        found = list(articles.select_related("site")[:FEED_SIZE])
        for article in found:
            article.host_mode = obj[2]
        return found

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return site_path(item.site, "article", item.slug, host_mode=item.host_mode)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [item.category.name]


class SiteAtomFeed(SiteFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
