"""Public feedback (góp ý trực tuyến): which units accept it and the service level each sets (answer within N working
days). A feedback itself is a `Petition` with a `tracking_code`; its service due date is `Petition.service_due_on`."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.orgunits.models import OrgUnit, PathField

DEFAULT_WORKING_DAYS = 10


class FeedbackSetting(models.Model):
    """A unit's choice to receive public feedback, and the working days within which it promises an answer. Set by
    the unit's approver on the staff page; a unit without a row does not appear on the public page."""

    unit = models.OneToOneField(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="feedback_setting"
    )
    unit_path = PathField(max_length=255, editable=False)
    province_code = models.CharField(max_length=8, editable=False)
    accepts_feedback = models.BooleanField(_("nhận góp ý trực tuyến"), default=True)
    answer_within_working_days = models.PositiveSmallIntegerField(
        _("trả lời trong (ngày làm việc)"),
        default=DEFAULT_WORKING_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cam kết trả lời góp ý")
        verbose_name_plural = _("cam kết trả lời góp ý")
        indexes = [models.Index(fields=["province_code", "accepts_feedback"], name="feedback_setting_prov")]

    def __str__(self):
        return f"{self.unit} — {self.answer_within_working_days}"
