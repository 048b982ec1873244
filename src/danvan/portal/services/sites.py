"""A unit's site and its furniture: the site's settings, categories (with the unit whose editors write there),
topics, fixed pages and linked websites. All of it is an administrator's of the site's unit (`access.can_manage`);
each save is logged and makes the public pages be drawn again (`cache.site_changed`)."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.text import clean_text, fold
from danvan.orgunits.models import OrgUnit
from danvan.portal.access import can_manage
from danvan.portal.cache import site_changed
from danvan.portal.models import Category, LinkedWebsite, Site, SitePage, Topic
from danvan.portal.richtext import sanitize_html

# The pages every site starts with (Nghị định 42/2022/NĐ-CP: introduction, organisation, contacts).
FIXED_PAGES = (
    ("gioi-thieu", "Giới thiệu", 10),
    ("to-chuc-bo-may", "Tổ chức bộ máy", 20),
    ("lien-he", "Liên hệ", 30),
)
SITE_TEXTS = {
    "name": (200, True),
    "tagline": (300, False),
    "email": (254, False),
    "address": (255, False),
    "phone": (32, False),
    "responsible": (200, False),
    "licence": (300, False),
    "host": (200, False),
}


def _texts(fields: dict, limits: dict, errors: dict) -> dict:
    data = {}
    for name, (limit, required) in limits.items():
        if name in fields:
            data[name] = clean_text(
                fields[name],
                name,
                errors,
                required_message=_("Hãy nhập trường này.") if required else "",
                limit=limit,
            )
    return data


def _slug(value: str, fallback: str, errors: dict, limit: int) -> str:
    """A slug typed or made from `fallback`; its problem in errors["slug"]."""
    slug = slugify(fold(value or fallback))[:limit].strip("-")
    if not slug:
        errors.setdefault("slug", []).append(_("Đường dẫn chỉ gồm chữ không dấu, số và dấu gạch ngang."))
    return slug


def _unique(queryset, field: str, value: str, instance, errors: dict, message: str) -> None:
    if value and queryset.filter(**{field: value}).exclude(pk=instance.pk).exists():
        errors.setdefault(field, []).append(message)


def _manager(actor, site: Site) -> None:
    if not can_manage(actor, site):
        raise NotAllowed(
            _("Chỉ quản trị của đơn vị chủ quản mới thiết lập trang “%(name)s”.") % {"name": site.name}
        )


def _save(actor, obj: models.Model, before: dict | None, site: Site) -> models.Model:
    obj.save()
    record_change(actor, "update" if before else "create", obj, before, snapshot(obj), unit=site.unit)
    site_changed(site.pk)
    return obj


@transaction.atomic
def save_site(actor, site: Site | None, *, unit: OrgUnit | None = None, **fields) -> Site:
    """Opens a site for `unit` (site None; the fixed pages made empty) or changes its settings."""
    errors: dict[str, list[str]] = {}
    if site is None:
        if unit is None:
            raise ValidationError({"unit": _("Hãy chọn đơn vị.")})
        site = Site(unit=unit, unit_path=unit.path)
        if not can_manage(actor, site):
            raise NotAllowed(_("Chỉ quản trị của đơn vị mới mở trang thông tin cho đơn vị."))
        if Site.objects.filter(unit=unit).exists():
            errors["unit"] = [_("Đơn vị này đã có trang thông tin.")]
        before = None
    else:
        site = Site.objects.select_for_update().select_related("unit").get(pk=site.pk)
        _manager(actor, site)
        before = snapshot(site)
    data = _texts(fields, SITE_TEXTS, errors)
    if "slug" in fields or before is None:
        data["slug"] = _slug(fields.get("slug", ""), fields.get("name", ""), errors, 60)
    if "host" in data:
        data["host"] = data["host"].lower().removeprefix("https://").removeprefix("http://").strip("/")
    if "is_active" in fields:
        data["is_active"] = bool(fields["is_active"])
    for name, value in data.items():
        setattr(site, name, value)
    _unique(Site.objects.all(), "slug", site.slug, site, errors, _("Đường dẫn này đã có trang khác dùng."))
    _unique(Site.objects.all(), "host", site.host, site, errors, _("Tên miền này đã có trang khác dùng."))
    if errors:
        raise ValidationError(errors)
    _save(actor, site, before, site)
    if before is None:
        for slug, title, position in FIXED_PAGES:
            page = SitePage(site=site, slug=slug, title=_(title), position=position)
            _save(actor, page, None, site)
    return site


@transaction.atomic
def save_category(actor, site: Site, category: Category | None, **fields) -> Category:
    """name, slug, parent, description, editor_unit (a unit of the site's unit's subtree), position, in_menu,
    is_active."""
    _manager(actor, site)
    category = category or Category(site=site)
    before = snapshot(category) if category.pk else None
    errors: dict[str, list[str]] = {}
    data = _texts(fields, {"name": (150, True), "description": (500, False)}, errors)
    data["slug"] = _slug(fields.get("slug", ""), fields.get("name", category.name), errors, 80)
    parent = fields.get("parent")
    if parent is not None and (parent.site_id != site.pk or parent.pk == category.pk):
        errors["parent"] = [_("Chuyên mục cha phải là một chuyên mục khác của trang này.")]
    editor_unit = fields.get("editor_unit")
    if editor_unit is not None and not editor_unit.path.startswith(site.unit_path):
        errors["editor_unit"] = [
            _("Đơn vị biên tập phải là đơn vị chủ quản trang hoặc một đơn vị trực thuộc.")
        ]
    data.update(parent=parent, editor_unit=editor_unit)
    data.update({name: fields[name] for name in ("position", "in_menu", "is_active") if name in fields})
    for name, value in data.items():
        setattr(category, name, value)
    _unique(
        site.categories.all(),
        "slug",
        category.slug,
        category,
        errors,
        _("Trang đã có chuyên mục dùng đường dẫn này."),
    )
    if errors:
        raise ValidationError(errors)
    return _save(actor, category, before, site)


@transaction.atomic
def save_topic(actor, site: Site, topic: Topic | None, **fields) -> Topic:
    _manager(actor, site)
    topic = topic or Topic(site=site)
    before = snapshot(topic) if topic.pk else None
    errors: dict[str, list[str]] = {}
    data = _texts(fields, {"name": (200, True), "description": (500, False)}, errors)
    data["slug"] = _slug(fields.get("slug", ""), fields.get("name", topic.name), errors, 80)
    if "is_active" in fields:
        data["is_active"] = bool(fields["is_active"])
    for name, value in data.items():
        setattr(topic, name, value)
    _unique(site.topics.all(), "slug", topic.slug, topic, errors, _("Trang đã có chủ đề dùng đường dẫn này."))
    if errors:
        raise ValidationError(errors)
    return _save(actor, topic, before, site)


@transaction.atomic
def save_page(actor, site: Site, page: SitePage | None, **fields) -> SitePage:
    """title, slug, body (rich text, sanitised), position."""
    _manager(actor, site)
    page = page or SitePage(site=site)
    before = snapshot(page) if page.pk else None
    errors: dict[str, list[str]] = {}
    data = _texts(fields, {"title": (200, True), "body": (200_000, False)}, errors)
    data["body"] = sanitize_html(data.get("body", page.body))
    data["slug"] = _slug(fields.get("slug", ""), fields.get("title", page.title), errors, 80)
    if "position" in fields:
        data["position"] = fields["position"]
    for name, value in data.items():
        setattr(page, name, value)
    _unique(
        site.pages.all(), "slug", page.slug, page, errors, _("Trang đã có trang tĩnh dùng đường dẫn này.")
    )
    if errors:
        raise ValidationError(errors)
    return _save(actor, page, before, site)


@transaction.atomic
def save_link(actor, site: Site, link: LinkedWebsite | None, **fields) -> LinkedWebsite:
    """name, url (http or https), position."""
    _manager(actor, site)
    link = link or LinkedWebsite(site=site)
    before = snapshot(link) if link.pk else None
    errors: dict[str, list[str]] = {}
    data = _texts(fields, {"name": (150, True), "url": (200, True)}, errors)
    if data.get("url") and not data["url"].lower().startswith(("http://", "https://")):
        errors.setdefault("url", []).append(_("Địa chỉ phải bắt đầu bằng http:// hoặc https://."))
    if "position" in fields:
        data["position"] = fields["position"]
    for name, value in data.items():
        setattr(link, name, value)
    if errors:
        raise ValidationError(errors)
    return _save(actor, link, before, site)


@transaction.atomic
def delete_link(actor, link: LinkedWebsite) -> None:
    site = link.site
    _manager(actor, site)
    record_change(actor, "delete", link, snapshot(link), None, unit=site.unit)
    link.delete()
    site_changed(site.pk)
