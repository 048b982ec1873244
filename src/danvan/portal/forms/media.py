"""The forms of the site's images and documents."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.orgunits.forms import VNDateField


class ImageForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp ảnh"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPG, PNG hoặc WebP, tối đa 10 MB."),
    )
    alt = forms.CharField(
        label=_("Mô tả ảnh (cho người khiếm thị)"),
        max_length=300,
        help_text=_("Ảnh cho thấy gì, ví dụ: Đồng chí Bí thư Tỉnh ủy phát biểu tại hội nghị."),
    )
    caption = forms.CharField(label=_("Chú thích"), max_length=500, required=False)

    def __init__(self, *args, with_file=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_file:
            del self.fields["file"]


class DocumentForm(forms.Form):
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=80)
    kind = forms.CharField(
        label=_("Loại văn bản"), max_length=80, help_text=_("Nghị quyết, Chỉ thị, Kế hoạch…")
    )
    title = forms.CharField(label=_("Trích yếu"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200, required=False)
    issued_on = VNDateField(label=_("Ngày ban hành"))
    effective_on = VNDateField(label=_("Ngày hiệu lực"), required=False)
    signer = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    file = forms.FileField(
        label=_("Tệp văn bản"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx"}),
        help_text=_("PDF, DOC hoặc DOCX, tối đa 20 MB."),
    )
    is_published = forms.BooleanField(label=_("Công bố trên trang"), required=False, initial=True)
