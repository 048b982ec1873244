"""Writing stories: creating one (written, from a work record, or read back from the archive), its revisions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.text import clean_text, fold
from danvan.portal.access import can_write_in
from danvan.portal.cache import site_changed
from danvan.portal.models import Article, ArticleRevision, Category, Image, Site, Tag, Topic
from danvan.portal.richtext import plain_text, sanitize_html

TITLE_MAX = 300
SUMMARY_MAX = 1000
BODY_MAX = 200_000
# What a revision keeps: every field a reader sees.
REVISION_FIELDS = (
    "title",
    "summary",
    "body",
    "category_id",
    "cover_id",
    "cover_caption",
    "author",
    "source",
    "source_url",
    "is_hot",
    "is_featured",
    "publish_at",
    "expire_at",
)


def article_snapshot(article: Article) -> dict:
    # The body's full HTML is in the revision; the change log keeps the fields a diff can show.
    return snapshot(article, exclude=("search_key", "body", "view_count", "rating_sum", "rating_count"))


def search_key_of(article: Article) -> str:
    return fold(f"{article.title} {article.summary} {plain_text(article.body)}")


def unique_slug(site: Site, title: str, exclude_pk=None) -> str:
    base = slugify(fold(title))[:200].strip("-") or "tin"
    taken = set(
        Article.objects.filter(site=site, slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def tags_named(names) -> list[Tag]:
    tags = []
    for name in names or ():
        name = " ".join(str(name).split())[:80]
        slug = slugify(fold(name))[:90]
        if slug:
            tags.append(Tag.objects.get_or_create(slug=slug, defaults={"name": name})[0])
    return tags


def clean_article_fields(site: Site, fields: dict, errors: dict) -> dict:
    """The fields as stored (text cleaned, HTML sanitised, references checked against the site); problems in `errors`
    under the field's name."""
    data = {}
    for name, limit, required in (
        ("title", TITLE_MAX, _("Nhập tiêu đề.")),
        ("summary", SUMMARY_MAX, ""),
        ("cover_caption", 500, ""),
        ("author", 200, ""),
        ("source", 200, ""),
        ("source_url", 500, ""),
    ):
        if name in fields:
            data[name] = clean_text(fields[name], name, errors, required_message=required, limit=limit)
    if "body" in fields:
        body = clean_text(
            fields["body"], "body", errors, required_message=_("Nhập nội dung."), limit=BODY_MAX
        )
        data["body"] = sanitize_html(body)
        if body and not plain_text(data["body"]) and "<img" not in data["body"]:
            errors.setdefault("body", []).append(_("Nội dung trống sau khi lọc mã không an toàn."))
    if "category" in fields:
        category = fields["category"]
        if not isinstance(category, Category) or category.site_id != site.pk:
            errors.setdefault("category", []).append(_("Chuyên mục không thuộc trang này."))
        data["category"] = category
    if "cover" in fields:
        cover = fields["cover"]
        if cover is not None and (not isinstance(cover, Image) or cover.site_id != site.pk):
            errors.setdefault("cover", []).append(_("Ảnh không thuộc trang này."))
        data["cover"] = cover
    for name in ("is_hot", "is_featured"):
        if name in fields:
            data[name] = bool(fields[name])
    for name in ("publish_at", "expire_at"):
        if name in fields:
            value = fields[name]
            if value is not None and not isinstance(value, datetime.datetime):
                errors.setdefault(name, []).append(_("Thời điểm không hợp lệ."))
            data[name] = value
    publish_at = data.get("publish_at", fields.get("publish_at"))
    expire_at = data.get("expire_at", fields.get("expire_at"))
    if publish_at and expire_at and expire_at <= publish_at:
        errors.setdefault("expire_at", []).append(_("Thời điểm hết hạn phải sau thời điểm xuất bản."))
    return data


def save_revision(actor, article: Article, note: str = "") -> ArticleRevision:
    article.revision_number += 1
    Article.objects.filter(pk=article.pk).update(revision_number=article.revision_number)
    content = {}
    for name in REVISION_FIELDS:
        value = getattr(article, name)
        content[name] = value.isoformat() if isinstance(value, datetime.datetime) else value
    content["topics"] = sorted(article.topics.values_list("pk", flat=True))
    content["tags"] = sorted(article.tags.values_list("name", flat=True))
    return ArticleRevision.objects.create(
        article=article,
        number=article.revision_number,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        note=note[:300],
        content=content,
    )


@transaction.atomic
def create_article(
    actor,
    *,
    site: Site,
    category: Category,
    title: str,
    body: str,
    summary: str = "",
    author: str = "",
    source: str = "",
    source_url: str = "",
    cover: Image | None = None,
    cover_caption: str = "",
    is_hot: bool = False,
    is_featured: bool = False,
    publish_at: datetime.datetime | None = None,
    expire_at: datetime.datetime | None = None,
    topics: list[Topic] = (),
    tags: list[str] = (),
    origin: str = Article.Origin.WRITTEN,
    record_kind: str = "",
    record_id: int | None = None,
) -> Article:
    """A new story in `category`, as a draft: the actor must be an editor of the category's unit (None: a command,
    such as the archive import or the demo). The story reaches readers through review (`transition`), except an
    archived story read back by `ingest`, which its importer publishes at its original time."""
    if actor is not None and not can_write_in(actor, category):
        raise NotAllowed(_("Bạn không phải biên tập viên của chuyên mục này."))
    errors: dict[str, list[str]] = {}
    data = clean_article_fields(
        site,
        {
            "category": category,
            "title": title,
            "body": body,
            "summary": summary,
            "author": author,
            "source": source,
            "source_url": source_url,
            "cover": cover,
            "cover_caption": cover_caption,
            "is_hot": is_hot,
            "is_featured": is_featured,
            "publish_at": publish_at,
            "expire_at": expire_at,
        },
        errors,
    )
    if origin not in Article.Origin.values:
        errors.setdefault("origin", []).append(_("Nguồn gốc không hợp lệ."))
    if record_kind and (record_kind not in Article.RecordKind.values or not record_id):
        errors.setdefault("record_kind", []).append(_("Hồ sơ công tác không hợp lệ."))
    if any(topic.site_id != site.pk for topic in topics):
        errors.setdefault("topics", []).append(_("Chủ đề không thuộc trang này."))
    if errors:
        raise ValidationError(errors)
    article = Article(
        site=site,
        origin=origin,
        record_kind=record_kind,
        record_id=record_id if record_kind else None,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **data,
    )
    article.slug = unique_slug(site, article.title)
    article.search_key = search_key_of(article)
    article.save()
    if topics:
        article.topics.set(topics)
    if tags:
        article.tags.set(tags_named(tags))
    save_revision(actor, article, note=str(_("Tạo bài")))
    record_change(actor, "create", article, None, article_snapshot(article), unit=site.unit)
    site_changed(site.pk)
    return article
