"""Periodic reports: indicators (chỉ tiêu), forms (biểu mẫu), data values (số liệu), submissions and report documents.

Values are one row per unit, period, indicator and category option combination, with the unit's path and province
copied onto the row: any subtree's total for any period is one index range with a GROUP BY, computed live.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.figures import DEFINITIONS
from danvan.core.models import TimeStampedModel
from danvan.core.periods import PeriodType
from danvan.orgunits.models import OrgUnit, PathField, UnitGroup

from .sources import Source  # re-exported: `models.Source` is what the app imports


class Category(models.Model):
    """A disaggregation (phân tổ): the level of a practice, its field, a unit kind, sex…"""

    FIGURES_KINDS = (DEFINITIONS,)  # its changes change the forms' cached structure (core.figures)

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên phân tổ"), max_length=150)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        verbose_name = _("phân tổ")
        verbose_name_plural = _("phân tổ")
        ordering = ["position", "code"]

    def __str__(self):
        return self.name


class CategoryOption(models.Model):
    FIGURES_KINDS = (DEFINITIONS,)  # its changes change the forms' cached structure (core.figures)

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="options")
    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("tên"), max_length=150)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        verbose_name = _("giá trị phân tổ")
        verbose_name_plural = _("giá trị phân tổ")
        ordering = ["category", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="categoryoption_code_unique")
        ]

    def __str__(self):
        return self.name


class ValueType(models.TextChoices):
    INTEGER = "integer", _("Số nguyên")
    DECIMAL = "decimal", _("Số thập phân")
    PERCENTAGE = "percentage", _("Tỷ lệ phần trăm")
    BOOLEAN = "boolean", _("Có/không")
    TEXT = "text", _("Văn bản")


class Aggregation(models.TextChoices):
    SUM = "sum", pgettext_lazy("cách tổng hợp", "Cộng")
    AVERAGE = "average", _("Trung bình")
    MIN = "min", _("Nhỏ nhất")
    MAX = "max", _("Lớn nhất")
    LAST = "last", _("Giá trị cuối kỳ")
    NONE = "none", _("Không tổng hợp")


class Indicator(TimeStampedModel):
    """A chỉ tiêu: what is counted, how it is typed and added up, and optionally how it is computed from others."""

    FIGURES_KINDS = (DEFINITIONS,)  # its changes change the forms' cached structure (core.figures)

    code = models.SlugField(
        _("mã chỉ tiêu"),
        max_length=40,
        unique=True,
        help_text=_(
            "Chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ; dùng trong biểu thức và API."
        ),
    )
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    short_name = models.CharField(_("tên ngắn"), max_length=80, blank=True)
    description = models.TextField(_("giải thích"), blank=True)
    value_type = models.CharField(
        _("kiểu giá trị"), max_length=12, choices=ValueType.choices, default=ValueType.INTEGER
    )
    aggregation = models.CharField(
        _("cách tổng hợp"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    measure = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    categories = models.ManyToManyField(
        Category, verbose_name=_("phân tổ"), blank=True, related_name="indicators"
    )
    expression = models.CharField(
        _("công thức"),
        max_length=500,
        blank=True,
        help_text=_("Để trống với chỉ tiêu nhập liệu. Ví dụ: mh_cong_nhan / mh_dang_ky * 100"),
    )
    source = models.CharField(_("nguồn số liệu"), max_length=40, choices=Source.choices, blank=True)
    owner = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị định nghĩa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
        help_text=_("Để trống với chỉ tiêu dùng chung toàn quốc."),
    )

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def is_computed(self) -> bool:
        return bool(self.expression)

    @property
    def is_numeric(self) -> bool:
        return self.value_type not in (ValueType.TEXT,)


class Form(TimeStampedModel):
    """A biểu mẫu: sections of indicators reported by a set of units for each period of one type."""

    FIGURES_KINDS = (DEFINITIONS,)  # its changes change the forms' cached structure (core.figures)

    code = models.SlugField(_("mã biểu mẫu"), max_length=40, unique=True)
    name = models.CharField(_("tên biểu mẫu"), max_length=300)
    owner = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị ban hành"),
        on_delete=models.PROTECT,
        related_name="report_forms",
        help_text=_("Các đơn vị báo cáo nằm trong phạm vi của đơn vị này."),
    )
    period_type = models.CharField(
        _("loại kỳ báo cáo"), max_length=12, choices=[(t.value, t.label) for t in PeriodType]
    )
    reporting_kinds = models.JSONField(
        _("loại đơn vị báo cáo"), default=list, help_text=_("Ví dụ: xã, phường; cơ quan, tổ chức.")
    )
    reporting_groups = models.ManyToManyField(
        UnitGroup,
        verbose_name=_("chỉ các khối"),
        blank=True,
        related_name="report_forms",
        help_text=_("Để trống: mọi đơn vị đúng loại trong phạm vi. Chọn khối: chỉ thành viên các khối đó."),
    )
    deadline_days = models.PositiveSmallIntegerField(_("hạn nộp (số ngày sau khi hết kỳ)"), default=10)
    lock_days = models.PositiveSmallIntegerField(
        _("khóa nhập liệu sau (số ngày sau khi hết kỳ)"),
        null=True,
        blank=True,
        help_text=_("Để trống: không khóa. Sau thời hạn này chỉ nhập được khi cấp trên mở lại."),
    )
    has_narrative = models.BooleanField(_("có phần báo cáo bằng lời"), default=True)
    required_narrative = models.JSONField(
        _("mục phần lời bắt buộc"),
        default=list,
        blank=True,
        help_text=_("Các mục của đề cương (NARRATIVE_KEYS) phải viết thì mới nộp được báo cáo."),
    )
    document_title = models.CharField(
        _("trích yếu văn bản"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: Sơ kết công tác dân vận {ky}, phương hướng, nhiệm vụ {ky_toi}"),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("biểu mẫu")
        verbose_name_plural = _("biểu mẫu")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Section(models.Model):
    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("tên phần"), max_length=300)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    indicators = models.ManyToManyField(Indicator, through="SectionIndicator", related_name="sections")
    # The section of the report document's outline (NARRATIVE_KEYS: "2.6" …) whose text opens with this section's
    # figures in words; blank: the outline section whose heading the title names, if any (documents.summary).
    narrative_key = models.CharField(_("mục trong văn bản báo cáo"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("phần biểu mẫu")
        verbose_name_plural = _("phần biểu mẫu")
        ordering = ["form", "position", "id"]

    def __str__(self):
        return self.title


class SectionIndicator(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    required = models.BooleanField(
        _("bắt buộc nhập"), default=False, help_text=_("Mọi ô của chỉ tiêu phải có số liệu thì mới nộp được.")
    )

    class Meta:
        verbose_name = _("chỉ tiêu của phần")
        verbose_name_plural = _("chỉ tiêu của phần")
        ordering = ["section", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["section", "indicator"], name="sectionindicator_unique")
        ]

    def __str__(self):
        return f"{self.section} – {self.indicator}"


class Importance(models.TextChoices):
    BLOCKING = "blocking", _("Bắt buộc (chặn nộp báo cáo)")
    WARNING = "warning", _("Cảnh báo")


class ValidationRule(models.Model):
    """left operator right, over the form's indicators (totals over categories, or `code.option`)."""

    FIGURES_KINDS = (DEFINITIONS,)  # its changes change the forms' cached structure (core.figures)

    class Operator(models.TextChoices):
        EQ = "==", "="
        NE = "!=", "≠"
        LT = "<", "<"
        LE = "<=", "≤"
        GT = ">", ">"
        GE = ">=", "≥"

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="rules")
    left = models.CharField(_("vế trái"), max_length=500)
    operator = models.CharField(_("phép so sánh"), max_length=2, choices=Operator.choices)
    right = models.CharField(_("vế phải"), max_length=500)
    importance = models.CharField(
        _("mức độ"), max_length=10, choices=Importance.choices, default=Importance.BLOCKING
    )
    message = models.CharField(_("thông báo khi vi phạm"), max_length=300)

    class Meta:
        verbose_name = _("quy tắc kiểm tra")
        verbose_name_plural = _("quy tắc kiểm tra")
        ordering = ["form", "id"]

    def __str__(self):
        return f"{self.left} {self.operator} {self.right}"


class Submission(TimeStampedModel):
    """A unit's report for a form and period (DHIS2's registration and approval in one): its state and its texts."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang nhập")
        SUBMITTED = "submitted", _("Đã nộp, chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        RETURNED = "returned", _("Bị trả lại")

    form = models.ForeignKey(Form, on_delete=models.PROTECT, related_name="submissions")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="report_submissions")
    unit_path = PathField(max_length=255, editable=False)
    period = models.CharField(_("kỳ báo cáo"), max_length=8)
    status = models.CharField(_("tình trạng"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    narrative = models.JSONField(_("phần lời"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unlocked_until = models.DateField(_("được nhập đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["form", "-period", "unit__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["form", "unit", "period"], name="submission_once_per_period")
        ]
        indexes = [models.Index(fields=["form", "period", "unit_path"], name="submission_form_period_path")]

    def __str__(self):
        return f"{self.form} – {self.unit} – {self.period}"


class SubmissionEvent(models.Model):
    class Action(models.TextChoices):
        SUBMIT = "submit", _("Nộp báo cáo")
        APPROVE = "approve", _("Duyệt")
        RETURN = "return", _("Trả lại")
        REOPEN = "reopen", _("Mở lại để sửa")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    comment = models.TextField(_("ý kiến"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bước xử lý báo cáo")
        verbose_name_plural = _("bước xử lý báo cáo")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} – {self.submission}"


class Value(models.Model):
    """A data value (số liệu): the fact table every figure is added up from.

    `number` holds every numeric type (a float is exact for counts up to 2⁵³; yes/no is 1/0); `text` the text type.
    `category` is the codes of the category options, in the order of the indicator's categories, joined by ",";
    "" when the indicator has no categories.
    """

    class Origin(models.TextChoices):
        ENTERED = "entered", _("Nhập tay")
        SYSTEM = "system", _("Lấy từ hệ thống")
        OVERRIDDEN = "overridden", _("Sửa số liệu hệ thống")
        IMPORTED = "imported", _("Nhập hàng loạt")

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    # No index of its own: every index is paid on each of the millions of inserts, and a unit's figures are always
    # read with their period (the unique constraint). Units are closed, never deleted, so the PROTECT check that
    # would want it does not run.
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", db_index=False)
    unit_path = PathField(max_length=255)
    province_code = models.CharField(max_length=8)
    period = models.CharField(max_length=8)
    category = models.CharField(max_length=100, default="", blank=True)
    number = models.FloatField(null=True, blank=True)
    text = models.TextField(blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.ENTERED)
    reason = models.CharField(_("lý do sửa"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # read only when a user is deleted (rare), written on every value
    )

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        constraints = [
            # Period first: a period's figures arrive together, so their entries are appended at the end of the
            # index instead of scattered through ten million (a bulk import's cost was this index).
            models.UniqueConstraint(
                fields=["period", "unit", "indicator", "category"], name="value_once_per_cell"
            )
        ]
        indexes = [
            # Covering: a subtree's totals for a period are an index-only range scan with a GROUP BY.
            models.Index(
                fields=["period", "unit_path", "indicator", "category", "number"],
                name="value_period_path_cover",
            ),
            # Covering: the national totals by province for a period.
            models.Index(
                fields=["period", "indicator", "province_code", "category", "number"],
                name="value_period_ind_prov_cover",
            ),
        ]

    def __str__(self):
        return f"{self.indicator_id}/{self.unit_id}/{self.period}/{self.category}"


class ValueChange(models.Model):
    """The history of one cell: who changed it, when, from what to what, and why (the change log of values)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.CASCADE, related_name="+", db_index=False
    )  # see valuechange_cell
    period = models.CharField(max_length=8)
    category = models.CharField(max_length=100, default="", blank=True)
    old_value = models.CharField(_("giá trị cũ"), max_length=2000, blank=True)
    new_value = models.CharField(_("giá trị mới"), max_length=2000, blank=True)
    origin = models.CharField(max_length=10, choices=Value.Origin.choices)
    reason = models.CharField(max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # read only when a user is deleted (rare), written on every change
    )
    request_id = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lần sửa số liệu")
        verbose_name_plural = _("lần sửa số liệu")
        ordering = ["-at", "-id"]
        # Period first, for the same reason as Value's unique constraint.
        indexes = [models.Index(fields=["period", "unit", "indicator", "category"], name="valuechange_cell")]

    def __str__(self):
        return f"{self.old_value} → {self.new_value}"


class ReportDocument(TimeStampedModel):
    """The Party-format report of a unit for a form and period: its heading data, edited texts and generated files."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Chưa tạo")
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Đã tạo")
        FAILED = "failed", _("Lỗi")

    form = models.ForeignKey(Form, on_delete=models.PROTECT, related_name="documents")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="report_documents")
    unit_path = PathField(max_length=255, editable=False)
    period = models.CharField(_("kỳ báo cáo"), max_length=8)
    superior_body = models.CharField(_("cơ quan cấp trên"), max_length=200, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=200)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    place = models.CharField(_("địa danh"), max_length=100)
    issued_on = models.DateField(_("ngày ban hành"))
    summary = models.CharField(_("trích yếu"), max_length=300)
    narrative = models.JSONField(_("nội dung"), default=dict, blank=True)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=100, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=100, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    progress = models.PositiveSmallIntegerField(default=0)
    progress_note = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    # When generation was last asked for: a job queued or running for long (a dead worker) may be asked for again.
    requested_at = models.DateTimeField(null=True, blank=True)
    docx = models.FileField(upload_to="reports/%Y/", blank=True)
    pdf = models.FileField(upload_to="reports/%Y/", blank=True)
    generated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("văn bản báo cáo")
        verbose_name_plural = _("văn bản báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["form", "unit", "period"], name="reportdocument_once_per_period")
        ]

    def __str__(self):
        return f"{self.summary} – {self.unit}"


class OutgoingNumber(models.Model):
    """The register of outgoing documents (sổ đăng ký văn bản đi) of an issuing unit: numbers run from 1 each year,
    given in order, without gaps or duplicates (`documents.numbering`)."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="outgoing_numbers")
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=60, blank=True)
    document = models.OneToOneField(
        ReportDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="outgoing_number"
    )
    summary = models.CharField(_("trích yếu"), max_length=300, blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("số văn bản đi")
        verbose_name_plural = _("sổ văn bản đi")
        ordering = ["unit", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "number"], name="outgoingnumber_once_per_year")
        ]

    def __str__(self):
        return f"{self.number}-{self.symbol}" if self.symbol else str(self.number)


class OutgoingCounter(models.Model):
    """The last number given in an issuing unit's register for a year: the row locked while the next is given."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="outgoingcounter_once_per_year")]

    def __str__(self):
        return f"{self.unit_id}/{self.year}: {self.last}"


NARRATIVE_OUTLINE = [
    # (key, heading, depth): the outline of a Dân vận review report.
    ("1", pgettext_lazy("đề mục", "I. TÌNH HÌNH CHUNG"), 1),
    ("1.1", _("Tình hình tư tưởng, tâm trạng của cán bộ, đảng viên và nhân dân"), 2),
    ("1.2", _("Dư luận xã hội"), 2),
    ("2", pgettext_lazy("đề mục", "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC DÂN VẬN"), 1),
    ("2.1", _("Công tác dân vận của cấp ủy, tổ chức đảng"), 2),
    ("2.2", _("Công tác dân vận của chính quyền"), 2),
    ("2.3", _("Công tác dân vận của Mặt trận Tổ quốc và các đoàn thể chính trị – xã hội"), 2),
    ("2.4", _("Công tác dân tộc, tôn giáo"), 2),
    ("2.5", _("Phong trào thi đua “Dân vận khéo”"), 2),
    ("2.6", _("Thực hiện dân chủ ở cơ sở"), 2),
    ("3", pgettext_lazy("đề mục", "III. ĐÁNH GIÁ CHUNG"), 1),
    ("3.1", _("Ưu điểm"), 2),
    ("3.2", _("Hạn chế"), 2),
    ("3.3", _("Nguyên nhân"), 2),
    ("3.4", _("Bài học kinh nghiệm"), 2),
    ("4", pgettext_lazy("đề mục", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"), 1),
    ("5", pgettext_lazy("đề mục", "V. ĐỀ XUẤT, KIẾN NGHỊ"), 1),
]
# Headings with sub-headings take no text of their own; the rest are the text boxes of a report.
NARRATIVE_KEYS = [
    key
    for key, _heading, _depth in NARRATIVE_OUTLINE
    if not any(other.startswith(key + ".") for other, _h, _d in NARRATIVE_OUTLINE)
]


class CellComment(models.Model):
    """A note on one cell of a unit's report (a source, a doubt, the approver's question), kept beside its history."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+", db_index=False)
    period = models.CharField(max_length=8)
    category = models.CharField(max_length=100, default="", blank=True)
    text = models.CharField(_("ghi chú"), max_length=1000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ghi chú ô số liệu")
        verbose_name_plural = _("ghi chú ô số liệu")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["period", "unit", "indicator", "category"], name="cellcomment_cell")]

    def __str__(self):
        return self.text[:60]
