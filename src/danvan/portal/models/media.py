"""Images uploaded to a site, and their renditions: the original is kept, each width a page needs is made once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.portal.models.sites import Site

# The widths a page asks for: a list's thumbnail, a phone's column, a story's column on a large screen.
RENDITION_WIDTHS = (320, 640, 1280)


class Image(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="images", verbose_name=_("trang"))
    file = models.ImageField(
        _("tệp ảnh"), upload_to="portal/images/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt = models.CharField(_("mô tả ảnh (cho người khiếm thị)"), max_length=300, blank=True)
    caption = models.CharField(_("chú thích"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")
        ordering = ["-created_at"]

    def __str__(self):
        return self.caption or self.file.name


class ImageRendition(models.Model):
    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file = models.ImageField(upload_to="portal/renditions/%Y/%m/")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["image", "width"], name="portal_rendition_unique")]

    def __str__(self):
        return f"{self.image} {self.width}px"
