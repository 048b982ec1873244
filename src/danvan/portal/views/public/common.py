"""What every public page shares: the site (from /trang/<site>/ or from the host name), the visit counted, the
visitor's cookie, the frame's context (menu, footer, visitor statistics) and the cache key of its parts."""

import functools

from django.shortcuts import render
from django.utils.translation import get_language

from danvan.portal import visits
from danvan.portal.cache import PAGE_SECONDS, site_version
from danvan.portal.models import Site
from danvan.portal.selectors.public import menu_categories, public_site
from danvan.portal.seo import canonical_url, on_own_host


def _site_of(request, slug) -> Site:
    return getattr(request, "portal_host_site", None) or public_site(slug)


def public_page(view):
    """A page of one site: called as view(request, site, …). A GET of an existing site counts a visit (before the
    page is drawn, so the footer's figures include it). Unknown or inactive site: 404."""

    @functools.wraps(view)
    def wrapper(request, *args, site=None, **kwargs):
        found = _site_of(request, site)
        if request.method == "GET":
            visits.count_visit(found, request)
        response = view(request, found, *args, **kwargs)
        visits.remember_visitor(request, response)
        return response

    return wrapper


def site_resource(view):
    """A file of one site (an image, a document): called as view(request, site, …); not a page, not counted."""

    @functools.wraps(view)
    def wrapper(request, *args, site=None, **kwargs):
        return view(request, _site_of(request, site), *args, **kwargs)

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
