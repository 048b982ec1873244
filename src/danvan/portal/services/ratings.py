"""A visitor's rating of a story (1–5, once per visitor) and a story's view count: the two writes a public page
makes. Neither is in the change log (they are readers' marks, not administrative changes, and name nobody); a
rating stores only an HMAC of the visitor's random cookie id (`portal.visits.keyed_hash`)."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from danvan.core.errors import ValidationError
from danvan.portal.models import Article, Rating


@transaction.atomic
def rate_article(article: Article, visitor: str, stars) -> Rating:
    """One visitor's stars on a live story; a second rating by the same visitor is refused. The story's sum and
    count are raised with F() in the same transaction as the rating's row."""
    try:
        stars = int(stars)
    except (TypeError, ValueError):
        stars = 0
    if not 1 <= stars <= 5:
        raise ValidationError({"stars": [_("Hãy chọn từ 1 đến 5 sao.")]})
    try:
        with transaction.atomic():
            rating = Rating.objects.create(article=article, visitor=visitor[:64], stars=stars)
    except IntegrityError:
        raise ValidationError({"stars": [_("Bạn đã đánh giá bài viết này rồi. Cảm ơn bạn!")]}) from None
    Article.objects.filter(pk=article.pk).update(
        rating_sum=F("rating_sum") + stars, rating_count=F("rating_count") + 1
    )
    return rating


def count_view(article: Article) -> None:
    """One more reader, in one statement (no read-modify-write: concurrent readers are all counted)."""
    Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)
