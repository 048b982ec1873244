"""Forms of the "Dân vận khéo" register: they parse and check the input, the services apply the rules."""

import datetime
import decimal

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.scope import Role, role_q, visible_q
from danvan.core.text import parse_number
from danvan.orgunits.forms import INDENT, VNDateField, tree_choices
from danvan.orgunits.models import OrgUnit, UnitGroup
from danvan.orgunits.tree import open_on_q, subtree_q

from .models import Commendation, Field, Practice
from .selectors import fields_for
from .services import EDITABLE
from .templatetags.practice_tags import plain_number

CHOICE_ERRORS = {
    "invalid_choice": _("Lựa chọn không hợp lệ hoặc nằm ngoài phạm vi của bạn."),
    "required": _("Trường này không được để trống."),
}
YEAR_ERRORS = {
    "invalid": _("Năm phải là một số, ví dụ 2026."),
    "required": _("Hãy nhập năm."),
}


# --- unit choices -------------------------------------------------------------------------------------------


def editable_units(user, *, anchor: OrgUnit | None = None, include=()):
    """Units the user may register models for, open today: their role units' subtrees.

    A superuser (no role limits) sees the anchor's province, or the provinces and their agencies when there is none.
    """
    today = timezone.localdate()
    qs = OrgUnit.objects.filter(role_q(user, Role.EDITOR)).filter(open_on_q(today))
    if user.is_superuser:
        if anchor is not None:
            province_path = "/" + anchor.path.strip("/").split("/")[0] + "/"
            qs = qs.filter(subtree_q(province_path))
        else:
            qs = qs.filter(Q(kind=OrgUnit.Kind.PROVINCE) | Q(kind=OrgUnit.Kind.AGENCY, depth=1))
    extra = [unit.pk for unit in include if unit is not None]
    if extra:
        qs = OrgUnit.objects.filter(Q(pk__in=qs.values("pk")) | Q(pk__in=extra))
    return qs


class UnitSelectField(forms.ModelChoiceField):
    """A unit select whose options are shown as a tree; the queryset still decides what is valid."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_messages", CHOICE_ERRORS)
        super().__init__(*args, queryset=OrgUnit.objects.none(), **kwargs)

    def set_units(self, queryset, empty_label="— Chọn đơn vị —"):
        self.queryset = queryset
        self.choices = tree_choices(queryset, empty_label)


# --- the practice ---------------------------------------------------------------------------------------------


class FieldCheckboxes(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Chọn ít nhất một lĩnh vực."),
                "invalid_choice": _("Lĩnh vực “%(value)s” không dùng được cho đơn vị này."),
                "invalid_pk_value": _("Lĩnh vực không hợp lệ."),
            },
        )
        super().__init__(queryset=Field.objects.none(), **kwargs)

    def label_from_instance(self, obj):
        return obj.name if obj.is_standard else f"{obj.name} ({obj.owner.name})"


class PracticeForm(forms.Form):
    owner = UnitSelectField(
        label=_("Đơn vị thực hiện"),
        help_text=_("Xã, phường, thôn, tổ dân phố, cơ quan, Mặt trận hoặc đoàn thể đăng ký mô hình."),
    )
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=Practice.Kind.choices,
        widget=forms.RadioSelect,
        initial=Practice.Kind.MODEL,
        error_messages=CHOICE_ERRORS,
    )
    name = forms.CharField(
        label=_("Tên mô hình, điển hình"),
        max_length=300,
        help_text=_("Ví dụ: “Tuyến đường hoa tự quản”, “Dân vận khéo trong hiến đất làm đường”."),
        error_messages={"required": _("Tên mô hình, điển hình không được để trống.")},
    )
    person_name = forms.CharField(label=_("Họ và tên người được nêu gương"), max_length=150, required=False)
    person_position = forms.CharField(label=_("Chức vụ, nghề nghiệp"), max_length=200, required=False)
    fields = FieldCheckboxes(label=_("Lĩnh vực"))
    registration_year = forms.IntegerField(
        label=_("Năm đăng ký"), min_value=2000, max_value=2100, error_messages=YEAR_ERRORS
    )
    summary = forms.CharField(
        label=_("Tóm tắt"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    method = forms.CharField(
        label=_("Cách làm"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        help_text=_("Các bước triển khai, cách vận động nhân dân, sự phối hợp giữa các tổ chức."),
    )
    participants = forms.CharField(
        label=_("Lực lượng tham gia"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        help_text=_("Ví dụ: Chi hội Phụ nữ, Chi đoàn thanh niên, 120 hộ dân tổ dân phố 5."),
    )
    start_date = VNDateField(label=_("Ngày bắt đầu"), required=False)
    end_date = VNDateField(label=_("Ngày kết thúc"), required=False, help_text=_("Để trống nếu đang làm."))
    contact_name = forms.CharField(label=_("Người liên hệ"), max_length=150, required=False)
    contact_phone = forms.CharField(label=_("Điện thoại"), max_length=32, required=False)
    contact_email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )

    # The service's editable fields but the owner, a field of its own (the rest are lifecycle, set by the steps).
    SERVICE_FIELDS = tuple(name for name in EDITABLE if name != "owner")

    def __init__(self, *args, user, owner=None, instance: Practice | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        anchor = instance.owner if instance else owner
        units = editable_units(user, anchor=anchor, include=[instance.owner] if instance else [])
        self.fields["owner"].set_units(units)
        self.fields["contact_phone"].widget.attrs["inputmode"] = "tel"
        # Local fields differ from unit to unit: htmx reloads the checkboxes when the owner changes.
        self.fields["owner"].widget.attrs.update(
            {
                "hx-get": reverse("practices:field_choices"),
                "hx-trigger": "change",
                "hx-target": "#practice-fields",
                "hx-include": "[name='fields']",
            }
        )
        self.fields["registration_year"].widget.attrs["inputmode"] = "numeric"
        if instance is not None:
            for name in self.SERVICE_FIELDS:
                self.initial.setdefault(name, getattr(instance, name))
            self.initial.setdefault("owner", instance.owner_id)
            self.initial.setdefault("fields", [field.pk for field in instance.fields.all()])
        else:
            self.initial.setdefault("registration_year", timezone.localdate().year)
            if owner is not None:
                self.initial.setdefault("owner", owner.pk)
        self.fields["fields"].queryset = field_choices(self.chosen_owner(units) or anchor)

    def chosen_owner(self, units) -> OrgUnit | None:
        """The owner the fields are listed for: the one posted (if allowed), else the initial one."""
        raw = self.data.get(self.add_prefix("owner")) if self.is_bound else self.initial.get("owner")
        if raw and str(raw).isdigit():
            return units.filter(pk=raw).first()
        return None

    def clean(self):
        data = super().clean()
        if data.get("kind") == Practice.Kind.EXEMPLAR and not (data.get("person_name") or "").strip():
            self.add_error("person_name", _("Điển hình cá nhân cần họ và tên người được nêu gương."))
        return data

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.SERVICE_FIELDS}
        if data["kind"] != Practice.Kind.EXEMPLAR:
            data["person_name"] = data["person_position"] = ""
        return data


def field_choices(owner: OrgUnit | None):
    return fields_for(owner).select_related("owner")


class ResultForm(forms.Form):
    indicator = forms.CharField(label=_("Chỉ tiêu"), max_length=200, required=False)
    # Read as "Hộ thoát nghèo – 12 – hộ": the table's headings follow this order (form.html).
    value = forms.CharField(label=_("Giá trị"), max_length=30, required=False)
    unit_of_measure = forms.CharField(label=_("Đơn vị tính"), max_length=50, required=False)

    def clean_value(self):
        raw = self.cleaned_data["value"]
        if not raw.strip():
            return ""
        number = parse_number(raw)
        if number is None:
            raise forms.ValidationError(_("“%(v)s” không phải là số; viết dạng 12 hoặc 3,5.") % {"v": raw})
        if number != number.quantize(decimal.Decimal("0.01")):
            raise forms.ValidationError(_("Chỉ ghi tối đa hai chữ số thập phân."))
        if abs(number) >= 10**12:
            raise forms.ValidationError(_("Giá trị quá lớn."))
        return number

    def clean(self):
        data = super().clean()
        indicator, value = data.get("indicator", ""), data.get("value", "")
        unit = data.get("unit_of_measure", "")
        if (value != "" or unit) and not indicator.strip():
            self.add_error("indicator", _("Hãy ghi tên chỉ tiêu."))
        if indicator.strip() and value == "" and "value" not in self.errors:
            self.add_error("value", _("Hãy ghi giá trị."))
        return data

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        value = data.get("value")
        return not (
            (data.get("indicator") or "").strip() or data.get("unit_of_measure") or value not in ("", None)
        )


class BaseResultFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        rows = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            if form.is_blank:
                continue
            rows.append(
                {
                    "indicator": form.cleaned_data["indicator"],
                    "unit_of_measure": form.cleaned_data["unit_of_measure"],
                    "value": str(form.cleaned_data["value"]),
                }
            )
        return rows


ResultFormSet = forms.formset_factory(
    ResultForm, formset=BaseResultFormSet, extra=2, can_delete=True, max_num=50, validate_max=True
)


def result_initial(practice: Practice) -> list[dict]:
    return [
        {"indicator": r.indicator, "unit_of_measure": r.unit_of_measure, "value": plain_number(r.value)}
        for r in practice.results.all()
    ]


# --- lifecycle steps ------------------------------------------------------------------------------------------


def _today():
    return timezone.localdate()


class StepForm(forms.Form):
    """implement: only the date."""

    date = VNDateField(label=_("Ngày"), initial=_today)


class ReasonStepForm(StepForm):
    """not_recognise / stop: the date and the reason."""

    note = forms.CharField(
        label=_("Lý do"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Hãy ghi lý do.")},
    )


class RecogniseForm(StepForm):
    decision = forms.CharField(
        label=_("Số quyết định công nhận"),
        max_length=100,
        help_text=_("Ví dụ: 125-QĐ/BTGDVTU."),
        error_messages={"required": _("Hãy nhập số quyết định công nhận.")},
    )
    recognised_by = UnitSelectField(label=_("Đơn vị công nhận"))

    def __init__(self, *args, user, practice: Practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].label = _("Ngày công nhận")
        owner = practice.owner
        ancestor_ids = owner.ancestor_ids
        year_start = datetime.date(practice.registration_year, 1, 1)
        candidates = OrgUnit.objects.filter(
            Q(pk__in=ancestor_ids) | Q(parent_id__in=ancestor_ids, kind=OrgUnit.Kind.AGENCY)
        ).filter(visible_q(user), Q(valid_to__isnull=True) | Q(valid_to__gte=year_start))
        units = list(candidates)
        self.fields["recognised_by"].queryset = candidates
        # Each ancestor followed by its agencies, the province first.
        order = {pk: i for i, pk in enumerate(ancestor_ids)}
        units.sort(key=lambda u: (order.get(u.pk, order.get(u.parent_id, 0)), u.pk not in order, u.sort_key))
        choices = [("", "— Chọn đơn vị —")]
        for unit in units:
            prefix = INDENT if unit.pk not in order else ""
            choices.append((unit.pk, prefix + unit.name))
        self.fields["recognised_by"].choices = choices
        bans = [
            u for u in units if u.agency_type == OrgUnit.AgencyType.PROPAGANDA_MOBILISATION and not u.valid_to
        ]
        default = bans[-1] if bans else next((u for u in units if u.pk == owner.parent_id), None)
        if default is not None:
            self.initial.setdefault("recognised_by", default.pk)


class ReplicateForm(forms.Form):
    owner = UnitSelectField(label=_("Đơn vị nhân rộng"))
    registration_year = forms.IntegerField(
        label=_("Năm đăng ký"), min_value=2000, max_value=2100, error_messages=YEAR_ERRORS
    )
    name = forms.CharField(
        label=_("Tên tại đơn vị mới"),
        max_length=300,
        required=False,
        help_text=_("Để trống để giữ tên mô hình gốc."),
    )

    def __init__(self, *args, user, practice: Practice, **kwargs):
        super().__init__(*args, **kwargs)
        units = editable_units(user, anchor=practice.owner).exclude(pk=practice.owner_id)
        self.fields["owner"].set_units(units)
        self.initial.setdefault("registration_year", timezone.localdate().year)

    @property
    def has_targets(self) -> bool:
        return len(self.fields["owner"].choices) > 1


class ReconfirmForm(forms.Form):
    year = forms.IntegerField(
        label=_("Tiếp tục trong năm"), min_value=2000, max_value=2100, error_messages=YEAR_ERRORS
    )


class CommendationForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Giai đoạn"), choices=Commendation.Stage.choices, error_messages=CHOICE_ERRORS
    )
    form = forms.ChoiceField(
        label=_("Hình thức"), choices=Commendation.Form.choices, error_messages=CHOICE_ERRORS
    )
    awarding_body = forms.CharField(
        label=_("Cơ quan khen thưởng"),
        max_length=255,
        help_text=_("Ví dụ: UBND tỉnh Cao Bằng, Ban Thường vụ Tỉnh ủy."),
        error_messages={"required": _("Hãy nhập cơ quan khen thưởng.")},
    )
    decision = forms.CharField(
        label=_("Số quyết định"), max_length=100, required=False, help_text=_("Bắt buộc khi đã khen thưởng.")
    )
    date = VNDateField(label=_("Ngày đề nghị hoặc quyết định"), initial=_today)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp"),
        help_text=_("Ảnh JPG, PNG, tệp PDF hoặc DOCX, tối đa 10 MB."),
        error_messages={
            "required": _("Hãy chọn tệp."),
            "empty": _("Tệp rỗng."),
            "invalid": _("Không đọc được tệp gửi lên."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf,.docx"}),
    )


# --- campaigns and fields ---------------------------------------------------------------------------------------

CAMPAIGN_KINDS = [
    (OrgUnit.Kind.COMMUNE, _("Xã, phường, đặc khu")),
    (OrgUnit.Kind.HAMLET, _("Thôn, tổ dân phố")),
    (OrgUnit.Kind.AGENCY, _("Cơ quan, Mặt trận, đoàn thể")),
    (OrgUnit.Kind.DISTRICT, _("Huyện, quận, thị xã (đến 30/06/2025)")),
]


class CampaignForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, error_messages=YEAR_ERRORS)
    title = forms.CharField(
        label=_("Tên đợt đăng ký"),
        max_length=255,
        required=False,
        help_text=_("Để trống để dùng “Đăng ký mô hình “Dân vận khéo” năm …”."),
    )
    deadline = VNDateField(label=_("Hạn đăng ký"), required=False)
    expected_kinds = forms.MultipleChoiceField(
        label=_("Loại đơn vị phải đăng ký"),
        choices=CAMPAIGN_KINDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )
    expected_groups = forms.ModelMultipleChoiceField(
        label=_("Khối phải đăng ký"),
        queryset=UnitGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Khối không hợp lệ."),
            "invalid_pk_value": _("Khối không hợp lệ."),
        },
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, unit: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_groups"].queryset = UnitGroup.objects.filter(owner=unit).order_by("name")
        self.initial.setdefault("year", timezone.localdate().year)

    def clean(self):
        data = super().clean()
        if not data.get("expected_kinds") and not data.get("expected_groups") and not self.errors:
            self.add_error("expected_kinds", _("Chọn loại đơn vị hoặc khối phải đăng ký."))
        return data


class FieldForm(forms.Form):
    name = forms.CharField(
        label=_("Tên lĩnh vực"),
        max_length=150,
        help_text=_("Ví dụ: Xây dựng nông thôn mới; Chuyển đổi số."),
        error_messages={"required": _("Tên lĩnh vực không được để trống.")},
    )
    position = forms.IntegerField(
        label=_("Thứ tự"),
        min_value=0,
        max_value=32000,
        initial=100,
        error_messages={"invalid": _("Thứ tự phải là một số.")},
    )
