"""A site's own host name (dvcaobang.gov.vn) serves that site at the root: the request gets the site and the host
URLconf (`portal/urls/host.py`). The platform's own host and any host no site names pass through untouched; a host
must also be in DANVAN_ALLOWED_HOSTS, as every host Django answers."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost

from danvan.portal.models import Site

HOST_URLCONF = "danvan.portal.urls.host"


class SiteHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.platform_host = (urlsplit(settings.DANVAN_SITE_URL).hostname or "").lower()

    def __call__(self, request):
        site = self._site_of(request)
        if site is not None:
            request.portal_host_site = site
            request.urlconf = HOST_URLCONF
        return self.get_response(request)

    def _site_of(self, request) -> Site | None:
        try:
            host = request.get_host().rsplit(":", 1)[0].lower()
        except DisallowedHost:
            return None
        if not host or host == self.platform_host or host in ("localhost", "127.0.0.1", "testserver"):
            return None
        return Site.objects.select_related("unit").filter(host=host, is_active=True).first()
