"""The URLconf of a request that came through a site's own host name (`portal.middleware.SiteHostMiddleware`): the
site's pages at the root, then everything else of the platform (sign-in, the showcase, static files…) as usual.

The site's pages keep their namespace `portal_public` (without the <site> part); they come first, so that names
reverse to them here (the platform's own /trang/… stays reachable but is never linked from a site's host)."""

from django.conf import settings
from django.urls import include, path

from danvan.portal.urls import root as crawlers
from danvan.portal.urls.public import SITE_PAGES

site_pages = ([path(route, view, name=name) for route, view, name in SITE_PAGES], "portal_public")

urlpatterns = [
    *crawlers.urlpatterns,
    path("", include(site_pages)),
    path("", include(settings.ROOT_URLCONF)),
]

# The platform's error pages (the root URLconf's handlers), named as strings: this module stands below it.
handler400 = "danvan.api.errors.bad_request"
handler404 = "danvan.api.errors.not_found"
handler403 = "danvan.api.errors.forbidden"
handler500 = "danvan.api.errors.server_error"
