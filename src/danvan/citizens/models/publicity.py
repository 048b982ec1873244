"""What a commune must publicise (Luật Thực hiện dân chủ ở cơ sở 2022, articles 11–13): the catalogue of required
items with their frequency and deadline rule, each publication a commune records, and the channels it used with
their evidence."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.core.periods import Period, PeriodType
from danvan.orgunits.models import OrgUnit, PathField

HQ_POSTING_DAYS = 30  # art. 13: posted at the commune's headquarters at least 30 days
BROADCAST_DAYS = 3  # on the loudspeaker system on three consecutive days


class PublicityItem(models.Model):
    """One item of the catalogue of article 11 (seeded by `citizens.publicity_catalogue`, editable by a superuser).

    A periodic item is due once per period of its frequency (`due_for(period)`); an item "on decision" is due once
    per decision the commune records, counted from the decision's date."""

    class Frequency(models.TextChoices):
        QUARTER = "quarter", _("Hằng quý")
        HALF_YEAR = "half_year", _("6 tháng")
        YEAR = "year", _("Hằng năm")
        DECISION = "decision", _("Khi có văn bản, quyết định")

    class CountedFrom(models.TextChoices):
        PERIOD_START = "period_start", _("kể từ ngày đầu kỳ")
        PERIOD_END = "period_end", _("sau ngày cuối kỳ")
        DECISION = "decision", _("kể từ ngày ban hành văn bản, quyết định")

    PERIOD_TYPES = {
        Frequency.QUARTER: PeriodType.QUARTER,
        Frequency.HALF_YEAR: PeriodType.HALF_YEAR,
        Frequency.YEAR: PeriodType.YEAR,
    }

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    title = models.CharField(_("nội dung phải công khai"), max_length=300)
    basis = models.CharField(_("căn cứ"), max_length=200)
    frequency = models.CharField(_("định kỳ"), max_length=10, choices=Frequency.choices)
    deadline_days = models.PositiveSmallIntegerField(_("thời hạn (ngày)"))
    counted_from = models.CharField(_("tính từ"), max_length=14, choices=CountedFrom.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("nội dung phải công khai")
        verbose_name_plural = _("danh mục nội dung phải công khai")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(frequency="decision", counted_from="decision")
                | (~Q(frequency="decision") & ~Q(counted_from="decision")),
                name="publicity_item_rule_matches_frequency",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def periodic(self) -> bool:
        return self.frequency != self.Frequency.DECISION

    @property
    def period_type(self) -> PeriodType | None:
        return self.PERIOD_TYPES.get(self.frequency)

    @property
    def rule_text(self) -> str:
        """The deadline rule in words: "chậm nhất 15 ngày sau ngày cuối kỳ"."""
        return str(
            _("chậm nhất %(days)s ngày %(from)s")
            % {"days": self.deadline_days, "from": self.get_counted_from_display()}
        )

    def due_for(self, period: Period) -> datetime.date:
        """The deadline of a periodic item for one of its periods."""
        if self.counted_from == self.CountedFrom.PERIOD_START:
            return period.start + datetime.timedelta(days=self.deadline_days)
        return period.end + datetime.timedelta(days=self.deadline_days)

    def due_after(self, decision_on: datetime.date) -> datetime.date:
        return decision_on + datetime.timedelta(days=self.deadline_days)


class Publication(TimeStampedModel):
    """One thing a commune publicised, or must: a periodic item's period (recorded when the commune publicises it)
    or a decision (recorded when it is issued, publicised afterwards). `published_on` is the first day of the
    channels used; `due_on` comes from the item's rule."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="publications"
    )
    unit_path = PathField(max_length=255, editable=False)
    province_code = models.CharField(max_length=8, editable=False)
    item = models.ForeignKey(
        PublicityItem, verbose_name=_("nội dung"), on_delete=models.PROTECT, related_name="publications"
    )
    period = models.CharField(_("kỳ"), max_length=8, help_text=_("Mã kỳ: 2026, 2026H1, 2026Q3."))
    decision_on = models.DateField(_("ngày ban hành văn bản"), null=True, blank=True)
    reference = models.CharField(_("số, ký hiệu văn bản"), max_length=100, blank=True)
    title = models.CharField(_("tên văn bản, tài liệu công khai"), max_length=300)
    note = models.TextField(_("ghi chú"), blank=True)
    due_on = models.DateField(_("hạn công khai"))
    published_on = models.DateField(_("ngày công khai"), null=True, blank=True)
    file = models.FileField(_("tệp công khai"), upload_to="citizens/publicity/%Y/%m/", blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    search_key = models.CharField(max_length=600, editable=False, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("việc công khai")
        verbose_name_plural = _("việc công khai")
        ordering = ["due_on", "item__position", "id"]
        indexes = [
            models.Index(fields=["unit_path", "due_on"], name="publication_path_due"),
            models.Index(fields=["province_code", "due_on"], name="publication_prov_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "item", "period"],
                condition=Q(decision_on__isnull=True),
                name="publication_one_per_period",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def status(self) -> str:
        return publication_status(self.due_on, self.published_on)


class Status(models.TextChoices):
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Chậm")
    MISSING = "missing", _("Chưa công khai, quá hạn")
    PENDING = "pending", _("Chưa đến hạn")


def publication_status(due_on: datetime.date, published_on: datetime.date | None, today=None) -> str:
    if published_on is not None:
        return Status.ON_TIME if published_on <= due_on else Status.LATE
    today = today or timezone.localdate()
    return Status.MISSING if due_on < today else Status.PENDING


class PublicationChannel(models.Model):
    """One channel a publication used (art. 12) and its evidence: the posting's days at the headquarters, the three
    days on the loudspeaker, the site's address, the hamlet meeting; a note and a file (a photo, a minute)."""

    class Channel(models.TextChoices):
        HEADQUARTERS = "niem_yet", _("Niêm yết tại trụ sở UBND xã")
        WEBSITE = "trang_tin", _("Đăng trên trang thông tin điện tử của xã")
        LOUDSPEAKER = "loa", _("Hệ thống loa truyền thanh")
        HAMLET_MEETING = "hoi_nghi_thon", _("Trưởng thôn, tổ trưởng tổ dân phố thông tin tại hội nghị")
        DOCUMENTS = "tai_lieu", _("Gửi văn bản, tài liệu đến người dân")
        SOCIAL = "mang_xa_hoi", _("Nhóm mạng xã hội, ứng dụng của xã")

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(_("hình thức"), max_length=16, choices=Channel.choices)
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)
    second_on = models.DateField(_("ngày phát thứ hai"), null=True, blank=True)
    third_on = models.DateField(_("ngày phát thứ ba"), null=True, blank=True)
    address = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    note = models.TextField(_("ghi chú, minh chứng"), blank=True)
    file = models.FileField(_("tệp minh chứng"), upload_to="citizens/publicity/%Y/%m/", blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hình thức công khai")
        verbose_name_plural = _("hình thức công khai")
        ordering = ["started_on", "id"]

    def __str__(self):
        return f"{self.get_channel_display()} {self.started_on:%d/%m/%Y}"

    @property
    def broadcast_days(self) -> list[datetime.date]:
        return [day for day in (self.started_on, self.second_on, self.third_on) if day is not None]
