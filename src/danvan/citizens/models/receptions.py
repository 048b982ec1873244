"""Citizen receptions (tiếp công dân) and the rules of how often leaders must receive."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.activities.models import Person, Task
from danvan.core.models import TimeStampedModel
from danvan.orgunits.models import OrgUnit, PathField


class Reception(TimeStampedModel):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Định kỳ")
        AD_HOC = "ad_hoc", _("Đột xuất")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("Trực tiếp")
        ONLINE = "online", _("Trực tuyến")

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="receptions"
    )
    unit_path = PathField(max_length=255, editable=False)
    province_code = models.CharField(max_length=8, editable=False)
    kind = models.CharField(_("hình thức"), max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    mode = models.CharField(_("cách thức"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    date = models.DateField(_("ngày tiếp"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    leader = models.ForeignKey(
        Person,
        verbose_name=_("lãnh đạo tiếp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    leader_role = models.CharField(_("tiếp với cương vị"), max_length=24, blank=True)
    citizens_count = models.PositiveIntegerField(_("số lượt công dân"), default=0)
    notes = models.TextField(_("ghi chú"), blank=True)
    search_key = models.CharField(max_length=600, editable=False, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("buổi tiếp công dân")
        verbose_name_plural = _("buổi tiếp công dân")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["unit_path", "date"], name="reception_path_date")]

    def __str__(self):
        return str(_("Tiếp công dân ngày %(date)s") % {"date": f"{self.date:%d/%m/%Y}"})


class Commitment(models.Model):
    """What a leader promised at a reception or a dialogue, followed as a task of the activities module."""

    reception = models.ForeignKey(
        Reception, null=True, blank=True, on_delete=models.CASCADE, related_name="commitments"
    )
    dialogue = models.ForeignKey(
        "citizens.Dialogue", null=True, blank=True, on_delete=models.CASCADE, related_name="commitments"
    )
    text = models.TextField(_("nội dung cam kết"))
    task = models.OneToOneField(Task, on_delete=models.PROTECT, related_name="citizen_commitment")

    class Meta:
        verbose_name = _("cam kết với công dân")
        verbose_name_plural = _("cam kết với công dân")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reception__isnull=False, dialogue__isnull=True)
                | models.Q(reception__isnull=True, dialogue__isnull=False),
                name="commitment_one_source",
            )
        ]

    def __str__(self):
        return self.text[:80]
