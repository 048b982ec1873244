"""The back office's reads, through the user's scope: a site is seen by the users of its unit's subtree and by those
of a unit one of its categories is opened to; a story by the users who see its site's unit or its category's
editing unit. Anything else is a 404, as if it did not exist."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import Role
from danvan.accounts.scope import role_q, visible_q
from danvan.core.changelog import changes_in_words
from danvan.core.models import ChangeLog
from danvan.portal.models import Article, ArticleRevision, Category, Image, Site
from danvan.portal.services.articles import REVISION_FIELDS


def sites_visible_to(user) -> QuerySet[Site]:
    opened = Category.objects.filter(visible_q(user, "editor_unit__path")).values("site_id")
    return Site.objects.filter(visible_q(user, "unit_path") | Q(pk__in=opened)).select_related("unit")


def get_site_for(user, pk: int) -> Site:
    return get_object_or_404(sites_visible_to(user), pk=pk)


def articles_visible_to(user) -> QuerySet[Article]:
    scope = visible_q(user, "site__unit_path") | visible_q(user, "category__editor_unit__path")
    return Article.objects.filter(scope).select_related("site", "category", "created_by")


def get_article_for(user, pk: int) -> Article:
    return get_object_or_404(articles_visible_to(user).select_related("site__unit", "cover"), pk=pk)


def writable_categories(user, site: Site | None = None) -> QuerySet[Category]:
    """The active categories the user may write in (`access.can_write_in`), of one site or all."""
    own = Q(editor_unit__isnull=True) & role_q(user, Role.EDITOR, "site__unit_path")
    opened = Q(editor_unit__isnull=False) & role_q(user, Role.EDITOR, "editor_unit__path")
    found = Category.objects.filter(own | opened, is_active=True, site__is_active=True)
    if site is not None:
        found = found.filter(site=site)
    return found.select_related("site").order_by("site__name", "position", "name")


def sites_to_review(user) -> QuerySet[Site]:
    return Site.objects.filter(role_q(user, Role.APPROVER, "unit_path"))


def status_counts(user, site: Site | None = None) -> dict[str, int]:
    rows = articles_visible_to(user)
    if site is not None:
        rows = rows.filter(site=site)
    return dict(rows.order_by().values_list("status").annotate(n=Count("id")))


def library_of(site: Site) -> QuerySet[Image]:
    return site.images.prefetch_related("renditions")


# --- revisions -------------------------------------------------------------------------------------------------------


def revision_changes(older: ArticleRevision, newer: ArticleRevision) -> list[dict]:
    """The fields that differ between two revisions, in words as the change log shows them ("Chuyên mục: Tin hoạt
    động → Dân vận khéo"): [{"label", "before", "after"}], the body last, as its HTML (the page shows it as text)."""
    plain = [name for name in (*REVISION_FIELDS, "topics") if name != "body"]
    entry = ChangeLog(
        content_type=ContentType.objects.get_for_model(Article),
        action=ChangeLog.Action.UPDATE,
        before={name: older.content.get(name) for name in plain},
        after={name: newer.content.get(name) for name in plain},
    )
    changes = [{"label": label, "before": b, "after": a} for label, b, a in changes_in_words(entry)]
    for name, label in (("tags", _("Từ khóa")), ("body", _("Nội dung"))):
        before, after = older.content.get(name) or "", newer.content.get(name) or ""
        if before != after:
            if name == "tags":
                before, after = ", ".join(before) or "—", ", ".join(after) or "—"
            changes.append({"label": label, "before": before or "—", "after": after or "—"})
    return changes


def scheduled_q(now: datetime.datetime | None = None) -> Q:
    return Q(status=Article.Status.PUBLISHED, publish_at__gt=now or timezone.now())


def expired_q(now: datetime.datetime | None = None) -> Q:
    return Q(status=Article.Status.PUBLISHED, expire_at__lte=now or timezone.now())
