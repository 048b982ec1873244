"""Completeness and timeliness of a form's reports over a subtree for a period: cards, lists, approve shortcuts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.scope import Role, can_view_path, has_role_on
from danvan.core.errors import ValidationError, messages_of
from danvan.core.lists import page_of
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import get_unit_for

from .. import selectors
from ..models import Form, Submission
from ..periods import form_period, last_ended_period, recent_periods
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


@login_required
def completeness(request, form_id):
    user = request.user
    form = selectors.get_form_for(user, form_id)
    today = timezone.localdate()
    raw_unit = request.GET.get("unit", "")
    if raw_unit.isdigit():
        root = get_unit_for(user, raw_unit)
    else:
        root = completeness_root(user, form, getattr(request, "current_unit", None))
        if not can_view_path(user, root.path):
            root = getattr(request, "current_unit", None) or root
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
        "crumbs": crumbs((form.name, None), (_("Tiến độ nộp báo cáo"), None)),
    }
    return render(request, "reporting/entry/completeness.html", context)
