"""Writing stories: creating one (written, from a work record, or read back from the archive), changing it, its
revisions (every save makes one; an old one restored becomes a new one).

Who edits what: an editor of the story's category (`access.can_write_in`) or an approver of its site, while the
story is a draft, returned, awaiting review or published; a withdrawn story is reopened first (`workflow`).
A published story stays live when an approver edits it (they could publish it anyway); an editor's edit of a
published story sends it back to review (status "submitted", off the site until approved again), so nothing reaches
readers unreviewed. A scheduled publication time typed by a person must lie ahead (`publish_at`); a command (the
archive import, the demo) may give a past one."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.text import clean_text, fold
from danvan.portal.access import can_approve, can_edit_article, can_write_in
from danvan.portal.cache import site_changed
from danvan.portal.models import Article, ArticleRevision, Category, Image, Site, Tag, Topic
from danvan.portal.richtext import plain_text, sanitize_html
from danvan.portal.services import notices

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
# What `update_article` takes besides topics and tags.
EDITABLE = {name.removesuffix("_id") for name in REVISION_FIELDS}


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


def check_future(publish_at, errors: dict) -> None:
    if publish_at is not None and publish_at <= timezone.now():
        errors.setdefault("publish_at", []).append(
            _(
                "Thời điểm xuất bản đã qua: hãy chọn một thời điểm sắp tới, hoặc để trống để xuất bản khi được duyệt."
            )
        )


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
    if actor is not None:
        check_future(data.get("publish_at"), errors)
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


def lock_article(article: Article) -> Article:
    """The story's row, locked until the transaction ends, read again with its site and category."""
    return (
        Article.objects.select_for_update(of=("self",))
        .select_related("site__unit", "category__editor_unit", "created_by")
        .get(pk=article.pk)
    )


def _check_edit(actor, article: Article) -> None:
    if not can_edit_article(actor, article):
        raise NotAllowed(_("Bạn không phải biên tập viên của chuyên mục này."))
    if article.status == Article.Status.WITHDRAWN:
        raise ValidationError(_("Bài đã gỡ: hãy mở lại bài trước khi sửa."))


@transaction.atomic
def update_article(actor, article: Article, *, note: str = "", **fields) -> Article:
    """Changes a story's fields (those given: the fields of `create_article` but the record's, plus `topics` and
    `tags`) and saves a revision. See the module's docstring for who may edit a published story."""
    article = lock_article(article)
    _check_edit(actor, article)
    errors: dict[str, list[str]] = {}
    topics = fields.pop("topics", None)
    tags = fields.pop("tags", None)
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    data = clean_article_fields(article.site, fields, errors)
    category = data.get("category")
    moved = category is not None and category.pk != article.category_id and not errors.get("category")
    if moved and not (can_write_in(actor, category) or can_approve(actor, article.site)):
        errors.setdefault("category", []).append(_("Bạn không phải biên tập viên của chuyên mục này."))
    if topics is not None and any(topic.site_id != article.site_id for topic in topics):
        errors.setdefault("topics", []).append(_("Chủ đề không thuộc trang này."))
    if (
        "publish_at" in data
        and data["publish_at"] != article.publish_at
        and article.status != Article.Status.PUBLISHED
    ):
        check_future(data["publish_at"], errors)
    publish_at, expire_at = (
        data.get("publish_at", article.publish_at),
        data.get("expire_at", article.expire_at),
    )
    if publish_at and expire_at and expire_at <= publish_at and not errors.get("expire_at"):
        errors.setdefault("expire_at", []).append(_("Thời điểm hết hạn phải sau thời điểm xuất bản."))
    if errors:
        raise ValidationError(errors)
    before = article_snapshot(article)
    for name, value in data.items():
        setattr(article, name, value)
    sent_back = article.status == Article.Status.PUBLISHED and not can_approve(actor, article.site)
    if sent_back:
        article.status = Article.Status.SUBMITTED
    article.search_key = search_key_of(article)
    article.save()
    if topics is not None:
        article.topics.set(topics)
    if tags is not None:
        article.tags.set(tags_named(tags))
    save_revision(actor, article, note=note or str(_("Sửa bài")))
    record_change(actor, "update", article, before, article_snapshot(article), unit=article.site.unit)
    site_changed(article.site_id)
    if sent_back:
        notices.announce_submitted(actor, article)
    return article


def revision_fields(article: Article, revision: ArticleRevision) -> dict:
    """The fields of `update_article` a revision holds, as objects (a category, image or topic deleted since is
    left out, and said so by `restore_revision`)."""
    content = revision.content
    fields = {
        name: content.get(name, "")
        for name in ("title", "summary", "body", "cover_caption", "author", "source", "source_url")
    }
    fields["is_hot"] = bool(content.get("is_hot"))
    fields["is_featured"] = bool(content.get("is_featured"))
    for name in ("publish_at", "expire_at"):
        value = content.get(name)
        fields[name] = datetime.datetime.fromisoformat(value) if value else None
    category = Category.objects.filter(pk=content.get("category_id"), site=article.site_id).first()
    if category is not None:
        fields["category"] = category
    cover_id = content.get("cover_id")
    fields["cover"] = Image.objects.filter(pk=cover_id, site=article.site_id).first() if cover_id else None
    fields["topics"] = list(Topic.objects.filter(pk__in=content.get("topics", []), site=article.site_id))
    fields["tags"] = content.get("tags", [])
    return fields


def restore_revision(actor, article: Article, revision: ArticleRevision) -> Article:
    """The story as it stood at `revision`, saved as a new revision (the ones between are kept)."""
    if revision.article_id != article.pk:
        raise ValidationError({"revision": _("Phiên bản không thuộc bài này.")})
    note = _("Khôi phục phiên bản %(n)d") % {"n": revision.number}
    fields = revision_fields(article, revision)
    # A scheduled time now past is dropped rather than refused: the story is published when approved.
    if (
        fields["publish_at"]
        and fields["publish_at"] <= timezone.now()
        and article.status != Article.Status.PUBLISHED
    ):
        fields["publish_at"] = None
        if fields["expire_at"] and fields["expire_at"] <= timezone.now():
            fields["expire_at"] = None
    return update_article(actor, article, note=note, **fields)
