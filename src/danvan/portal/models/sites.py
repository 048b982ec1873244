"""A unit's public site and what hangs on it besides the stories: categories with their editors, pages (giới thiệu,
tổ chức bộ máy, liên hệ), the documents it publishes (Nghị định 42/2022/NĐ-CP) and its linked websites."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.orgunits.models import OrgUnit, PathField


class Site(TimeStampedModel):
    """One unit's public site, under /trang/<slug>/ (and its own host name when configured)."""

    unit = models.OneToOneField(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="site"
    )
    # Copied from the unit so scope is one indexed range; kept in step by the services.
    unit_path = PathField(max_length=255, db_index=True, editable=False)
    slug = models.SlugField(_("đường dẫn"), max_length=60, unique=True)
    name = models.CharField(_("tên trang"), max_length=200)
    tagline = models.CharField(_("khẩu hiệu, dòng giới thiệu"), max_length=300, blank=True)
    host = models.CharField(
        _("tên miền riêng"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ dvcaobang.gov.vn; để trống nếu chỉ dùng đường dẫn chung."),
    )
    email = models.EmailField(_("thư điện tử liên hệ"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    responsible = models.CharField(
        _("người chịu trách nhiệm nội dung"),
        max_length=200,
        blank=True,
        help_text=_("Ghi ở chân trang theo Nghị định 42/2022/NĐ-CP."),
    )
    licence = models.CharField(_("giấy phép, quyết định thành lập trang"), max_length=300, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("trang thông tin")
        verbose_name_plural = _("trang thông tin")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["host"], condition=~models.Q(host=""), name="portal_site_host_unique"
            )
        ]

    def __str__(self):
        return self.name


class Category(models.Model):
    """A chuyên mục. Its editors are the editors of `editor_unit` (the site's unit when empty): a province's site
    can open a category to a department or the Front, whose editors then write there and nowhere else."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="categories", verbose_name=_("trang")
    )
    name = models.CharField(_("tên chuyên mục"), max_length=150)
    slug = models.SlugField(_("đường dẫn"), max_length=80)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("chuyên mục cha"),
    )
    description = models.CharField(_("mô tả"), max_length=500, blank=True)
    editor_unit = models.ForeignKey(
        OrgUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="portal_categories",
        verbose_name=_("đơn vị biên tập"),
        help_text=_("Biên tập viên của đơn vị này viết bài trong chuyên mục; để trống là đơn vị của trang."),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    in_menu = models.BooleanField(_("hiện trên thanh chuyên mục"), default=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="portal_category_slug_unique")]

    def __str__(self):
        return self.name


class SitePage(TimeStampedModel):
    """A fixed page of the site: giới thiệu, chức năng nhiệm vụ, tổ chức bộ máy, liên hệ."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="pages", verbose_name=_("trang"))
    slug = models.SlugField(_("đường dẫn"), max_length=80)
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"), blank=True, help_text=_("HTML đã lọc an toàn."))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        verbose_name = _("trang tĩnh")
        verbose_name_plural = _("trang tĩnh")
        ordering = ["position", "title"]
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="portal_page_slug_unique")]

    def __str__(self):
        return self.title


class PublicDocument(TimeStampedModel):
    """A document the site publishes (văn bản): number and symbol, kind, dates, signer, summary, file."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="documents", verbose_name=_("trang")
    )
    number = models.CharField(_("số, ký hiệu"), max_length=80)
    kind = models.CharField(_("loại văn bản"), max_length=80, help_text=_("Nghị quyết, Chỉ thị, Kế hoạch…"))
    title = models.CharField(_("trích yếu"), max_length=500)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    effective_on = models.DateField(_("ngày hiệu lực"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=150, blank=True)
    file = models.FileField(_("tệp văn bản"), upload_to="portal/documents/%Y/", blank=True)
    search_key = models.CharField(max_length=800, editable=False, db_index=True)
    is_published = models.BooleanField(_("công bố"), default=True)

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["site", "issued_on"], name="portal_doc_site_issued")]

    def __str__(self):
        return f"{self.number} {self.title}"


class LinkedWebsite(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="links", verbose_name=_("trang"))
    name = models.CharField(_("tên"), max_length=150)
    url = models.URLField(_("địa chỉ"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        verbose_name = _("website liên kết")
        verbose_name_plural = _("website liên kết")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name
