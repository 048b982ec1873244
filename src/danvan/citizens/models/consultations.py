"""Consultations of the people (Luật Thực hiện dân chủ ở cơ sở 2022, articles 15–25): a draft open for comments
between two dates, the comments of citizens and organisations, the household ballots each hamlet head enters, and
the result with its summary."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.orgunits.models import OrgUnit, PathField


class Consultation(TimeStampedModel):
    class Kind(models.TextChoices):
        DECIDE = "decide", _("Nhân dân bàn và quyết định")
        COMMENT = "comment", _("Nhân dân tham gia ý kiến")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        OPEN = "open", _("Đang lấy ý kiến")
        CLOSED = "closed", _("Đã hết hạn lấy ý kiến")
        CONCLUDED = "concluded", _("Đã có kết quả")

    PUBLIC_STATUSES = (Status.OPEN, Status.CLOSED, Status.CONCLUDED)

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="consultations"
    )
    unit_path = PathField(max_length=255, editable=False)
    province_code = models.CharField(max_length=8, editable=False)
    kind = models.CharField(_("hình thức"), max_length=10, choices=Kind.choices, default=Kind.COMMENT)
    title = models.CharField(_("tên dự thảo"), max_length=300)
    text = models.TextField(_("nội dung dự thảo"))
    opens_on = models.DateField(_("lấy ý kiến từ ngày"))
    closes_on = models.DateField(_("đến ngày"))
    status = models.CharField(_("tình trạng"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(_("tổng hợp, kết luận"), blank=True)
    concluded_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    file = models.FileField(_("tệp dự thảo"), upload_to="citizens/consultations/%Y/%m/", blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    search_key = models.CharField(max_length=600, editable=False, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("cuộc lấy ý kiến Nhân dân")
        verbose_name_plural = _("cuộc lấy ý kiến Nhân dân")
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["unit_path", "opens_on"], name="consultation_path_opens")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="consultation_closes_after_opens"
            )
        ]

    def __str__(self):
        return self.title


class ConsultationComment(models.Model):
    """A comment on a draft: entered by staff (a letter, a meeting's minute) or sent on the public page. The public
    page shows only `shown_name`; the full name and the contact stay with the commune."""

    class Author(models.TextChoices):
        CITIZEN = "citizen", _("Người dân")
        ORGANISATION = "organisation", _("Tổ chức")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    author_kind = models.CharField(
        _("người góp ý"), max_length=14, choices=Author.choices, default=Author.CITIZEN
    )
    name = models.CharField(_("họ tên, tên tổ chức"), max_length=200, blank=True)
    shown_name = models.CharField(_("tên hiển thị công khai"), max_length=100, blank=True)
    contact = models.CharField(_("địa chỉ, điện thoại"), max_length=200, blank=True)
    text = models.TextField(_("nội dung góp ý"))
    received_on = models.DateField(_("ngày nhận"))
    from_public_page = models.BooleanField(default=False, editable=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["received_on", "id"]

    def __str__(self):
        # The change log and every list name a comment by the name its author chose to show.
        return self.shown_name or str(self.get_author_kind_display())


class HouseholdBallot(models.Model):
    """A hamlet's household vote, entered by its head: households of the hamlet, agreeing, disagreeing, abstaining."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="ballots")
    hamlet = models.ForeignKey(
        OrgUnit, verbose_name=_("thôn, tổ dân phố"), on_delete=models.PROTECT, related_name="+"
    )
    households = models.PositiveIntegerField(_("số hộ"))
    agree = models.PositiveIntegerField(_("tán thành"))
    disagree = models.PositiveIntegerField(_("không tán thành"))
    abstain = models.PositiveIntegerField(_("ý kiến khác"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kết quả biểu quyết của hộ gia đình")
        verbose_name_plural = _("kết quả biểu quyết của hộ gia đình")
        ordering = ["hamlet__sort_key", "id"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "hamlet"], name="ballot_one_per_hamlet"),
            models.CheckConstraint(
                condition=Q(households__gte=F("agree") + F("disagree") + F("abstain")),
                name="ballot_within_households",
            ),
        ]

    def __str__(self):
        return str(self.hamlet)
