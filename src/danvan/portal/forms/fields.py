"""Fields the portal's forms share."""

from django import forms
from django.utils.translation import gettext_lazy as _

CHOICE_ERRORS = {
    "invalid_choice": _("Lựa chọn không hợp lệ hoặc nằm ngoài phạm vi của bạn."),
    "required": _("Trường này không được để trống."),
}


class MomentField(forms.DateTimeField):
    """A moment typed as the browser's date-and-time picker sends it, or dd/mm/yyyy hh:mm."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("input_formats", ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y"])
        kwargs.setdefault(
            "widget", forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
        )
        kwargs.setdefault(
            "error_messages", {"invalid": _("Thời điểm không hợp lệ: hãy nhập dạng dd/mm/yyyy hh:mm.")}
        )
        super().__init__(**kwargs)


class RichTextField(forms.CharField):
    """HTML written in the editor (static/portal/editor.js); the service sanitises it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 16, "data-rich-text": "1"}))
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)
