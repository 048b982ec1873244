"""Cached figures that stay live: each cached figure is keyed by the versions of what it is computed from, and every
write replaces the version of what it changes inside its own transaction (`bump_figures_version`), so the next read
after a commit, in whichever server process, computes the figure again.

The versions live in the database (`FiguresVersion`, one row per kind, read with one query per cached figure), the
figures in settings.CACHES (files shared by the server's processes in production, memory in tests). Every service
write records a change-log entry (core.changelog), which bumps the version named after the changed model's app; the
reporting cells, written in bulk without it, bump "reporting" themselves.

The report values also have a version per province code (`area_version_name`), bumped beside "reporting" by every
value write: the whole country's figures are put together from each province's, cached under that province's version,
so that after a commune saves a cell only its province is added up again, not ten million values.
"""

import hashlib
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Subquery
from django.utils import translation

from .models import FiguresVersion

# Kinds of figures: the app labels whose writes change them, and the reporting definitions (forms, their sections
# and rules, indicators, categories), which a model names in `FIGURES_KINDS` so that its change-log entries bump
# them too: a form's structure, cached under them, outlives the writes of values (which bump "reporting").
REPORTING, PRACTICES, UNITS, DEFINITIONS = "reporting", "practices", "orgunits", "definitions"
KINDS = (REPORTING, PRACTICES, UNITS, DEFINITIONS)
# The report values, versioned by province code (area_version_name) besides the "reporting" kind.
VALUES = "values"
# A cached figure older than this is computed again anyway (stale files are culled by the cache itself).
TIMEOUT = 15 * 60


def new_token() -> int:
    return secrets.randbits(62)


def bump_figures_version(*names: str) -> None:
    """Marks the figures of these kinds as changed: to be called inside the transaction of the write."""
    names = sorted(set(names))
    # One statement for the usual case (every version exists already): a saved cell bumps two.
    if FiguresVersion.objects.filter(name__in=names).update(token=new_token()) == len(names):
        return
    for name in names:
        FiguresVersion.objects.update_or_create(name=name, defaults={"token": new_token()})


def bump_after_bulk_load(area_codes: Iterable[str]) -> None:
    """After rows written without the services (the demo, a benchmark's load): every kind, and the values of every
    province code given, change version."""
    bump_figures_version(*KINDS, *(area_version_name(VALUES, code) for code in sorted(set(area_codes))))


def area_version_name(kind: str, code: str) -> str:
    """The name of the version of one province's share of a kind of figures ("values:04" for Cao Bằng's)."""
    return f"{kind}:{code}"


def area_versions(kind: str) -> dict[str, int]:
    """{province code: token} of every province of `kind` whose share has a version (one query). A province without
    one (its figures loaded in bulk and never bumped) is not cached."""
    prefix = area_version_name(kind, "")
    return {
        name.removeprefix(prefix): token
        for name, token in FiguresVersion.objects.filter(name__startswith=prefix).values_list("name", "token")
    }


def database_key() -> str:
    """Part of every cache key: test databases and the scratch databases of the benchmarks share one cache."""
    return str(connection.settings_dict["NAME"])


def versions(names: Iterable[str], found: dict[str, int | None] | None = None) -> str | None:
    """The current tokens of these kinds, as part of a cache key; None when one is missing (nothing is cached).
    `found`: {kind: token} when the caller read them already (`token_subquery`), else they are read (one query)."""
    wanted = sorted(set(names))
    if found is None:
        found = dict(FiguresVersion.objects.filter(name__in=wanted).values_list("name", "token"))
    if any(found.get(name) is None for name in wanted):
        return None
    return ".".join(f"{found[name]:x}" for name in wanted)


def token_subquery(kind: str) -> Subquery:
    """The current token of a kind, as an annotation of a query the caller runs anyway (a write reading its row
    under lock): `cached_figures(..., tokens={kind: row.annotation})` then reads no version of its own."""
    return Subquery(FiguresVersion.objects.filter(name=kind).values("token")[:1])


def key_digest(key: Any) -> str:
    return hashlib.sha256(repr(key).encode()).hexdigest()[:32]


def cached_figures(
    label: str,
    depends_on: Iterable[str],
    key: Any,
    compute: Callable[[], Any],
    tokens: dict[str, int | None] | None = None,
) -> Any:
    """`compute()`, or its value cached under `label`, `key` (anything with a stable repr: ids, codes, dates), the
    active language and the versions of `depends_on` (`tokens`, when the caller read them with `token_subquery`).
    Scope is the caller's business: `key` must hold everything the figure depends on besides the data (the unit,
    the user's scope when it shapes the figure)."""
    version = versions(depends_on, tokens)
    if version is None:
        return compute()
    name = f"figures:{label}:{database_key()}:{translation.get_language()}:{version}:{key_digest(key)}"
    found = cache.get(name)
    if found is not None:
        return found
    value = compute()
    cache.set(name, value, TIMEOUT)
    return value
