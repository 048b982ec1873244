"""Forms of the receptions' pages: the reception with the citizens received, a commitment, a petition handed in, the
unit's schedule, who must receive, and the compliance table's choice."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.activities.forms.fields import PersonChoiceField
from danvan.activities.forms.oversight import editable_units, unit_field_choices
from danvan.activities.selectors.people import people_pickable_by
from danvan.orgunits.forms import VNDateField
from danvan.orgunits.models import OrgUnit

from ..models import LeaderRole, Petition, Reception


class ReceptionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị tiếp"), queryset=OrgUnit.objects.none())
    date = VNDateField(label=_("Ngày tiếp"))
    kind = forms.ChoiceField(label=_("Hình thức"), choices=Reception.Kind.choices)
    mode = forms.ChoiceField(
        label=_("Cách thức"),
        choices=Reception.Mode.choices,
        help_text=_("Tiếp công dân trực tuyến được thực hiện từ ngày 01/07/2026."),
    )
    leader = PersonChoiceField(label=_("Lãnh đạo tiếp"), required=False)
    leader_role = forms.ChoiceField(
        label=_("Tiếp với cương vị"),
        choices=[("", _("(không tính tần suất)")), *LeaderRole.choices],
        required=False,
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    citizens_count = forms.IntegerField(label=_("Số lượt công dân"), min_value=0, required=False)
    notes = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, user, reception=None, **kwargs):
        super().__init__(*args, **kwargs)
        unit_field_choices(self.fields["unit"], [reception.unit] if reception else editable_units(user))
        if reception is not None:
            self.fields["unit"].disabled = True
        self.fields["leader"].queryset = people_pickable_by(user)
        self.fields["leader"].on = reception.date if reception else timezone.localdate()
        self.fields["date"].initial = timezone.localdate()


def reception_initial(reception: Reception) -> dict:
    names = ("date", "kind", "mode", "leader_role", "place", "citizens_count", "notes")
    return {
        **{name: getattr(reception, name) for name in names},
        "unit": reception.unit_id,
        "leader": reception.leader_id,
    }


class CitizenForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    matter = forms.CharField(
        label=_("Nội dung trình bày"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    answer = forms.CharField(
        label=_("Trả lời, hướng dẫn"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


CitizenFormSet = forms.formset_factory(CitizenForm, extra=2, max_num=200, validate_max=True)


def citizen_rows(formset) -> list[dict]:
    """The rows filled in (a row left wholly empty is dropped)."""
    return [form.cleaned_data for form in formset.forms if any((form.cleaned_data or {}).values())]


class CommitmentForm(forms.Form):
    text = forms.CharField(label=_("Nội dung cam kết"), max_length=500)
    deadline = VNDateField(label=_("Hạn thực hiện"), required=False)


class ReceivedPetitionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại đơn"), choices=Petition.Kind.choices)
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=Petition.Field.choices)
    subject = forms.CharField(label=_("Trích yếu"), max_length=300)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    sender_name = forms.CharField(label=_("Người gửi"), max_length=150, required=False)
    sender_address = forms.CharField(label=_("Địa chỉ người gửi"), max_length=300, required=False)


class ScheduleForm(forms.Form):
    days = forms.CharField(
        label=_("Ngày tiếp định kỳ"),
        max_length=200,
        help_text=_("Ví dụ: thứ Năm hằng tuần; ngày 15 hằng tháng."),
    )
    hours = forms.CharField(label=_("Giờ tiếp"), max_length=100, required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    leader_role = forms.ChoiceField(
        label=_("Người tiếp"), choices=[("", "—"), *LeaderRole.choices], required=False
    )
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    published = forms.BooleanField(
        label=_("Công khai trên trang tiếp công dân"), required=False, initial=True
    )


class DutyForm(forms.Form):
    person = PersonChoiceField(label=_("Lãnh đạo"))
    leader_role = forms.ChoiceField(label=_("Cương vị"), choices=LeaderRole.choices)
    valid_from = VNDateField(label=_("Từ ngày"))
    valid_to = VNDateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_pickable_by(user)
        self.fields["person"].on = timezone.localdate()
