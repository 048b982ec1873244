"""Forms of the sealed identity's pages: the reason for a reveal, a scan, the keeper to appoint."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import User

from ..services.identity import REASON_MAX


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do cần xem danh tính"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Ghi rõ việc cần làm (ví dụ: xác minh nội dung tố cáo, áp dụng biện pháp bảo vệ người tố cáo)."
        ),
    )


class ScanForm(forms.Form):
    file = forms.FileField(
        label=_("Bản chụp đơn tố cáo"), help_text=_("Ảnh JPG, PNG hoặc tệp PDF, tối đa 10 MB.")
    )


class KeeperForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Cán bộ được giao"), queryset=User.objects.none())

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        field.queryset = candidates if candidates is not None else User.objects.none()
        field.label_from_instance = lambda user: (
            f"{user.full_name} ({user.username})" if user.full_name else user.username
        )
        field.empty_label = _("— Chọn cán bộ có vai trò trên đơn vị —")
