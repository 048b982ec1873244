"""Addresses of a site's pages and what search engines and social networks read of them: the path of a page (under
/trang/<site>/, or at the root of the site's own host name when the request came through it), the canonical
absolute URL (the site's host when it has one), Open Graph and schema.org `NewsArticle` JSON-LD."""

import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from danvan.portal.models import Article, Site

HOST_URLCONF = "danvan.portal.urls.host"
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def on_own_host(request) -> bool:
    return getattr(request, "portal_host_site", None) is not None


def site_path(site: Site, name: str, *args, host_mode: bool = False) -> str:
    """The path of one of the site's pages (`name` in the portal_public namespace) as the visitor's host serves it."""
    if host_mode:
        return reverse(f"portal_public:{name}", args=args, urlconf=HOST_URLCONF)
    return reverse(f"portal_public:{name}", args=[site.slug, *args], urlconf=settings.ROOT_URLCONF)


def canonical_url(site: Site, name: str, *args) -> str:
    """The one address search engines should keep: on the site's own host when it has one, else on the platform's."""
    if site.host:
        return f"https://{site.host}{site_path(site, name, *args, host_mode=True)}"
    return settings.DANVAN_SITE_URL + site_path(site, name, *args)


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def article_json_ld(article: Article, url: str, image_url: str = "") -> str:
    """schema.org NewsArticle as a JSON text safe inside <script type="application/ld+json">."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.summary or strip_tags(article.body)[:300],
        "mainEntityOfPage": url,
        "url": url,
        "datePublished": timezone.localtime(article.publish_at).isoformat() if article.publish_at else None,
        "dateModified": timezone.localtime(article.updated_at).isoformat(),
        "inLanguage": "vi",
        "articleSection": article.category.name,
        "publisher": {"@type": "Organization", "name": article.site.name},
    }
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    else:
        data["author"] = {"@type": "Organization", "name": article.site.name}
    if image_url:
        data["image"] = [image_url]
    return json.dumps({k: v for k, v in data.items() if v is not None}, ensure_ascii=False).translate(_JSON_ESCAPES)
