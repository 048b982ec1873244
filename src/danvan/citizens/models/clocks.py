"""The legal clocks: the rule table versioned by effective dates, and the working calendar."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayType(models.TextChoices):
    DAYS = "days", _("Ngày")
    WORKING_DAYS = "working_days", _("Ngày làm việc")


class DeadlineRule(models.Model):
    """One version of one step's time limit: `days` (and the longer limits when complex, remote, or both), counted
    from `counted_from`, in `day_type`, valid from `valid_from` (to `valid_to`). Editable when the law changes."""

    step = models.CharField(_("bước"), max_length=40)
    name = models.CharField(_("tên"), max_length=200)
    days = models.PositiveSmallIntegerField(_("thời hạn"))
    complex_days = models.PositiveSmallIntegerField(_("thời hạn khi phức tạp"), null=True, blank=True)
    remote_days = models.PositiveSmallIntegerField(_("thời hạn ở vùng sâu, vùng xa"), null=True, blank=True)
    remote_complex_days = models.PositiveSmallIntegerField(
        _("thời hạn ở vùng sâu, vùng xa và phức tạp"), null=True, blank=True
    )
    verify_days = models.PositiveSmallIntegerField(_("thời hạn khi phải xác minh"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("mỗi lần gia hạn"), null=True, blank=True)
    max_extensions_complex = models.PositiveSmallIntegerField(_("số lần gia hạn khi phức tạp"), default=0)
    max_extensions_very_complex = models.PositiveSmallIntegerField(
        _("số lần gia hạn khi đặc biệt phức tạp"), default=0
    )
    counted_from = models.CharField(_("tính từ"), max_length=100)
    day_type = models.CharField(_("loại ngày"), max_length=12, choices=DayType.choices)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("quy định thời hạn")
        verbose_name_plural = _("quy định thời hạn")
        ordering = ["step", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["step", "valid_from"], name="deadline_rule_version"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="deadline_rule_order",
            ),
        ]

    def __str__(self):
        return f"{self.step} ({self.valid_from:%d/%m/%Y})"


class CalendarYear(models.Model):
    """A year whose working calendar was set (seeded or edited by a superuser): its exceptions are the `CalendarDay`
    rows of the year. A year without this row is computed from the `holidays` library on read, never saved then."""

    year = models.PositiveSmallIntegerField(_("năm"), primary_key=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("lịch làm việc năm")
        verbose_name_plural = _("lịch làm việc năm")
        ordering = ["year"]

    def __str__(self):
        return str(self.year)


class CalendarDay(models.Model):
    """An exception to Monday–Friday: a weekday off (a holiday, a swap) or a weekend day made a working day."""

    class Kind(models.TextChoices):
        DAY_OFF = "off", _("Ngày nghỉ")
        WORKING = "working", _("Ngày làm việc bù")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"
