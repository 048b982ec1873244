from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.scope import Role, role_q

from .models import OrgUnit, UnitGroup
from .tree import open_on_q, subtree_q

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
# Indents a unit under its parent in a choice list (no-break spaces: a browser keeps them in an <option>).
INDENT = "\u00a0\u00a0\u00a0"


class VNDateField(forms.DateField):
    widget = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
    default_error_messages = {"invalid": _("Ngày không hợp lệ: hãy nhập dạng dd/mm/yyyy, ví dụ 01/07/2025.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        super().__init__(**kwargs)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})" if obj.code else obj.name


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        closed = " (" + _("đến %(day)s") % {"day": f"{obj.valid_to:%d/%m/%Y}"} + ")" if obj.valid_to else ""
        return f"{obj.name}{closed}"


class UnitForm(forms.Form):
    """Create or edit a unit; the service validates the rules, this form the input."""

    kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=OrgUnit.Kind.choices)
    name = forms.CharField(
        label=_("Tên đơn vị"), max_length=255, help_text=_("Ví dụ: Tổ dân phố 5, Hội Nông dân phường.")
    )
    division_type = forms.ChoiceField(
        label=_("Loại hình"),
        required=False,
        choices=[("", "—"), *OrgUnit.DivisionType.choices],
        help_text=_("Với thôn, tổ dân phố: thôn, tổ dân phố, ấp, bản, xóm…"),
    )
    agency_type = forms.ChoiceField(
        label=_("Loại cơ quan, tổ chức"), required=False, choices=[("", "—"), *OrgUnit.AgencyType.choices]
    )
    code = forms.CharField(
        label=_("Mã"), max_length=32, required=False, help_text=OrgUnit._meta.get_field("code").help_text
    )
    parent = UnitChoiceField(label=_("Đơn vị cấp trên"), queryset=OrgUnit.objects.none(), required=False)
    valid_from = VNDateField(
        label=_("Hiệu lực từ ngày"), required=False, help_text=_("Để trống nếu không rõ.")
    )
    valid_to = VNDateField(
        label=_("Hiệu lực đến ngày"), required=False, help_text=_("Để trống nếu đơn vị đang hoạt động.")
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=32, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, parent=None, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        today = timezone.localdate()
        candidates = OrgUnit.objects.filter(role_q(user, Role.EDITOR)).filter(
            kind__in=[OrgUnit.Kind.PROVINCE, OrgUnit.Kind.DISTRICT, OrgUnit.Kind.COMMUNE, OrgUnit.Kind.AGENCY]
        )
        anchor = parent or (instance.parent if instance else None)
        if anchor is not None:
            province_path = "/" + anchor.path.strip("/").split("/")[0] + "/"
            candidates = candidates.filter(subtree_q(province_path))
        candidates = candidates.filter(open_on_q(today))
        if anchor is not None:
            candidates = candidates | OrgUnit.objects.filter(pk=anchor.pk)
        self.fields["parent"].queryset = candidates.order_by("depth", "sort_key")
        if not user.is_superuser and not instance:
            self.fields["kind"].choices = [
                (k, label)
                for k, label in OrgUnit.Kind.choices
                if k in (OrgUnit.Kind.HAMLET, OrgUnit.Kind.AGENCY)
            ]
        if instance is not None:
            self.fields["kind"].disabled = True
            for name in self.fields:
                if name != "kind" and hasattr(instance, name):
                    self.initial.setdefault(name, getattr(instance, name))
            self.initial["kind"] = instance.kind
        elif parent is not None:
            self.initial.setdefault("parent", parent)
            self.initial.setdefault(
                "kind", OrgUnit.Kind.HAMLET if parent.kind == OrgUnit.Kind.COMMUNE else OrgUnit.Kind.AGENCY
            )

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        if self.instance is not None:
            data.pop("kind", None)
        return data


class CloseUnitForm(forms.Form):
    valid_to = VNDateField(label=_("Kết thúc hiệu lực từ sau ngày"))
    note = forms.CharField(
        label=_("Lý do, căn cứ"),
        required=False,
        max_length=500,
        help_text=_("Ví dụ: sáp nhập vào thôn Bản Giới theo Nghị quyết số …"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TreeOptionsForm(forms.Form):
    q = forms.CharField(label=_("Tìm đơn vị"), required=False)
    as_of = VNDateField(label=_("Cây đơn vị vào ngày"), required=False)


class GroupForm(forms.Form):
    name = forms.CharField(
        label=_("Tên khối"), max_length=255, help_text=_("Ví dụ: Khối xã, phường; Khối cơ quan, phòng, ban.")
    )
    kind = forms.ChoiceField(label=_("Loại khối"), choices=UnitGroup.Kind.choices)
    members = UnitMultipleChoiceField(
        label=_("Đơn vị thành viên"),
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text=_("Giữ Ctrl (hoặc ⌘) để chọn nhiều đơn vị."),
        widget=forms.SelectMultiple(attrs={"size": 14}),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, owner, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = (
            OrgUnit.objects.filter(subtree_q(owner.path))
            .exclude(pk=owner.pk)
            .exclude(kind=OrgUnit.Kind.HAMLET)
            .order_by("depth", "sort_key")
        )
        if group is not None:
            self.initial.update(
                name=group.name, kind=group.kind, note=group.note, members=list(group.members.all())
            )


def tree_choices(units, empty_label=None) -> list:
    """Choices in tree order (each unit under its parent, siblings in Vietnamese order), indented by depth."""
    units = list(units)
    by_id = {unit.pk: unit for unit in units}

    def key(unit):
        return [by_id[i].sort_key if i in by_id else "" for i in unit.ancestor_ids] + [unit.sort_key]

    units.sort(key=key)
    top = min((unit.depth for unit in units), default=0)
    choices = [("", empty_label)] if empty_label is not None else []
    for unit in units:
        closed = f" (đến {unit.valid_to:%d/%m/%Y})" if unit.valid_to else ""
        choices.append((unit.pk, INDENT * (unit.depth - top) + unit.name + closed))
    return choices
