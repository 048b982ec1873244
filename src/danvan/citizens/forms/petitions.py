"""Forms of the register's pages: they parse the input; `create_petition` and `transition` apply the rules and their
errors are put next to the fields (`put_service_errors`, which also reaches the senders' rows)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.activities.forms.tasks import MultipleFileField
from danvan.core.errors import messages_of
from danvan.orgunits.forms import VNDateField
from danvan.orgunits.models import OrgUnit

from ..models import Petition, PetitionStep

Action = PetitionStep.Action
CHOICE_ERRORS = {
    "invalid_choice": _("Lựa chọn không hợp lệ hoặc nằm ngoài phạm vi của bạn."),
    "required": _("Trường này không được để trống."),
}
SENDER_ROWS = 3
NUMBER = re.compile(r"^\s*(\d{1,9})\s*/\s*(\d{4})\s*$")


def _textarea(rows: int = 3):
    return forms.Textarea(attrs={"rows": rows})


class PetitionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại đơn"), choices=Petition.Kind.choices)
    channel = forms.ChoiceField(label=_("Nguồn đơn"), choices=Petition.Channel.choices)
    forwarded_by = forms.CharField(label=_("Cơ quan chuyển đến"), max_length=300, required=False)
    forwarded_reference = forms.CharField(label=_("Số văn bản chuyển"), max_length=100, required=False)
    received_on = VNDateField(label=_("Ngày nhận đơn"))
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=Petition.Field.choices)
    subject = forms.CharField(label=_("Trích yếu"), max_length=300)
    content = forms.CharField(label=_("Nội dung đơn"), max_length=50_000, widget=_textarea(6))
    is_group = forms.BooleanField(label=_("Đơn tập thể"), required=False)
    signers = forms.IntegerField(label=_("Số người ký đơn"), min_value=1, max_value=100_000, initial=1)
    previous = forms.ModelChoiceField(
        label=_("Đơn khiếu nại lần đầu"),
        queryset=Petition.objects.none(),
        required=False,
        error_messages=CHOICE_ERRORS,
        help_text=_("Với đơn khiếu nại lần hai: đơn lần đầu đã giải quyết của cùng đơn vị."),
    )
    complex_case = forms.BooleanField(label=_("Vụ việc phức tạp"), required=False)
    remote_area = forms.BooleanField(label=_("Vùng sâu, vùng xa đi lại khó khăn"), required=False)
    needs_verification = forms.BooleanField(
        label=_("Cần xác minh nhân thân người tố cáo hoặc xác minh ở nhiều nơi"), required=False
    )
    attachments = MultipleFileField(
        label=_("Tệp đính kèm"),
        required=False,
        help_text=_("Ảnh JPG, PNG, tệp PDF hoặc DOCX, mỗi tệp tối đa 10 MB."),
    )

    def __init__(self, *args, unit: OrgUnit, **kwargs):
        kwargs.setdefault("initial", {"received_on": timezone.localdate(), "signers": 1})
        super().__init__(*args, **kwargs)
        self.fields["previous"].queryset = Petition.objects.filter(
            unit=unit, kind=Petition.Kind.KHIEU_NAI_1, resolved_on__isnull=False
        ).order_by("-year", "-number")
        self.fields["previous"].label_from_instance = lambda p: f"{p.number}/{p.year} — {p.subject[:80]}"


class SenderForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    id_number = forms.CharField(label=_("Số định danh cá nhân"), max_length=20, required=False)
    is_representative = forms.BooleanField(label=_("Người đại diện"), required=False)


class SealedForm(SenderForm):
    is_representative = None


SenderFormSet = forms.formset_factory(SenderForm, extra=SENDER_ROWS, max_num=50, absolute_max=50)
SealedFormSet = forms.formset_factory(SealedForm, extra=1, max_num=10, absolute_max=10)


def people_of(formset) -> list[dict]:
    """The rows of a senders' formset that were filled in (a name or anything else)."""
    return [
        {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
        for form in formset.forms
        if form.cleaned_data and any(value for value in form.cleaned_data.values())
    ]


def put_service_errors(form, error: ValidationError, formsets: dict | None = None) -> None:
    """A service's messages next to the fields they name: the form's own, a formset row's (`senders-0-name`), the
    rest above the form."""
    for name, found in messages_of(error).items():
        prefix, _sep, rest = name.partition("-")
        formset = (formsets or {}).get(prefix)
        index, _sep2, field = rest.partition("-")
        for message in found:
            if formset is not None and index.isdigit() and int(index) < len(formset.forms):
                row = formset.forms[int(index)]
                row.add_error(field if field in row.fields else None, message)
            else:
                form.add_error(name if name in form.fields else None, message)


# --- one form per step -----------------------------------------------------------------------------------------------


def _reference(required: bool, label):
    return forms.CharField(label=label, max_length=100, required=required)


def _text(label, required: bool = False, rows: int = 3):
    return forms.CharField(label=label, max_length=10_000, required=required, widget=_textarea(rows))


STEP_FIELDS = {
    Action.PROCESS: lambda: {
        "processing": forms.ChoiceField(label=_("Kết quả xử lý đơn"), choices=Petition.Processing.choices),
        "to_body": forms.CharField(
            label=_("Cơ quan có thẩm quyền"), max_length=300, required=False, help_text=_("Khi chuyển đơn.")
        ),
        "reference": _reference(False, _("Số phiếu chuyển, văn bản hướng dẫn")),
        "note": _text(_("Ghi chú")),
    },
    Action.ACCEPT: lambda: {
        "reference": _reference(True, _("Số quyết định, thông báo thụ lý")),
        "complex_case": forms.BooleanField(label=_("Vụ việc phức tạp"), required=False),
        "very_complex": forms.BooleanField(label=_("Vụ việc đặc biệt phức tạp"), required=False),
        "remote_area": forms.BooleanField(label=_("Vùng sâu, vùng xa đi lại khó khăn"), required=False),
        "note": _text(_("Ghi chú")),
    },
    Action.REFUSE: lambda: {"reason": _text(_("Lý do không thụ lý"), True)},
    Action.ASSIGN: lambda: {
        "assignee": forms.ModelChoiceField(
            label=_("Cán bộ được giao xác minh"), queryset=None, error_messages=CHOICE_ERRORS
        ),
        "note": _text(_("Ghi chú")),
    },
    Action.VERIFY: lambda: {
        "note": _text(_("Kết quả xác minh"), True, 5),
        "reference": _reference(False, _("Số báo cáo xác minh")),
    },
    Action.RESOLVE: lambda: {
        "reference": _reference(True, _("Số quyết định, văn bản giải quyết")),
        "outcome": forms.ChoiceField(label=_("Kết quả giải quyết"), choices=Petition.Outcome.choices),
        "answer": _text(_("Nội dung trả lời"), True, 5),
    },
    Action.ANSWER: lambda: {"answer": _text(_("Nội dung trả lời"), True, 5)},
    Action.CLOSE: lambda: {"note": _text(_("Ghi chú"))},
    Action.TRANSFER: lambda: {
        "to_unit": forms.ModelChoiceField(
            label=_("Đơn vị nhận đơn"), queryset=None, error_messages=CHOICE_ERRORS
        ),
        "reason": _text(_("Lý do chuyển"), True),
    },
    Action.SUSPEND: lambda: {
        "reason": _text(_("Lý do tạm đình chỉ"), True),
        "reference": _reference(False, _("Số quyết định tạm đình chỉ")),
    },
    Action.RESUME: lambda: {"note": _text(_("Ghi chú"))},
    Action.EXTEND: lambda: {
        "reference": _reference(True, _("Số quyết định gia hạn")),
        "reason": _text(_("Lý do gia hạn")),
    },
    Action.WITHDRAW: lambda: {
        "whole": forms.TypedChoiceField(
            label=_("Rút đơn"),
            choices=[("1", _("Rút toàn bộ đơn")), ("0", _("Rút một phần"))],
            coerce=lambda value: value == "1",
            widget=forms.RadioSelect,
            initial="1",
        ),
        "withdrawn": _text(_("Nội dung được rút (khi rút một phần)")),
        "note": _text(_("Ghi chú")),
    },
    Action.MERGE: lambda: {
        "into": forms.CharField(
            label=_("Gộp vào đơn số"), max_length=20, help_text=_("Số vào sổ và năm, ví dụ 12/2026.")
        ),
        "note": _text(_("Ghi chú")),
    },
    Action.REOPEN: lambda: {"reason": _text(_("Lý do mở lại"), True)},
}


class StepForm(forms.Form):
    """A step's form: its date and the fields its action takes."""

    on = VNDateField(label=_("Ngày thực hiện"))

    def __init__(self, *args, action: str, petition: Petition, assignees=None, units=None, **kwargs):
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.action, self.petition = action, petition
        self.fields.update(STEP_FIELDS[action]())
        if "assignee" in self.fields:
            self.fields["assignee"].queryset = assignees
            self.fields["assignee"].label_from_instance = lambda user: user.full_name or user.username
        if "to_unit" in self.fields:
            self.fields["to_unit"].queryset = units

    def clean_into(self):
        match = NUMBER.match(self.cleaned_data["into"])
        found = None
        if match:
            found = (
                Petition.objects.filter(
                    unit_id=self.petition.unit_id, number=int(match[1]), year=int(match[2])
                )
                .exclude(pk=self.petition.pk)
                .first()
            )
        if found is None:
            raise ValidationError(_("Không có đơn số này trong sổ đơn của đơn vị."))
        return found

    def details(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("on", None)
        return data
