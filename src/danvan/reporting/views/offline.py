"""Working offline: a report's grid downloaded as an Excel workbook for a unit and period, filled without a
connection and uploaded back through the grid's checks (`services.offline`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.core.excel import MAX_BYTES
from danvan.core.excel_export import xlsx_response

from .. import selectors, services
from ..offline import form_workbook
from .common import crumbs, report_target


@login_required
def offline_download(request, form_id, unit_id, period):
    """The report's form as an .xlsx: its figures (the system's for a report not begun), locked labels and computed
    cells, validation lists, the texts on their own sheet and the hidden identity the upload checks."""
    form, unit, period = report_target(request.user, form_id, unit_id, period)
    sections = selectors.current_form_structure(form)  # the file's fingerprint: the form as it is now
    submission, values, figures = services.offline_figures(form, unit, period, sections)
    narrative = (submission.narrative or {}) if submission else {}
    content = form_workbook(
        form, unit, period, sections, values, figures.computed, narrative if form.has_narrative else None
    )
    return xlsx_response(content, f"{form.code}-{unit.code or unit.pk}-{period.code}.xlsx")


@login_required
def offline_upload(request, form_id, unit_id, period):
    """The page to upload a filled form; on POST the import, all or nothing, then back to the grid."""
    user = request.user
    form, unit, period = report_target(user, form_id, unit_id, period)
    entry_url = reverse("reporting:entry", args=[form.pk, unit.pk, period.code])
    result, file_error = None, ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            file_error = _("Hãy chọn tệp Excel (.xlsx) đã điền để nhập.")
        else:
            result = services.import_offline(user, form, unit, period, upload)
            if result.ok:
                if result.unchanged:
                    messages.info(
                        request, _("Tệp không có số liệu nào khác với lúc tải về: không có gì được ghi.")
                    )
                else:
                    messages.success(
                        request,
                        _("Đã nhập từ tệp Excel: %(cells)s ô số liệu, %(texts)s mục phần lời.")
                        % {"cells": result.written, "texts": result.texts},
                    )
                for warning in result.warnings:
                    messages.warning(request, warning)
                return redirect(entry_url)
    submission = (
        selectors.submissions_visible_to(user).filter(form=form, unit=unit, period=period.code).first()
    )
    if submission is not None:
        submission.form = form
    context = {
        "form": form,
        "unit": unit,
        "period": period,
        "may_enter": services.can_enter(user, unit),
        "locked": services.lock_reason(submission) if submission else "",
        "result": result,
        "file_error": file_error,
        "max_megabytes": MAX_BYTES // (1024 * 1024),
        "entry_url": entry_url,
        "crumbs": crumbs(
            (form.name, reverse("reporting:completeness", args=[form.pk]) + f"?period={period.code}"),
            (f"{unit.name} · {period.label}", entry_url),
            (_("Nhập từ Excel"), None),
        ),
    }
    return render(request, "reporting/offline/upload.html", context, status=200)
