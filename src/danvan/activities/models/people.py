"""People and posts."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.orgunits.models import OrgUnit, PathField


class Person(TimeStampedModel):
    """Someone who appears in the records (a leader, a member of a board, a guest): kept by one unit, whose users
    alone read the contact details."""

    class Gender(models.TextChoices):
        MALE = "male", _("Nam")
        FEMALE = "female", _("Nữ")

    name = models.CharField(_("họ và tên"), max_length=150)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị quản lý"), on_delete=models.PROTECT, related_name="people"
    )
    unit_path = PathField(max_length=255, db_index=True, editable=False)
    note = models.TextField(_("ghi chú"), blank=True)
    search_key = models.CharField(max_length=300, editable=False, db_index=True)
    sort_key = models.CharField(max_length=300, editable=False)

    class Meta:
        verbose_name = _("cán bộ, người tham dự")
        verbose_name_plural = _("cán bộ, người tham dự")
        ordering = ["sort_key", "id"]

    def __str__(self):
        return self.name


class Post(TimeStampedModel):
    """A post a person holds from one date to another (`valid_to` empty: still held). Several at once are shown in
    `position` order: "UV BTV Thành ủy, Trưởng Ban Dân vận, Chủ tịch UBMTTQ thành phố"."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(_("chức vụ"), max_length=200)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
        help_text=_("Đơn vị nơi giữ chức vụ, nếu có trong hệ thống."),
    )
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=1)

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        ordering = ["position", "valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="post_ends_after_it_starts",
            )
        ]
        indexes = [models.Index(fields=["person", "valid_from", "valid_to"], name="post_person_dates")]

    def __str__(self):
        return self.title
