"""Forms of the dialogues' pages: the dialogue and a question with its answer."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.activities.forms.fields import PersonChoiceField, PersonMultipleChoiceField
from danvan.activities.forms.oversight import editable_units, unit_field_choices
from danvan.activities.selectors.people import people_pickable_by
from danvan.orgunits.forms import VNDateField
from danvan.orgunits.models import OrgUnit

from ..models import Dialogue


class DialogueForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị tổ chức"), queryset=OrgUnit.objects.none())
    title = forms.CharField(label=_("Chủ đề"), max_length=300)
    date = VNDateField(label=_("Ngày đối thoại"))
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    status = forms.ChoiceField(label=_("Tình trạng"), choices=Dialogue.Status.choices)
    cancel_reason = forms.CharField(label=_("Lý do hủy"), max_length=500, required=False)
    plan = forms.CharField(label=_("Kế hoạch"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    invitation = forms.CharField(
        label=_("Giấy mời, thông báo"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    invitation_file = forms.FileField(label=_("Tệp giấy mời (PDF, DOCX, ảnh)"), required=False)
    leaders = PersonMultipleChoiceField(label=_("Lãnh đạo dự"), required=False)
    citizens = forms.CharField(
        label=_("Người dân, đại diện dự"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    citizens_count = forms.IntegerField(label=_("Số người dân dự"), min_value=0, required=False)
    notes = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, user, dialogue=None, **kwargs):
        super().__init__(*args, **kwargs)
        unit_field_choices(self.fields["unit"], [dialogue.unit] if dialogue else editable_units(user))
        if dialogue is not None:
            self.fields["unit"].disabled = True
        self.fields["leaders"].queryset = people_pickable_by(user)
        self.fields["leaders"].on = dialogue.date if dialogue else timezone.localdate()
        self.fields["date"].initial = timezone.localdate()


def dialogue_initial(dialogue: Dialogue) -> dict:
    names = (
        "title",
        "date",
        "place",
        "status",
        "cancel_reason",
        "plan",
        "invitation",
        "citizens",
        "citizens_count",
    )
    return {
        **{name: getattr(dialogue, name) for name in names},
        "notes": dialogue.notes,
        "unit": dialogue.unit_id,
        "leaders": [p.pk for p in dialogue.leaders.all()],
    }


class QuestionForm(forms.Form):
    asked_by = forms.CharField(label=_("Người hỏi"), max_length=200)
    question = forms.CharField(label=_("Câu hỏi, ý kiến"), widget=forms.Textarea(attrs={"rows": 2}))
    answer = forms.CharField(label=_("Trả lời"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    answered_by = PersonChoiceField(label=_("Người trả lời"), required=False)

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answered_by"].queryset = dialogue.leaders.all()
        self.fields["answered_by"].on = dialogue.date
