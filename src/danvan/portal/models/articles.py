"""Stories (tin, bài) and what belongs to them: topics (dòng sự kiện), tags, revisions, ratings.

A story is visible to the public when it is published, its publish time has come and its expiry has not: that is
computed on the moment asked (`Article.objects.live(now)`), never stored, so a scheduled story appears by itself."""

from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import TimeStampedModel
from danvan.portal.models.media import Image
from danvan.portal.models.sites import Category, Site


class Topic(models.Model):
    """A thread of events followed over time (chủ đề, dòng sự kiện), e.g. "Phong trào thi đua Dân vận khéo"."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="topics", verbose_name=_("trang"))
    name = models.CharField(_("tên chủ đề"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=80)
    description = models.CharField(_("mô tả"), max_length=500, blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("chủ đề")
        verbose_name_plural = _("chủ đề")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="portal_topic_slug_unique")]

    def __str__(self):
        return self.name


class Tag(models.Model):
    """A keyword shared by all sites; `slug` is the folded name, so "Dân vận khéo" and "dan van kheo" are one tag."""

    name = models.CharField(_("từ khóa"), max_length=80)
    slug = models.SlugField(_("đường dẫn"), max_length=90, unique=True)

    class Meta:
        verbose_name = _("từ khóa")
        verbose_name_plural = _("từ khóa")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ArticleQuerySet(models.QuerySet):
    def live(self, now=None):
        now = now or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=now).filter(
            Q(expire_at__isnull=True) | Q(expire_at__gt=now)
        )


class Article(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("bài viết", "Bản nháp")
        SUBMITTED = "submitted", _("Chờ duyệt")
        RETURNED = "returned", _("Trả lại")
        PUBLISHED = "published", _("Đã duyệt, xuất bản")
        WITHDRAWN = "withdrawn", _("Đã gỡ")

    class Origin(models.TextChoices):
        WRITTEN = "written", _("Viết mới")
        RECORD = "record", _("Viết từ hồ sơ công tác")
        IMPORTED = "imported", _("Tin lưu trữ, đọc lại vào hệ thống")

    class RecordKind(models.TextChoices):
        MEETING = "meeting", _("Hội nghị, cuộc họp")
        INSPECTION = "inspection", _("Cuộc kiểm tra, giám sát")
        PRACTICE = "practice", _("Mô hình, điển hình Dân vận khéo")

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="articles", verbose_name=_("trang"))
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("chuyên mục")
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles", verbose_name=_("chủ đề"))
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("từ khóa"))
    slug = models.SlugField(_("đường dẫn"), max_length=220)
    title = models.CharField(_("tiêu đề"), max_length=300)
    summary = models.TextField(_("tóm tắt"), max_length=1000, blank=True)
    body = models.TextField(_("nội dung"), help_text=_("HTML đã lọc an toàn (core của portal.richtext)."))
    cover = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ảnh đại diện"),
    )
    cover_caption = models.CharField(_("chú thích ảnh đại diện"), max_length=500, blank=True)
    author = models.CharField(
        _("tác giả"), max_length=200, blank=True, help_text=_("Ví dụ: Tin, ảnh: Thu Hà")
    )
    source = models.CharField(_("nguồn"), max_length=200, blank=True)
    source_url = models.URLField(_("địa chỉ bài gốc"), max_length=500, blank=True)
    status = models.CharField(_("tình trạng"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    origin = models.CharField(_("nguồn gốc"), max_length=10, choices=Origin.choices, default=Origin.WRITTEN)
    is_hot = models.BooleanField(_("tin nóng"), default=False)
    is_featured = models.BooleanField(_("tin tiêu điểm"), default=False)
    publish_at = models.DateTimeField(
        _("xuất bản lúc"), null=True, blank=True, help_text=_("Để trống: xuất bản ngay khi được duyệt.")
    )
    expire_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    rejection_reason = models.TextField(_("lý do trả lại"), blank=True)
    # The work record a story was written from (RecordKind + id): the record's page lists its stories.
    record_kind = models.CharField(_("loại hồ sơ"), max_length=12, choices=RecordKind.choices, blank=True)
    record_id = models.PositiveBigIntegerField(_("mã hồ sơ"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người duyệt"),
    )
    view_count = models.PositiveIntegerField(_("lượt xem"), default=0, editable=False)
    rating_sum = models.PositiveIntegerField(default=0, editable=False)
    rating_count = models.PositiveIntegerField(_("lượt đánh giá"), default=0, editable=False)
    # Title, summary and body folded (core.text.fold) for accent-insensitive search by words. On PostgreSQL its words
    # are also stored parsed, in a generated column the model does not name (search_vector, to_tsvector('simple',
    # search_key)), indexed by GIN (migration 0002).
    search_key = models.TextField(editable=False, default="")
    revision_number = models.PositiveIntegerField(default=0, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("tin, bài")
        verbose_name_plural = _("tin, bài")
        ordering = ["-publish_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="portal_article_slug_unique"),
            models.CheckConstraint(
                condition=Q(expire_at__isnull=True)
                | Q(publish_at__isnull=True)
                | Q(expire_at__gt=models.F("publish_at")),
                name="portal_article_expires_after_publish",
            ),
        ]
        indexes = [
            models.Index(fields=["site", "status", "publish_at"], name="portal_art_site_live"),
            models.Index(fields=["category", "status", "publish_at"], name="portal_art_cat_live"),
            models.Index(fields=["status", "publish_at"], name="portal_art_live"),
            models.Index(fields=["record_kind", "record_id"], name="portal_art_record"),
        ]

    def __str__(self):
        return self.title

    @staticmethod
    def live_sql(alias: str, now) -> tuple[str, list]:
        """`live(now)` as SQL over the stories table under `alias`, for the statements written by hand
        (`portal.selectors.items`); tests/portal/test_public_blocks.py holds both to the same stories."""
        moment = connection.ops.adapt_datetimefield_value(now)
        return (
            f"{alias}.status = %s AND {alias}.publish_at <= %s "
            f"AND ({alias}.expire_at IS NULL OR {alias}.expire_at > %s)",
            [Article.Status.PUBLISHED.value, moment, moment],
        )

    @property
    def rating(self) -> float | None:
        return self.rating_sum / self.rating_count if self.rating_count else None


class ArticleRevision(models.Model):
    """What a story said at each save: who, when, and every field a reader sees (the change log keeps the diff)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("lần sửa"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người sửa"),
    )
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    content = models.JSONField(_("nội dung"), help_text=_("title, summary, body, cover, author, source…"))

    class Meta:
        verbose_name = _("phiên bản")
        verbose_name_plural = _("phiên bản")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="portal_revision_unique")]

    def __str__(self):
        return f"{self.article} #{self.number}"


class Rating(models.Model):
    """One visitor's 1–5 stars on a story. `visitor` is a random id from the visitor's cookie, hashed: no address,
    no account, nothing that names a person."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="ratings")
    visitor = models.CharField(max_length=64)
    stars = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "visitor"], name="portal_rating_once_per_visitor"),
            models.CheckConstraint(condition=Q(stars__gte=1) & Q(stars__lte=5), name="portal_rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.article}: {self.stars}"
