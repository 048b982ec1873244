"""Forms of the consultation pages: the draft, a step, a comment entered by staff or sent by anyone on the public
page (with the spam trap), a hamlet's household ballot."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.orgunits.forms import VNDateField

from ..antispam import TRAP_FIELD
from ..models import Consultation, ConsultationComment
from .publicity import FILE_LABEL


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=Consultation.Kind.choices)
    title = forms.CharField(label=_("Tên dự thảo"), max_length=300)
    text = forms.CharField(label=_("Nội dung dự thảo"), widget=forms.Textarea(attrs={"rows": 10}))
    opens_on = VNDateField(label=_("Lấy ý kiến từ ngày"))
    closes_on = VNDateField(label=_("Đến ngày"))
    file = forms.FileField(label=FILE_LABEL, required=False)


class StepForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("open", _("Mở lấy ý kiến")), ("close", _("Kết thúc")), ("conclude", _("Công bố kết quả"))]
    )
    summary = forms.CharField(
        label=_("Tổng hợp, kết luận"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class CommentForm(forms.Form):
    author_kind = forms.ChoiceField(label=_("Người góp ý"), choices=ConsultationComment.Author.choices)
    name = forms.CharField(label=_("Họ tên, tên tổ chức"), required=False, max_length=200)
    shown_name = forms.CharField(
        label=_("Tên hiển thị công khai"),
        required=False,
        max_length=100,
        help_text=_("Tên được hiện trên trang công khai; để trống: “Người dân” hoặc “Tổ chức”."),
    )
    contact = forms.CharField(label=_("Địa chỉ, điện thoại"), required=False, max_length=200)
    text = forms.CharField(
        label=_("Nội dung góp ý"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    received_on = VNDateField(label=_("Ngày nhận"))


class PublicCommentForm(CommentForm):
    received_on = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].help_text = _("Chỉ Ủy ban nhân dân xã đọc; không công bố.")
        self.fields["contact"].help_text = _("Chỉ Ủy ban nhân dân xã đọc; không công bố.")
        self.fields[TRAP_FIELD] = forms.CharField(required=False, label=_("Để trống ô này"))


class BallotForm(forms.Form):
    hamlet = forms.ModelChoiceField(label=_("Thôn, tổ dân phố"), queryset=None)
    households = forms.IntegerField(label=_("Số hộ"), min_value=1)
    agree = forms.IntegerField(label=_("Tán thành"), min_value=0)
    disagree = forms.IntegerField(label=_("Không tán thành"), min_value=0)
    abstain = forms.IntegerField(label=_("Ý kiến khác"), min_value=0)

    def __init__(self, *args, hamlets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hamlet"].queryset = hamlets
