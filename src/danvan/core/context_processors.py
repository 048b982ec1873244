from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The sidebar: modules that exist link to their page; those still to come are shown so users know the plan.
MODULES = [
    ("dashboard", _("Tổng quan"), "speedometer2", "home:dashboard"),
    ("units", _("Đơn vị"), "diagram-3", "orgunits:tree"),
    ("practices", _("Dân vận khéo"), "award", "practices:practice_list"),
    ("reporting", _("Báo cáo"), "file-earmark-bar-graph", "reporting:home"),
    ("citizens", _("Đơn thư"), "envelope-paper", None),
    ("activities", _("Hoạt động"), "calendar-event", None),
    ("portal", _("Cổng thông tin"), "globe2", None),
]
ADMIN_MODULES = [
    ("users", _("Người dùng"), "people", "accounts:user_list"),
    ("changes", _("Nhật ký thay đổi"), "clock-history", "home:changelog"),
]


def frame(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "nav_modules": [
            (key, label, icon, reverse(name) if name else None) for key, label, icon, name in MODULES
        ],
        "nav_admin_modules": [(key, label, icon, reverse(name)) for key, label, icon, name in ADMIN_MODULES],
        "current_unit": getattr(request, "current_unit", None),
        "user_units": getattr(request, "user_units", []),
    }
