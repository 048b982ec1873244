"""The story form and a review step's form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.portal.models import Article, Category, Image, Site, Topic
from danvan.portal.selectors.editing import writable_categories
from danvan.portal.services.articles import SUMMARY_MAX, TITLE_MAX

from .fields import CHOICE_ERRORS, MomentField, RichTextField


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.parent.name} › {obj.name}" if obj.parent_id else obj.name


class CoverChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.caption or obj.alt or obj.file.name


class ArticleForm(forms.Form):
    """One site's story: the categories offered are those of the site the user writes in (and the story's own)."""

    category = CategoryChoiceField(
        empty_label=_("— Chọn chuyên mục —"),
        label=_("Chuyên mục"),
        queryset=Category.objects.none(),
        error_messages=CHOICE_ERRORS,
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=TITLE_MAX)
    summary = forms.CharField(
        label=_("Tóm tắt (sapo)"),
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body = RichTextField(label=_("Nội dung"))
    cover = CoverChoiceField(
        label=_("Ảnh đại diện"),
        queryset=Image.objects.none(),
        required=False,
        empty_label=_("— Không có ảnh —"),
        error_messages=CHOICE_ERRORS,
        help_text=_("Chọn từ thư viện ảnh của trang."),
    )
    cover_caption = forms.CharField(label=_("Chú thích ảnh đại diện"), max_length=500, required=False)
    author = forms.CharField(
        label=_("Tác giả"), max_length=200, required=False, help_text=_("Ví dụ: Tin, ảnh: Thu Hà")
    )
    source = forms.CharField(label=_("Nguồn"), max_length=200, required=False)
    source_url = forms.URLField(
        label=_("Địa chỉ bài gốc"), max_length=500, required=False, assume_scheme="https"
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Chủ đề"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages=CHOICE_ERRORS,
    )
    tags = forms.CharField(
        label=_("Từ khóa"), max_length=1000, required=False, help_text=_("Cách nhau bằng dấu phẩy.")
    )
    is_hot = forms.BooleanField(label=_("Tin nóng"), required=False)
    is_featured = forms.BooleanField(label=_("Tin tiêu điểm"), required=False)
    publish_at = MomentField(
        label=_("Xuất bản lúc"),
        help_text=_("Để trống: xuất bản ngay khi được duyệt; chọn giờ sắp tới để hẹn giờ."),
    )
    expire_at = MomentField(label=_("Hết hạn lúc"), help_text=_("Để trống: không hết hạn."))
    note = forms.CharField(
        label=_("Ghi chú lần sửa"), max_length=300, required=False, help_text=_("Ví dụ: sửa tít, thêm ảnh.")
    )

    def __init__(self, *args, user, site: Site, article: Article | None = None, **kwargs):
        if article is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_of(article)
        super().__init__(*args, **kwargs)
        categories = writable_categories(user, site)
        if article is not None:
            categories = Category.objects.filter(pk__in=categories.values("pk")) | Category.objects.filter(
                pk=article.category_id
            )
        self.fields["category"].queryset = categories.select_related("parent").order_by("position", "name")
        self.fields["cover"].queryset = site.images.all()
        self.fields["topics"].queryset = site.topics.filter(is_active=True)
        if article is None:
            del self.fields["note"]

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("note", None)
        data["tags"] = [name.strip() for name in data["tags"].split(",") if name.strip()]
        data["topics"] = list(data["topics"])
        return data


def initial_of(article: Article) -> dict:
    fields = (
        "category", "title", "summary", "body", "cover", "cover_caption", "author", "source", "source_url",
        "is_hot", "is_featured", "publish_at", "expire_at",
    )  # fmt: skip
    initial = {name: getattr(article, name) for name in fields}
    initial["topics"] = list(article.topics.all())
    initial["tags"] = ", ".join(article.tags.values_list("name", flat=True))
    return initial


class TransitionForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    # What the page showed when the button was pressed: the service refuses when the story has moved on since.
    expected_status = forms.CharField(max_length=20, required=False)
    expected_revision = forms.IntegerField(min_value=0, max_value=2**31 - 1, required=False)
