"""Fields the portal's forms share."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.portal.richtext import plain_text

CHOICE_ERRORS = {
    "invalid_choice": _("Lựa chọn không hợp lệ hoặc nằm ngoài phạm vi của bạn."),
    "required": _("Trường này không được để trống."),
}


class MomentField(forms.DateTimeField):
    """A moment typed dd/mm/yyyy hh:mm (a day alone is its midnight), as every date of the site is written."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("input_formats", ["%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%dT%H:%M"])
        kwargs.setdefault(
            "widget",
            forms.DateTimeInput(
                format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm", "inputmode": "numeric"}
            ),
        )
        kwargs.setdefault(
            "error_messages", {"invalid": _("Thời điểm không hợp lệ: hãy nhập dạng dd/mm/yyyy hh:mm.")}
        )
        super().__init__(**kwargs)


class RichTextField(forms.CharField):
    """HTML written in the editor (static/portal/editor.js); the service sanitises it. An editor left with no words
    and no image (its empty "<p><br></p>") is an empty field."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 16, "data-rich-text": "1"}))
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value if plain_text(value) or "<img" in value else ""
