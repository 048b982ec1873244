"""Forms of the situation reports' pages: the report and a hotspot's step."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.orgunits.forms import VNDateField
from danvan.orgunits.models import OrgUnit

from ..models import HotspotStep, SituationReport
from .oversight import editable_units, unit_field_choices, units_below


class SituationForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị báo cáo"), queryset=OrgUnit.objects.none())
    topic = forms.ChoiceField(label=_("Chủ đề"), choices=SituationReport.Topic.choices)
    severity = forms.TypedChoiceField(
        label=_("Mức độ"), choices=SituationReport.Severity.choices, coerce=int, initial=1
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}))
    reported_on = VNDateField(label=_("Ngày báo cáo"))
    period = forms.CharField(
        label=_("Kỳ báo cáo"),
        max_length=8,
        required=False,
        help_text=_(
            "Mã kỳ: 2026M07 (tháng 7), 2026Q3 (quý III), 2026H1 (6 tháng). Để trống nếu báo cáo đột xuất."
        ),
    )
    area = forms.ModelChoiceField(
        label=_("Địa bàn"),
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text=_("Thôn, tổ dân phố hoặc đơn vị nơi xảy ra sự việc (để trống: cả đơn vị)."),
    )
    confidential = forms.BooleanField(
        label=_("Mật: chỉ đơn vị báo cáo và người phê duyệt cấp trên được đọc"), required=False
    )
    hotspot = forms.BooleanField(label=_("Nguy cơ điểm nóng: báo ngay lãnh đạo hai cấp trên"), required=False)

    def __init__(self, *args, user, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = [report.unit] if report is not None else list(editable_units(user))
        if report is not None:
            self.fields["unit"].disabled = True
            if report.hotspot:
                self.fields["hotspot"].disabled = True
                self.fields["hotspot"].initial = True
        unit_field_choices(self.fields["unit"], units)
        chosen = [report.area] if report is not None and report.area_id else []
        unit_field_choices(self.fields["area"], [*units, *units_below(units, chosen)], _("(cả đơn vị)"))
        self.fields["reported_on"].initial = timezone.localdate()
        self.fields["period"].widget.attrs["placeholder"] = timezone.localdate().strftime("%YM%m")


def initial_of(report: SituationReport) -> dict:
    names = ("topic", "severity", "title", "text", "reported_on", "period", "confidential")
    return {
        **{name: getattr(report, name) for name in names},
        "unit": report.unit_id,
        "area": report.area_id,
        "hotspot": bool(report.hotspot),
    }


class StepForm(forms.Form):
    action = forms.ChoiceField(label=_("Bước"), choices=[])
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(HotspotStep.Action.choices)
        self.fields["action"].choices = [(action, labels[action]) for action in actions]
