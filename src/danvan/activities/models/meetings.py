"""Meetings."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.orgunits.models import OrgUnit, PathField

from .people import Person


class Meeting(TimeStampedModel):
    """A conference, briefing, training, dialogue…: who organised it, when and where, who chaired and attended, the
    period it reviewed, its minutes and conclusions (Hướng dẫn 16-HD/VPTW lists what minutes hold)."""

    class Type(models.TextChoices):
        SO_KET = "so_ket", _("Sơ kết")
        TONG_KET = "tong_ket", _("Tổng kết")
        GIAO_BAN = "giao_ban", _("Giao ban")
        CHUYEN_DE = "chuyen_de", _("Hội nghị chuyên đề")
        TAP_HUAN = "tap_huan", _("Tập huấn")
        HOI_THAO = "hoi_thao", _("Hội thảo")
        DOI_THOAI = "doi_thoai", _("Đối thoại")
        TIEP_XUC = "tiep_xuc", _("Tiếp xúc")
        KHAC = "khac", _("Khác")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        HELD = "held", _("Đã tổ chức")
        CANCELLED = "cancelled", _("Đã hủy")

    type = models.CharField(_("loại hội nghị"), max_length=12, choices=Type.choices)
    title = models.CharField(_("tên hội nghị"), max_length=300)
    status = models.CharField(_("tình trạng"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    organizer = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="organised_meetings"
    )
    organizer_path = PathField(max_length=255, editable=False)
    province_code = models.CharField(max_length=8, editable=False)
    host = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
        help_text=_("Khi khác đơn vị tổ chức (ví dụ Thường trực Thị ủy chủ trì giao ban khối Dân vận)."),
    )
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    online = models.BooleanField(_("trực tuyến"), default=False)
    period = models.CharField(
        _("kỳ được sơ kết, tổng kết"), max_length=8, blank=True, help_text=_("Mã kỳ báo cáo, ví dụ 2021H1.")
    )
    agenda = models.TextField(_("chương trình"), blank=True)
    minutes = models.TextField(_("diễn biến hội nghị"), blank=True)
    conclusions = models.TextField(_("kết luận"), blank=True)
    conclusion_number = models.CharField(_("số thông báo kết luận"), max_length=60, blank=True)
    conclusion_date = models.DateField(_("ngày thông báo kết luận"), null=True, blank=True)
    source_note = models.CharField(
        _("nguồn"),
        max_length=500,
        blank=True,
        help_text=_("Bài báo, văn bản nguồn; ghi rõ khi một thông tin là suy luận."),
    )
    search_key = models.CharField(max_length=600, editable=False, db_index=True)
    # iCalendar SEQUENCE of the invitation and of the calendar feeds: raised by each change of time, place or status.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("hội nghị, cuộc họp")
        verbose_name_plural = _("hội nghị, cuộc họp")
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["organizer_path", "starts_at"], name="meeting_path_start"),
            models.Index(fields=["province_code", "starts_at", "type"], name="meeting_prov_start_type"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title


class ConnectionPoint(models.Model):
    """An online meeting's điểm cầu: a unit (or a place) joined by video."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="connection_points")
    unit = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("điểm cầu"), max_length=255)
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("điểm cầu")
        verbose_name_plural = _("điểm cầu")
        ordering = ["position", "id"]

    def __str__(self):
        return self.name


class Attendance(models.Model):
    """One person at a meeting in one role. A person in the register is shown with the posts they held on the
    meeting's date; a guest not in the register is a name and a title as written."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chủ trì")
        SECRETARY = "secretary", _("Thư ký")
        MEMBER = "member", _("Dự họp")
        GUEST = "guest", _("Khách mời")
        ABSENT = "absent", _("Vắng mặt")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="attendances"
    )
    name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    title = models.CharField(_("chức vụ"), max_length=300, blank=True)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đại diện đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    absence_reason = models.CharField(_("lý do vắng"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("người dự")
        verbose_name_plural = _("người dự")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], condition=Q(person__isnull=False), name="attendance_person_once"
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""), name="attendance_names_someone"
            ),
        ]

    def __str__(self):
        return self.name or str(self.person)


class MeetingDocument(models.Model):
    """A document of a meeting (report presented, signed minutes, slides), its type checked by content."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("tệp"), upload_to="activities/meetings/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("dung lượng"))
    description = models.CharField(_("mô tả"), max_length=255, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tài liệu hội nghị")
        verbose_name_plural = _("tài liệu hội nghị")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name
