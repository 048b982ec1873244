"""One filter set for the back office's list of stories (and any API list of them): words (accent-insensitive),
site, category, status (with "scheduled", "live" and "expired", computed on the moment asked), the user's own
drafts, the stories awaiting the user's review."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.accounts.scope import role_q
from danvan.core.text import fold
from danvan.portal.models import Article, Category, Site

S = Article.Status
STATUS_CHOICES = [
    (S.DRAFT, S.DRAFT.label),
    (S.SUBMITTED, S.SUBMITTED.label),
    (S.RETURNED, S.RETURNED.label),
    ("live", _("Đang hiển thị")),
    ("scheduled", _("Hẹn giờ xuất bản")),
    ("expired", _("Đã hết hạn")),
    (S.WITHDRAWN, S.WITHDRAWN.label),
]


def status_q(status: str, now=None) -> Q:
    now = now or timezone.now()
    published = Q(status=S.PUBLISHED)
    if status == "live":
        return published & Q(publish_at__lte=now) & (Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    if status == "scheduled":
        return published & Q(publish_at__gt=now)
    if status == "expired":
        return published & Q(expire_at__lte=now)
    return Q(status=status)


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q")
    site = django_filters.ModelChoiceFilter(
        label=_("Trang"),
        queryset=Site.objects.all(),
        error_messages={"invalid_choice": _("Trang không tồn tại.")},
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Chuyên mục"),
        queryset=Category.objects.all(),
        error_messages={"invalid_choice": _("Chuyên mục không tồn tại.")},
    )
    status = django_filters.ChoiceFilter(
        label=_("Tình trạng"), choices=STATUS_CHOICES, method="filter_status"
    )
    mine = django_filters.BooleanFilter(
        label=_("Bản nháp của tôi"), method="filter_mine", widget=forms.CheckboxInput
    )
    review = django_filters.BooleanFilter(
        label=_("Chờ tôi duyệt"), method="filter_review", widget=forms.CheckboxInput
    )

    class Meta:
        model = Article
        fields = ["q", "site", "category", "status", "mine", "review"]

    def filter_q(self, queryset, name, value):
        words = fold(value).split()
        for word in words:
            queryset = queryset.filter(search_key__contains=word)
        return queryset

    def filter_status(self, queryset, name, value):
        return queryset.filter(status_q(value))

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(created_by=self.request.user, status__in=[S.DRAFT, S.RETURNED])

    def filter_review(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            role_q(self.request.user, Role.APPROVER, "site__unit_path"), status=S.SUBMITTED
        )
