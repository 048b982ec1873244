"""The forms of public feedback: the citizen's form and the lookup by code (public pages), the official's answer and
the unit's service level (staff pages). The services check everything again; the forms give the labels."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import antispam
from ..models import FeedbackSetting, Petition

PUBLIC_KIND_CHOICES = [
    (Petition.Kind.KIEN_NGHI.value, _("Kiến nghị (đề xuất, kiến nghị với cơ quan)")),
    (Petition.Kind.PHAN_ANH.value, _("Phản ánh (thông báo một việc đang xảy ra)")),
]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (the service checks their number and each one's type and size)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class FeedbackForm(forms.Form):
    unit = forms.ChoiceField(label=_("Gửi tới"), choices=())
    kind = forms.ChoiceField(label=_("Loại góp ý"), choices=PUBLIC_KIND_CHOICES, widget=forms.RadioSelect)
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=[("", "—"), *Petition.Field.choices])
    subject = forms.CharField(label=_("Tiêu đề"), max_length=300)
    content = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Nêu rõ sự việc, địa điểm, thời gian và điều bạn đề nghị."),
    )
    attachments = MultipleFileField(
        label=_("Tệp đính kèm"),
        required=False,
        help_text=_("Tối đa 3 tệp ảnh JPG, PNG, PDF hoặc DOCX, mỗi tệp không quá 10 MB."),
    )
    name = forms.CharField(label=_("Họ và tên (không bắt buộc)"), required=False, max_length=150)
    phone = forms.CharField(label=_("Số điện thoại (không bắt buộc)"), required=False, max_length=30)
    email = forms.CharField(label=_("Thư điện tử (không bắt buộc)"), required=False, max_length=254)
    keep_private = forms.BooleanField(
        label=_("Không công khai câu trả lời (chỉ gửi riêng cho tôi)"),
        required=False,
    )
    website = forms.CharField(label=_("Để trống ô này"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "—"), *((str(u.pk), u.name) for u in units)]
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["email"].widget.attrs.update({"inputmode": "email", "autocomplete": "email"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})
        if not self.is_bound:
            self.initial["started"] = antispam.started_token()

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "field": data["field"],
            "subject": data["subject"],
            "content": data["content"],
            "name": data.get("name", ""),
            "phone": data.get("phone", ""),
            "email": data.get("email", ""),
            "answer_public": not data.get("keep_private"),
        }


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Mã tra cứu"),
        max_length=64,
        help_text=_(
            "Ví dụ: GY-7K3M-Q9TD-2WXA (không phân biệt chữ hoa, chữ thường, có hay không có dấu gạch)."
        ),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Vì sao vấn đề chưa được giải quyết?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 6}))
    public = forms.BooleanField(
        label=_("Công khai câu trả lời trên trang tra cứu"),
        required=False,
        initial=True,
        help_text=_("Khi người gửi đã chọn không công khai, câu trả lời không được công khai."),
    )


class SettingForm(forms.ModelForm):
    class Meta:
        model = FeedbackSetting
        fields = ["accepts_feedback", "answer_within_working_days"]
