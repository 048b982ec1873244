"""Forms of the work calendar: an entry (day, hours, content, participants, place, preparing unit, leader), its
change (with the reason), its cancellation (the reason)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.orgunits.forms import VNDateField

from ..models import CalendarEntry
from .fields import PersonChoiceField

TIME_FORMATS = ["%H:%M", "%H.%M", "%Hh%M", "%Hh", "%H"]


def _max(name: str) -> int:
    return CalendarEntry._meta.get_field(name).max_length


class VNTimeField(forms.TimeField):
    widget = forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm", "inputmode": "numeric"})
    default_error_messages = {"invalid": _("Giờ không hợp lệ: hãy nhập dạng hh:mm, ví dụ 07:30 hoặc 14:00.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", TIME_FORMATS)
        super().__init__(**kwargs)


class EntryForm(forms.Form):
    """An entry of the week. The view gives the leaders the unit may name (`people`)."""

    day = VNDateField(label=_("Ngày"))
    start = VNTimeField(label=_("Giờ bắt đầu"))
    end = VNTimeField(label=_("Giờ kết thúc"), required=False)
    title = forms.CharField(
        label=_("Nội dung"), max_length=_max("title"), widget=forms.Textarea(attrs={"rows": 2})
    )
    participants = forms.CharField(
        label=_("Thành phần"),
        max_length=_max("participants"),
        required=False,
        help_text=_("Ví dụ: Thường trực Ban; lãnh đạo các phòng; mời đại diện Mặt trận."),
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=_max("place"), required=False)
    preparation = forms.CharField(label=_("Đơn vị chuẩn bị"), max_length=_max("preparation"), required=False)
    person = PersonChoiceField(
        label=_("Lịch của lãnh đạo"),
        required=False,
        help_text=_(
            "Chọn khi đây là lịch của một đồng chí lãnh đạo (hiện cả trong lịch riêng của người đó)."
        ),
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people
        self.fields["person"].empty_label = _("— Lịch chung của đơn vị —")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None and end < start:
            self.add_error("end", _("Giờ kết thúc trước giờ bắt đầu."))
        return data

    def moments(self) -> tuple[datetime.datetime, datetime.datetime | None]:
        """The start and end as local date-times of the chosen day."""
        day = self.cleaned_data["day"]
        start = timezone.make_aware(datetime.datetime.combine(day, self.cleaned_data["start"]))
        end = self.cleaned_data.get("end")
        return start, timezone.make_aware(datetime.datetime.combine(day, end)) if end else None

    def entry_fields(self) -> dict:
        starts_at, ends_at = self.moments()
        data = self.cleaned_data
        return {
            "starts_at": starts_at,
            "ends_at": ends_at,
            "title": data["title"],
            "place": data["place"],
            "participants": data["participants"],
            "preparation": data["preparation"],
            "person": data.get("person"),
        }

    @staticmethod
    def initial_of(entry: CalendarEntry) -> dict:
        starts = timezone.localtime(entry.starts_at)
        ends = timezone.localtime(entry.ends_at) if entry.ends_at else None
        return {
            "day": starts.date(),
            "start": starts.time(),
            "end": ends.time() if ends else None,
            "title": entry.title,
            "place": entry.place,
            "participants": entry.participants,
            "preparation": entry.preparation,
            "person": entry.person_id,
        }


class ChangeForm(EntryForm):
    reason = forms.CharField(
        label=_("Lý do thay đổi"),
        max_length=CalendarEntry._meta.get_field("change_reason").max_length,
        error_messages={"required": _("Hãy nhập lý do thay đổi lịch.")},
        help_text=_("Bắt buộc: ví dụ “Đồng chí Trưởng ban đi công tác tỉnh, lùi sang chiều”."),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do hủy"),
        max_length=CalendarEntry._meta.get_field("change_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Hãy nhập lý do hủy lịch.")},
    )
