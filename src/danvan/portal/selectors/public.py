"""What a visitor may see of a site: only active sites, live stories (published, their time come, not expired),
published documents; the unit's public furniture (its calendar when the unit chose to publish it, its recognised
models, what its commune publicised, its units as of today). No scope: these are public; nothing here writes."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.shortcuts import get_object_or_404
from django.utils import timezone

from danvan.activities.models import CalendarFeed
from danvan.activities.selectors.calendar import unit_items
from danvan.citizens.selectors.consultations import public_consultations
from danvan.citizens.selectors.publicity import public_publications
from danvan.core.text import fold
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtrees_q
from danvan.portal.models import Article, Category, PublicDocument, Site, Tag, Topic
from danvan.portal.selectors.items import Block, StoryItem, site_categories, story_items
from danvan.portal.selectors.search import category_ids
from danvan.practices.selectors import recognised_for_showcase

HOME_LATEST = 5
HOT_COUNT = 6
FEATURED_COUNT = 5
RELATED_COUNT = 5
NEIGHBOURS_COUNT = 5
SHOWCASE_COUNT = 12


def public_site(slug: str) -> Site:
    return get_object_or_404(Site.objects.select_related("unit"), slug=slug, is_active=True)


# What a list of stories never shows: the body and the folded text are most of a row's bytes (about 4 KB).
LIST_DEFERRED = ("body", "search_key")


def live_articles(site: Site, now=None):
    """The site's live stories for a list (without their body)."""
    return (
        Article.objects.live(now).filter(site=site).select_related("category", "cover").defer(*LIST_DEFERRED)
    )


def menu_categories(site: Site) -> list[Category]:
    return list(site.categories.filter(is_active=True, in_menu=True, parent__isnull=True))


def home_blocks(site: Site, now=None) -> dict:
    """The home page: hot news, featured news, the latest stories, and the latest of each menu category (with its
    sub-categories), as `StoryItem`s. Two statements whatever the number of categories: the site's categories, then
    every block at once (`items.story_items`)."""
    categories = site_categories(site.pk)
    children: dict[int, list[int]] = {}
    for category in categories:
        if category.parent_id is not None:
            children.setdefault(category.parent_id, []).append(category.pk)
    menu = [c for c in categories if c.is_active and c.in_menu and c.parent_id is None]  # in the menu's order
    blocks = {
        "featured": Block("a.is_featured", limit=FEATURED_COUNT),
        "hot": Block("a.is_hot", limit=HOT_COUNT),
        "latest": Block(limit=HOME_LATEST),
    }
    for category in menu:
        ids = (category.pk, *children.get(category.pk, ()))
        blocks[category.pk] = Block(f"a.category_id IN ({', '.join(['%s'] * len(ids))})", ids, HOME_LATEST)
    found = story_items(site, blocks, now, categories)
    return {
        "featured": found.pop("featured"),
        "hot": found.pop("hot"),
        "latest": found.pop("latest"),
        "by_category": [(category, found[category.pk]) for category in menu if found[category.pk]],
    }


def public_category(site: Site, slug: str) -> Category:
    return get_object_or_404(Category, site=site, slug=slug, is_active=True)


def category_articles(site: Site, category: Category, now=None):
    return live_articles(site, now).filter(category_id__in=category_ids(category))


def public_topic(site: Site, slug: str) -> Topic:
    return get_object_or_404(Topic, site=site, slug=slug, is_active=True)


def public_tag(slug: str) -> Tag:
    return get_object_or_404(Tag, slug=slug)


def public_article(site: Site, slug: str, now=None) -> Article:
    """A live story of the site; a draft, a withdrawn, a future or an expired story is a 404 as if it did not exist."""
    stories = Article.objects.live(now).filter(site=site).select_related("category", "cover")
    article = get_object_or_404(stories, slug=slug)
    article.site = site
    return article


@dataclass
class AroundStory:
    """What the story page lists beside a story: stories of its topics (else of its category), the newer and the
    older stories of its category (tin liên quan, tin mới hơn, tin cũ hơn), as `StoryItem`s."""

    related: list[StoryItem]
    newer: list[StoryItem]
    older: list[StoryItem]


def around_story(article: Article, now=None) -> AroundStory:
    """The story's surroundings in two statements: its topics, then the lists at once (`items.story_items`)."""
    moment = connection.ops.adapt_datetimefield_value(article.publish_at)
    same_category = "a.category_id = %s AND a.id <> %s"
    # The bound on the time alone comes first: with it the database walks the category's live index from the story
    # on; behind an OR, PostgreSQL read the whole category's stories since (1,627 rows, 12 ms, for five).
    newer = "a.publish_at >= %s AND (a.publish_at > %s OR a.id > %s)"
    older = "a.publish_at <= %s AND (a.publish_at < %s OR a.id < %s)"
    around = (article.category_id, article.pk)
    blocks = {
        "newer": Block(
            f"{same_category} AND {newer}", (*around, moment, moment, article.pk), NEIGHBOURS_COUNT, True
        ),
        "older": Block(
            f"{same_category} AND {older}", (*around, moment, moment, article.pk), NEIGHBOURS_COUNT
        ),
        "related": Block(same_category, around, RELATED_COUNT),
    }
    topic_ids = list(article.topics.values_list("pk", flat=True))
    if topic_ids:
        # Asked only of a story in some topic: with no topic's list to draw from, a database may scan the whole
        # site's stories for one.
        blocks["related by topic"] = Block(
            f"a.id <> %s AND a.id IN (SELECT article_id FROM {Article.topics.through._meta.db_table} "
            f"WHERE topic_id IN ({', '.join(['%s'] * len(topic_ids))}))",
            (article.pk, *topic_ids),
            RELATED_COUNT,
        )
    found = story_items(article.site, blocks, now)
    return AroundStory(
        related=found.get("related by topic") or found["related"], newer=found["newer"], older=found["older"]
    )


def public_documents(site: Site, *, q: str = "", kind: str = "", year: int | None = None):
    documents = PublicDocument.objects.filter(site=site, is_published=True)
    for word in fold(q).split()[:8]:
        documents = documents.filter(search_key__contains=word)
    if kind:
        documents = documents.filter(kind=kind)
    if year:
        documents = documents.filter(issued_on__year=year)
    return documents


def document_kinds(site: Site) -> list[str]:
    return list(
        PublicDocument.objects.filter(site=site, is_published=True)
        .order_by("kind")
        .values_list("kind", flat=True)
        .distinct()
    )


def document_years(site: Site) -> list[int]:
    return sorted(
        {
            day.year
            for day in PublicDocument.objects.filter(site=site, is_published=True).dates("issued_on", "year")
        },
        reverse=True,
    )


def public_document(site: Site, pk: int) -> PublicDocument:
    return get_object_or_404(PublicDocument.objects.exclude(file=""), site=site, pk=pk, is_published=True)


# --- the unit behind the site --------------------------------------------------------------------------------------


def area_of(unit: OrgUnit) -> OrgUnit:
    """The administrative unit a site speaks for: the unit itself, or the nearest administrative ancestor of an
    agency (the province of its Ban Tuyên giáo và Dân vận)."""
    if unit.is_administrative:
        return unit
    for ancestor in reversed(unit.ancestors()):
        if ancestor.is_administrative:
            return ancestor
    return unit


def calendar_is_public(unit: OrgUnit) -> bool:
    return CalendarFeed.objects.filter(unit=unit, person__isnull=True, public=True).exists()


def public_calendar(unit: OrgUnit, monday: datetime.date) -> list | None:
    """The unit's week (its entries, meetings and inspections), only when the unit chose to publish its calendar
    (the public iCalendar feed); None otherwise."""
    if not calendar_is_public(unit):
        return None
    return unit_items(unit, monday, monday + datetime.timedelta(days=6))


def showcase_of(unit: OrgUnit):
    """The recognised "Dân vận khéo" models of the unit's area and below (through lineage: a merged unit's
    predecessors' models too)."""
    return recognised_for_showcase().filter(subtrees_q(lineage_paths(area_of(unit)), "owner_path"))


def publicity_of(unit: OrgUnit) -> dict | None:
    """What the site's commune publicised and consults the people on; None above the communes."""
    area = area_of(unit)
    if area.kind != OrgUnit.Kind.COMMUNE:
        return None
    return {
        "commune": area,
        "publications": list(public_publications(area)[:10]),
        "consultations": list(public_consultations(area)[:10]),
    }


def own_units(unit: OrgUnit, today: datetime.date | None = None):
    """The unit's own agencies open today (tổ chức bộ máy), with address and phone."""
    today = today or timezone.localdate()
    return OrgUnit.objects.filter(parent=unit, kind=OrgUnit.Kind.AGENCY).open_on(today).vietnamese_order()


def administrative_units(
    unit: OrgUnit, today: datetime.date | None = None
) -> list[tuple[str, list[OrgUnit]]]:
    """The administrative units under the site's area as of today, grouped by their type (Phường, Xã…)."""
    today = today or timezone.localdate()
    area = area_of(unit)
    children = (
        OrgUnit.objects.filter(parent=area)
        .exclude(kind=OrgUnit.Kind.AGENCY)
        .open_on(today)
        .vietnamese_order()
    )
    groups: dict[str, list[OrgUnit]] = {}
    for child in children:
        groups.setdefault(child.type_label, []).append(child)
    return list(groups.items())
