"""The forms of a site and its furniture: settings, a category, a topic, a fixed page, a linked website."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtree_q

from .fields import CHOICE_ERRORS, RichTextField


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class SiteForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=OrgUnit.objects.none(), error_messages=CHOICE_ERRORS)
    name = forms.CharField(label=_("Tên trang"), max_length=200)
    slug = forms.CharField(
        label=_("Đường dẫn"),
        max_length=60,
        required=False,
        help_text=_("Chữ không dấu và dấu gạch ngang, ví dụ ban-dan-van-cao-bang; để trống để tạo từ tên."),
    )
    tagline = forms.CharField(label=_("Khẩu hiệu, dòng giới thiệu"), max_length=300, required=False)
    host = forms.CharField(
        label=_("Tên miền riêng"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ dvcaobang.gov.vn; có thể để trống."),
    )
    email = forms.EmailField(label=_("Thư điện tử liên hệ"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=32, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    responsible = forms.CharField(
        label=_("Người chịu trách nhiệm nội dung"),
        max_length=200,
        required=False,
        help_text=_("Ghi ở chân trang theo Nghị định 42/2022/NĐ-CP."),
    )
    licence = forms.CharField(
        label=_("Giấy phép, quyết định thành lập trang"), max_length=300, required=False
    )
    is_active = forms.BooleanField(label=_("Đang hoạt động"), required=False, initial=True)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Tên chuyên mục"), max_length=150)
    slug = forms.CharField(
        label=_("Đường dẫn"), max_length=80, required=False, help_text=_("Để trống để tạo từ tên.")
    )
    parent = forms.ModelChoiceField(
        label=_("Chuyên mục cha"),
        queryset=None,
        required=False,
        empty_label=_("— Không có —"),
        error_messages=CHOICE_ERRORS,
    )
    editor_unit = UnitChoiceField(
        label=_("Đơn vị biên tập"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("— Đơn vị chủ quản trang —"),
        error_messages=CHOICE_ERRORS,
        help_text=_("Biên tập viên của đơn vị này viết bài trong chuyên mục."),
    )
    description = forms.CharField(label=_("Mô tả"), max_length=500, required=False)
    position = forms.IntegerField(label=_("Thứ tự"), min_value=0, max_value=32000, initial=100)
    in_menu = forms.BooleanField(label=_("Hiện trên thanh chuyên mục"), required=False, initial=True)
    is_active = forms.BooleanField(label=_("Đang dùng"), required=False, initial=True)

    def __init__(self, *args, site, category=None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = site.categories.filter(parent__isnull=True)
        if category is not None:
            parents = parents.exclude(pk=category.pk)
        self.fields["parent"].queryset = parents
        # The site's unit and the units directly under it that are not hamlets (its departments, the Front…).
        self.fields["editor_unit"].queryset = (
            OrgUnit.objects.filter(subtree_q(site.unit_path), depth__lte=site.unit.depth + 1)
            .exclude(kind=OrgUnit.Kind.HAMLET)
            .exclude(valid_to__isnull=False)
            .order_by("depth", "name")
        )


class TopicForm(forms.Form):
    name = forms.CharField(label=_("Tên chủ đề"), max_length=200)
    slug = forms.CharField(
        label=_("Đường dẫn"), max_length=80, required=False, help_text=_("Để trống để tạo từ tên.")
    )
    description = forms.CharField(label=_("Mô tả"), max_length=500, required=False)
    is_active = forms.BooleanField(label=_("Đang dùng"), required=False, initial=True)


class PageForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=200)
    slug = forms.CharField(
        label=_("Đường dẫn"), max_length=80, required=False, help_text=_("Để trống để tạo từ tiêu đề.")
    )
    body = RichTextField(label=_("Nội dung"), required=False)
    position = forms.IntegerField(label=_("Thứ tự"), min_value=0, max_value=32000, initial=100)


class LinkForm(forms.Form):
    name = forms.CharField(label=_("Tên website"), max_length=150)
    url = forms.URLField(label=_("Địa chỉ"), max_length=200, assume_scheme="https")
    position = forms.IntegerField(label=_("Thứ tự"), min_value=0, max_value=32000, initial=100)
