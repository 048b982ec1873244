"""Stories as the public lists show them (the home page's blocks, the stories around a story, the results of a
search): a few fields read as plain rows into `StoryItem`s.

These are the busiest reads of the public sites, a dozen short lists a page; through the ORM each list costs a
compilation and each story a model instance, several times what the database itself spends (`danvan bench
portal`). Here the lists beside the news are LIMIT queries on the live-stories index, all joined by UNION ALL into
one statement (`story_items`), and a search's results are a count and a page of hand-written SQL (`FoundStories`);
the live condition is the model's own `Article.live_sql`."""

import datetime
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from danvan.portal.models import Article, Category, Image, Site

ARTICLE = Article._meta.db_table
CATEGORY = Category._meta.db_table
SITE = Site._meta.db_table
COLUMNS = (
    "a.id, a.slug, a.title, a.summary, a.publish_at, a.cover_id, a.cover_caption, a.category_id, a.site_id"
)


@dataclass(frozen=True)
class StoryItem:
    """A live story in a list: what `_story_item.html` and the home page's blocks show of it."""

    pk: int
    slug: str
    title: str
    summary: str
    publish_at: datetime.datetime
    cover_id: int | None
    cover_caption: str
    category: Category
    cover: Image | None
    site: Site


@dataclass(frozen=True)
class Block:
    """One list: the stories of the site's live ones meeting `condition` (SQL over the story `a`, with `params`),
    the first `limit` of them, newest first (oldest first with `oldest_first`)."""

    condition: str = ""
    params: tuple = ()
    limit: int = 5
    oldest_first: bool = False


def site_categories(site_id: int) -> list[Category]:
    """The site's categories in the menu's order, as plain rows (a fifth of the ORM's cost for a dozen rows)."""
    return list(
        Category.objects.raw(
            f"SELECT id, site_id, parent_id, name, slug, is_active, in_menu, position FROM {CATEGORY} "
            f"WHERE site_id = %s ORDER BY position, name",
            [site_id],
        )
    )


def story_items(
    site: Site, blocks: Mapping[Hashable, Block], now=None, categories: list[Category] | None = None
) -> dict[Hashable, list[StoryItem]]:
    """Each block's stories, read in one statement (and one more for the covers when some story has one). The
    stories' categories are read with them, unless all the site's `categories` are given."""
    now = now or timezone.now()
    columns = COLUMNS if categories is not None else f"{COLUMNS}, c.name, c.slug"
    join = "" if categories is not None else f" JOIN {CATEGORY} c ON c.id = a.category_id"
    live, live_params = Article.live_sql("a", now)
    parts, params, keys = [], [], list(blocks)
    for number, key in enumerate(keys):
        block = blocks[key]
        direction = "ASC" if block.oldest_first else "DESC"
        condition = f" AND ({block.condition})" if block.condition else ""
        parts.append(
            f"SELECT {number} AS block, b{number}.* FROM (SELECT {columns} FROM {ARTICLE} a{join} "
            f"WHERE a.site_id = %s AND {live}{condition} "
            f"ORDER BY a.publish_at {direction}, a.id {direction} LIMIT {int(block.limit)}) b{number}"
        )
        params += [site.pk, *live_params, *block.params]
    result: dict[Hashable, list[StoryItem]] = {key: [] for key in keys}
    if not parts:
        return result
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    made = _Items({category.pk: category for category in categories or ()}, {site.pk: site})
    items = made.items([row[1:] for row in rows])
    for (number, *_columns), item in zip(rows, items, strict=True):
        result[keys[number]].append(item)
    return result


class FoundStories:
    """The live stories of `site` (of every active site when None) meeting `condition` (SQL over the story `a`,
    with `params`), newest first, read when asked: `count()` in one statement, a slice as `StoryItem`s in one more,
    and one for the covers (unless `covers` is False: each item's `cover` is then None). What Django's Paginator
    and the API's pagination ask of a list, at a fraction of a QuerySet's cost (`danvan bench portal`).

    Not iterable: a search of every site may find tens of thousands of stories; they are read a page at a time."""

    __iter__ = None

    def __init__(
        self, site: Site | None, condition: str = "", params: Sequence = (), now=None, *, covers: bool = True
    ):
        live, live_params = Article.live_sql("a", now or timezone.now())
        if site is not None:
            where, self._params = f"a.site_id = %s AND {live}", [site.pk, *live_params]
        else:
            # The active sites as a subquery: a join made SQLite walk the sites first (925 ms against 651).
            where, self._params = (
                f"a.site_id IN (SELECT id FROM {SITE} WHERE is_active) AND {live}",
                live_params,
            )
        if condition:
            where += f" AND {condition}"
            self._params += list(params)
        self._where = where
        self._site = site
        self._with_covers = covers
        self._count: int | None = None

    def all(self) -> "FoundStories":
        return self

    def count(self) -> int:
        if self._count is None:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {ARTICLE} a WHERE {self._where}", self._params)
                self._count = cursor.fetchone()[0]
        return self._count

    __len__ = count

    def __getitem__(self, index: slice) -> list[StoryItem]:
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("FoundStories are read by slices, as [start:stop].")
        if index.stop is None:
            raise ValueError("FoundStories are read by slices with a stop.")
        start, stop = int(index.start or 0), int(index.stop)
        if start < 0 or stop < 0:
            raise ValueError("FoundStories are read by slices from a start to a stop, neither negative.")
        if stop <= start:
            return []
        sql, params = self.page_sql(start, stop)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return _Items({}, {self._site.pk: self._site} if self._site else {}).items(
            rows, with_covers=self._with_covers
        )

    def page_sql(self, start: int, stop: int) -> tuple[str, list]:
        """The statement reading the stories from `start` to `stop`: the page is chosen on the stories alone, then
        its rows get their category's (and site's) names."""
        site_columns = ", s.slug, s.name" if self._site is None else ""
        site_join = f" JOIN {SITE} s ON s.id = b.site_id" if self._site is None else ""
        sql = (
            f"SELECT b.*, c.name, c.slug{site_columns} FROM (SELECT {COLUMNS} FROM {ARTICLE} a "
            f"WHERE {self._where} ORDER BY a.publish_at DESC, a.id DESC LIMIT {stop - start} OFFSET {start}) b "
            f"JOIN {CATEGORY} c ON c.id = b.category_id{site_join} ORDER BY b.publish_at DESC, b.id DESC"
        )
        return sql, self._params


class _Items:
    """Rows of `COLUMNS` (then the category's name and slug and the site's slug and name, where not `known`) made
    into `StoryItem`s, one object per story, category and site however many lists hold them."""

    def __init__(self, categories: dict[int, Category], sites: dict[int, Site]):
        self.categories, self.sites = categories, sites
        self.stories: dict[int, StoryItem] = {}

    def items(self, rows: list[tuple], *, with_covers: bool = True) -> list[StoryItem]:
        covers = _covers({row[5] for row in rows if row[5] is not None}) if with_covers else {}
        return [self._item(row, covers) for row in rows]

    def _item(self, row: tuple, covers: dict[int, Image]) -> StoryItem:
        pk, slug, title, summary, moment, cover_id, caption, category_id, site_id, *named = row
        item = self.stories.get(pk)
        if item is not None:
            return item
        category = self.categories.get(category_id)
        if category is None:
            category = self.categories[category_id] = Category(
                id=category_id, site_id=site_id, name=named[0], slug=named[1]
            )
        site = self.sites.get(site_id)
        if site is None:
            site = self.sites[site_id] = Site(id=site_id, slug=named[2], name=named[3])
        item = self.stories[pk] = StoryItem(
            pk, slug, title, summary, _aware(moment), cover_id, caption, category, covers.get(cover_id), site
        )
        return item


def _covers(ids: set[int]) -> dict[int, Image]:
    if not ids:
        return {}
    return Image.objects.prefetch_related("renditions").in_bulk(ids)


def _aware(moment) -> datetime.datetime:
    """A moment as the database gave it (SQLite: the text Django stored, in UTC) as an aware datetime."""
    if isinstance(moment, str):
        moment = datetime.datetime.fromisoformat(moment)
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=datetime.UTC)
