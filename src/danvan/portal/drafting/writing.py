""" "Viết tin": the categories an editor may write in, the one offered first for a record, and the draft written from
the record through `create_article` (origin "record", linked back to it)."""

from django.utils.translation import gettext as _

from danvan.core.errors import NotAllowed, ValidationError
from danvan.portal.access import can_write_in
from danvan.portal.models import Article, Category
from danvan.portal.services import create_article

from .records import Kind, WorkRecord

TITLE_MAX = 300
# The category a story about a record goes to first, when its site has one of these (by slug).
PREFERRED_SLUGS = {
    Kind.MEETING: ("tin-hoat-dong",),
    Kind.INSPECTION: ("dan-chu-o-co-so", "tin-hoat-dong"),
    Kind.PRACTICE: ("dan-van-kheo", "tin-hoat-dong"),
}


def default_category(record: WorkRecord, categories: list[Category]) -> Category | None:
    """The record's unit's site, else its nearest ancestor's with a site, among the categories the user may write
    in; there the category suited to the record. Else the first category the user may write in."""
    if not categories:
        return None
    by_unit: dict[int, list[Category]] = {}
    for category in categories:
        by_unit.setdefault(category.site.unit_id, []).append(category)
    for unit_id in [record.unit.pk, *reversed(record.unit.ancestor_ids)]:
        if unit_id in by_unit:
            choices = by_unit[unit_id]
            for slug in PREFERRED_SLUGS[record.kind]:
                for category in choices:
                    if category.slug == slug:
                        return category
            return choices[0]
    return categories[0]


def stories_of(kind: str, pk: int) -> list[Article]:
    """The stories written from a record, the latest first."""
    return list(
        Article.objects.filter(record_kind=kind, record_id=pk)
        .select_related("site", "category")
        .order_by("-created_at", "-id")
    )


def _short(title: str) -> str:
    if len(title) <= TITLE_MAX:
        return title
    return title[: TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"


def write_from_record(actor, record: WorkRecord, category: Category) -> Article:
    """A draft story in `category`, composed from the record, by `actor` (an editor of the category), linked back to
    the record. A second story of the same record is allowed (another site, another angle)."""
    if record.refusal:
        raise ValidationError({"record": [record.refusal]})
    if not can_write_in(actor, category):
        raise NotAllowed(_("Bạn không phải biên tập viên của chuyên mục này."))
    draft = record.compose()
    name = actor.display_name if actor is not None else ""
    return create_article(
        actor,
        site=category.site,
        category=category,
        title=_short(draft.title),
        summary=draft.summary[:1000],
        body=draft.body,
        author=_("Tin: %(name)s") % {"name": name} if name else "",
        origin=Article.Origin.RECORD,
        record_kind=record.kind,
        record_id=record.pk,
    )
