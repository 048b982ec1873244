"""What reading the archive keeps: an uploaded batch of news files and each file's extraction (corrected by an
editor before it is imported), and each news event imported, with the figures the meeting's fields do not hold.

An `ImportedEvent` is the one record of "this article was read into the system": its text's hash and its address
(when the text gives one) are unique, so importing the same article again finds it and adds nothing."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.activities.models import Inspection, Meeting
from danvan.core.models import TimeStampedModel
from danvan.orgunits.models import OrgUnit, PathField
from danvan.portal.models import Article


class ImportedEvent(TimeStampedModel):
    """A news article read back as an event: the meeting (or the inspection already recorded) it became, its
    archived story on the portal, and its "Dân vận khéo" and other figures."""

    title = models.CharField(_("tiêu đề bài"), max_length=300)
    source_url = models.CharField(_("địa chỉ bài gốc"), max_length=500, blank=True)
    text_hash = models.CharField(_("mã băm nội dung"), max_length=64, unique=True, editable=False)
    event_date = models.DateField(_("ngày diễn ra"))
    organizer = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="+"
    )
    # Copied from the organiser: scope is one indexed range.
    organizer_path = PathField(max_length=255, db_index=True, editable=False)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="imported_events",
    )
    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("cuộc kiểm tra, giám sát"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="imported_events",
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("tin lưu trữ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_events",
    )
    linked = models.BooleanField(
        _("gắn vào hồ sơ có sẵn"), default=False, help_text=_("Hội nghị đã được ghi trước khi đọc bài.")
    )
    model_counts = models.JSONField(_("số mô hình Dân vận khéo"), default=list, blank=True)
    other_figures = models.JSONField(_("số liệu khác"), default=list, blank=True)
    event = models.JSONField(_("sự kiện đã đọc"), default=dict)
    note = models.TextField(_("ghi chú"), blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tin đã đọc vào hệ thống")
        verbose_name_plural = _("tin đã đọc vào hệ thống")
        ordering = ["-event_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_url"], condition=~Q(source_url=""), name="ingest_event_source_url_unique"
            ),
            models.CheckConstraint(
                condition=Q(meeting__isnull=False) | Q(inspection__isnull=False),
                name="ingest_event_has_record",
            ),
        ]

    def __str__(self):
        return self.title


class ImportBatch(TimeStampedModel):
    """One upload of the archive page: its files are read in the background (`progress` of `total`), then each
    extraction is corrected and imported on the page."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Chờ đọc")
        READING = "reading", _("Đang đọc")
        READY = "ready", _("Đã đọc xong")
        FAILED = "failed", _("Lỗi")

    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    unit_path = PathField(max_length=255, db_index=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("tên đợt"), max_length=255)
    state = models.CharField(_("tình trạng"), max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(_("số tệp"), default=0)
    progress = models.PositiveIntegerField(_("đã đọc"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    skipped = models.JSONField(_("tệp bỏ qua"), default=list, blank=True)

    class Meta:
        verbose_name = _("đợt đọc lại tin")
        verbose_name_plural = _("đợt đọc lại tin")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.name


class ImportItem(models.Model):
    """One file of a batch: its bytes until read, then its text, the event read from it and the event as the
    editor corrected it, and what importing it gave (the event record, or an error)."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Chờ đọc")
        READ = "read", _("Đã đọc")
        UNREADABLE = "unreadable", _("Không đọc được")
        IMPORTED = "imported", _("Đã nhập")
        FAILED = "failed", _("Nhập lỗi")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("thứ tự"))
    filename = models.CharField(_("tên tệp"), max_length=255)
    data = models.BinaryField(_("nội dung tệp"), blank=True, default=b"", editable=False)
    text = models.TextField(_("nội dung đọc được"), blank=True)
    event = models.JSONField(_("sự kiện đọc được"), null=True, blank=True)
    corrected = models.JSONField(_("sự kiện đã sửa"), null=True, blank=True)
    state = models.CharField(_("tình trạng"), max_length=10, choices=State.choices, default=State.WAITING)
    error = models.TextField(_("lỗi"), blank=True)
    result = models.ForeignKey(
        ImportedEvent,
        verbose_name=_("kết quả"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    result_note = models.CharField(_("ghi chú kết quả"), max_length=500, blank=True)
    chosen_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị tổ chức đã chọn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tệp tin cần đọc")
        verbose_name_plural = _("tệp tin cần đọc")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["batch", "position"], name="ingest_item_position")]

    def __str__(self):
        return self.filename

    @property
    def current_event(self) -> dict:
        return self.corrected or self.event or {}
