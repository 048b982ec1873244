"""Direct dialogues between the heads of the Party committee and the government and the people."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.activities.models import Person
from danvan.core.models import TimeStampedModel
from danvan.orgunits.models import OrgUnit, PathField


class Dialogue(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Kế hoạch")
        HELD = "held", _("Đã tổ chức")
        CANCELLED = "cancelled", _("Đã hủy")

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="dialogues"
    )
    unit_path = PathField(max_length=255, editable=False)
    province_code = models.CharField(max_length=8, editable=False)
    title = models.CharField(_("chủ đề"), max_length=300)
    date = models.DateField(_("ngày đối thoại"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    status = models.CharField(_("tình trạng"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    leaders = models.ManyToManyField(Person, verbose_name=_("lãnh đạo dự"), blank=True, related_name="+")
    citizens_count = models.PositiveIntegerField(_("số người dân dự"), default=0)
    citizens = models.TextField(_("người dân, đại diện dự"), blank=True)
    plan = models.TextField(_("kế hoạch"), blank=True)
    invitation = models.TextField(_("giấy mời, thông báo"), blank=True)
    invitation_file = models.FileField(_("tệp giấy mời"), upload_to="citizens/dialogues/%Y/", blank=True)
    cancel_reason = models.CharField(_("lý do hủy"), max_length=500, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    search_key = models.CharField(max_length=600, editable=False, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("cuộc đối thoại")
        verbose_name_plural = _("cuộc đối thoại")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["unit_path", "date"], name="dialogue_path_date")]

    def __str__(self):
        return self.title


class DialogueQuestion(models.Model):
    """A question raised at a dialogue and the answer given."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.CharField(_("người hỏi"), max_length=200)
    question = models.TextField(_("câu hỏi, ý kiến"))
    answer = models.TextField(_("trả lời"), blank=True)
    answered_by = models.ForeignKey(
        Person,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("câu hỏi tại buổi đối thoại")
        verbose_name_plural = _("câu hỏi tại buổi đối thoại")
        ordering = ["dialogue", "position", "id"]

    def __str__(self):
        return self.question[:80]
