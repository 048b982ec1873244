"""Forms of the legal clocks' pages: a year's calendar as two lists of days, a new version of a step's rule."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import DayType

DAYS_HELP = _("Mỗi dòng một ngày dd/mm/yyyy, có thể ghi tên sau ngày, ví dụ: 02/09/2026 Quốc khánh.")


class CalendarYearForm(forms.Form):
    days_off = forms.CharField(
        label=_("Ngày thường được nghỉ"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text=DAYS_HELP,
    )
    working_days = forms.CharField(
        label=_("Thứ Bảy, Chủ nhật làm bù"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=DAYS_HELP,
    )

    @staticmethod
    def lines(text: str) -> tuple[list[str], dict]:
        """(the dates as written, {date text: name}) of a textarea's lines."""
        days, names = [], {}
        for line in (text or "").splitlines():
            head, _space, name = line.strip().partition(" ")
            if head:
                days.append(head)
                names[head] = name.strip()
        return days, names

    @staticmethod
    def initial_text(days: dict) -> str:
        return "\n".join(f"{day:%d/%m/%Y} {name}".strip() for day, name in sorted(days.items()))


class RuleVersionForm(forms.Form):
    valid_from = forms.DateField(label=_("Hiệu lực từ ngày"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    day_type = forms.ChoiceField(label=_("Loại ngày"), choices=DayType.choices)
    days = forms.IntegerField(label=_("Thời hạn"), min_value=1, max_value=365)
    complex_days = forms.IntegerField(label=_("Khi phức tạp"), min_value=1, max_value=365, required=False)
    remote_days = forms.IntegerField(
        label=_("Ở vùng sâu, vùng xa"), min_value=1, max_value=365, required=False
    )
    remote_complex_days = forms.IntegerField(
        label=_("Ở vùng sâu, vùng xa và phức tạp"), min_value=1, max_value=365, required=False
    )
    verify_days = forms.IntegerField(label=_("Khi phải xác minh"), min_value=1, max_value=365, required=False)
    extension_days = forms.IntegerField(
        label=_("Mỗi lần gia hạn"), min_value=1, max_value=365, required=False
    )
    max_extensions_complex = forms.IntegerField(
        label=_("Số lần gia hạn khi phức tạp"), min_value=0, max_value=5, required=False
    )
    max_extensions_very_complex = forms.IntegerField(
        label=_("Số lần gia hạn khi đặc biệt phức tạp"), min_value=0, max_value=5, required=False
    )
    counted_from = forms.CharField(label=_("Tính từ"), max_length=100, required=False)
    legal_basis = forms.CharField(label=_("Căn cứ pháp lý"), max_length=300)
