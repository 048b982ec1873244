"""Forms of the inspections' pages: the plan, the inspection with its team, the conclusion with its task rows, the
re-check. The services check everything again; these give the pages their fields and choices."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.accounts.scope import role_paths, visible_paths
from danvan.orgunits.forms import VNDateField, tree_choices
from danvan.orgunits.models import OrgUnit

from ..models import Inspection, InspectionPlan
from ..selectors.people import people_pickable_by
from .fields import PersonChoiceField, PersonMultipleChoiceField


def editable_units(user):
    """The units a user records for (those they edit), open today, for the organiser or reporting unit choice."""
    paths = role_paths(user, Role.EDITOR)
    if visible_paths(user) is None:
        return OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE).open_on(timezone.localdate())
    return OrgUnit.objects.filter(path__in=paths).open_on(timezone.localdate())


def units_below(units, extra=()):
    """The open children of `units` (and `extra`, the units already chosen): what the choice of inspected units or
    an area offers."""
    ids = [unit.pk for unit in units]
    return OrgUnit.objects.filter(Q(parent_id__in=ids) | Q(pk__in=[u.pk for u in extra])).filter(
        Q(valid_to__isnull=True) | Q(pk__in=[u.pk for u in extra])
    )


def unit_field_choices(field, units, empty_label=None):
    units = list(units)
    field.queryset = OrgUnit.objects.filter(pk__in=[unit.pk for unit in units])
    field.choices = tree_choices(units, empty_label)


class PlanForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=OrgUnit.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=300)
    number = forms.CharField(label=_("Số văn bản"), max_length=60, required=False)
    issued_on = VNDateField(label=_("Ngày ban hành"), required=False)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        unit_field_choices(self.fields["unit"], editable_units(user))
        self.fields["year"].initial = timezone.localdate().year


class InspectionForm(forms.Form):
    organizer = forms.ModelChoiceField(label=_("Đơn vị kiểm tra, giám sát"), queryset=OrgUnit.objects.none())
    kind = forms.ChoiceField(label=_("Hình thức"), choices=Inspection.Kind.choices)
    title = forms.CharField(label=_("Tên cuộc kiểm tra, giám sát"), max_length=300)
    plan = forms.ModelChoiceField(
        label=_("Thuộc kế hoạch"), queryset=InspectionPlan.objects.none(), required=False
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decision_date = VNDateField(label=_("Ngày quyết định"), required=False)
    starts_on = VNDateField(label=_("Từ ngày"))
    ends_on = VNDateField(label=_("Đến ngày"), required=False)
    period_from = VNDateField(label=_("Thời kỳ được kiểm tra: từ"), required=False)
    period_to = VNDateField(label=_("Thời kỳ được kiểm tra: đến"), required=False)
    inspected_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị được kiểm tra, giám sát"),
        queryset=OrgUnit.objects.none(),
        help_text=_("Đơn vị trực thuộc đơn vị kiểm tra. Giữ Ctrl để chọn nhiều."),
    )
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    leader = PersonChoiceField(label=_("Trưởng đoàn"))
    deputies = PersonMultipleChoiceField(label=_("Phó trưởng đoàn"), required=False)
    members = PersonMultipleChoiceField(label=_("Thành viên"), required=False)
    secretary = PersonChoiceField(label=_("Thư ký"), required=False)
    source_note = forms.CharField(label=_("Nguồn"), max_length=500, required=False)

    def __init__(self, *args, user, inspection=None, **kwargs):
        super().__init__(*args, **kwargs)
        organizers = list(editable_units(user))
        if inspection is not None:
            organizers = [inspection.organizer]
            self.fields["organizer"].disabled = True
        unit_field_choices(self.fields["organizer"], organizers)
        chosen = list(inspection_units_of(inspection)) if inspection is not None else []
        unit_field_choices(self.fields["inspected_units"], units_below(organizers, chosen))
        self.fields["plan"].queryset = InspectionPlan.objects.filter(
            unit__in=organizers, year__gte=timezone.localdate().year - 5
        ).order_by("-year", "title")
        self.fields["plan"].empty_label = _("(ngoài kế hoạch)")
        people = people_pickable_by(user).order_by("sort_key", "id")
        for name in ("leader", "deputies", "members", "secretary"):
            self.fields[name].queryset = people
        self.fields["leader"].empty_label = _("(chọn trưởng đoàn)")
        self.fields["secretary"].empty_label = _("(không có)")
        for name in ("inspected_units", "deputies", "members"):
            self.fields[name].widget.attrs["size"] = 8

    def members_list(self) -> list:
        """(person, role) in the team's order: leader, deputies, members, secretary."""
        data = self.cleaned_data
        team = [(data["leader"], "leader")] if data.get("leader") else []
        team += [(person, "deputy") for person in data.get("deputies") or ()]
        team += [(person, "member") for person in data.get("members") or ()]
        if data.get("secretary"):
            team.append((data["secretary"], "secretary"))
        return team

    def service_fields(self) -> dict:
        data = self.cleaned_data
        names = ("kind", "title", "plan", "decision_number", "decision_date", "starts_on", "ends_on")
        names += ("period_from", "period_to", "content", "source_note")
        return {name: data.get(name) for name in names}


def inspection_units_of(inspection):
    return OrgUnit.objects.filter(inspections_received__inspection=inspection)


def initial_of(inspection: Inspection) -> dict:
    members = list(inspection.members.all())
    initial = {
        name: getattr(inspection, name) for name in InspectionForm.base_fields if hasattr(inspection, name)
    }
    initial["organizer"] = inspection.organizer_id
    initial["plan"] = inspection.plan_id
    initial["inspected_units"] = list(inspection.inspected_units.values_list("unit_id", flat=True))
    initial["leader"] = next((m.person_id for m in members if m.role == "leader"), None)
    initial["deputies"] = [m.person_id for m in members if m.role == "deputy"]
    initial["members"] = [m.person_id for m in members if m.role == "member"]
    initial["secretary"] = next((m.person_id for m in members if m.role == "secretary"), None)
    return initial


class ConclusionForm(forms.Form):
    conclusion_number = forms.CharField(label=_("Số thông báo kết luận"), max_length=60, required=False)
    conclusion_date = VNDateField(label=_("Ngày kết luận"))
    findings = forms.CharField(
        label=_("Kết quả, ưu điểm, hạn chế"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    conclusion = forms.CharField(label=_("Kết luận"), widget=forms.Textarea(attrs={"rows": 4}))
    recommendations = forms.CharField(
        label=_("Kiến nghị"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class TaskRowForm(forms.Form):
    """One recommendation that becomes a task of an inspected unit; a row left empty is skipped."""

    title = forms.CharField(label=_("Nhiệm vụ"), max_length=500, required=False)
    lead_unit = forms.ModelChoiceField(
        label=_("Đơn vị thực hiện"), queryset=OrgUnit.objects.none(), required=False
    )
    deadline = VNDateField(label=_("Hạn hoàn thành"), required=False)
    expected_result = forms.CharField(label=_("Kết quả cần đạt"), max_length=500, required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        unit_field_choices(self.fields["lead_unit"], units, _("(chọn đơn vị)"))

    def clean(self):
        data = super().clean()
        if data.get("title"):
            if not data.get("lead_unit"):
                self.add_error("lead_unit", _("Hãy chọn đơn vị thực hiện."))
            if not data.get("deadline"):
                self.add_error("deadline", _("Hãy nhập hạn hoàn thành."))
        elif data.get("lead_unit") or data.get("deadline"):
            self.add_error("title", _("Hãy nhập nội dung nhiệm vụ."))
        return data


TaskRowFormSet = forms.formset_factory(TaskRowForm, extra=3, max_num=30, validate_max=True)


def task_rows(formset) -> list[dict]:
    return [
        {
            "title": form.cleaned_data["title"],
            "lead_unit": form.cleaned_data["lead_unit"],
            "deadline": form.cleaned_data["deadline"],
            "expected_result": form.cleaned_data.get("expected_result") or "",
        }
        for form in formset
        if form.cleaned_data.get("title")
    ]


class RecheckForm(forms.Form):
    date = VNDateField(label=_("Ngày kiểm tra lại"))
    result = forms.CharField(label=_("Kết quả"), widget=forms.Textarea(attrs={"rows": 3}))
    closes = forms.BooleanField(
        label=_("Các kiến nghị đã được thực hiện: kết thúc theo dõi cuộc kiểm tra"), required=False
    )
