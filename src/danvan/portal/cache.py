"""The public pages' cache is keyed by each site's version: every write that changes what a visitor can see of a
site (a story published, edited, withdrawn; a category, page, document or link changed) bumps the version, so no
stale page outlives the change. Time does the rest: a cached page lives at most `PAGE_SECONDS`, so a story whose
scheduled time comes or whose expiry passes appears or leaves within that time without a write."""

from django.core.cache import cache
from django.db import transaction

PAGE_SECONDS = 60


def _key(site_id: int) -> str:
    return f"portal:site-version:{site_id}"


def site_version(site_id: int) -> int:
    version = cache.get(_key(site_id))
    if version is None:
        version = 1
        cache.add(_key(site_id), version, timeout=None)
    return version


def site_changed(site_id: int) -> None:
    """Called by every service that changes what visitors see of the site; takes effect when the write commits."""

    def bump():
        try:
            cache.incr(_key(site_id))
        except ValueError:
            cache.set(_key(site_id), 2, timeout=None)

    transaction.on_commit(bump)
