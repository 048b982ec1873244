"""The work calendar."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.orgunits.models import OrgUnit, PathField

from .people import Person


class CalendarEntry(TimeStampedModel):
    """An entry typed into a unit's week (lịch công tác), and a leader's when `person` is set. The week also shows the
    unit's meetings and inspections, read from their own records (never copied here, so they cannot drift apart).
    Every change keeps its reason in the change log."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="calendar"
    )
    unit_path = PathField(max_length=255, editable=False)
    person = models.ForeignKey(
        Person,
        verbose_name=_("lãnh đạo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calendar",
    )
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    title = models.CharField(_("nội dung"), max_length=500)
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    participants = models.CharField(_("thành phần"), max_length=500, blank=True)
    preparation = models.CharField(_("đơn vị chuẩn bị"), max_length=300, blank=True)
    cancelled = models.BooleanField(_("đã hủy"), default=False)
    change_reason = models.CharField(_("lý do thay đổi"), max_length=300, blank=True)
    sequence = models.PositiveIntegerField(
        default=0, editable=False
    )  # iCalendar SEQUENCE, raised on each change

    class Meta:
        verbose_name = _("lịch công tác")
        verbose_name_plural = _("lịch công tác")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["unit", "starts_at"], name="calendar_unit_start"),
            models.Index(fields=["person", "starts_at"], name="calendar_person_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="calendar_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title


class CalendarFeed(models.Model):
    """The secret address of a unit's or a leader's iCalendar feed; public only if the unit chooses."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    public = models.BooleanField(_("công khai"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nguồn lịch iCalendar")
        verbose_name_plural = _("nguồn lịch iCalendar")
        constraints = [models.UniqueConstraint(fields=["unit", "person"], name="calendar_feed_once")]

    def __str__(self):
        return f"{self.unit} {self.person or ''}".strip()
