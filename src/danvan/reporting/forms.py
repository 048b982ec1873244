"""Forms of periodic reporting: they parse and check the input, the services apply the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.accounts.scope import Role, role_paths, role_q
from danvan.core.periods import PERIOD_TYPE_LABELS, PeriodType
from danvan.orgunits.forms import tree_choices
from danvan.orgunits.models import OrgUnit, UnitGroup

from .models import (
    NARRATIVE_KEYS,
    NARRATIVE_OUTLINE,
    Aggregation,
    Category,
    Importance,
    Indicator,
    Source,
    ValidationRule,
    ValueType,
)
from .services.definitions import FORM_FIELDS, INDICATOR_FIELDS

# --- entry ---


class CellForm(forms.Form):
    """One cell of the entry grid as htmx posts it: the category key, the raw text typed and the reason."""

    category = forms.CharField(required=False)
    value = forms.CharField(required=False, strip=False)
    reason = forms.CharField(required=False)


class TransitionForm(forms.Form):
    ACTIONS = [
        ("submit", _("Nộp báo cáo")),
        ("approve", _("Duyệt")),
        ("return", _("Trả lại")),
        ("reopen", _("Mở lại")),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    comment = forms.CharField(label=_("Ý kiến"), required=False, max_length=2000)


# --- definitions ---
# Indicators, forms, sections and validation rules; the services check the rules (codes, cycles, scope).

DEFINITION_CHOICE_ERRORS = {
    "invalid_choice": _("Lựa chọn không hợp lệ hoặc nằm ngoài phạm vi của bạn."),
    "required": _("Trường này không được để trống."),
    "invalid_pk_value": _("Lựa chọn không hợp lệ."),
}
DAYS_ERRORS = {
    "invalid": _("Số ngày phải là một số nguyên, ví dụ 10."),
    "required": _("Hãy nhập số ngày."),
    "min_value": _("Số ngày không được âm."),
    "max_value": _("Tối đa %(limit_value)s ngày."),
}


def _required(label) -> dict:
    return {"required": _("Hãy nhập %(label)s.") % {"label": label}}


def definer_units(user, *, include=(), current: OrgUnit | None = None) -> list[OrgUnit]:
    """The units offered as the owner of an indicator or form: those where the user is an admin (a superuser: the
    provinces and the unit they work as), and the object's present owner."""
    if user.is_superuser:
        units = list(OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE, valid_to__isnull=True))
        extra = [current]
    else:
        units = list(OrgUnit.objects.filter(path__in=role_paths(user, Role.ADMIN)))
        extra = []
    known = {unit.pk for unit in units}
    for unit in [*include, *extra]:
        if unit is not None and unit.pk not in known:
            units.append(unit)
            known.add(unit.pk)
    return units


class OwnerField(forms.ModelChoiceField):
    """An owner select: the queryset (units where the user is an admin) decides what is valid; the choices shown are
    the user's own admin units, as a tree."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_messages", DEFINITION_CHOICE_ERRORS)
        super().__init__(*args, queryset=OrgUnit.objects.none(), **kwargs)

    def set_units(self, user, shown, empty_label=None):
        self.queryset = OrgUnit.objects.filter(role_q(user, Role.ADMIN))
        self.choices = tree_choices(shown, empty_label)


class CategoryCheckboxes(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", DEFINITION_CHOICE_ERRORS)
        super().__init__(
            queryset=Category.objects.prefetch_related("options").order_by("position", "code"), **kwargs
        )


class DefinitionForm(forms.Form):
    """The editing form of a definition a unit owns (an indicator, a form): the service's fields and the owner."""

    SERVICE_FIELDS: tuple[str, ...] = ()

    def start_from(self, instance, shown: list[OrgUnit], current: OrgUnit | None, *, only_unit: bool = True):
        """The initial values: the definition's own; for a new one, the unit the user works as when offered, else
        the only unit offered (when `only_unit`)."""
        if instance is not None:
            for name in self.SERVICE_FIELDS:
                self.initial.setdefault(name, getattr(instance, name))
            self.initial["owner"] = instance.owner_id
        elif current is not None and current.pk in {unit.pk for unit in shown}:
            self.initial.setdefault("owner", current.pk)
        elif len(shown) == 1 and only_unit:
            self.initial.setdefault("owner", shown[0].pk)

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.SERVICE_FIELDS}


class IndicatorForm(DefinitionForm):
    code = forms.CharField(
        label=_("Mã chỉ tiêu"),
        max_length=40,
        help_text=_(
            "Chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ; dùng trong công thức và API. "
            "Ví dụ: dcs_doi_thoai."
        ),
        error_messages={
            **_required(_("mã chỉ tiêu")),
            "max_length": _("Mã chỉ tiêu tối đa 40 ký tự."),
        },
    )
    name = forms.CharField(
        label=_("Tên chỉ tiêu"),
        max_length=300,
        error_messages={**_required(_("tên chỉ tiêu")), "max_length": _("Tên tối đa 300 ký tự.")},
    )
    short_name = forms.CharField(
        label=_("Tên ngắn"),
        max_length=80,
        required=False,
        help_text=_("Dùng làm tiêu đề cột trong bảng tổng hợp và biểu đồ."),
    )
    description = forms.CharField(
        label=_("Giải thích"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Cách đếm, phạm vi, thời điểm tính: để các đơn vị báo cáo hiểu như nhau."),
    )
    value_type = forms.ChoiceField(
        label=_("Kiểu giá trị"), choices=ValueType.choices, error_messages=DEFINITION_CHOICE_ERRORS
    )
    aggregation = forms.ChoiceField(
        label=_("Cách tổng hợp lên cấp trên"),
        choices=Aggregation.choices,
        error_messages=DEFINITION_CHOICE_ERRORS,
    )
    measure = forms.CharField(
        label=_("Đơn vị tính"),
        max_length=40,
        required=False,
        help_text=_("Ví dụ: mô hình, cuộc, lượt, đơn, triệu đồng, %."),
    )
    categories = CategoryCheckboxes(
        label=_("Phân tổ"),
        required=False,
        help_text=_(
            "Tối đa hai phân tổ; mỗi tổ hợp giá trị là một ô nhập liệu. Chỉ tiêu tính theo công thức không có phân tổ."
        ),
    )
    expression = forms.CharField(
        label=_("Công thức"),
        max_length=500,
        required=False,
        help_text=_(
            "Để trống với chỉ tiêu nhập liệu. Dùng mã chỉ tiêu, số, + - * / và dấu ngoặc; "
            "ví dụ: dvk_mh_cong_nhan / dvk_mh_dang_ky * 100. Phép chia cho 0 cho kết quả trống."
        ),
    )
    source = forms.ChoiceField(
        label=_("Nguồn số liệu trong hệ thống"),
        choices=[("", _("— Không: đơn vị tự nhập —")), *Source.choices],
        required=False,
        error_messages=DEFINITION_CHOICE_ERRORS,
        help_text=_(
            "Chỉ tiêu gắn nguồn được điền sẵn từ dữ liệu của hệ thống (số nguyên; phân tổ theo cấp, lĩnh vực); "
            "đơn vị chỉ sửa được khi ghi lý do."
        ),
    )
    owner = OwnerField(
        label=_("Đơn vị định nghĩa"),
        required=False,
        help_text=_("Chỉ quản trị của đơn vị này sửa được chỉ tiêu."),
    )

    SERVICE_FIELDS = INDICATOR_FIELDS  # what save_indicator takes

    def __init__(self, *args, user, instance: Indicator | None = None, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        shown = definer_units(user, include=[instance.owner] if instance else [], current=current)
        national = _("Dùng chung toàn quốc") if user.is_superuser else None
        self.fields["owner"].set_units(user, shown, national)
        self.fields["owner"].required = not user.is_superuser
        if user.is_superuser:
            self.fields["owner"].help_text = _(
                "Để trống: chỉ tiêu dùng chung toàn quốc. Chỉ quản trị của đơn vị này sửa được chỉ tiêu."
            )
        self.fields["code"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["expression"].widget.attrs.update(
            {"autocomplete": "off", "spellcheck": "false", "class": "font-monospace"}
        )
        self.start_from(instance, shown, current, only_unit=not user.is_superuser)
        if instance is not None:
            self.initial.setdefault("categories", [c.pk for c in instance.categories.all()])


class GroupCheckboxes(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", DEFINITION_CHOICE_ERRORS)
        super().__init__(queryset=UnitGroup.objects.none(), **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.owner.name})"


class FormDefinitionForm(DefinitionForm):
    code = forms.CharField(
        label=_("Mã biểu mẫu"),
        max_length=40,
        help_text=_("Chữ thường không dấu, số, dấu gạch; ví dụ: so-ket-dan-van-6-thang."),
        error_messages={**_required(_("mã biểu mẫu")), "max_length": _("Mã tối đa 40 ký tự.")},
    )
    name = forms.CharField(
        label=_("Tên biểu mẫu"),
        max_length=300,
        error_messages={**_required(_("tên biểu mẫu")), "max_length": _("Tên tối đa 300 ký tự.")},
    )
    owner = OwnerField(
        label=_("Đơn vị ban hành"),
        help_text=_("Các đơn vị báo cáo nằm trong phạm vi của đơn vị này."),
    )
    period_type = forms.ChoiceField(
        label=_("Loại kỳ báo cáo"),
        choices=[(kind.value, PERIOD_TYPE_LABELS[kind]) for kind in PeriodType],
        error_messages=DEFINITION_CHOICE_ERRORS,
    )
    reporting_kinds = forms.MultipleChoiceField(
        label=_("Loại đơn vị báo cáo"),
        choices=OrgUnit.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            **DEFINITION_CHOICE_ERRORS,
            "required": _("Chọn ít nhất một loại đơn vị báo cáo."),
        },
    )
    reporting_groups = GroupCheckboxes(
        label=_("Chỉ các khối"),
        required=False,
        help_text=_(
            "Để trống: mọi đơn vị đúng loại trong phạm vi. Chọn khối (do đơn vị ban hành lập): chỉ thành viên "
            "các khối đó báo cáo."
        ),
    )
    deadline_days = forms.IntegerField(
        label=_("Hạn nộp (số ngày sau khi hết kỳ)"),
        min_value=0,
        max_value=365,
        initial=10,
        error_messages=DAYS_ERRORS,
    )
    lock_days = forms.IntegerField(
        label=_("Khóa nhập liệu sau (số ngày sau khi hết kỳ)"),
        min_value=0,
        max_value=730,
        required=False,
        error_messages=DAYS_ERRORS,
        help_text=_("Để trống: không khóa. Sau thời hạn này chỉ nhập được khi cấp trên mở lại."),
    )
    has_narrative = forms.BooleanField(
        label=_("Có phần báo cáo bằng lời (theo đề cương báo cáo công tác dân vận)"),
        required=False,
        initial=True,
    )
    required_narrative = forms.MultipleChoiceField(
        label=_("Mục phần lời bắt buộc"),
        required=False,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Đơn vị phải viết các mục này thì mới nộp được báo cáo."),
    )
    document_title = forms.CharField(
        label=_("Trích yếu văn bản"),
        max_length=300,
        required=False,
        help_text=_(
            "{ky} là kỳ báo cáo, {ky_toi} là kỳ tới; ví dụ: Sơ kết công tác dân vận {ky}, phương hướng, "
            "nhiệm vụ {ky_toi}"
        ),
    )
    is_active = forms.BooleanField(
        label=_("Đang dùng (các đơn vị phải báo cáo)"), required=False, initial=True
    )

    SERVICE_FIELDS = FORM_FIELDS  # what save_form takes

    def __init__(self, *args, user, instance=None, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        shown = definer_units(user, include=[instance.owner] if instance else [], current=current)
        self.fields["owner"].set_units(user, shown, _("— Chọn đơn vị —"))
        groups = UnitGroup.objects.filter(role_q(user, Role.ADMIN, "owner__path")).select_related("owner")
        self.fields["reporting_groups"].queryset = groups
        self.fields["reporting_groups"].choices = [
            (group.pk, f"{group.name} ({group.owner.name})")
            for group in groups.filter(owner__in=shown).order_by("owner__depth", "owner__sort_key", "name")
        ]
        headings = {key: heading for key, heading, _depth in NARRATIVE_OUTLINE}
        self.fields["required_narrative"].choices = [(key, headings[key]) for key in NARRATIVE_KEYS]
        self.fields["code"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        for name in ("deadline_days", "lock_days"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"
        self.start_from(instance, shown, current)
        if instance is not None:
            self.initial.setdefault("reporting_groups", [g.pk for g in instance.reporting_groups.all()])
        else:
            self.initial.setdefault("reporting_kinds", [OrgUnit.Kind.COMMUNE])
            self.initial.setdefault("period_type", PeriodType.HALF_YEAR.value)


class SectionForm(forms.Form):
    """A section's title and its indicators: a checkbox per indicator and a position number for the order."""

    title = forms.CharField(
        label=_("Tên phần"),
        max_length=300,
        help_text=_("Ví dụ: II. Thực hiện dân chủ ở cơ sở"),
        error_messages={**_required(_("tên phần")), "max_length": _("Tên tối đa 300 ký tự.")},
    )
    narrative_key = forms.ChoiceField(
        label=_("Mục của văn bản báo cáo"),
        required=False,
        help_text=_(
            "Số liệu của phần được viết thành câu ở đầu mục này của văn bản báo cáo. Để trống: mục mà tên phần "
            "nhắc tới (ví dụ “Thực hiện dân chủ ở cơ sở”), nếu có."
        ),
        error_messages={"invalid_choice": _("Hãy chọn một mục trong danh sách.")},
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("Chỉ tiêu của phần"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=DEFINITION_CHOICE_ERRORS,
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = indicators
        headings = {key: heading for key, heading, _depth in NARRATIVE_OUTLINE}
        self.fields["narrative_key"].choices = [
            ("", _("Theo tên phần")),
            *[(key, f"{key}. {headings[key]}") for key in NARRATIVE_KEYS],
        ]

    def required_indicators(self) -> set[int]:
        """The ids of the chosen indicators marked compulsory (a "required" checkbox beside each)."""
        posted = self.data.getlist("required") if hasattr(self.data, "getlist") else []
        return {int(value) for value in posted if str(value).isdigit()}

    def clean_indicators(self):
        chosen = list(self.cleaned_data["indicators"])
        errors = []
        positions = {}
        for index, indicator in enumerate(self._posted_order(chosen)):
            raw = (self.data.get(f"position-{indicator.pk}") or "").strip()
            if raw and not raw.isdigit():
                errors.append(_("Thứ tự của “%(code)s” phải là số nguyên dương.") % {"code": indicator.code})
                continue
            positions[indicator.pk] = (int(raw) if raw else 10_000, index)
        if errors:
            raise forms.ValidationError(errors)
        return sorted(chosen, key=lambda indicator: positions[indicator.pk])

    def _posted_order(self, chosen):
        """The chosen indicators in the order their checkboxes were posted (the page's order)."""
        posted = list(self.data.getlist("indicators")) if hasattr(self.data, "getlist") else []
        rank = {value: n for n, value in enumerate(posted)}
        return sorted(chosen, key=lambda indicator: rank.get(str(indicator.pk), len(rank)))


class RuleForm(forms.Form):
    left = forms.CharField(
        label=_("Vế trái"),
        max_length=500,
        error_messages={**_required(_("vế trái")), "max_length": _("Tối đa 500 ký tự.")},
    )
    operator = forms.ChoiceField(
        label=_("Phép so sánh"),
        choices=ValidationRule.Operator.choices,
        error_messages=DEFINITION_CHOICE_ERRORS,
    )
    right = forms.CharField(
        label=_("Vế phải"),
        max_length=500,
        error_messages={**_required(_("vế phải")), "max_length": _("Tối đa 500 ký tự.")},
    )
    importance = forms.ChoiceField(
        label=_("Mức độ"), choices=Importance.choices, error_messages=DEFINITION_CHOICE_ERRORS
    )
    message = forms.CharField(
        label=_("Thông báo khi vi phạm"),
        max_length=300,
        help_text=_(
            "Hiện cho người nhập liệu, ví dụ: Số đơn thư đã giải quyết không được lớn hơn số tiếp nhận."
        ),
        error_messages={**_required(_("thông báo")), "max_length": _("Tối đa 300 ký tự.")},
    )

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("left", "right"):
            self.fields[name].widget.attrs.update(
                {
                    "list": "form-codes",
                    "autocomplete": "off",
                    "spellcheck": "false",
                    "class": "font-monospace",
                }
            )
        if instance is not None:
            for name in self.fields:
                self.initial.setdefault(name, getattr(instance, name))
        else:
            self.initial.setdefault("operator", ValidationRule.Operator.LE)


class CategoryForm(forms.Form):
    code = forms.CharField(
        label=_("Mã phân tổ"),
        max_length=40,
        help_text=_("Chữ thường không dấu, số và dấu gạch dưới; ví dụ: gioi_tinh."),
        error_messages=_required(_("mã phân tổ")),
    )
    name = forms.CharField(label=_("Tên phân tổ"), max_length=150, error_messages=_required(_("tên phân tổ")))
    position = forms.IntegerField(
        label=_("Thứ tự"), min_value=0, max_value=1000, initial=100, error_messages=DAYS_ERRORS
    )
    options = forms.CharField(
        label=_("Các giá trị"),
        widget=forms.Textarea(attrs={"rows": 6, "class": "font-monospace"}),
        max_length=5000,
        help_text=_("Mỗi dòng một giá trị, dạng “mã: tên”, theo thứ tự hiển thị; ví dụ: nam: Nam"),
        error_messages=_required(_("các giá trị")),
    )

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        if instance is not None:
            self.initial.update(code=instance.code, name=instance.name, position=instance.position)
            self.initial["options"] = "\n".join(
                f"{option.code}: {option.name}" for option in instance.options.order_by("position", "code")
            )

    def clean_options(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["options"].splitlines(), start=1):
            if not line.strip():
                continue
            code, colon, name = line.partition(":")
            if not colon:
                raise forms.ValidationError(
                    _("Dòng %(n)s: viết “mã: tên”, ví dụ “nam: Nam”.") % {"n": number}
                )
            rows.append((code.strip(), name.strip()))
        return rows
