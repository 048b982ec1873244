"""Inspections and supervision."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.orgunits.models import OrgUnit, PathField

from .people import Person


class InspectionPlan(TimeStampedModel):
    """A unit's plan of inspections and supervisions for a year (chương trình kiểm tra, giám sát)."""

    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    unit_path = PathField(max_length=255, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=300)
    number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("kế hoạch kiểm tra, giám sát")
        verbose_name_plural = _("kế hoạch kiểm tra, giám sát")
        ordering = ["-year", "id"]

    def __str__(self):
        return self.title


class Inspection(TimeStampedModel):
    """A kiểm tra or giám sát of some units by a team: the decision, the team, the period and content, the findings,
    the conclusion and recommendations (which become tasks of the inspected units), re-checked until closed."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("Kiểm tra")
        SUPERVISION = "supervision", _("Giám sát")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Theo kế hoạch")
        ONGOING = "ongoing", _("Đang tiến hành")
        CONCLUDED = "concluded", _("Đã kết luận")
        CLOSED = "closed", _("Đã kết thúc")

    kind = models.CharField(_("hình thức"), max_length=12, choices=Kind.choices, default=Kind.INSPECTION)
    status = models.CharField(_("tình trạng"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    plan = models.ForeignKey(
        InspectionPlan,
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspections",
    )
    organizer = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị kiểm tra"),
        on_delete=models.PROTECT,
        related_name="organised_inspections",
    )
    organizer_path = PathField(max_length=255, editable=False)
    province_code = models.CharField(max_length=8, editable=False)
    title = models.CharField(_("tên cuộc kiểm tra, giám sát"), max_length=300)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    period_from = models.DateField(_("thời kỳ kiểm tra từ"), null=True, blank=True)
    period_to = models.DateField(_("thời kỳ kiểm tra đến"), null=True, blank=True)
    content = models.TextField(_("nội dung"), blank=True)
    findings = models.TextField(_("kết quả, ưu điểm, hạn chế"), blank=True)
    conclusion = models.TextField(_("kết luận"), blank=True)
    recommendations = models.TextField(_("kiến nghị"), blank=True)
    conclusion_number = models.CharField(_("số thông báo kết luận"), max_length=60, blank=True)
    conclusion_date = models.DateField(_("ngày kết luận"), null=True, blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    source_note = models.CharField(_("nguồn"), max_length=500, blank=True)
    search_key = models.CharField(max_length=600, editable=False, db_index=True)

    class Meta:
        verbose_name = _("cuộc kiểm tra, giám sát")
        verbose_name_plural = _("cuộc kiểm tra, giám sát")
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["organizer_path", "starts_on"], name="inspection_path_start"),
            models.Index(fields=["province_code", "starts_on", "kind"], name="inspection_prov_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="inspection_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title


class InspectedUnit(models.Model):
    """A unit an inspection looks at: its users read the inspection and receive its recommendations as tasks."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="inspected_units")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="inspections_received")
    unit_path = PathField(max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = _("đơn vị được kiểm tra")
        verbose_name_plural = _("đơn vị được kiểm tra")
        constraints = [models.UniqueConstraint(fields=["inspection", "unit"], name="inspected_unit_once")]

    def __str__(self):
        return str(self.unit)


class InspectionMember(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("Trưởng đoàn")
        DEPUTY = "deputy", _("Phó trưởng đoàn")
        MEMBER = "member", _("Thành viên")
        SECRETARY = "secretary", _("Thư ký")

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="inspection_memberships")
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("thành viên đoàn")
        verbose_name_plural = _("thành viên đoàn")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "person"], name="inspection_member_once")
        ]

    def __str__(self):
        return str(self.person)


class Recheck(models.Model):
    """A re-check of how an inspected unit carried out the recommendations; the last one may close the inspection."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="rechecks")
    date = models.DateField(_("ngày kiểm tra lại"))
    result = models.TextField(_("kết quả"))
    closes = models.BooleanField(_("kết thúc theo dõi"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("kiểm tra lại")
        verbose_name_plural = _("kiểm tra lại")
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.inspection} ({self.date:%d/%m/%Y})"
