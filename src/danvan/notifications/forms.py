from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind


class PreferencesForm(forms.Form):
    """One box per kind: whether it also comes by e-mail."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.BooleanField(label=kind.label, required=False)

    help_text = _("Mọi thông báo luôn hiện trong ứng dụng; ở đây bạn chọn loại nào gửi thêm qua thư điện tử.")
