import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimeStampedModel
from danvan.core.text import fold, sort_key

from .tree import open_on_q, path_ids, subtree_q

REFORM_DATE = datetime.date(2025, 7, 1)
"""The day the two-level local government began: 34 provinces, 3,321 communes, no districts."""

# The words naming an administrative unit's kind at the start of its name, longest first ("Thị xã" before "Xã").
KIND_PREFIXES = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Tỉnh", "Huyện", "Quận", "Xã", "Phường")


def unit_sort_key(name: str) -> str:
    """Vietnamese order of the name without its kind word: "Thành phố Hà Nội" sorts as "Hà Nội", between "Tỉnh Gia
    Lai" and "Tỉnh Hà Tĩnh", rather than before every "Tỉnh …"; the kind word only breaks ties."""
    for prefix in KIND_PREFIXES:
        if name.startswith(prefix + " "):
            return sort_key(f"{name[len(prefix) + 1 :]} {prefix}")
    return sort_key(name)


class PathField(models.CharField):
    """A materialised path compared byte by byte: PostgreSQL's locale collations would ignore the slashes."""

    def db_parameters(self, connection):
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params


class OrgUnitQuerySet(models.QuerySet):
    def open_on(self, day: datetime.date):
        return self.filter(open_on_q(day))

    def subtree(self, unit: "OrgUnit", include_self: bool = True):
        qs = self.filter(subtree_q(unit.path))
        return qs if include_self else qs.exclude(pk=unit.pk)

    def search(self, text: str):
        folded = fold(text)
        return self.filter(search_key__contains=folded) if folded else self

    def vietnamese_order(self):
        return self.order_by("sort_key", "id")

    def open_first(self, day: datetime.date):
        """Vietnamese order, the units still open on `day` first, then those closed by then (`is_closed`), so a
        tree or a list of children shows the closed ones apart."""
        closed = models.Case(
            models.When(valid_to__lt=day, then=models.Value(True)),
            default=models.Value(False),
            output_field=models.BooleanField(),
        )
        return self.annotate(is_closed=closed).order_by("is_closed", "sort_key", "id")


class OrgUnit(TimeStampedModel):
    """Any unit that does Dân vận work: an administrative unit, a hamlet, or an agency (DESIGN §5, §6)."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Tỉnh, thành phố")
        DISTRICT = "district", _("Huyện, quận, thị xã, thành phố thuộc tỉnh (đến 30/06/2025)")
        COMMUNE = "commune", _("Xã, phường, đặc khu, thị trấn")
        HAMLET = "hamlet", _("Thôn, tổ dân phố")
        AGENCY = "agency", _("Cơ quan, tổ chức")

    class DivisionType(models.TextChoices):
        TINH = "tinh", _("Tỉnh")
        THANH_PHO_TRUNG_UONG = "thanh_pho_trung_uong", _("Thành phố trực thuộc trung ương")
        HUYEN = "huyen", _("Huyện")
        QUAN = "quan", _("Quận")
        THI_XA = "thi_xa", _("Thị xã")
        THANH_PHO = "thanh_pho", _("Thành phố thuộc tỉnh")
        XA = "xa", _("Xã")
        PHUONG = "phuong", _("Phường")
        THI_TRAN = "thi_tran", _("Thị trấn")
        DAC_KHU = "dac_khu", _("Đặc khu")
        THON = "thon", _("Thôn")
        TO_DAN_PHO = "to_dan_pho", _("Tổ dân phố")
        AP = "ap", _("Ấp")
        BAN = "ban", _("Bản")
        XOM = "xom", _("Xóm")
        KHOM = "khom", _("Khóm")
        BUON = "buon", _("Buôn")
        LANG = "lang", _("Làng")
        PLEI = "plei", _("Plei")
        SOC = "soc", _("Sóc")
        KHU_PHO = "khu_pho", _("Khu phố")

    class AgencyType(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", _("Cấp ủy đảng (tỉnh ủy, thành ủy, đảng ủy)")
        PROPAGANDA_MOBILISATION = "ban_tgdv", _("Ban Tuyên giáo và Dân vận (Ban Dân vận)")
        PARTY_CELL = "party_cell", _("Chi bộ, đảng bộ cơ sở")
        GOVERNMENT = "government", _("Cơ quan chính quyền (HĐND, UBND, sở, phòng, ban)")
        FATHERLAND_FRONT = "front", _("Ủy ban Mặt trận Tổ quốc")
        MASS_ORGANISATION = "mass_org", _("Đoàn thể chính trị – xã hội, hội quần chúng")
        ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
        PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp, doanh nghiệp")
        OTHER = "other", _("Khác")

    ADMINISTRATIVE_KINDS = (Kind.PROVINCE, Kind.DISTRICT, Kind.COMMUNE)
    DIVISION_TYPES_BY_KIND = {
        Kind.PROVINCE: (DivisionType.TINH, DivisionType.THANH_PHO_TRUNG_UONG),
        Kind.DISTRICT: (DivisionType.HUYEN, DivisionType.QUAN, DivisionType.THI_XA, DivisionType.THANH_PHO),
        Kind.COMMUNE: (DivisionType.XA, DivisionType.PHUONG, DivisionType.THI_TRAN, DivisionType.DAC_KHU),
        Kind.HAMLET: (
            DivisionType.THON,
            DivisionType.TO_DAN_PHO,
            DivisionType.AP,
            DivisionType.BAN,
            DivisionType.XOM,
            DivisionType.KHOM,
            DivisionType.BUON,
            DivisionType.LANG,
            DivisionType.PLEI,
            DivisionType.SOC,
            DivisionType.KHU_PHO,
        ),
        Kind.AGENCY: (),
    }
    PARENT_KINDS = {
        Kind.PROVINCE: (),
        Kind.DISTRICT: (Kind.PROVINCE,),
        Kind.COMMUNE: (Kind.PROVINCE, Kind.DISTRICT),
        Kind.HAMLET: (Kind.COMMUNE,),
        Kind.AGENCY: (Kind.PROVINCE, Kind.DISTRICT, Kind.COMMUNE, Kind.AGENCY),
    }

    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, db_index=True)
    division_type = models.CharField(_("loại hình"), max_length=32, choices=DivisionType.choices, blank=True)
    agency_type = models.CharField(_("loại cơ quan"), max_length=32, choices=AgencyType.choices, blank=True)
    code = models.CharField(
        _("mã"),
        max_length=32,
        blank=True,
        db_index=True,
        help_text=_("Mã đơn vị hành chính (theo danh mục của Tổng cục Thống kê) hoặc mã nội bộ."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = PathField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    # The province at the top of the path, for group-by and (at national scale) as the distribution column.
    province_code = models.CharField(max_length=8, blank=True, db_index=True, editable=False)
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True, db_index=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    # Where an imported unit came from ("vn2025:ward:00004"), so a second import updates instead of duplicating.
    external_id = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    search_key = models.CharField(max_length=300, editable=False, db_index=True)
    sort_key = models.CharField(max_length=800, editable=False)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        indexes = [
            models.Index(fields=["parent", "sort_key"]),
            models.Index(fields=["kind", "province_code"]),
            models.Index(fields=["sort_key"]),
            # A subtree "as of a date" is read from the index alone: the path range, then the dates.
            models.Index(fields=["path", "valid_from", "valid_to"], name="orgunit_path_validity_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_to_after_valid_from",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.refresh_keys()
        super().save(*args, **kwargs)

    def refresh_keys(self):
        self.search_key = fold(f"{self.name} {self.code}")[:300]
        self.sort_key = unit_sort_key(self.name)[:800]

    @property
    def is_administrative(self) -> bool:
        return self.kind in self.ADMINISTRATIVE_KINDS

    def is_open_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    @property
    def is_open(self) -> bool:
        return self.is_open_on(timezone.localdate())

    @property
    def ancestor_ids(self) -> list[int]:
        return path_ids(self.path)[:-1]

    def ancestors(self):
        """From the root down to the parent, in one query."""
        ids = self.ancestor_ids
        by_id = OrgUnit.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    @property
    def type_label(self) -> str:
        if self.division_type:
            return self.get_division_type_display()
        if self.agency_type:
            return self.get_agency_type_display()
        return self.get_kind_display()


class UnitGroup(TimeStampedModel):
    """A khối: units grouped for emulation and reporting within a root (e.g. "Khối xã, phường" of a city)."""

    class Kind(models.TextChoices):
        AGENCIES = "agencies", _("Khối cơ quan, phòng, ban, ngành")
        FRONT_ORGANISATIONS = "front", _("Khối Mặt trận Tổ quốc và các đoàn thể")
        COMMUNES = "communes", _("Khối xã, phường, đặc khu")
        ARMED_FORCES = "armed_forces", _("Khối lực lượng vũ trang")
        PARTY_CELLS = "party_cells", _("Khối chi bộ, đảng bộ cơ sở")
        ENTERPRISES = "enterprises", _("Khối doanh nghiệp")
        OTHER = "other", _("Khác")

    name = models.CharField(_("tên khối"), max_length=255)
    kind = models.CharField(_("loại khối"), max_length=16, choices=Kind.choices)
    owner = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị lập khối"), on_delete=models.PROTECT, related_name="defined_groups"
    )
    members = models.ManyToManyField(
        OrgUnit, verbose_name=_("đơn vị thành viên"), related_name="groups", blank=True
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("khối")
        verbose_name_plural = _("khối")
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="unitgroup_unique_name_per_owner")
        ]

    def __str__(self):
        return self.name


class UnitLineage(TimeStampedModel):
    """A merge, split, rename or reorganisation on a date: which units went in, which came out (DESIGN §6)."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("Sáp nhập, hợp nhất")
        SPLIT = "split", _("Chia tách")
        RENAME = "rename", _("Đổi tên")
        REORGANISE = "reorganise", _("Sắp xếp lại (giữ nguyên địa giới)")
        DISSOLVE = "dissolve", _("Giải thể")
        # Not a dissolution: every district ended together on 1/7/2025 (Nghị quyết 203/2025/QH15, Luật Tổ chức
        # chính quyền địa phương 2025), its communes going to the province.
        END_DISTRICT_LEVEL = "end_district", _("Kết thúc hoạt động của đơn vị hành chính cấp huyện")

    kind = models.CharField(_("loại sự kiện"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("ngày hiệu lực"), db_index=True)
    basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    source = models.CharField(_("nguồn dữ liệu"), max_length=64, blank=True)
    source_key = models.CharField(max_length=64, blank=True, db_index=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("sự kiện sắp xếp đơn vị")
        verbose_name_plural = _("sự kiện sắp xếp đơn vị")
        ordering = ["-date", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class LineageLink(models.Model):
    class Role(models.TextChoices):
        PREDECESSOR = "pred", _("Đơn vị trước")
        SUCCESSOR = "succ", _("Đơn vị sau")

    event = models.ForeignKey(UnitLineage, on_delete=models.CASCADE, related_name="links")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="lineage_links")
    role = models.CharField(max_length=4, choices=Role.choices)
    # Only part of the predecessor went into this event (an old commune divided among several new ones).
    partial = models.BooleanField(_("một phần"), default=False)

    class Meta:
        verbose_name = _("đơn vị trong sự kiện sắp xếp")
        verbose_name_plural = _("đơn vị trong sự kiện sắp xếp")
        constraints = [models.UniqueConstraint(fields=["event", "unit", "role"], name="lineagelink_unique")]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self):
        return f"{self.get_role_display()}: {self.unit}"
