"""Visitor statistics without personal data: a count of page views and of distinct visitors per site and day.

Who is online now and who was already counted today live in the cache only, as keyed hashes of a random cookie id
under a salt that changes every day; no address, user agent or raw id is ever written to the database or a log."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.portal.models.sites import Site


class VisitDay(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="visit_days")
    day = models.DateField(_("ngày"))
    views = models.PositiveIntegerField(_("lượt xem trang"), default=0)
    visitors = models.PositiveIntegerField(_("lượt truy cập"), default=0)

    class Meta:
        verbose_name = _("thống kê truy cập")
        verbose_name_plural = _("thống kê truy cập")
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="portal_visit_day_unique")]

    def __str__(self):
        return f"{self.site} {self.day}"
