"""What every public page shares: the site (from /trang/<site>/ or from the host name), the visit counted, the
visitor's cookie, the frame's context (menu, footer, visitor statistics) and the cache key of its parts."""

import functools

from django.shortcuts import render
from django.utils.translation import get_language

from danvan.portal import visits
from danvan.portal.cache import PAGE_SECONDS, site_version
from danvan.portal.selectors.public import menu_categories, public_site
from danvan.portal.seo import canonical_url, on_own_host


def public_page(view):
    """A view of one site's public pages: called as view(request, site, …); an HTML page answered 200 to a GET
    counts a visit. Unknown or inactive site: 404."""

    @functools.wraps(view)
    def wrapper(request, *args, site=None, **kwargs):
        found = getattr(request, "portal_host_site", None) or public_site(site)
        response = view(request, found, *args, **kwargs)
        if (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
        ):
            visits.count_visit(found, request)
        visits.remember_visitor(request, response)
        return response

    return wrapper


def render_public(request, site, template: str, context: dict, *, canonical: tuple = ("home",), status=200):
    """A public page in the site's frame. `canonical` names the page (URL name and arguments) for <link
    rel=canonical>; `cache_key` (for `{% cache %}` around the expensive parts) holds the site's version, the
    language and whether the page is served on the site's own host."""
    host_mode = on_own_host(request)
    version = site_version(site.pk)
    context = {
        "site": site,
        "cache_seconds": PAGE_SECONDS,
        "cache_key": f"{site.pk}:{version}:{get_language()}:{int(host_mode)}",
        "menu": functools.partial(menu_categories, site),
        "visit_stats": visits.visit_stats(site.pk),
        "canonical_url": canonical_url(site, *canonical),
        **context,
    }
    return render(request, template, context, status=status)
