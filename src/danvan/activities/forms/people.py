"""Forms of the people's pages: a person, a post, the end of a post."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.accounts.scope import role_q, visible_q
from danvan.orgunits.forms import VNDateField, tree_choices
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import open_on_q, path_ids, subtree_q

from ..models import Person, Post
from ..services.people import NOTE_MAX, POSITION_MAX
from .fields import SearchableSelect

CHOICE_ERRORS = {
    "invalid_choice": _("Lựa chọn không hợp lệ hoặc nằm ngoài phạm vi của bạn."),
    "required": _("Trường này không được để trống."),
}


def editable_units(user, *, anchor: OrgUnit | None = None, include=()):
    """The units open today whose people the user may record (their editor roles' subtrees); a superuser, the
    anchor's province (or the provinces when there is none)."""
    queryset = OrgUnit.objects.filter(role_q(user, Role.EDITOR)).filter(open_on_q(timezone.localdate()))
    if user.is_superuser:
        if anchor is not None:
            queryset = queryset.filter(subtree_q("/" + anchor.path.strip("/").split("/")[0] + "/"))
        else:
            queryset = queryset.filter(kind=OrgUnit.Kind.PROVINCE)
    extra = [unit.pk for unit in include if unit is not None]
    if extra:
        queryset = OrgUnit.objects.filter(Q(pk__in=queryset.values("pk")) | Q(pk__in=extra))
    return queryset


def post_units(user, person: Person):
    """The units a post of `person` may be held at: the units of the user's scope in the person's province, closed
    ones included (a post held at a district before 2025), and the units above the person's unit."""
    province = "/" + person.unit_path.strip("/").split("/")[0] + "/"
    within = OrgUnit.objects.filter(subtree_q(province))
    if not user.is_superuser:
        within = within.filter(visible_q(user))
    return OrgUnit.objects.filter(Q(pk__in=within.values("pk")) | Q(pk__in=path_ids(person.unit_path)))


class UnitSelect(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", CHOICE_ERRORS)
        super().__init__(queryset=OrgUnit.objects.none(), widget=SearchableSelect, **kwargs)

    def set_units(self, queryset, empty_label):
        self.queryset = queryset
        self.choices = tree_choices(queryset, empty_label)


class PersonForm(forms.Form):
    unit = UnitSelect(
        label=_("Đơn vị quản lý"),
        help_text=_(
            "Đơn vị giữ hồ sơ người này; chỉ người dùng của đơn vị đó và lãnh đạo cấp trên xem được liên hệ."
        ),
    )
    name = forms.CharField(label=_("Họ và tên"), max_length=150)
    gender = forms.ChoiceField(
        label=_("Giới tính"),
        choices=[("", "—"), *Person.Gender.choices],
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    birth_year = forms.IntegerField(
        label=_("Năm sinh"),
        required=False,
        min_value=1900,
        max_value=9999,
        error_messages={"invalid": _("Năm sinh phải là một năm có 4 chữ số, ví dụ 1975.")},
    )
    phone = forms.CharField(label=_("Điện thoại"), max_length=32, required=False)
    email = forms.CharField(label=_("Thư điện tử"), max_length=254, required=False)
    note = forms.CharField(
        label=_("Ghi chú"), max_length=NOTE_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, person: Person | None = None, unit: OrgUnit | None = None, **kwargs):
        if person is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "unit": person.unit_id,
                **{
                    name: getattr(person, name)
                    for name in ("name", "gender", "birth_year", "phone", "email", "note")
                },
            }
        elif unit is not None and "initial" not in kwargs:
            kwargs["initial"] = {"unit": unit.pk}
        super().__init__(*args, **kwargs)
        anchor = person.unit if person else unit
        self.fields["unit"].set_units(
            editable_units(user, anchor=anchor, include=[person.unit] if person else []), _("— Chọn đơn vị —")
        )
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "off"})
        self.fields["email"].widget.attrs.update({"inputmode": "email", "autocomplete": "off"})
        self.fields["birth_year"].widget.attrs["inputmode"] = "numeric"


class PostForm(forms.Form):
    title = forms.CharField(
        label=_("Chức vụ"),
        max_length=200,
        help_text=_("Mỗi chức vụ một dòng, ví dụ: Trưởng Ban Dân vận Thành ủy."),
    )
    unit = UnitSelect(
        label=_("Đơn vị nơi giữ chức vụ"),
        required=False,
        help_text=_("Đơn vị đã kết thúc hoạt động (huyện trước 2025…) vẫn chọn được cho chức vụ thời đó."),
    )
    valid_from = VNDateField(label=_("Từ ngày"), required=False)
    valid_to = VNDateField(label=_("Đến ngày"), required=False, help_text=_("Để trống nếu đang giữ chức vụ."))
    position = forms.IntegerField(
        label=_("Thứ tự hiển thị"),
        required=False,
        min_value=1,
        max_value=POSITION_MAX,
        help_text=_("Các chức vụ cùng lúc được ghi theo thứ tự này. Để trống: sau các chức vụ đã có."),
    )

    def __init__(self, *args, user, person: Person, post: Post | None = None, **kwargs):
        if post is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": post.title,
                "unit": post.unit_id,
                "valid_from": post.valid_from,
                "valid_to": post.valid_to,
                "position": post.position,
            }
        super().__init__(*args, **kwargs)
        self.fields["unit"].set_units(post_units(user, person), _("— Không ghi đơn vị —"))


class EndPostForm(forms.Form):
    valid_to = VNDateField(label=_("Ngày thôi giữ chức vụ"), help_text=_("Ngày cuối cùng giữ chức vụ."))
