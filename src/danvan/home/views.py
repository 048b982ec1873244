from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_POST

from danvan.accounts.scope import visible_paths
from danvan.activities.selectors import dashboard_tasks, open_hotspots_for
from danvan.core.figures import UNITS, cached_figures
from danvan.core.lists import filtered_rows, page_of
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import counts_by_kind
from danvan.practices.selectors import year_summary
from danvan.reporting.selectors import todo_for

from .filters import ChangeLogFilter
from .guide import guide_image_path, guide_page, guide_slugs
from .selectors import changes_visible_to

# The administrative levels from the top; since 1/7/2025 no district is open, so it has no card.
LEVELS = [OrgUnit.Kind.PROVINCE, OrgUnit.Kind.DISTRICT, OrgUnit.Kind.COMMUNE, OrgUnit.Kind.HAMLET]


def card_kinds(top: OrgUnit | None) -> list[str]:
    """The kinds of unit the dashboard counts for a user whose highest unit is `top` (None: the whole country): the
    levels below it and the agencies, never its own level or those above (a ward has no "0 Tỉnh, thành phố")."""
    below = LEVELS[LEVELS.index(top.kind) + 1 :] if top is not None and top.kind in LEVELS else LEVELS
    if top is not None and top.kind == OrgUnit.Kind.AGENCY:
        below = []
    return [kind for kind in below if kind != OrgUnit.Kind.DISTRICT] + [OrgUnit.Kind.AGENCY]


@login_required
def dashboard(request):
    today = timezone.localdate()
    # The units the user sees, by kind: a count over the whole subtree (a province's is thousands of units), cached
    # until the tree changes.
    counts = cached_figures(
        "unit-counts",
        [UNITS],
        (visible_paths(request.user), today),
        lambda: counts_by_kind(request.user, today),
    )
    practice_unit = request.current_unit
    practices = None
    if practice_unit is not None or request.user.is_superuser:
        # The register's one definition of registered / recognised in a year (practices.selectors).
        practices = {"year": today.year, **year_summary(practice_unit, today.year), "unit": practice_unit}
    top = request.user_units[0] if request.user_units and not request.user.is_superuser else None
    cards = [
        (kind, label, counts.get(kind, 0)) for kind, label in OrgUnit.Kind.choices if kind in card_kinds(top)
    ]
    return render(
        request,
        "home/dashboard.html",
        {
            "today": today,
            "cards": cards,
            "chart_data": {
                "labels": [str(label) for _k, label, _n in cards],
                "values": [n for _k, _l, n in cards],
            },
            "recent_changes": changes_visible_to(request.user).select_related("user")[:10],
            "practices": practices,
            "todo": todo_for(request.user, practice_unit, today),
            "hotspots": list(open_hotspots_for(request.user)),
            # Overdue and due-soon tasks the user's units lead (activities.selectors).
            "tasks": dashboard_tasks(request.user, request.user_units, today),
        },
    )


def guide(request, slug=""):
    """The user guide, open to everyone (a forgotten password is a reason to read it)."""
    pages = [guide_page(each) for each in guide_slugs()]
    return render(request, "home/guide.html", {"page": guide_page(slug), "pages": pages})


def guide_image(request, filename):
    return FileResponse(guide_image_path(filename).open("rb"), content_type="image/png")


@login_required
def changelog(request):
    filterset = ChangeLogFilter(request.GET, queryset=changes_visible_to(request.user))
    page = page_of(request, filtered_rows(filterset))
    return render(request, "home/changelog.html", {"filter": filterset, "page_obj": page})


@login_required
@require_POST
def switch_unit(request):
    unit_id = request.POST.get("unit", "")
    if unit_id.isdigit():
        request.session["current_unit_id"] = int(unit_id)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "home:dashboard"
    return redirect(target)


def not_found(request, exception=None):
    return render(
        request, "home/error.html", {"code": 404, "title": gettext_noop("Không tìm thấy trang")}, status=404
    )


def bad_request(request, exception=None):
    """handler400's page: a request Django refuses before any view (Django's own page is English). A form whose
    content passes the size limit is the case a user meets: say so, with the limit."""
    if isinstance(exception, RequestDataTooBig):
        message = gettext(
            "Nội dung gửi lên vượt quá giới hạn %(limit)s MB của một biểu mẫu: hãy rút ngắn nội dung, hoặc tải tệp "
            "lớn lên ở mục dành cho tệp."
        ) % {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)}
    elif isinstance(exception, TooManyFilesSent):
        message = gettext(
            "Một lần gửi nhận nhiều nhất %(limit)s tệp: hãy nén các tệp thành một tệp .zip rồi tải lên, hoặc chia ra "
            "nhiều lần."
        ) % {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
    elif isinstance(exception, TooManyFieldsSent):
        message = gettext("Biểu mẫu gửi lên có quá %(limit)s trường: hãy chia nội dung ra nhiều lần gửi.") % {
            "limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        }
    else:
        message = gettext("Trình duyệt đã gửi một yêu cầu không hợp lệ: hãy tải lại trang rồi thử lại.")
    return render(
        request,
        "home/error.html",
        {"code": 400, "title": gettext_noop("Yêu cầu không hợp lệ"), "message": message},
        status=400,
    )


def forbidden(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    return render(
        request,
        "home/error.html",
        {"code": 403, "title": gettext_noop("Không có quyền truy cập"), "message": message},
        status=403,
    )


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: a form sent from a stale page or without its cookie (Django's page is English)."""
    return render(
        request,
        "home/error.html",
        {
            "code": 403,
            "title": gettext_noop("Không gửi được biểu mẫu"),
            "message": gettext(
                "Trang đã cũ hoặc phiên làm việc đã hết hạn: hãy tải lại trang rồi thử lại. "
                "Trình duyệt cần cho phép cookie của trang này."
            ),
        },
        status=403,
    )


def server_error(request):
    return render(
        request, "home/error.html", {"code": 500, "title": gettext_noop("Hệ thống gặp sự cố")}, status=500
    )
