"""Writes of the archive reader that are not a whole import: an archived story published at its original time.

The batch of the archive page (upload, correction, import of its items) is `ingest.batches`, which calls
`importing.import_event`, which calls this module."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change
from danvan.core.errors import NotAllowed
from danvan.portal.access import can_write_in
from danvan.portal.cache import site_changed
from danvan.portal.models import Article
from danvan.portal.services import article_snapshot


@transaction.atomic
def publish_archived(actor, article: Article, published_at: datetime.datetime) -> Article:
    """Publishes a story read back from the archive at the time it was first published. Only a draft of origin
    "imported": it was published once already, on the old site, so it does not go through review again; the
    importer (an editor of its category; None: a command) publishes it."""
    article = (
        Article.objects.select_for_update(of=("self",)).select_related("category", "site").get(pk=article.pk)
    )
    if actor is not None and not can_write_in(actor, article.category):
        raise NotAllowed(_("Bạn không phải biên tập viên của chuyên mục này."))
    if article.origin != Article.Origin.IMPORTED or article.status != Article.Status.DRAFT:
        raise ValidationError({"status": [_("Chỉ đăng theo ngày gốc một tin lưu trữ còn là bản nháp.")]})
    if not isinstance(published_at, datetime.datetime) or timezone.is_naive(published_at):
        raise ValidationError({"publish_at": [_("Thời điểm đăng không hợp lệ.")]})
    if published_at > timezone.now():
        raise ValidationError({"publish_at": [_("Tin lưu trữ phải có ngày đăng trong quá khứ.")]})
    before = article_snapshot(article)
    article.status = Article.Status.PUBLISHED
    article.publish_at = published_at
    article.save(update_fields=["status", "publish_at", "updated_at"])
    record_change(actor, "update", article, before, article_snapshot(article), unit=article.site.unit)
    site_changed(article.site_id)
    return article
