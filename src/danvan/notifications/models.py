"""The notification centre (DESIGN §3): what each user is told, in the app and by e-mail, and their choices.

Every module notifies through `services.notify`; the kinds are listed here so each user chooses, per kind, whether
it also comes by e-mail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REPORT_SUBMITTED = "report_submitted", _("Báo cáo cấp dưới đã nộp, chờ duyệt")
    REPORT_RETURNED = "report_returned", _("Báo cáo của đơn vị bị trả lại")
    REPORT_APPROVED = "report_approved", _("Báo cáo của đơn vị được duyệt")
    REPORT_REOPENED = "report_reopened", _("Báo cáo của đơn vị được mở lại")
    DEADLINE_SOON = "deadline_soon", _("Sắp đến hạn nộp báo cáo")
    DEADLINE_PASSED = "deadline_passed", _("Đã quá hạn nộp báo cáo")
    NUDGE = "nudge", _("Cấp trên nhắc nộp báo cáo")
    TASK_ASSIGNED = "task_assigned", _("Đơn vị được giao nhiệm vụ")
    TASK_DUE_SOON = "task_due_soon", _("Nhiệm vụ sắp đến hạn")
    TASK_OVERDUE = "task_overdue", _("Nhiệm vụ đã quá hạn")
    TASK_PROGRESS = "task_progress", _("Đơn vị báo cáo tiến độ nhiệm vụ đã giao")
    TASK_EXTENSION = "task_extension", _("Đề nghị gia hạn nhiệm vụ và quyết định")
    HOTSPOT = "hotspot", _("Nguy cơ điểm nóng")
    MEETING_INVITATION = "meeting_invitation", _("Giấy mời họp, thay đổi, hủy họp")
    PETITION_ASSIGNED = "petition_assigned", _("Được giao xác minh đơn thư")
    PETITION_TRANSFERRED = "petition_transferred", _("Đơn thư được chuyển đến đơn vị")
    PETITION_DUE_SOON = "petition_due_soon", _("Đơn thư sắp đến hạn giải quyết")
    PETITION_OVERDUE = "petition_overdue", _("Đơn thư đã quá hạn giải quyết")
    IDENTITY_KEEPER = "identity_keeper", _("Được giao, thôi giao xem danh tính người tố cáo")
    IDENTITY_REVEAL = "identity_reveal", _("Có người xem danh tính người tố cáo của đơn vị")
    ARTICLE_SUBMITTED = "article_submitted", _("Tin bài gửi duyệt")
    ARTICLE_RETURNED = "article_returned", _("Tin bài bị trả lại")
    ARTICLE_PUBLISHED = "article_published", _("Tin bài được duyệt, xuất bản")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("loại"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    link = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    # An iCalendar invitation (a meeting's REQUEST or CANCEL), sent with the e-mail as invite.ics.
    ics = models.TextField(_("lịch iCalendar đính kèm"), blank=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox")]

    def __str__(self):
        return self.title


class EmailPreference(models.Model):
    """A user's choice of e-mail for one kind; without a row, the kind comes by e-mail."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="emailpreference_one_per_kind")]

    def __str__(self):
        return f"{self.user_id} {self.kind}: {self.email}"


class SentReminder(models.Model):
    """A reminder of a kind about one thing (`key`, e.g. a report: form, unit, period) sent to a user: sent once,
    however often the reminder command runs."""

    kind = models.CharField(max_length=32, choices=Kind.choices)
    key = models.CharField(max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key", "user"], name="sentreminder_once")]

    def __str__(self):
        return f"{self.kind} {self.key} → {self.user_id}"


class Nudge(models.Model):
    """A reminder a unit sent by hand to the units below that have not done something (*Nhắc nhở*): logged in the
    change log, with the units it went to."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(_("nội dung nhắc"), max_length=300)
    units = models.JSONField(_("các đơn vị được nhắc"), default=list)
    recipients = models.PositiveIntegerField(_("số người nhận"), default=0)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("nhắc nhở")
        verbose_name_plural = _("nhắc nhở")

    def __str__(self):
        return _("Nhắc nhở: %(subject)s") % {"subject": self.subject}
