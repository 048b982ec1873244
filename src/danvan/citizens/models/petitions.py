"""Petitions (đơn thư): the register of what citizens send, its steps, senders, files, transfers, suspensions and
extensions. A denunciation's denouncer is not a `Sender`: it is kept apart, sealed (`models.identity`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import TimeStampedModel
from danvan.orgunits.models import OrgUnit, PathField


class Petition(TimeStampedModel):
    """One petition in a unit's register (sổ theo dõi đơn), from its receipt to its closing.

    `stage` is the last step taken; `clock_step` / `due_on` are the legal clock running now (the step whose time
    limit counts, and the day it ends), recomputed by the services on every step and when the working calendar or
    the rules change, so the overdue and due-soon lists are one indexed range."""

    class Kind(models.TextChoices):
        KIEN_NGHI = "kien_nghi", _("Kiến nghị")
        PHAN_ANH = "phan_anh", _("Phản ánh")
        KHIEU_NAI_1 = "khieu_nai_1", _("Khiếu nại lần đầu")
        KHIEU_NAI_2 = "khieu_nai_2", _("Khiếu nại lần hai")
        TO_CAO = "to_cao", _("Tố cáo")

    class Channel(models.TextChoices):
        RECEPTION = "truc_tiep", _("Trực tiếp tại buổi tiếp công dân")
        POST = "buu_chinh", _("Qua bưu chính")
        ONLINE = "truc_tuyen", _("Trực tuyến")
        FORWARDED = "chuyen_den", _("Cơ quan khác chuyển đến")
        FRONT = "qua_mttq", _("Qua MTTQ, đoàn thể")
        MAILBOX = "hop_thu", _("Hộp thư góp ý")

    class Field(models.TextChoices):
        LAND = "dat_dai", _("Đất đai")
        POLICY = "chinh_sach", _("Chế độ, chính sách")
        CORRUPTION = "tham_nhung", _("Tham nhũng, tiêu cực")
        ENVIRONMENT = "moi_truong", _("Môi trường")
        CONSTRUCTION = "xay_dung", _("Xây dựng, hạ tầng")
        ADMINISTRATION = "hanh_chinh", _("Thủ tục hành chính")
        OFFICIALS = "can_bo", _("Cán bộ, công chức")
        JUSTICE = "tu_phap", _("Tư pháp")
        SOCIETY = "xa_hoi", _("Văn hóa, xã hội")
        OTHER = "khac", _("Lĩnh vực khác")

    class Stage(models.TextChoices):
        RECEIVED = "received", _("Đã tiếp nhận")
        PROCESSED = "processed", _("Đã xử lý đơn")
        ACCEPTED = "accepted", _("Đã thụ lý")
        REFUSED = "refused", _("Không thụ lý")
        ASSIGNED = "assigned", _("Đã giao xác minh")
        VERIFIED = "verified", _("Đã xác minh")
        RESOLVED = "resolved", _("Đã giải quyết")
        CLOSED = "closed", _("Đã kết thúc")
        WITHDRAWN = "withdrawn", _("Đã rút đơn")
        MERGED = "merged", _("Đã gộp vào đơn khác")

    class Processing(models.TextChoices):
        """What the processing (xử lý đơn) decided."""

        WITHIN = "within", _("Thuộc thẩm quyền, thụ lý giải quyết")
        FORWARDED = "forwarded", _("Chuyển đơn đến cơ quan có thẩm quyền")
        GUIDED = "guided", _("Hướng dẫn người gửi")
        FILED = "filed", _("Lưu đơn")

    class Outcome(models.TextChoices):
        RIGHT = "right", _("Đúng")
        PARTLY = "partly", _("Đúng một phần")
        WRONG = "wrong", _("Sai")
        ANSWERED = "answered", _("Đã trả lời")

    OPEN_STAGES = (
        Stage.RECEIVED,
        Stage.PROCESSED,
        Stage.ACCEPTED,
        Stage.ASSIGNED,
        Stage.VERIFIED,
    )

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị giải quyết"), on_delete=models.PROTECT, related_name="petitions"
    )
    unit_path = PathField(max_length=255, editable=False)
    province_code = models.CharField(max_length=8, editable=False)
    year = models.PositiveSmallIntegerField(_("năm"), editable=False)
    number = models.PositiveIntegerField(_("số vào sổ"), editable=False)
    kind = models.CharField(_("loại đơn"), max_length=12, choices=Kind.choices)
    # An anonymous denunciation is registered as information (phản ánh), as the law requires: this keeps what it
    # said it was.
    received_as = models.CharField(
        _("loại đơn ghi trên đơn"), max_length=12, choices=Kind.choices, blank=True
    )
    channel = models.CharField(_("nguồn đơn"), max_length=12, choices=Channel.choices)
    forwarded_by = models.CharField(_("cơ quan chuyển đến"), max_length=300, blank=True)
    forwarded_reference = models.CharField(_("số văn bản chuyển"), max_length=100, blank=True)
    is_group = models.BooleanField(_("đơn tập thể"), default=False)
    signers = models.PositiveIntegerField(_("số người ký đơn"), default=1)
    anonymous = models.BooleanField(_("đơn nặc danh"), default=False)
    # Who sent it, as lists and exports show it: the sender's name ("Nguyễn Văn A và 12 người"), or for a
    # denunciation the masked text; never a sealed denouncer's name.
    sender_label = models.CharField(_("người gửi"), max_length=300, blank=True)
    subject = models.CharField(_("trích yếu"), max_length=300)
    field = models.CharField(_("lĩnh vực"), max_length=16, choices=Field.choices)
    content = models.TextField(_("nội dung đơn"))
    received_on = models.DateField(_("ngày nhận đơn"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reception = models.ForeignKey(
        "citizens.Reception",
        verbose_name=_("buổi tiếp công dân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("đơn khiếu nại lần đầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followups",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("gộp vào đơn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
    )
    # What the clocks depend on.
    complex_case = models.BooleanField(_("vụ việc phức tạp"), default=False)
    very_complex = models.BooleanField(_("vụ việc đặc biệt phức tạp"), default=False)
    remote_area = models.BooleanField(_("vùng sâu, vùng xa đi lại khó khăn"), default=False)
    needs_verification = models.BooleanField(
        _("cần xác minh nhân thân người tố cáo hoặc xác minh ở nhiều nơi"), default=False
    )
    stage = models.CharField(_("tình trạng"), max_length=12, choices=Stage.choices, default=Stage.RECEIVED)
    processing = models.CharField(
        _("kết quả xử lý đơn"), max_length=12, choices=Processing.choices, blank=True
    )
    processed_on = models.DateField(_("ngày xử lý"), null=True, blank=True)
    accepted_on = models.DateField(_("ngày thụ lý"), null=True, blank=True)
    acceptance_reference = models.CharField(_("số quyết định, thông báo thụ lý"), max_length=100, blank=True)
    refusal_reason = models.TextField(_("lý do không thụ lý"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người được giao xác minh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_on = models.DateField(_("ngày giải quyết"), null=True, blank=True)
    decision_reference = models.CharField(_("số quyết định, văn bản giải quyết"), max_length=100, blank=True)
    outcome = models.CharField(_("kết quả giải quyết"), max_length=10, choices=Outcome.choices, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    suspended_since = models.DateField(_("tạm đình chỉ từ"), null=True, blank=True)
    # The legal clock running now.
    clock_step = models.CharField(_("bước đang tính hạn"), max_length=40, blank=True)
    clock_from = models.DateField(_("tính hạn từ"), null=True, blank=True)
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    # Public feedback: the sender follows it with this code, without an account.
    tracking_code = models.CharField(_("mã tra cứu"), max_length=32, unique=True, null=True, blank=True)
    answer_public = models.BooleanField(_("công khai câu trả lời"), default=True)
    service_due_on = models.DateField(_("hạn trả lời theo cam kết"), null=True, blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    search_key = models.CharField(max_length=800, editable=False, db_index=True)

    class Meta:
        verbose_name = _("đơn thư")
        verbose_name_plural = _("đơn thư")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["unit_path", "due_on"], name="petition_path_due"),
            models.Index(fields=["province_code", "kind", "stage"], name="petition_prov_kind_stage"),
            models.Index(fields=["unit_path", "received_on"], name="petition_path_received"),
            # The figures (citizens.selectors.figures): the counts by kind and stage of a subtree read this index;
            # the overdue list reads only the open petitions' entries.
            models.Index(fields=["unit_path", "kind", "stage"], name="petition_path_kind_stage"),
            models.Index(
                fields=["unit_path", "due_on"],
                condition=Q(stage__in=["received", "processed", "accepted", "assigned", "verified"]),
                name="petition_open_due",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "number"], name="petition_unique_number"),
        ]

    def __str__(self):
        # The change log and every list name a petition by its number and subject, never by its sender.
        return f"{self.number}/{self.year} — {self.subject}"

    @property
    def is_denunciation(self) -> bool:
        return self.kind == self.Kind.TO_CAO


class Sender(models.Model):
    """A sender who is not a denouncer (a denouncer's identity is `SealedIdentity`); in a group petition, one row per
    person named, the representative marked."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="senders")
    name = models.CharField(_("họ và tên"), max_length=150)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    id_number = models.CharField(_("số định danh cá nhân"), max_length=20, blank=True)
    is_representative = models.BooleanField(_("người đại diện"), default=False)
    name_key = models.CharField(max_length=150, editable=False, db_index=True)

    class Meta:
        verbose_name = _("người gửi đơn")
        verbose_name_plural = _("người gửi đơn")
        ordering = ["-is_representative", "id"]

    def __str__(self):
        return self.name


class PetitionStep(models.Model):
    """One dated, attributed step of a petition (received, processed, accepted, …, transferred, suspended,
    resumed, extended, withdrawn, merged)."""

    class Action(models.TextChoices):
        RECEIVE = "receive", _("Tiếp nhận")
        PROCESS = "process", _("Xử lý đơn")
        ACCEPT = "accept", _("Thụ lý")
        REFUSE = "refuse", _("Không thụ lý")
        ASSIGN = "assign", _("Giao xác minh")
        VERIFY = "verify", _("Xác minh xong")
        RESOLVE = "resolve", _("Giải quyết")
        CLOSE = "close", _("Kết thúc")
        TRANSFER = "transfer", _("Chuyển đơn vị giải quyết")
        SUSPEND = "suspend", _("Tạm đình chỉ")
        RESUME = "resume", _("Tiếp tục giải quyết")
        EXTEND = "extend", _("Gia hạn")
        WITHDRAW = "withdraw", _("Rút đơn")
        MERGE = "merge", _("Gộp đơn trùng")
        ANSWER = "answer", pgettext_lazy("đơn thư", "Trả lời")
        REOPEN = "reopen", _("Mở lại")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("bước"), max_length=10, choices=Action.choices)
    on = models.DateField(_("ngày"))
    note = models.TextField(_("ghi chú"), blank=True)
    reference = models.CharField(_("số văn bản"), max_length=100, blank=True)
    details = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_name = models.CharField(_("người thực hiện"), max_length=150, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bước xử lý đơn")
        verbose_name_plural = _("bước xử lý đơn")
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.get_action_display()} {self.on:%d/%m/%Y}"


class PetitionTransfer(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="transfers")
    from_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    on = models.DateField(_("ngày chuyển"))
    reason = models.TextField(_("lý do"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("chuyển đơn")
        verbose_name_plural = _("chuyển đơn")
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.petition} → {self.to_unit}"


class Suspension(models.Model):
    """A suspension (tạm đình chỉ): its days do not count on the clock."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="suspensions")
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"), null=True, blank=True)
    reason = models.TextField(_("lý do"))
    reference = models.CharField(_("số quyết định"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("tạm đình chỉ")
        verbose_name_plural = _("tạm đình chỉ")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="suspension_order"
            )
        ]

    def __str__(self):
        return f"{self.petition} {self.start:%d/%m/%Y}"


class Extension(models.Model):
    """An extension of a denunciation's resolution (gia hạn), each by a written decision."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="extensions")
    decided_on = models.DateField(_("ngày quyết định"))
    reference = models.CharField(_("số quyết định gia hạn"), max_length=100)
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("gia hạn giải quyết")
        verbose_name_plural = _("gia hạn giải quyết")
        ordering = ["decided_on", "id"]

    def __str__(self):
        return f"{self.petition} — {self.reference}"


class Attachment(models.Model):
    """A file of a petition (the petition itself, evidence, the decision). Never a sealed denouncer's scan."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to="citizens/petitions/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("dung lượng"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm đơn")
        verbose_name_plural = _("tệp đính kèm đơn")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name
