"""The form of the report document page: heading, texts of the outline, signature and recipients. It parses the
input (the date above all); the service `documents.update_document` checks the rules and names the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.orgunits.forms import VNDateField

from .documents import INTRO_KEY, outline_heading
from .models import NARRATIVE_KEYS, NARRATIVE_OUTLINE


def narrative_field_name(key: str) -> str:
    """ "2.1" → "narrative_2_1": the outline's keys as form field names."""
    return "narrative_" + key.replace(".", "_")


# The fields a service error names otherwise than the form: narrative_2.1 → narrative_2_1.
SERVICE_FIELDS = {f"narrative_{key}": narrative_field_name(key) for key in (INTRO_KEY, *NARRATIVE_KEYS)}


class DocumentForm(forms.Form):
    superior_body = forms.CharField(
        label=_("Cơ quan cấp trên"),
        required=False,
        help_text=_("Dòng trên tên cơ quan ban hành, ví dụ TỈNH ỦY CAO BẰNG hoặc ĐẢNG BỘ TỈNH CAO BẰNG."),
    )
    issuing_body = forms.CharField(
        label=_("Cơ quan ban hành"), required=False, help_text=_("Ví dụ BAN TUYÊN GIÁO VÀ DÂN VẬN.")
    )
    number = forms.CharField(
        label=_("Số, ký hiệu"),
        required=False,
        help_text=_(
            "Ví dụ 125-BC/BTGDVTU. Lấy số tiếp theo trong sổ văn bản đi của đơn vị bằng nút bên dưới, hoặc gõ số "
            "(sổ ghi lại số đã gõ); để trống phần số trước “-BC” để văn thư điền khi phát hành."
        ),
    )
    place = forms.CharField(label=_("Địa danh"), required=False, help_text=_("Ví dụ Cao Bằng."))
    issued_on = VNDateField(
        label=_("Ngày ban hành"), error_messages={"required": _("Hãy nhập ngày ban hành.")}
    )
    summary = forms.CharField(label=_("Trích yếu"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    signer_authority = forms.CharField(
        label=_("Thẩm quyền ký"),
        required=False,
        help_text=_("Ví dụ T/M BAN THƯỜNG VỤ, TRƯỞNG BAN, K/T TRƯỞNG BAN."),
    )
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"), required=False, help_text=_("Ví dụ BÍ THƯ, PHÓ TRƯỞNG BAN.")
    )
    signer_name = forms.CharField(label=_("Họ tên người ký"), required=False)
    recipients = forms.CharField(
        label=_("Nơi nhận"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một nơi nhận."),
    )

    HEADING = ("superior_body", "issuing_body", "number", "place", "issued_on", "summary")
    SIGNATURE = ("signer_authority", "signer_title", "signer_name", "recipients")

    def __init__(self, *args, disabled: bool = False, period=None, **kwargs):
        """`period`: the report's, so that section IV names the coming one."""
        super().__init__(*args, **kwargs)
        self.fields[narrative_field_name(INTRO_KEY)] = forms.CharField(
            label=_("Mở đầu"), required=False, widget=forms.Textarea(attrs={"rows": 3})
        )
        for key, heading, depth in NARRATIVE_OUTLINE:
            if key in NARRATIVE_KEYS:
                heading = outline_heading(key, heading, period)
                label = heading if depth == 1 else f"{key.split('.')[-1]}. {heading}"
                self.fields[narrative_field_name(key)] = forms.CharField(
                    label=label, required=False, widget=forms.Textarea(attrs={"rows": 6})
                )
        if disabled:
            for field in self.fields.values():
                field.disabled = True

    @classmethod
    def initial_of(cls, document) -> dict:
        initial = {name: getattr(document, name) for name in (*cls.HEADING, *cls.SIGNATURE)}
        for key, text in (document.narrative or {}).items():
            initial[narrative_field_name(key)] = text
        return initial

    def outline(self):
        """The narrative fields in the outline's order, with the headings that have no text of their own."""
        rows = [{"heading": None, "field": self[narrative_field_name(INTRO_KEY)], "depth": 2}]
        for key, heading, depth in NARRATIVE_OUTLINE:
            if key in NARRATIVE_KEYS:
                rows.append({"heading": None, "field": self[narrative_field_name(key)], "depth": depth})
            else:
                rows.append({"heading": heading, "field": None, "depth": depth})
        return rows

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in (*self.HEADING, *self.SIGNATURE)}
        data["narrative"] = {
            key: self.cleaned_data.get(narrative_field_name(key), "") for key in (INTRO_KEY, *NARRATIVE_KEYS)
        }
        return data
