"""`danvan bench portal`: a million stories over the national sites (issue #13 Deliver 9) and what the public pages
read: the search by words, category and date range, the home page of a busy site, the story page; then the home
and story pages served to a crowd, with the cache cold and warm.

The units come from `danvan bench units`' builder; `portal_data` makes a site for each province's Ban Tuyên giáo và
Dân vận and for 3,000 communes, their categories, and the stories (not timed): one province's site is busy (5 % of
the stories, about 50,000), the other provinces' share 30 %, the communes' 65 %; 84 % live over ten years, the rest
drafts, submitted, returned, withdrawn, scheduled or expired.

Timed through the real selectors (`portal.selectors.search.search_articles`, `portal.selectors.public`), each beside
a hand-written plain-SQL query giving the same result in the same run, on the same index: on PostgreSQL the GIN index
over `to_tsvector('simple', search_key)` of migration 0001; on SQLite the words matched in `search_key` by the same
word boundaries (LIKE to reject, GLOB for the boundaries: both in C).
"""

import datetime
import time

from django.core.paginator import Paginator
from django.db import connection
from django.utils import timezone

from danvan.orgunits.models import OrgUnit
from danvan.portal.models import Article, Category, Site
from danvan.portal.selectors import public, search

from . import portal_data
from . import units as units_bench
from .portal_load import run_load
from .timing import compare, report

PAGE = 20
T_ARTICLE = Article._meta.db_table
T_CATEGORY = Category._meta.db_table
T_SITE = Site._meta.db_table
# The searches, over a year: the movement most stories talk of; rarer words whose letters are in every story.
COMMON_WORDS = "dan van kheo"
RARE_WORDS = "nha dai doan ket"
YEAR = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
STORY_MS = 20
LIST_COLUMNS = "a.id, a.slug, a.title, a.summary, a.publish_at, a.category_id, a.cover_id, a.cover_caption"


def _execute(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _moment(value: datetime.datetime):
    return connection.ops.adapt_datetimefield_value(value)


def _day_start(day: datetime.date):
    return _moment(timezone.make_aware(datetime.datetime.combine(day, datetime.time.min)))


# --- the plain-SQL lower bounds ---------------------------------------------------------------------------------


def _live(now) -> tuple[str, list]:
    return "a.status = 'published' AND a.publish_at <= %s AND (a.expire_at IS NULL OR a.expire_at > %s)", [
        _moment(now),
        _moment(now),
    ]


def _words(words: list[str]) -> tuple[str, list]:
    """Every word in the folded text, by hand, on the index or the scan the database offers."""
    if connection.vendor == "postgresql":
        return "a.search_vector @@ plainto_tsquery('simple', %s)", [" ".join(words)]
    # Every LIKE before any GLOB: a row missing a word is dropped by the cheaper test.
    parts = ["a.search_key LIKE %s"] * len(words) + ["(' ' || a.search_key || ' ') GLOB %s"] * len(words)
    params = [f"%{word}%" for word in words] + [f"*[^a-z0-9]{word}[^a-z0-9]*" for word in words]
    return " AND ".join(parts), params


def _search_lower_bound(site: Site | None, words: list[str], category: Category | None, days, now):
    """The count and the first page by hand. A category's sub-categories are read first, in the timed run as the
    selector reads them, and given as a list: a subquery there kept SQLite off the category's index (135 ms against
    32 ms). The active sites are a subquery: a join made SQLite walk the sites first (925 ms against 651)."""

    def statements(category_ids: list[int]) -> tuple[str, str, list]:
        live, params = _live(now)
        where = [live]
        if site is not None:
            where.append("a.site_id = %s")
            params.append(site.pk)
        else:
            where.append(f"a.site_id IN (SELECT id FROM {T_SITE} WHERE is_active)")
        if words:
            condition, more = _words(words)
            where.append(condition)
            params += more
        if category_ids:
            where.append(f"a.category_id IN ({', '.join(['%s'] * len(category_ids))})")
            params += category_ids
        where.append("a.publish_at >= %s AND a.publish_at < %s")
        params += [_day_start(days[0]), _day_start(days[1] + datetime.timedelta(days=1))]
        condition = " AND ".join(where)
        count_sql = f"SELECT COUNT(*) FROM {T_ARTICLE} a WHERE {condition}"
        page_sql = (
            f"SELECT {LIST_COLUMNS} FROM {T_ARTICLE} a WHERE {condition} "
            f"ORDER BY a.publish_at DESC, a.id DESC LIMIT {PAGE}"
        )
        return count_sql, page_sql, params

    def category_ids() -> list[int]:
        if category is None:
            return []
        children = _execute(f"SELECT id FROM {T_CATEGORY} WHERE parent_id = %s", [category.pk])
        return [category.pk, *(row[0] for row in children)]

    def run():
        count_sql, page_sql, params = statements(category_ids())
        count = _execute(count_sql, params)[0][0]
        return [row[0] for row in _execute(page_sql, params)], count

    _count_sql, page_sql, params = statements(category_ids())
    return run, page_sql, params


def _search_page(site, q, category, days, now):
    """What the search page reads: the count and the first page, through a Paginator as `core.lists.page_of`."""

    def run():
        page = Paginator(search.search_articles(site, q, category, *days, now=now), PAGE).page(1)
        return [article.pk for article in page.object_list], page.paginator.count

    return run


def _home_lower_bound(site: Site, now):
    """The home page's blocks in two statements: the menu categories, then every block's newest stories at once
    (a UNION ALL of LIMIT subqueries, each on the site's or the category's live index), with the category's name."""
    live, live_params = _live(now)
    select = f"SELECT {LIST_COLUMNS}, c.name FROM {T_ARTICLE} a JOIN {T_CATEGORY} c ON c.id = a.category_id"
    order = "ORDER BY a.publish_at DESC, a.id DESC"
    menu_sql = (
        f"SELECT id FROM {T_CATEGORY} WHERE site_id = %s AND is_active AND in_menu AND parent_id IS NULL "
        f"ORDER BY position, name"
    )
    children_sql = f"SELECT parent_id, id FROM {T_CATEGORY} WHERE site_id = %s AND parent_id IS NOT NULL"

    def block(extra: str, limit: int) -> str:
        return f"{select} WHERE a.site_id = %s AND {live}{extra} {order} LIMIT {limit}"

    def run():
        menu = [row[0] for row in _execute(menu_sql, [site.pk])]
        children: dict[int, list[int]] = {}
        for parent, child in _execute(children_sql, [site.pk]):
            children.setdefault(parent, []).append(child)
        parts = [
            ("featured", block(" AND a.is_featured", public.FEATURED_COUNT), []),
            ("hot", block(" AND a.is_hot", public.HOT_COUNT), []),
            ("latest", block("", public.HOME_LATEST), []),
        ]
        for category_id in menu:
            ids = [category_id, *children.get(category_id, [])]
            extra = f" AND a.category_id IN ({', '.join(['%s'] * len(ids))})"
            parts.append((category_id, block(extra, public.HOME_LATEST), ids))
        sql = " UNION ALL ".join(
            f"SELECT {n} AS part, b.* FROM ({text}) b" for n, (_, text, _p) in enumerate(parts)
        )
        params = []
        for _name, _text, extra in parts:
            params += [site.pk, *live_params, *extra]
        blocks: dict = {name: [] for name, _text, _p in parts}
        names = [name for name, _text, _p in parts]
        for part, article_id, *_columns in _execute(sql, params):
            blocks[names[part]].append(article_id)
        return _home_shape(blocks.pop("featured"), blocks.pop("hot"), blocks.pop("latest"), blocks)

    return run


def _home_shape(featured, hot, latest, by_category: dict) -> dict:
    return {
        "featured": featured,
        "hot": hot,
        "latest": latest,
        "by_category": [(category, ids) for category, ids in by_category.items() if ids],
    }


def _home(site: Site, now):
    def run():
        blocks = public.home_blocks(site, now)
        return _home_shape(
            [a.pk for a in blocks["featured"]],
            [a.pk for a in blocks["hot"]],
            [a.pk for a in blocks["latest"]],
            {category.pk: [a.pk for a in stories] for category, stories in blocks["by_category"]},
        )

    return run


def _story(site: Site, slug: str, now):
    """What the story page reads: the story, its related stories, the newer and the older of its category."""

    def run():
        article = public.public_article(site, slug, now)
        around = public.around_story(article, now)
        return (
            article.pk,
            [a.pk for a in around.related],
            [a.pk for a in around.newer],
            [a.pk for a in around.older],
        )

    return run


def _story_lower_bound(site: Site, slug: str, now):
    live, live_params = _live(now)
    story_sql = (
        f"SELECT a.id, a.category_id, a.*, c.name FROM {T_ARTICLE} a JOIN {T_CATEGORY} c ON c.id = a.category_id "
        f"WHERE a.site_id = %s AND a.slug = %s AND {live}"
    )
    # The stories of the same category around the story (its time read once, by the scalar subquery).
    around = (
        f"SELECT {LIST_COLUMNS} FROM {T_ARTICLE} a "
        f"WHERE a.site_id = %s AND a.category_id = %s AND a.id <> %s AND {live}"
    )
    moment = f"(SELECT publish_at FROM {T_ARTICLE} WHERE id = %s)"
    newer = f"a.publish_at >= {moment} AND (a.publish_at > {moment} OR a.id > %s)"
    older = f"a.publish_at <= {moment} AND (a.publish_at < {moment} OR a.id < %s)"
    limit = public.NEIGHBOURS_COUNT

    def run():
        story = _execute(story_sql, [site.pk, slug, *live_params])[0]
        pk, category = story[0], story[1]
        params = [site.pk, category, pk, *live_params]
        topics = _execute("SELECT 1 FROM portal_article_topics WHERE article_id = %s LIMIT 1", [pk])
        related = [] if topics else _execute(
            f"{around} ORDER BY a.publish_at DESC, a.id DESC LIMIT {public.RELATED_COUNT}", params
        )  # fmt: skip
        params_around = [*params, pk, pk, pk]
        after = _execute(f"{around} AND {newer} ORDER BY a.publish_at, a.id LIMIT {limit}", params_around)
        before = _execute(
            f"{around} AND {older} ORDER BY a.publish_at DESC, a.id DESC LIMIT {limit}", params_around
        )
        return pk, [r[0] for r in related], [r[0] for r in after], [r[0] for r in before]

    return run


def _plan(sql: str, params) -> str:
    """PostgreSQL's plan of a statement, its nodes on one line (to show which index a search reads)."""
    if connection.vendor != "postgresql":
        return ""
    rows = _execute(f"EXPLAIN {sql}", params)
    nodes = [
        row[0].strip(" ->").split("  (")[0] for row in rows if "Scan" in row[0] or "Index Cond" in row[0]
    ]
    return "; ".join(nodes)


# --- the run ----------------------------------------------------------------------------------------------------


def build(scale: float, stdout) -> Site:
    """The units, the sites and the stories at `scale`, with fresh statistics; the busy site is returned."""
    started = time.perf_counter()
    units_bench.build(units_bench.Sizes.at(scale))
    units_built = time.perf_counter() - started
    stories = max(2000, round(portal_data.NATIONAL_STORIES * scale))
    busy = portal_data.build_stories(stories, max(2, round(portal_data.COMMUNE_SITES * scale)))
    rows_built = time.perf_counter() - started - units_built
    portal_data.analyze()
    analysed = time.perf_counter() - started - units_built - rows_built
    stdout.write(
        f"Built {OrgUnit.objects.count():,} units in {units_built:.1f} s; {Site.objects.count():,} sites, "
        f"{Category.objects.count():,} categories and {Article.objects.count():,} stories "
        f"({Article.objects.live().count():,} live) in {rows_built:.1f} s; statistics in {analysed:.1f} s."
    )
    return busy


def measure(busy: Site, repeat: int, stdout) -> list:
    """Each read of the public pages beside its plain SQL (the same result checked first), the table printed."""
    now = timezone.now()
    kheo = Category.objects.get(site=busy, name=portal_data.DAN_VAN_KHEO)
    common, rare = search.words_of(COMMON_WORDS), search.words_of(RARE_WORDS)
    searches = [
        ("search, one site: words + category + a year", busy, COMMON_WORDS, common, kheo, YEAR),
        ("search, all sites: words + a year", None, COMMON_WORDS, common, None, YEAR),
        ("search, all sites: rarer words + a year", None, RARE_WORDS, rare, None, YEAR),
    ]
    rows = []
    for operation, site, q, words, category, days in searches:
        bound, sql, params = _search_lower_bound(site, words, category, days, now)
        found = search.search_articles(site, q, category, *days, now=now)
        for whose, plan in (
            ("selector", _plan(*found.page_sql(0, PAGE))),
            ("plain SQL", _plan(sql, params)),
        ):
            if plan:
                stdout.write(f"PostgreSQL plan of '{operation}', {whose}: {plan}")
        count = bound()[1]
        rows.append(
            compare(
                operation,
                _search_page(site, q, category, days, now),
                bound,
                repeat,
                detail=f"{count:,} found",
            )
        )
    live = Article.objects.live(now).filter(site=busy)
    busy_live = live.count()
    story = live.order_by("-publish_at", "-id").values_list("slug", flat=True)[busy_live // 3]
    rows += [
        compare(
            "home page blocks of the busy site",
            _home(busy, now),
            _home_lower_bound(busy, now),
            repeat,
            detail=f"{busy_live:,} live stories",
        ),
        # The issue sets the ratio of the searches and the home page; of the story page, its time under the crowd.
        # Its reads are shown with their ratio, their target a time: the story itself comes as a model (its page
        # shows all of it), a fixed cost over a statement of a millisecond.
        compare(
            "story page of the busy site",
            _story(busy, story, now),
            _story_lower_bound(busy, story, now),
            repeat,
            max_ratio=None,
            max_ms=STORY_MS,
        ),
    ]
    report(stdout, rows)
    return rows


def run(options, stdout):
    busy = build(options["scale"], stdout)
    rows = measure(busy, options["repeat"], stdout)
    run_load(options, stdout, busy)
    return rows
