"""Forms of the publicity pages: recording a publication, correcting it, adding a channel with its evidence; the
public page's search."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.orgunits.forms import VNDateField

from ..models import PublicationChannel, PublicityItem

FILE_LABEL = _("Tệp (PDF, DOCX, JPG, PNG; tối đa 10 MB)")


class PublicationForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("Nội dung phải công khai"),
        queryset=PublicityItem.objects.filter(active=True),
        error_messages={
            "required": _("Hãy chọn nội dung."),
            "invalid_choice": _("Nội dung không có trong danh mục."),
        },
    )
    period = forms.CharField(
        label=_("Kỳ (với nội dung định kỳ)"),
        required=False,
        max_length=8,
        help_text=_("2026 (năm), 2026H1 (6 tháng), 2026Q3 (quý)."),
    )
    decision_on = VNDateField(
        label=_("Ngày ban hành văn bản (với nội dung khi có quyết định)"), required=False
    )
    title = forms.CharField(
        label=_("Tên văn bản, tài liệu công khai"),
        required=False,
        max_length=300,
        help_text=_("Để trống với nội dung định kỳ: tên nội dung và kỳ."),
    )
    reference = forms.CharField(label=_("Số, ký hiệu văn bản"), required=False, max_length=100)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(label=FILE_LABEL, required=False)


class PublicationEditForm(forms.Form):
    title = forms.CharField(label=_("Tên văn bản, tài liệu công khai"), max_length=300)
    reference = forms.CharField(label=_("Số, ký hiệu văn bản"), required=False, max_length=100)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(label=_("Thay tệp công khai"), required=False)


class ChannelForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Hình thức công khai"),
        choices=PublicationChannel.Channel.choices,
        error_messages={"required": _("Hãy chọn hình thức công khai.")},
    )
    started_on = VNDateField(label=_("Từ ngày (ngày phát thứ nhất)"), required=False)
    ended_on = VNDateField(
        label=_("Đến ngày (niêm yết)"), required=False, help_text=_("Niêm yết tại trụ sở ít nhất 30 ngày.")
    )
    second_on = VNDateField(label=_("Ngày phát thứ hai (loa)"), required=False)
    third_on = VNDateField(
        label=_("Ngày phát thứ ba (loa)"), required=False, help_text=_("Loa truyền thanh: ba ngày liên tiếp.")
    )
    address = forms.CharField(label=_("Đường dẫn bài đăng (trang thông tin)"), required=False, max_length=500)
    note = forms.CharField(
        label=_("Ghi chú, minh chứng"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(label=_("Tệp minh chứng (ảnh, biên bản)"), required=False)


class PublicSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200)
    period = forms.CharField(label=_("Kỳ"), required=False, max_length=8)
