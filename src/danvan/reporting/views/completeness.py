"""Completeness and timeliness of a form's reports over a subtree for a period: cards, lists, approve shortcuts and
the approval of many reports at once."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from danvan.accounts.scope import Role, can_view_path, has_role_on
from danvan.core.errors import ValidationError, messages_of
from danvan.core.excel_export import xlsx_response
from danvan.core.excel_lists import ListSheet
from danvan.core.lists import page_of
from danvan.core.periods import form_period, last_ended_period, recent_periods
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import get_unit_for

from .. import selectors, services
from ..models import Form, Submission
from .common import crumbs

COMPLETENESS_PAGE_SIZE = 100
COMPLETENESS_SHOWS = ("all", "submitted", "on_time", "late", "returned", "missing", "approved", "waiting")


def _parent_path(unit: OrgUnit) -> str:
    parts = [part for part in unit.path.strip("/").split("/") if part]
    return "/" + "/".join(parts[:-1]) + "/" if len(parts) > 1 else ""


def _can_approve_unit(user, unit: OrgUnit) -> bool:
    """services.can_approve without reading the parent row: its path is the unit's path without the last step."""
    if user.is_superuser and user.is_active:
        return True
    parent = _parent_path(unit)
    return bool(parent) and has_role_on(user, Role.APPROVER, parent)


def completeness_root(user, form: Form, unit: OrgUnit | None) -> OrgUnit:
    """The subtree a user follows a form in: their unit when it lies within the form's owner, else the owner."""
    if unit is not None and unit.path.startswith(form.owner.path):
        return unit
    return form.owner


def _root(request, form: Form, raw_unit: str) -> OrgUnit:
    """The unit whose subtree the page follows: `?unit=` if given (404 outside the scope), else the user's."""
    if raw_unit.isdigit():
        return get_unit_for(request.user, raw_unit)
    root = completeness_root(request.user, form, getattr(request, "current_unit", None))
    if not can_view_path(request.user, root.path):
        root = getattr(request, "current_unit", None) or root
    return root


@login_required
def completeness(request, form_id):
    user = request.user
    form = selectors.get_form_for(user, form_id)
    today = timezone.localdate()
    root = _root(request, form, request.GET.get("unit", ""))
    raw_period = request.GET.get("period", "")
    period = last_ended_period(form.period_type, today)
    if raw_period:
        try:
            period = form_period(form, raw_period)
        except ValidationError as error:
            messages.warning(request, messages_of(error)["period"][0])
    figures = selectors.completeness(form, period, root=root)
    lists = {
        "all": None,
        "submitted": figures.submitted,
        "on_time": figures.on_time,
        "late": figures.late,
        "returned": figures.returned,
        "missing": figures.missing,
        "approved": [(u, s) for u, s in figures.submitted if s.status == Submission.Status.APPROVED],
        "waiting": [(u, s) for u, s in figures.submitted if s.status == Submission.Status.SUBMITTED],
    }
    by_unit = {u.pk: s for u, s in figures.submitted + figures.not_submitted}
    lists["all"] = [(u, by_unit.get(u.pk)) for u in figures.expected]
    show = request.GET.get("show", "all")
    show = show if show in COMPLETENESS_SHOWS else "all"
    # The counts cover every unit; the names only those in the user's scope (a commune sees its own line).
    listed = [(u, s) for u, s in lists[show] if can_view_path(user, u.path)]
    page = page_of(request, listed, COMPLETENESS_PAGE_SIZE)
    on_time_ids = {u.pk for u, _s in figures.on_time}
    rows = [
        {
            "unit": u,
            "submission": s,
            "late": s is not None
            and s.submitted_at is not None
            and u.pk not in on_time_ids
            and s.status in (Submission.Status.SUBMITTED, Submission.Status.APPROVED),
            "can_approve": s is not None
            and s.status == Submission.Status.SUBMITTED
            and _can_approve_unit(user, u),
        }
        for u, s in page.object_list
    ]
    expected = len(figures.expected)

    def card(key, label, count, icon):
        return {
            "key": key,
            "label": label,
            "count": count,
            "rate": round(100 * count / expected, 1) if expected else 0,
            "icon": icon,
        }

    cards = [
        card("all", _("Phải báo cáo"), expected, "building"),
        card("submitted", _("Đã nộp"), len(figures.submitted), "send-check"),
        card("on_time", _("Đúng hạn"), len(figures.on_time), "clock"),
        card("late", _("Nộp muộn"), len(figures.late), "hourglass-bottom"),
        card("returned", _("Bị trả lại"), len(figures.returned), "arrow-return-left"),
        card("missing", _("Chưa nộp"), len(figures.missing), "exclamation-circle"),
        card("approved", _("Đã duyệt"), figures.approved, "patch-check"),
        card("waiting", _("Chờ duyệt"), len(lists["waiting"]), "inbox"),
    ]
    periods = [p for p in recent_periods(form.period_type, today, 8)]
    if period not in periods:
        periods.append(period)
    context = {
        "form": form,
        "root": root,
        "period": period,
        "periods": periods,
        "figures": figures,
        "cards": cards,
        "show": show,
        "show_label": next(c["label"] for c in cards if c["key"] == show),
        "page_obj": page,
        "rows": rows,
        "list_count": len(lists[show]),
        "hidden_count": len(lists[show]) - len(listed),
        "today": today,
        "may_approve_any": any(row["can_approve"] for row in rows),
        "approvable_count": sum(1 for u, _s in lists["waiting"] if _can_approve_unit(user, u)),
        "may_nudge": services.can_nudge(user, root)
        and any(u.pk != root.pk for u, _s in figures.not_submitted),
        "crumbs": crumbs((form.name, None), (_("Tiến độ nộp báo cáo"), None)),
    }
    return render(request, "reporting/entry/completeness.html", context)


@login_required
@require_POST
def completeness_approve(request, form_id):
    """Approves the ticked reports (`submission`, repeated), or with `all=1` every report of the list waiting for
    the user's approval, each through the workflow; says how many were approved and why any was refused."""
    user = request.user
    form = selectors.get_form_for(user, form_id)
    root = _root(request, form, request.POST.get("unit", ""))
    try:
        period = form_period(form, request.POST.get("period", ""))
    except ValidationError as error:
        messages.error(request, messages_of(error)["period"][0])
        return redirect("reporting:completeness", form.pk)
    query = {"period": period.code, "unit": root.pk}
    if request.POST.get("show", "") in COMPLETENESS_SHOWS:
        query["show"] = request.POST["show"]
    back = f"{reverse('reporting:completeness', args=[form.pk])}?{urlencode(query)}"
    if request.POST.get("all") == "1":
        chosen = [
            submission
            for unit, submission in selectors.completeness(form, period, root=root).submitted
            if submission.status == Submission.Status.SUBMITTED and _can_approve_unit(user, unit)
        ]
    else:
        ids = [raw for raw in request.POST.getlist("submission") if raw.isdigit()]
        chosen = list(
            selectors.submissions_visible_to(user)
            .filter(form=form, period=period.code, pk__in=ids)
            .select_related("unit")
        )
    if not chosen:
        messages.warning(request, _("Chưa chọn báo cáo nào để duyệt."))
        return redirect(back)
    result = services.approve_many(user, chosen)
    if result.approved:
        count = len(result.approved)
        messages.success(
            request,
            ngettext("Đã duyệt %(count)s báo cáo.", "Đã duyệt %(count)s báo cáo.", count) % {"count": count},
        )
    for submission, reason in result.refused:
        messages.error(
            request,
            _("%(unit)s: chưa duyệt được. %(reason)s") % {"unit": submission.unit.name, "reason": reason},
        )
    return redirect(back)


def _nudge_target(request, form_id):
    """The form, the followed unit and the period named by `unit` and `period` (as on the completeness page)."""
    user = request.user
    form = selectors.get_form_for(user, form_id)
    raw_unit = request.POST.get("unit") or request.GET.get("unit", "")
    if raw_unit.isdigit():
        root = get_unit_for(user, raw_unit)
    else:
        root = completeness_root(user, form, getattr(request, "current_unit", None))
    raw_period = request.POST.get("period") or request.GET.get("period", "")
    try:
        period = (
            form_period(form, raw_period)
            if raw_period
            else last_ended_period(form.period_type, timezone.localdate())
        )
    except ValidationError:
        raise Http404 from None
    return form, root, period


@login_required
@require_POST
def completeness_nudge(request, form_id):
    """*Nhắc nhở*: one click reminds every unit below that has not submitted (in the app and by e-mail)."""
    form, root, period = _nudge_target(request, form_id)
    try:
        nudge = services.nudge_missing(request.user, form, period, root)
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Đã nhắc %(units)d đơn vị chưa nộp báo cáo (%(people)d người nhận thông báo và thư). Tải danh sách "
                "để làm công văn đôn đốc."
            )
            % {"units": len(nudge.units), "people": nudge.recipients},
        )
    url = reverse("reporting:completeness", args=[form.pk])
    return redirect(f"{url}?period={period.code}&unit={root.pk}&show=missing")


@login_required
def completeness_missing_export(request, form_id):
    """The units below that have not submitted, as Excel, for a công văn đôn đốc."""
    form, root, period = _nudge_target(request, form_id)
    figures = selectors.completeness(form, period, root=root)
    sheet = ListSheet(
        _("Chưa nộp báo cáo"),
        [(_("STT"), 6), (_("Đơn vị"), 40), (_("Mã"), 10), (_("Tình trạng"), 18), (_("Hạn nộp"), 12)],
    )
    listed = [
        (u, s) for u, s in figures.not_submitted if u.pk != root.pk and can_view_path(request.user, u.path)
    ]
    for number, (unit, submission) in enumerate(listed, start=1):
        status = submission.get_status_display() if submission else _("Chưa nhập")
        sheet.append([number, unit.name, sheet.text(unit.code), status, sheet.date(figures.deadline)])
    return xlsx_response(sheet.content(), f"chua-nop-{form.code}-{period.code}.xlsx")
