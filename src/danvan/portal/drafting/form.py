"""The "Viết tin" form: the category (on its site) the draft goes to, among those the user may write in."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, category):
        return f"{category.site.name} — {category.name}"


class WriteStoryForm(forms.Form):
    category = CategoryChoiceField(
        queryset=None,
        label=_("Trang và chuyên mục"),
        empty_label=None,
        error_messages={
            "invalid_choice": _(
                "Bạn không được viết tin trong chuyên mục này: chọn một chuyên mục trong danh sách."
            )
        },
        help_text=_("Tin được tạo ở dạng bản nháp; bạn đọc lại, sửa rồi gửi duyệt."),
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
