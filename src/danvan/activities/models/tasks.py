"""Directives and tasks."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import TimeStampedModel
from danvan.orgunits.models import OrgUnit, PathField

from .meetings import Meeting
from .oversight import Inspection


class Task(TimeStampedModel):
    """A task a unit directs to a lead unit (with supporting units): what is expected and by when, where it comes
    from (a meeting's or an inspection's conclusion, a report, a document), followed by the lead unit's progress.

    `state` is what people decide (open, done, cancelled); the four statuses counted (done on time, done late, in
    progress within the deadline, overdue) are computed from it, `completed_on` and `deadline` on the day asked
    (`selectors.tasks.status_of`), never stored, so they are right tomorrow without a nightly job."""

    class Source(models.TextChoices):
        MEETING = "meeting", _("Kết luận hội nghị")
        INSPECTION = "inspection", _("Kết luận kiểm tra, giám sát")
        REPORT = "report", _("Báo cáo")
        DOCUMENT = "document", _("Văn bản chỉ đạo")
        CITIZENS = "citizens", _("Cam kết với công dân")
        OTHER = "other", _("Khác")

    class State(models.TextChoices):
        OPEN = "open", _("Đang thực hiện")
        DONE = "done", _("Đã hoàn thành")
        CANCELLED = "cancelled", pgettext_lazy("nhiệm vụ", "Đã hủy")

    title = models.CharField(_("nội dung nhiệm vụ"), max_length=500)
    description = models.TextField(_("chi tiết"), blank=True)
    expected_result = models.CharField(_("kết quả cần đạt"), max_length=500, blank=True)
    assigner = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị giao"), on_delete=models.PROTECT, related_name="tasks_assigned"
    )
    assigner_path = PathField(max_length=255, db_index=True, editable=False)
    lead_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="tasks_led"
    )
    lead_path = PathField(max_length=255, editable=False)
    province_code = models.CharField(max_length=8, editable=False)
    supporting_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("đơn vị phối hợp"), blank=True, related_name="tasks_supported"
    )
    source = models.CharField(_("nguồn giao"), max_length=12, choices=Source.choices)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("cuộc kiểm tra, giám sát"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    source_reference = models.CharField(
        _("văn bản giao"),
        max_length=200,
        blank=True,
        help_text=_("Số, ký hiệu văn bản, ví dụ Thông báo số 45-TB/BDV."),
    )
    assigned_on = models.DateField(_("ngày giao"))
    deadline = models.DateField(_("hạn hoàn thành"))
    original_deadline = models.DateField(_("hạn ban đầu"), editable=False)
    state = models.CharField(_("tình trạng"), max_length=10, choices=State.choices, default=State.OPEN)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    cancelled_reason = models.TextField(_("lý do hủy"), blank=True)
    reopen_reason = models.TextField(_("lý do mở lại"), blank=True)
    search_key = models.CharField(max_length=800, editable=False, db_index=True)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["deadline", "id"]
        indexes = [
            # Covering: a subtree's four counts are read from the index alone (status from state and dates).
            models.Index(
                fields=["lead_path", "state", "deadline", "completed_on", "id"], name="task_lead_cover"
            ),
            models.Index(
                fields=["province_code", "state", "deadline", "completed_on", "id"], name="task_prov_cover"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=F("assigned_on")), name="task_deadline_after_assigned"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="task_progress_percent"),
            models.CheckConstraint(
                condition=Q(state="done", completed_on__isnull=False)
                | (~Q(state="done") & Q(completed_on__isnull=True)),
                name="task_completed_on_iff_done",
            ),
        ]

    def __str__(self):
        return self.title


class TaskProgress(models.Model):
    """A progress report of the lead unit: percent, what was done, evidence files; `completes` marks it done."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="progress_reports")
    reported_on = models.DateField(_("ngày báo cáo"))
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"))
    text = models.TextField(_("kết quả thực hiện"))
    completes = models.BooleanField(_("đã hoàn thành"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["reported_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(percent__lte=100), name="taskprogress_percent")]

    def __str__(self):
        return f"{self.task} — {self.percent}%"


class TaskEvidence(models.Model):
    progress = models.ForeignKey(TaskProgress, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("tệp"), upload_to="activities/tasks/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("dung lượng"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class TaskExtension(models.Model):
    """A request to move a task's deadline, and the assigner's decision on it (with the decision's number)."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Chờ quyết định")
        GRANTED = "granted", _("Đồng ý gia hạn")
        REFUSED = "refused", _("Không đồng ý")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions")
    requested_deadline = models.DateField(_("hạn đề nghị"))
    reason = models.TextField(_("lý do"))
    requested_at = models.DateTimeField(auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(
        _("quyết định"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decision_reference = models.CharField(_("văn bản quyết định"), max_length=200, blank=True)
    decision_note = models.TextField(_("ý kiến"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("gia hạn")
        verbose_name_plural = _("gia hạn")
        ordering = ["requested_at", "id"]

    def __str__(self):
        return f"{self.task} → {self.requested_deadline:%d/%m/%Y}"
