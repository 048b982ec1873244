"""Forms of the task pages: they parse the input; the services (services/tasks.py, task_progress.py) apply the rules
and their errors are put next to the fields (core.forms.add_service_errors)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.scope import visible_q
from danvan.orgunits.forms import VNDateField, tree_choices
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import open_on_q

from ..models import Task

CHOICE_ERRORS = {
    "invalid_choice": _("Lựa chọn không hợp lệ hoặc nằm ngoài phạm vi của bạn."),
    "required": _("Trường này không được để trống."),
}
# Sources a task is assigned from on this page; a meeting's and an inspection's conclusions make their tasks on
# their own pages.
DIRECT_SOURCES = [choice for choice in Task.Source.choices if choice[0] not in ("meeting", "inspection")]


def assignable_units(user, assigner: OrgUnit):
    """The units a task of `assigner` can go to on the form: the assigner itself and the units directly under it,
    open today and in the user's scope (the service checks the subtree again)."""
    today = timezone.localdate()
    return (
        OrgUnit.objects.filter(visible_q(user))
        .filter(open_on_q(today))
        .filter(pk__in=[assigner.pk, *assigner.children.values_list("pk", flat=True)])
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (the service checks each by its content)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class _UnitFields(forms.Form):
    lead_unit = forms.ModelChoiceField(
        label=_("Đơn vị chủ trì"), queryset=OrgUnit.objects.none(), error_messages=CHOICE_ERRORS
    )
    supporting_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"),
        queryset=OrgUnit.objects.none(),
        required=False,
        error_messages=CHOICE_ERRORS,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Giữ phím Ctrl để chọn nhiều đơn vị."),
    )

    def set_units(self, user, assigner: OrgUnit, include=()):
        units = assignable_units(user, assigner)
        extra = [unit.pk for unit in include if unit is not None]
        if extra:
            units = OrgUnit.objects.filter(pk__in=[*units.values_list("pk", flat=True), *extra])
        units = list(units)
        for name, empty in (("lead_unit", _("— Chọn đơn vị —")), ("supporting_units", None)):
            self.fields[name].queryset = OrgUnit.objects.filter(pk__in=[unit.pk for unit in units])
            self.fields[name].choices = tree_choices(units, empty)


class TaskForm(_UnitFields):
    title = forms.CharField(
        label=_("Nội dung nhiệm vụ"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    expected_result = forms.CharField(label=_("Kết quả cần đạt"), max_length=500, required=False)
    description = forms.CharField(
        label=_("Chi tiết"), max_length=10_000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    source = forms.ChoiceField(label=_("Nguồn giao"), choices=DIRECT_SOURCES, initial="document")
    source_reference = forms.CharField(
        label=_("Văn bản giao"),
        max_length=200,
        required=False,
        help_text=_("Số, ký hiệu văn bản, ví dụ Thông báo số 45-TB/BDV."),
    )
    assigned_on = VNDateField(label=_("Ngày giao"), required=False, help_text=_("Để trống: hôm nay."))
    deadline = VNDateField(label=_("Hạn hoàn thành"))

    field_order = [
        "title",
        "lead_unit",
        "supporting_units",
        "deadline",
        "expected_result",
        "source",
        "source_reference",
        "assigned_on",
        "description",
    ]


class TaskEditForm(_UnitFields):
    title = TaskForm.base_fields["title"]
    expected_result = TaskForm.base_fields["expected_result"]
    description = TaskForm.base_fields["description"]
    source_reference = TaskForm.base_fields["source_reference"]
    deadline = VNDateField(
        label=_("Hạn hoàn thành"),
        help_text=_("Sửa khi ghi nhầm; gia hạn theo đề nghị của đơn vị chủ trì thì dùng «Gia hạn»."),
    )

    field_order = [
        "title",
        "lead_unit",
        "supporting_units",
        "deadline",
        "expected_result",
        "source_reference",
        "description",
    ]


class ProgressForm(forms.Form):
    percent = forms.IntegerField(
        label=_("Tiến độ (%)"),
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": _("Tiến độ phải là số nguyên từ 0 đến 100."),
            "min_value": _("Tiến độ phải từ 0 đến 100."),
            "max_value": _("Tiến độ phải từ 0 đến 100."),
        },
        required=False,
    )
    text = forms.CharField(
        label=_("Kết quả thực hiện"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 4})
    )
    reported_on = VNDateField(label=_("Ngày báo cáo"), required=False, help_text=_("Để trống: hôm nay."))
    completes = forms.BooleanField(
        label=_("Đã hoàn thành nhiệm vụ (ngày hoàn thành là ngày báo cáo)"), required=False
    )
    evidence = MultipleFileField(
        label=_("Tệp minh chứng"),
        required=False,
        help_text=_("PDF, DOCX, ảnh JPG hoặc PNG; tối đa 10 MB mỗi tệp, 10 tệp mỗi lần."),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("completes") and cleaned.get("percent") is None and "percent" not in self.errors:
            self.add_error("percent", _("Hãy nhập tiến độ (%), hoặc đánh dấu đã hoàn thành."))
        return cleaned


class ExtensionRequestForm(forms.Form):
    requested_deadline = VNDateField(label=_("Hạn đề nghị"))
    reason = forms.CharField(label=_("Lý do"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}))


class ExtensionDecisionForm(forms.Form):
    grant = forms.TypedChoiceField(
        label=_("Quyết định"),
        choices=[("1", _("Đồng ý gia hạn")), ("0", _("Không đồng ý"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    decision_reference = forms.CharField(
        label=_("Văn bản quyết định"),
        max_length=200,
        required=False,
        help_text=_("Số, ký hiệu văn bản đồng ý gia hạn (bắt buộc khi đồng ý)."),
    )
    note = forms.CharField(
        label=_("Ý kiến"), max_length=10_000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 2}))
