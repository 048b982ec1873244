"""Forms of the meeting pages: they parse the input, the services (`services.meetings`) apply the rules."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.scope import Role, role_q
from danvan.orgunits.forms import VNDateField, tree_choices
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import open_on_q, subtree_q

from ..models import Attendance, Meeting
from ..selectors.people import people_pickable_by
from .fields import PersonChoiceField

CHOICE_ERRORS = {
    "invalid_choice": _("Lựa chọn không hợp lệ hoặc nằm ngoài phạm vi của bạn."),
    "required": _("Trường này không được để trống."),
}
TIME_ERRORS = {"invalid": _("Giờ không hợp lệ: hãy nhập dạng 08:00.")}


class UnitSelectField(forms.ModelChoiceField):
    """A unit select whose options are shown as a tree; the queryset still decides what is valid."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_messages", CHOICE_ERRORS)
        super().__init__(*args, queryset=OrgUnit.objects.none(), **kwargs)

    def set_units(self, queryset, empty_label="— Chọn đơn vị —"):
        self.queryset = queryset
        self.choices = tree_choices(queryset, empty_label)


class UnitsSelectField(forms.ModelMultipleChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_messages", {**CHOICE_ERRORS, "invalid_pk_value": _("Đơn vị không hợp lệ.")})
        super().__init__(*args, queryset=OrgUnit.objects.none(), **kwargs)

    def set_units(self, queryset):
        self.queryset = queryset
        self.choices = tree_choices(queryset)


def organizer_units(user, include=()):
    """The units whose meetings the user records (editor or above), open today."""
    today = timezone.localdate()
    if user.is_superuser:
        units = OrgUnit.objects.filter(Q(kind=OrgUnit.Kind.PROVINCE) | Q(kind=OrgUnit.Kind.AGENCY, depth=1))
    else:
        units = OrgUnit.objects.filter(role_q(user, Role.EDITOR)).filter(open_on_q(today))
        units = units.exclude(kind=OrgUnit.Kind.HAMLET)
    extra = [unit.pk for unit in include if unit is not None]
    if extra:
        units = OrgUnit.objects.filter(Q(pk__in=units.values("pk")) | Q(pk__in=extra))
    return units


def host_units(user, include=()):
    """Units that may host: those the user records for and the units above them with their agencies (Thường trực
    Thị ủy chủ trì giao ban khối Dân vận)."""
    own = list(organizer_units(user))
    above = {unit_id for unit in own for unit_id in unit.ancestor_ids}
    extra = {unit.pk for unit in include if unit is not None}
    return OrgUnit.objects.filter(
        Q(pk__in=[u.pk for u in own])
        | Q(pk__in=above)
        | Q(parent_id__in=above | {u.pk for u in own}, kind=OrgUnit.Kind.AGENCY)
        | Q(pk__in=extra)
    ).filter(open_on_q(timezone.localdate()) | Q(pk__in=extra))


def task_units(organizer: OrgUnit):
    """Units a meeting's conclusion may give tasks to: the organiser and its subtree, two levels down, open today."""
    return (
        OrgUnit.objects.filter(subtree_q(organizer.path), depth__lte=organizer.depth + 2)
        .filter(open_on_q(timezone.localdate()))
        .order_by("depth", "sort_key")
    )


class MeetingForm(forms.Form):
    organizer = UnitSelectField(label=_("Đơn vị tổ chức"))
    type = forms.ChoiceField(label=_("Loại hội nghị"), choices=Meeting.Type.choices)
    title = forms.CharField(
        label=_("Tên hội nghị"),
        max_length=300,
        help_text=_("Ví dụ: Sơ kết công tác Dân vận 6 tháng đầu năm 2021."),
    )
    day = VNDateField(label=_("Ngày"))
    start_time = forms.TimeField(label=_("Bắt đầu lúc"), error_messages=TIME_ERRORS)
    end_time = forms.TimeField(label=_("Kết thúc lúc"), required=False, error_messages=TIME_ERRORS)
    host = UnitSelectField(
        label=_("Đơn vị chủ trì"),
        required=False,
        help_text=_("Khi khác đơn vị tổ chức, ví dụ Thường trực Thị ủy chủ trì giao ban khối Dân vận."),
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    online = forms.BooleanField(label=_("Hội nghị trực tuyến"), required=False)
    connection_points = forms.CharField(
        label=_("Các điểm cầu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một điểm cầu (tên đơn vị hoặc địa điểm)."),
    )
    period = forms.CharField(
        label=_("Kỳ được sơ kết, tổng kết"),
        max_length=8,
        required=False,
        help_text=_("Mã kỳ báo cáo: 2021 (năm), 2021H1 (6 tháng đầu năm), 2021Q3 (quý), 2021M07 (tháng)."),
    )
    agenda = forms.CharField(
        label=_("Chương trình"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    minutes = forms.CharField(
        label=_("Diễn biến hội nghị"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    conclusions = forms.CharField(
        label=_("Kết luận"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ý kiến kết luận, chỉ đạo của đồng chí chủ trì."),
    )
    conclusion_number = forms.CharField(
        label=_("Số thông báo kết luận"), max_length=60, required=False, help_text=_("Ví dụ: 45-TB/BDVTU.")
    )
    conclusion_date = VNDateField(label=_("Ngày thông báo kết luận"), required=False)
    source_note = forms.CharField(label=_("Nguồn"), max_length=500, required=False)
    reason = forms.CharField(
        label=_("Lý do thay đổi"),
        max_length=300,
        required=False,
        help_text=_("Bắt buộc khi đổi thời gian, địa điểm: người được mời nhận lại giấy mời kèm lý do."),
    )

    def __init__(self, *args, user, instance: Meeting | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        include = [instance.organizer] if instance else []
        self.fields["organizer"].set_units(organizer_units(user, include))
        self.fields["host"].set_units(
            host_units(user, [instance.host] if instance else []), "— Như đơn vị tổ chức —"
        )
        self.fields["start_time"].widget.attrs.update({"placeholder": "08:00", "inputmode": "numeric"})
        self.fields["end_time"].widget.attrs.update({"placeholder": "11:30", "inputmode": "numeric"})
        if instance is None:
            del self.fields["reason"]
            return
        start = timezone.localtime(instance.starts_at)
        self.initial.update(
            {
                field: getattr(instance, field)
                for field in (
                    "type",
                    "title",
                    "place",
                    "online",
                    "period",
                    "agenda",
                    "minutes",
                    "conclusions",
                    "conclusion_number",
                    "conclusion_date",
                    "source_note",
                )
            }
        )
        self.initial.update(
            organizer=instance.organizer_id,
            host=instance.host_id,
            day=start.date(),
            start_time=start.strftime("%H:%M"),
            end_time=timezone.localtime(instance.ends_at).strftime("%H:%M") if instance.ends_at else "",
            connection_points="\n".join(instance.connection_points.values_list("name", flat=True)),
        )

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        day = data.pop("day")
        start, end = data.pop("start_time"), data.pop("end_time")
        data["starts_at"] = timezone.make_aware(datetime.datetime.combine(day, start))
        data["ends_at"] = timezone.make_aware(datetime.datetime.combine(day, end)) if end else None
        data.pop("connection_points", None)
        data.pop("reason", None)
        return data

    def connection_point_names(self) -> list[str]:
        return [
            line.strip()
            for line in self.cleaned_data.get("connection_points", "").splitlines()
            if line.strip()
        ]


class AttendanceRowForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Vai trò"), choices=[("", "—"), *Attendance.Role.choices], required=False
    )
    person = PersonChoiceField(label=_("Cán bộ trong danh sách"), required=False)
    name = forms.CharField(label=_("Hoặc họ và tên"), max_length=150, required=False)
    title = forms.CharField(label=_("Chức vụ (khách mời)"), max_length=300, required=False)
    absence_reason = forms.CharField(label=_("Lý do vắng"), max_length=300, required=False)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else self.fields["person"].queryset
        self.fields["person"].empty_label = _("— Chọn người —")

    def entry(self) -> dict | None:
        data = self.cleaned_data
        if not data or not (data.get("person") or data.get("name")):
            return None
        entry = {"role": data.get("role") or Attendance.Role.MEMBER}
        if data.get("person"):
            entry["person"] = data["person"]
        else:
            entry["name"] = data.get("name", "")
        entry["title"] = data.get("title", "")
        entry["absence_reason"] = data.get("absence_reason", "")
        return entry


class BaseAttendanceFormSet(forms.BaseFormSet):
    def __init__(self, *args, user, **kwargs):
        self.people = people_pickable_by(user).order_by("sort_key", "id")
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"people": self.people}

    @property
    def empty_form(self):
        return self.form(auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"), people=self.people)

    def entries(self) -> list[dict]:
        return [entry for form in self.forms if (entry := form.entry()) is not None]


AttendanceFormSet = forms.formset_factory(
    AttendanceRowForm, formset=BaseAttendanceFormSet, extra=4, max_num=300, absolute_max=300
)


def attendance_initial(meeting: Meeting) -> list[dict]:
    return [
        {
            "role": row.role,
            "person": row.person_id,
            "name": row.name,
            "title": row.title,
            "absence_reason": row.absence_reason,
        }
        for row in meeting.attendances.order_by("position", "id")
    ]


class TaskRowForm(forms.Form):
    title = forms.CharField(label=_("Nội dung nhiệm vụ"), max_length=500, required=False)
    lead_unit = UnitSelectField(label=_("Đơn vị chủ trì"), required=False)
    supporting_units = UnitsSelectField(label=_("Đơn vị phối hợp"), required=False)
    deadline = VNDateField(label=_("Hạn hoàn thành"), required=False)
    expected_result = forms.CharField(label=_("Kết quả cần đạt"), max_length=500, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["lead_unit"].set_units(units)
            self.fields["supporting_units"].set_units(units)
        self.fields["supporting_units"].widget.attrs["size"] = 3

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return not any(data.get(key) for key in ("title", "lead_unit", "deadline", "expected_result"))

    def row(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data.get("title", ""),
            "lead_unit": data.get("lead_unit"),
            "supporting_units": list(data.get("supporting_units") or []),
            "deadline": data.get("deadline"),
            "expected_result": data.get("expected_result", ""),
        }


class BaseTaskFormSet(forms.BaseFormSet):
    def __init__(self, *args, organizer: OrgUnit, **kwargs):
        self.units = task_units(organizer)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"units": self.units}

    def rows(self) -> list[tuple[int, dict]]:
        """(index of the form, its row) of the rows filled in."""
        return [(index, form.row()) for index, form in enumerate(self.forms) if not form.is_blank()]


TaskFormSet = forms.formset_factory(
    TaskRowForm, formset=BaseTaskFormSet, extra=3, max_num=100, absolute_max=100
)


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Tệp (PDF, DOCX, JPG, PNG; tối đa 10 MB)"))
    description = forms.CharField(label=_("Mô tả"), max_length=255, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=300, required=False)
