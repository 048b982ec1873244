import django_filters
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from danvan.core.filters import DayFilter
from danvan.core.models import ChangeLog


def _logged_types(request):
    return ContentType.objects.filter(
        app_label__in=["orgunits", "accounts", "practices", "reporting"]
    ).order_by("app_label", "model")


class ChangeLogFilter(django_filters.FilterSet):
    user = django_filters.CharFilter(
        label=_("Người thực hiện"), field_name="user_name", lookup_expr="icontains"
    )
    action = django_filters.ChoiceFilter(label=_("Thao tác"), choices=ChangeLog.Action.choices)
    content_type = django_filters.ModelChoiceFilter(label=_("Loại đối tượng"), queryset=_logged_types)
    object = django_filters.CharFilter(
        label=_("Đối tượng"), field_name="object_repr", lookup_expr="icontains"
    )
    request_id = django_filters.CharFilter(label=_("Mã yêu cầu"), field_name="request_id")
    since = DayFilter(label=_("Từ ngày"), field_name="time", lookup_expr="date__gte")
    until = DayFilter(label=_("Đến ngày"), field_name="time", lookup_expr="date__lte")

    class Meta:
        model = ChangeLog
        fields = ["user", "action", "content_type", "object", "request_id", "since", "until"]
