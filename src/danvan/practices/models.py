"""The "Dân vận khéo" register: models (mô hình) and exemplars (điển hình), their years, lifecycle and awards."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import TimeStampedModel
from danvan.orgunits.models import OrgUnit, PathField


class Field(models.Model):
    """A lĩnh vực: the four standard ones for everyone, plus local additions a unit defines for its subtree."""

    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("tên lĩnh vực"), max_length=150)
    owner = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị bổ sung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practice_fields",
        help_text=_("Để trống với bốn lĩnh vực chuẩn, dùng chung toàn quốc."),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["owner", "code"], name="field_code_unique_per_owner")]

    def __str__(self):
        return self.name

    @property
    def is_standard(self) -> bool:
        return self.owner_id is None


class Level(models.TextChoices):
    """The level a practice is counted at, from its owner unit's place in the tree."""

    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã, phường")
    HAMLET = "hamlet", _("Cấp thôn, tổ dân phố")


class Status(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("trạng thái", "Đăng ký")
    IMPLEMENTING = "implementing", _("Đang thực hiện")
    RECOGNISED = "recognised", _("Được công nhận")
    REPLICATED = "replicated", _("Đã nhân rộng")
    NOT_RECOGNISED = "not_recognised", _("Không được công nhận")
    STOPPED = "stopped", pgettext_lazy("trạng thái", "Dừng thực hiện")


class Practice(TimeStampedModel):
    class Kind(models.TextChoices):
        MODEL = "model", _("Mô hình tập thể")
        EXEMPLAR = "exemplar", _("Điển hình cá nhân")

    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.MODEL)
    name = models.CharField(_("tên mô hình, điển hình"), max_length=300)
    owner = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị thực hiện"), on_delete=models.PROTECT, related_name="practices"
    )
    # Copied from the owner so counts and scope are one indexed range; kept in step by the services.
    owner_path = PathField(max_length=255, db_index=True, editable=False)
    province_code = models.CharField(max_length=8, db_index=True, editable=False)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices, editable=False)
    fields = models.ManyToManyField(Field, verbose_name=_("lĩnh vực"), related_name="practices")
    registration_year = models.PositiveSmallIntegerField(_("năm đăng ký"))
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=Status.choices, default=Status.REGISTERED
    )
    person_name = models.CharField(_("họ và tên (điển hình cá nhân)"), max_length=150, blank=True)
    person_position = models.CharField(_("chức vụ, nghề nghiệp"), max_length=200, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    method = models.TextField(_("cách làm"), blank=True)
    participants = models.TextField(_("lực lượng tham gia"), blank=True)
    start_date = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    end_date = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    contact_name = models.CharField(_("người liên hệ"), max_length=150, blank=True)
    contact_phone = models.CharField(_("điện thoại liên hệ"), max_length=32, blank=True)
    contact_email = models.EmailField(_("thư điện tử liên hệ"), blank=True)
    recognition_decision = models.CharField(_("số quyết định công nhận"), max_length=100, blank=True)
    recognition_date = models.DateField(_("ngày công nhận"), null=True, blank=True)
    recognised_by = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị công nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recognised_practices",
    )
    recognition_level = models.CharField(_("cấp công nhận"), max_length=10, choices=Level.choices, blank=True)
    replicated_from = models.ForeignKey(
        "self",
        verbose_name=_("nhân rộng từ mô hình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replicas",
    )
    status_reason = models.TextField(_("lý do (không công nhận, dừng)"), blank=True)
    search_key = models.CharField(max_length=600, editable=False, db_index=True)

    class Meta:
        verbose_name = _("mô hình, điển hình")
        verbose_name_plural = _("mô hình, điển hình")
        ordering = ["-registration_year", "id"]

    def __str__(self):
        return self.name


class PracticeYear(models.Model):
    """A practice counted in a year: registered that year, or re-confirmed as continuing.

    The fact table of the counts: owner path, province, level, kind and the status in that year are copied here so
    a count for any subtree and year is one index range with a GROUP BY, never a join over the register.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("năm"))
    owner = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    owner_path = PathField(max_length=255)
    province_code = models.CharField(max_length=8)
    level = models.CharField(max_length=10, choices=Level.choices)
    kind = models.CharField(max_length=10, choices=Practice.Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices)
    confirmed_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("năm tính mô hình")
        verbose_name_plural = _("năm tính mô hình")
        constraints = [
            models.UniqueConstraint(fields=["practice", "year"], name="practiceyear_once_per_year")
        ]
        indexes = [
            # Covering: a subtree's counts by level, kind and status are read from the index alone.
            models.Index(
                fields=["year", "owner_path", "level", "kind", "status"], name="practiceyear_year_path_cover"
            ),
            models.Index(fields=["year", "province_code", "level"], name="practiceyear_year_prov_level"),
        ]

    def __str__(self):
        return f"{self.practice} ({self.year})"

    @classmethod
    def of(
        cls, practice: "Practice", year: int, status: str | None = None, confirmed_by=None
    ) -> "PracticeYear":
        """The fact row of a practice in a year, unsaved, with the practice's owner, level and kind copied."""
        return cls(
            practice=practice,
            year=year,
            owner=practice.owner,
            owner_path=practice.owner_path,
            province_code=practice.province_code,
            level=practice.level,
            kind=practice.kind,
            status=status or practice.status,
            confirmed_by=confirmed_by,
        )


class PracticeYearField(models.Model):
    """The fields of a practice-year, for counts by field without touching the register."""

    practice_year = models.ForeignKey(PracticeYear, on_delete=models.CASCADE, related_name="field_rows")
    field = models.ForeignKey(Field, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    owner_path = PathField(max_length=255)
    province_code = models.CharField(max_length=8)
    level = models.CharField(max_length=10, choices=Level.choices)
    kind = models.CharField(max_length=10, choices=Practice.Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices)

    class Meta:
        verbose_name = _("lĩnh vực theo năm của mô hình")
        verbose_name_plural = _("lĩnh vực theo năm của mô hình")
        constraints = [
            models.UniqueConstraint(fields=["practice_year", "field"], name="practiceyearfield_unique"),
        ]
        indexes = [
            # Covering: a subtree's counts by field and level (kind, status) are read from the index alone.
            models.Index(
                fields=["year", "owner_path", "level", "field", "kind", "status"],
                name="pyfield_year_path_cover",
            ),
            models.Index(fields=["year", "province_code", "level", "field"], name="pyfield_year_prov_level"),
            # The whole country by level × field, in index order (no sort of every row of the year).
            models.Index(fields=["year", "level", "field"], name="pyfield_year_level_field"),
        ]

    def __str__(self):
        return f"{self.practice_year} – {self.field}"

    @classmethod
    def of(cls, row: PracticeYear, field: Field) -> "PracticeYearField":
        """The row counting a practice-year under one of its fields, unsaved."""
        return cls(
            practice_year=row,
            field=field,
            year=row.year,
            owner_path=row.owner_path,
            province_code=row.province_code,
            level=row.level,
            kind=row.kind,
            status=row.status,
        )


class PracticeResult(models.Model):
    """A measurable result: "hộ thoát nghèo: 12", "km đường được hiến đất: 3,5"."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="results")
    indicator = models.CharField(_("chỉ tiêu"), max_length=200)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=50, blank=True)
    value = models.DecimalField(_("giá trị"), max_digits=14, decimal_places=2)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("kết quả")
        verbose_name_plural = _("kết quả")

    def __str__(self):
        return f"{self.indicator}: {self.value} {self.unit_of_measure}".strip()


class PracticeEvent(models.Model):
    """One step of the lifecycle, with its date and who: the practice's timeline."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("bước"), max_length=20)
    status = models.CharField(_("tình trạng sau bước"), max_length=16, choices=Status.choices)
    date = models.DateField(_("ngày"))
    note = models.TextField(_("ghi chú"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("diễn biến của mô hình")
        verbose_name_plural = _("diễn biến của mô hình")
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.practice}: {self.action} {self.date:%d/%m/%Y}"


class Commendation(models.Model):
    class Stage(models.TextChoices):
        PROPOSED = "proposed", _("Đề nghị khen thưởng")
        AWARDED = "awarded", _("Đã khen thưởng")

    class Form(models.TextChoices):
        CERTIFICATE_OF_MERIT = "bang_khen", _("Bằng khen")
        CERTIFICATE = "giay_khen", _("Giấy khen")
        OTHER = "other", _("Hình thức khác")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="commendations")
    stage = models.CharField(_("giai đoạn"), max_length=10, choices=Stage.choices)
    form = models.CharField(_("hình thức"), max_length=10, choices=Form.choices)
    awarding_body = models.CharField(_("cơ quan khen thưởng"), max_length=255)
    decision = models.CharField(_("số quyết định"), max_length=100, blank=True)
    date = models.DateField(_("ngày"))
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")

    def __str__(self):
        return f"{self.get_form_display()} – {self.awarding_body}"


class Attachment(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to="practices/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("dung lượng"))
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Campaign(TimeStampedModel):
    """A unit opens a year's registration and names which units of its subtree are expected to register."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị phát động"), on_delete=models.PROTECT, related_name="campaigns"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên đợt đăng ký"), max_length=255)
    deadline = models.DateField(_("hạn đăng ký"), null=True, blank=True)
    expected_kinds = models.JSONField(_("loại đơn vị phải đăng ký"), default=list, blank=True)
    expected_groups = models.ManyToManyField(
        "orgunits.UnitGroup", verbose_name=_("khối phải đăng ký"), blank=True, related_name="campaigns"
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("đợt đăng ký")
        verbose_name_plural = _("đợt đăng ký")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="campaign_once_per_unit_year")]
        ordering = ["-year"]

    def __str__(self):
        return self.title
