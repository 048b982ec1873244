"""Situation reports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.orgunits.models import OrgUnit, PathField


class SituationReport(TimeStampedModel):
    """What a unit reports of the people's situation, public opinion, ethnic and religious affairs, mass complaints:
    periodic (along the reporting periods) or ad hoc. A *nguy cơ điểm nóng* escalates at once to the approvers of
    the two levels above and stays open on their dashboards until resolved, every step timed (`HotspotStep`)."""

    class Topic(models.TextChoices):
        PEOPLE = "people", _("Tình hình nhân dân")
        OPINION = "opinion", _("Dư luận xã hội")
        ETHNIC = "ethnic", _("Dân tộc")
        RELIGION = "religion", _("Tôn giáo")
        MASS_COMPLAINT = "mass_complaint", _("Khiếu kiện đông người")

    class Severity(models.IntegerChoices):
        STABLE = 1, _("Ổn định")
        WATCH = 2, _("Cần theo dõi")
        COMPLEX = 3, _("Phức tạp")
        HOTSPOT = 4, _("Nguy cơ điểm nóng")

    class HotspotState(models.TextChoices):
        NONE = "", _("Không")
        OPEN = "open", _("Đang xử lý")
        RESOLVED = "resolved", _("Đã giải quyết")

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT, related_name="situation_reports"
    )
    unit_path = PathField(max_length=255, editable=False)
    province_code = models.CharField(max_length=8, editable=False)
    area = models.ForeignKey(
        OrgUnit, verbose_name=_("địa bàn"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField(_("chủ đề"), max_length=16, choices=Topic.choices)
    period = models.CharField(_("kỳ"), max_length=8, blank=True, help_text=_("Trống với báo cáo đột xuất."))
    reported_on = models.DateField(_("ngày báo cáo"))
    severity = models.PositiveSmallIntegerField(
        _("mức độ"), choices=Severity.choices, default=Severity.STABLE
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    text = models.TextField(_("nội dung"))
    confidential = models.BooleanField(
        _("mật"), default=False, help_text=_("Chỉ đơn vị báo cáo và người phê duyệt cấp trên được đọc.")
    )
    hotspot = models.CharField(
        _("nguy cơ điểm nóng"), max_length=10, choices=HotspotState.choices, blank=True
    )
    resolved_at = models.DateTimeField(_("giải quyết lúc"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_key = models.CharField(max_length=600, editable=False, db_index=True)

    class Meta:
        verbose_name = _("báo cáo tình hình")
        verbose_name_plural = _("báo cáo tình hình")
        ordering = ["-reported_on", "-id"]
        indexes = [
            models.Index(fields=["unit_path", "reported_on"], name="situation_path_date"),
            models.Index(fields=["province_code", "hotspot"], name="situation_prov_hotspot"),
        ]

    def __str__(self):
        # The change log and every list of objects name a report by this: a confidential one's title stays hidden.
        return (
            str(_("Báo cáo mật của %(unit)s") % {"unit": self.unit.name}) if self.confidential else self.title
        )


class HotspotStep(models.Model):
    """One timed step of a hotspot: escalated, seen, acted upon, resolved."""

    class Action(models.TextChoices):
        ESCALATED = "escalated", _("Báo cáo nguy cơ điểm nóng")
        ACKNOWLEDGED = "acknowledged", _("Cấp trên đã nắm")
        ACTION = "action", _("Biện pháp xử lý")
        RESOLVED = "resolved", _("Đã giải quyết")

    report = models.ForeignKey(SituationReport, on_delete=models.CASCADE, related_name="hotspot_steps")
    action = models.CharField(_("bước"), max_length=12, choices=Action.choices)
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("bước xử lý điểm nóng")
        verbose_name_plural = _("bước xử lý điểm nóng")
        ordering = ["at", "id"]

    def __str__(self):
        return self.get_action_display()
