"""Bulk progress by Excel (/hoat-dong/nhiem-vu/cap-nhat-excel/): download the lead unit's open tasks as a workbook,
upload it filled, see what changes, confirm. The checked changes travel to the confirmation signed (with the user
and the unit), so what is saved is exactly what was shown."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.errors import NotAllowed
from danvan.core.excel import MAX_ROWS
from danvan.core.excel_export import xlsx_response
from danvan.core.import_page import ROW_ERRORS_SHOWN

from .. import selectors, services
from ..services.task_bulk import apply_progress, check_progress_workbook
from ..task_workbooks import PROGRESS_SHEET, Change, progress_workbook
from .common import anchor_unit
from .tasks import crumbs

SALT = "activities.task_bulk"
MAX_AGE = 6 * 3600


def _unit(request):
    unit = anchor_unit(request)
    if unit is None:
        raise Http404(_("Hãy chọn đơn vị chủ trì."))
    if not services.can_edit(request.user, unit):
        raise NotAllowed(_("Chỉ cán bộ nhập liệu của %(unit)s mới cập nhật tiến độ.") % {"unit": unit.name})
    return unit


def _page(request, unit, **extra):
    report = extra.get("report")
    context = {
        "unit": unit,
        "columns": PROGRESS_SHEET.columns,
        "max_rows": MAX_ROWS,
        "open_count": selectors.open_tasks_led_by(unit).count(),
        "row_errors": report.row_errors[:ROW_ERRORS_SHOWN] if report else [],
        "file_error": " ".join(str(error) for error in report.file_errors) if report else "",
        "crumbs": crumbs((_("Cập nhật tiến độ bằng Excel"), None)),
        **extra,
    }
    return render(request, "activities/tasks/bulk.html", context)


@login_required
def task_bulk(request):
    user, today = request.user, timezone.localdate()
    unit = _unit(request)
    if request.method != "POST":
        return _page(request, unit)
    upload = request.FILES.get("file")
    if upload is None:
        return _page(request, unit, file_error_only=_("Hãy chọn tệp Excel (.xlsx) để tải lên."))
    check = check_progress_workbook(user, unit, upload, today)
    if not check.report.ok:
        return _page(request, unit, report=check.report)
    payload = signing.dumps(
        {"user": user.pk, "unit": unit.pk, "changes": [change.as_json() for change in check.changes]},
        salt=SALT,
        compress=True,
    )
    return _page(request, unit, preview=check, payload=payload)


@login_required
@require_POST
def task_bulk_confirm(request):
    user, today = request.user, timezone.localdate()
    unit = _unit(request)
    try:
        data = signing.loads(request.POST.get("payload", ""), salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        data = None
    if not data or data.get("user") != user.pk or data.get("unit") != unit.pk:
        messages.error(request, _("Bản xem trước đã hết hạn hoặc không hợp lệ: hãy tải tệp lên lại."))
        return redirect(f"{reverse('activities:task_bulk')}?unit={unit.pk}")
    changes = [Change.from_json(item) for item in data["changes"]]
    report = apply_progress(user, unit, changes, today)
    if not report.ok:
        return _page(request, unit, report=report)
    messages.success(
        request,
        _("Đã cập nhật tiến độ %(count)s nhiệm vụ của %(unit)s.")
        % {"count": len(report.created), "unit": unit.name},
    )
    return redirect(f"{reverse('activities:task_board')}?unit={unit.pk}&tab=mine")


@login_required
def task_bulk_workbook(request):
    unit = _unit(request)
    content = progress_workbook(selectors.open_tasks_led_by(unit))
    return xlsx_response(content, f"tien-do-nhiem-vu-{unit.pk}.xlsx")
