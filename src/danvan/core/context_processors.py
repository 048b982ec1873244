from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The sidebar: modules that exist link to their page; those still to come are shown so users know the plan.
MODULES = [
    ("dashboard", _("Tổng quan"), "speedometer2", "home:dashboard"),
    ("units", _("Đơn vị"), "diagram-3", "orgunits:tree"),
    ("practices", _("Dân vận khéo"), "award", "practices:practice_list"),
    ("reporting", _("Báo cáo"), "file-earmark-bar-graph", "reporting:home"),
    ("citizens", _("Đơn thư"), "envelope-paper", "citizens:home"),
    ("activities", _("Hoạt động"), "calendar-event", "activities:home"),
    ("portal", _("Tin bài"), "newspaper", "portal:article_list"),
]
ADMIN_MODULES = [
    ("users", _("Người dùng"), "people", "accounts:user_list"),
    ("changes", _("Nhật ký thay đổi"), "clock-history", "home:changelog"),
]
# The sidebar item a page belongs to is its app's (the URL's namespace). Two apps hold pages of two items: the
# change log lives in `home`, and `accounts` has both the users' management and each user's own pages (no item).
SECTION_OF_APP = {
    "home": "dashboard",
    "orgunits": "units",
    "practices": "practices",
    "reporting": "reporting",
    "activities": "activities",
    "citizens": "citizens",
    "portal": "portal",
    # The archive reader is the newsroom's tool: its pages open under "Tin bài".
    "ingest": "portal",
}
SECTION_OF_VIEW = {
    "home:changelog": "changes",
    "accounts:user_list": "users",
    "accounts:user_create": "users",
    "accounts:user_detail": "users",
    "accounts:role_assign": "users",
}


def section_of(request) -> str:
    """The sidebar item of the page the request resolved to ("" for none)."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.namespaces:
        return ""
    return SECTION_OF_VIEW.get(match.view_name) or SECTION_OF_APP.get(match.namespaces[0], "")


def frame(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "nav_modules": [
            (key, label, icon, reverse(name) if name else None) for key, label, icon, name in MODULES
        ],
        "nav_admin_modules": [(key, label, icon, reverse(name)) for key, label, icon, name in ADMIN_MODULES],
        "section": section_of(request),
        "current_unit": getattr(request, "current_unit", None),
        "user_units": getattr(request, "user_units", []),
    }
