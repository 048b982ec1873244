"""Citizen receptions (tiếp công dân) and the rules of how often leaders must receive."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.activities.models import Person, Task
from danvan.core.models import TimeStampedModel
from danvan.orgunits.models import OrgUnit, PathField


class LeaderRole(models.TextChoices):
    """The capacities the frequency rules count (who must receive citizens, and how often)."""

    COMMUNE_CHAIR = "chu_tich_ubnd_xa", _("Chủ tịch UBND cấp xã")
    PROVINCE_CHAIR = "chu_tich_ubnd_tinh", _("Chủ tịch UBND cấp tỉnh")
    COMMUNE_SECRETARY = "bi_thu_xa", _("Bí thư đảng ủy cấp xã")
    PROVINCE_SECRETARY = "bi_thu_tinh", _("Bí thư tỉnh ủy, thành ủy")


ONLINE_FROM = datetime.date(2026, 7, 1)


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
    leader_role = models.CharField(
        _("tiếp với cương vị"), max_length=24, choices=LeaderRole.choices, blank=True
    )
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


class ReceptionCitizen(models.Model):
    """A citizen received: the matter raised and the answer given on the spot."""

    reception = models.ForeignKey(Reception, on_delete=models.CASCADE, related_name="citizens")
    name = models.CharField(_("họ và tên"), max_length=150)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    matter = models.TextField(_("nội dung trình bày"))
    answer = models.TextField(_("trả lời, hướng dẫn"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("công dân được tiếp")
        verbose_name_plural = _("công dân được tiếp")
        ordering = ["reception", "position", "id"]

    def __str__(self):
        return self.name


class ReceptionSchedule(TimeStampedModel):
    """A unit's fixed reception days, published on its public page ("thứ Năm hằng tuần", "ngày 15 hằng tháng")."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="reception_schedules"
    )
    unit_path = PathField(max_length=255, editable=False)
    province_code = models.CharField(max_length=8, editable=False)
    days = models.CharField(_("ngày tiếp định kỳ"), max_length=200)
    hours = models.CharField(_("giờ tiếp"), max_length=100, blank=True)
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    leader_role = models.CharField(_("người tiếp"), max_length=24, choices=LeaderRole.choices, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    published = models.BooleanField(_("công khai"), default=True)

    class Meta:
        verbose_name = _("lịch tiếp công dân")
        verbose_name_plural = _("lịch tiếp công dân")
        ordering = ["unit_path", "id"]

    def __str__(self):
        return self.days


class ReceptionRule(models.Model):
    """How often a leader in a role must receive citizens, in force between two dates (the law changes)."""

    class Per(models.TextChoices):
        WEEK = "week", _("tuần")
        MONTH = "month", _("tháng")

    leader_role = models.CharField(_("cương vị"), max_length=24, choices=LeaderRole.choices)
    min_days = models.PositiveSmallIntegerField(_("số ngày tối thiểu"))
    per = models.CharField(_("mỗi"), max_length=8, choices=Per.choices)
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        verbose_name = _("quy định tần suất tiếp công dân")
        verbose_name_plural = _("quy định tần suất tiếp công dân")
        ordering = ["leader_role", "valid_from"]

    def __str__(self):
        return f"{self.get_leader_role_display()}: {self.min_days}/{self.get_per_display()}"


class ReceptionDuty(TimeStampedModel):
    """Who must receive citizens for a unit, in which capacity, between two dates."""

    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    unit_path = PathField(max_length=255, editable=False)
    province_code = models.CharField(max_length=8, editable=False)
    person = models.ForeignKey(Person, verbose_name=_("lãnh đạo"), on_delete=models.PROTECT, related_name="+")
    leader_role = models.CharField(_("cương vị"), max_length=24, choices=LeaderRole.choices)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("trách nhiệm tiếp công dân")
        verbose_name_plural = _("trách nhiệm tiếp công dân")
        ordering = ["unit_path", "leader_role", "-valid_from"]

    def __str__(self):
        return f"{self.person} — {self.get_leader_role_display()}"


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
