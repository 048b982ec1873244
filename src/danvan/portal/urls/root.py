"""What crawlers ask at the root: robots.txt and the sitemap (an index of pages), of every public site, or of one
site on its own host name."""

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from danvan.portal.sitemaps import sitemaps_for

# What the platform keeps to signed-in users: crawlers need not knock.
PRIVATE_PREFIXES = ("/tin-bai/", "/doc-lai-tin/", "/api/", "/tai-khoan/", "/quan-tri-he-thong/", "/bao-cao/")


def _site_of(request):
    return getattr(request, "portal_host_site", None)


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *[f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES], "Allow: /"]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('portal_sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def sitemap_index(request):
    return sitemap_views.index(request, sitemaps_for(_site_of(request)), sitemap_url_name="portal_sitemap_section")


@require_safe
def sitemap_section(request, section: str):
    return sitemap_views.sitemap(request, sitemaps_for(_site_of(request)), section=section)


urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_index, name="portal_sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="portal_sitemap_section"),
]
