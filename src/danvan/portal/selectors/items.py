"""Stories as the public lists beside the news show them (the home page's blocks, the stories around a story): a
few fields read as plain rows into `StoryItem`s, several lists in one statement.

These are the busiest reads of the public sites, a dozen short lists a page; through the ORM each list costs a
compilation and each story a model instance, several times what the database itself spends (`danvan bench
portal`). Here each list is a LIMIT query on the live-stories index, all joined by UNION ALL into one statement
whose rows become small objects; the live condition is the model's own `Article.LIVE_SQL`."""

import datetime
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from danvan.portal.models import Article, Category, Image

ARTICLE = Article._meta.db_table
CATEGORY = Category._meta.db_table
COLUMNS = "a.id, a.slug, a.title, a.summary, a.publish_at, a.cover_id, a.cover_caption, a.category_id"


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
    site_id: int, blocks: Mapping[Hashable, Block], now=None, categories: list[Category] | None = None
) -> dict[Hashable, list[StoryItem]]:
    """Each block's stories, read in one statement (and one more for the covers when some story has one). The
    stories' categories are read with them, unless all the site's `categories` are given."""
    now = now or timezone.now()
    known = {category.pk: category for category in categories or ()}
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
        params += [site_id, *live_params, *block.params]
    result: dict[Hashable, list[StoryItem]] = {key: [] for key in keys}
    if not parts:
        return result
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    covers = _covers({row[6] for row in rows if row[6] is not None})
    items: dict[int, StoryItem] = {}
    for number, pk, slug, title, summary, moment, cover_id, caption, category_id, *named in rows:
        item = items.get(pk)
        if item is None:
            category = known.get(category_id)
            if category is None:
                name, category_slug = named
                category = known[category_id] = Category(
                    id=category_id, site_id=site_id, name=name, slug=category_slug
                )
            item = items[pk] = StoryItem(
                pk, slug, title, summary, _aware(moment), cover_id, caption, category, covers.get(cover_id)
            )
        result[keys[number]].append(item)
    return result


def _covers(ids: set[int]) -> dict[int, Image]:
    if not ids:
        return {}
    return Image.objects.prefetch_related("renditions").in_bulk(ids)


def _aware(moment) -> datetime.datetime:
    """A moment as the database gave it (SQLite: the text Django stored, in UTC) as an aware datetime."""
    if isinstance(moment, str):
        moment = datetime.datetime.fromisoformat(moment)
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=datetime.UTC)
