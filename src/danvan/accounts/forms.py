from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils.translation import gettext_lazy as _

from .models import Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khóa."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")


class UserForm(forms.Form):
    username = forms.RegexField(
        label=_("Tên đăng nhập"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Chỉ dùng chữ không dấu, số và các ký tự . @ + - _")},
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    position = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=32, required=False)
    is_active = forms.BooleanField(label=_("Đang hoạt động"), required=False, initial=True)


class NewUserForm(UserForm):
    role = forms.ChoiceField(label=_("Vai trò trên đơn vị"), choices=Role.choices, initial=Role.EDITOR)
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"),
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Ít nhất 10 ký tự, không quá phổ biến, không chỉ gồm chữ số."),
    )


class RoleForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)


class PasswordForm(forms.Form):
    password = forms.CharField(label=_("Mật khẩu mới"), widget=forms.PasswordInput)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên gợi nhớ"), max_length=100, initial="API", help_text=_("Ví dụ: Đồng bộ phần mềm của Ban.")
    )


def _vietnamese_password_fields(form) -> None:
    """Django's password forms, in Vietnamese (its own catalogue has no Vietnamese for them)."""
    form.error_messages = {
        **form.error_messages,
        "password_mismatch": _("Hai lần nhập mật khẩu mới không khớp nhau."),
        "password_incorrect": _("Mật khẩu hiện tại không đúng; hãy nhập lại."),
    }
    labels = {
        "old_password": (_("Mật khẩu hiện tại"), ""),
        "new_password1": (_("Mật khẩu mới"), password_validation.password_validators_help_text_html()),
        "new_password2": (_("Nhập lại mật khẩu mới"), _("Nhập lại đúng mật khẩu trên để kiểm tra.")),
    }
    for name, (label, help_text) in labels.items():
        if name in form.fields:
            form.fields[name].label = label
            form.fields[name].help_text = help_text


class OwnPasswordForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _vietnamese_password_fields(self)


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _vietnamese_password_fields(self)


class ResetRequestForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Thư điện tử của tài khoản")
        self.fields["email"].error_messages = {
            "required": _("Hãy nhập địa chỉ thư điện tử."),
            "invalid": _("Địa chỉ thư điện tử không hợp lệ."),
        }
