"""Search of the live stories by words (accent-insensitive), category and date range, on one site or on all: the
one selector the search page and the API call.

Words are matched whole, all of them, in the story's folded text (`Article.search_key`: "dan van kheo" finds
"Dân vận khéo"). On PostgreSQL through the GIN index of migration 0001 (`to_tsvector('simple', search_key) @@
plainto_tsquery('simple', …)`, the very expression of the index, so the planner uses it); elsewhere (SQLite) word by
word on the same column, with the word boundaries the 'simple' parser draws (letters and digits)."""

import datetime
import re
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.errors import ValidationError
from danvan.core.text import fold
from danvan.portal.models import Category, Site
from danvan.portal.selectors.items import FoundStories

QUERY_MAX = 200
WORDS_MAX = 12
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass
class Search:
    """What a visitor asked: the words as typed, the category, the days (inclusive)."""

    q: str = ""
    category: Category | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    @property
    def empty(self) -> bool:
        return not (self.words or self.category or self.date_from or self.date_to)

    @property
    def words(self) -> list[str]:
        return words_of(self.q)


def words_of(text: str) -> list[str]:
    """The folded words of a query, as the 'simple' text-search parser splits them, at most WORDS_MAX."""
    return _WORD.findall(fold(text or "")[:QUERY_MAX])[:WORDS_MAX]


def parse_day(value: str, field: str, label: str) -> datetime.date | None:
    value = (value or "").strip()
    if not value:
        return None
    for pattern in DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(value[:20], pattern).date()
        except ValueError:
            continue
        if day.year >= 1900:
            return day
    raise ValidationError(
        {field: [_("%(label)s không hợp lệ: hãy nhập ngày dạng dd/mm/yyyy.") % {"label": label}]}
    )


def parse_search(site: Site | None, params, *, from_name: str = "from", to_name: str = "to") -> Search:
    """A Search from request parameters (q, category = the slug of one of the site's categories, from, to); a
    Vietnamese error naming the field for a day that is no day, a range backwards or an unknown category."""
    errors: dict[str, list[str]] = {}
    search = Search(q=(params.get("q") or "").strip()[:QUERY_MAX])
    for name, label, attribute in (
        (from_name, _("Từ ngày"), "date_from"),
        (to_name, _("Đến ngày"), "date_to"),
    ):
        try:
            setattr(search, attribute, parse_day(params.get(name) or "", name, label))
        except ValidationError as error:
            errors.update(error.message_dict)
    if search.date_from and search.date_to and search.date_from > search.date_to:
        errors.setdefault(to_name, []).append(_("Đến ngày phải sau hoặc bằng Từ ngày."))
    slug = (params.get("category") or "").strip()[:80]
    if slug:
        categories = Category.objects.filter(slug=slug, is_active=True)
        if site is not None:
            categories = categories.filter(site=site)
        search.category = categories.first()
        if search.category is None:
            errors.setdefault("category", []).append(_("Không có chuyên mục “%(slug)s”.") % {"slug": slug})
    if errors:
        raise ValidationError(errors)
    return search


def _day_start(day: datetime.date):
    return connection.ops.adapt_datetimefield_value(
        timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    )


def words_sql(words: list[str]) -> tuple[str, list]:
    """The condition "every word in the story's folded text" over the story `a`, for the database in use."""
    if connection.vendor == "postgresql":
        # The words stored at each save and indexed by GIN (migration portal/0002).
        return "a.search_vector @@ plainto_tsquery('simple', %s)", [" ".join(words)]
    # SQLite: the substring tests first (LIKE, cheap) leave the word-boundary tests (GLOB, also in C) only the rows
    # that hold every word somewhere. A REGEXP here would call Python on each of those rows: 5 times slower on a
    # year of a busy site (docs/development.md, "Measured"). The words are letters and digits: nothing in them is
    # a wildcard of LIKE or GLOB.
    conditions = ["a.search_key LIKE %s"] * len(words) + ["(' ' || a.search_key || ' ') GLOB %s"] * len(words)
    params = [f"%{word}%" for word in words] + [f"*[^a-z0-9]{word}[^a-z0-9]*" for word in words]
    return " AND ".join(conditions), params


def category_ids(category: Category) -> list[int]:
    """A category and its sub-categories (one level, as the menu shows them). Unordered: the menu's order (by
    name, in Vietnamese) would cost five times the lookup."""
    return [
        category.pk,
        *Category.objects.filter(parent_id=category.pk).order_by().values_list("pk", flat=True),
    ]


def search_articles(
    site: Site | None,
    q: str = "",
    category: Category | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    *,
    now: datetime.datetime | None = None,
    covers: bool = True,
) -> FoundStories:
    """The live stories of `site` (all active sites when None) holding every word of `q`, in `category` (or one of
    its sub-categories), published between `date_from` and `date_to` (local days, inclusive), newest first, as
    `FoundStories`: a count and pages of `StoryItem`s, with their covers unless `covers` is False. Written in SQL:
    through the ORM, building and compiling the query cost as much as half the statements on a site's year of news
    (`danvan bench portal`)."""
    conditions: list[str] = []
    params: list = []
    words = words_of(q)
    if words:
        condition, more = words_sql(words)
        conditions.append(condition)
        params += more
    if category is not None:
        ids = category_ids(category)
        conditions.append(f"a.category_id IN ({', '.join(['%s'] * len(ids))})")
        params += ids
    if date_from is not None:
        conditions.append("a.publish_at >= %s")
        params.append(_day_start(date_from))
    if date_to is not None:
        conditions.append("a.publish_at < %s")
        params.append(_day_start(date_to + datetime.timedelta(days=1)))
    return FoundStories(site, " AND ".join(conditions), params, now, covers=covers)
