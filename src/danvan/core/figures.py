"""Cached figures that stay live: each cached figure is keyed by the versions of what it is computed from, and every
write replaces the version of what it changes inside its own transaction (`bump_figures_version`), so the next read
after a commit, in whichever server process, computes the figure again.

The versions live in the database (`FiguresVersion`, one row per kind, read with one query per cached figure), the
figures in settings.CACHES (files shared by the server's processes in production, memory in tests). Every service
write records a change-log entry (core.changelog), which bumps the version named after the changed model's app; the
reporting cells, written in bulk without it, bump "reporting" themselves.
"""

import hashlib
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.utils import translation

from .models import FiguresVersion

# Kinds of figures: the app labels whose writes change them.
REPORTING, PRACTICES, UNITS = "reporting", "practices", "orgunits"
KINDS = (REPORTING, PRACTICES, UNITS)
# A cached figure older than this is computed again anyway (stale files are culled by the cache itself).
TIMEOUT = 15 * 60


def new_token() -> int:
    return secrets.randbits(62)


def bump_figures_version(*names: str) -> None:
    """Marks the figures of these kinds as changed: to be called inside the transaction of the write."""
    for name in names:
        if not FiguresVersion.objects.filter(name=name).update(token=new_token()):
            FiguresVersion.objects.update_or_create(name=name, defaults={"token": new_token()})


def versions(names: Iterable[str]) -> str | None:
    """The current tokens of these kinds, as part of a cache key; None when one is missing (nothing is cached)."""
    wanted = sorted(set(names))
    found = dict(FiguresVersion.objects.filter(name__in=wanted).values_list("name", "token"))
    if len(found) != len(wanted):
        return None
    return ".".join(f"{found[name]:x}" for name in wanted)


def cached_figures(label: str, depends_on: Iterable[str], key: Any, compute: Callable[[], Any]) -> Any:
    """`compute()`, or its value cached under `label`, `key` (anything with a stable repr: ids, codes, dates), the
    active language and the versions of `depends_on`. Scope is the caller's business: `key` must hold everything
    the figure depends on besides the data (the unit, the user's scope when it shapes the figure)."""
    version = versions(depends_on)
    if version is None:
        return compute()
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
    # The database too: test databases and the scratch databases of the benchmarks share one cache.
    name = (
        f"figures:{label}:{connection.settings_dict['NAME']}:{translation.get_language()}:{version}:{digest}"
    )
    found = cache.get(name)
    if found is not None:
        return found
    value = compute()
    cache.set(name, value, TIMEOUT)
    return value
