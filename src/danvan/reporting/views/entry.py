"""The data entry grid of a unit's report for a form and period: the page, the cell saved as the user leaves it
(htmx), its history, the refresh from the system's figures, the texts and the workflow."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from danvan.accounts.scope import Role, role_q
from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.core.periods import Period
from danvan.orgunits.models import OrgUnit

from .. import display, selectors, services
from ..forms import CellForm, TransitionForm
from ..grid import GridCell, build_grid, cell_dom_id, cell_update, comparisons, earlier_figures
from ..models import NARRATIVE_KEYS, NARRATIVE_OUTLINE, Form, Submission, Value, ValueType
from .common import crumbs, report_target


def status_row(form: Form, period: Period, submission: Submission | None, today: datetime.date) -> dict:
    """How a unit's report of a period stands: status, deadline, late (submitted after it) or overdue."""
    deadline = period.deadline(form.deadline_days)
    submitted_on = submission.submitted_at.date() if submission and submission.submitted_at else None
    done = submission is not None and submission.status in (
        Submission.Status.SUBMITTED,
        Submission.Status.APPROVED,
    )
    return {
        "period": period,
        "submission": submission,
        "deadline": deadline,
        "late": bool(done and submitted_on and submitted_on > deadline),
        "overdue": not done and today > deadline,
        "running": period.end >= today,
    }


def _entry_url(form: Form, unit: OrgUnit, period: Period | str, tab: str = "") -> str:
    url = reverse("reporting:entry", args=[form.pk, unit.pk, str(period)])
    return f"{url}?tab={tab}" if tab else url


def _existing_submission(form: Form, unit: OrgUnit, period: Period) -> Submission | None:
    submission = Submission.objects.filter(form=form, unit=unit, period=period.code).first()
    if submission is not None:
        submission.form, submission.unit = form, unit
    return submission


def _narrative_outline(submission: Submission | None, required=(), posted: dict | None = None) -> list[dict]:
    texts = dict(submission.narrative or {}) if submission else {}
    texts.update(posted or {})
    return [
        {
            "key": key,
            "heading": heading,
            "depth": depth,
            "editable": key in NARRATIVE_KEYS,
            "text": texts.get(key, ""),
            "required": key in required,
        }
        for key, heading, depth in NARRATIVE_OUTLINE
    ]


def _gaps(form: Form, unit: OrgUnit, period: Period, sections, values: dict, submission: Submission | None):
    """The compulsory cells and sections still empty, each linked to its input on the grid."""
    gaps = services.compulsory_gaps(form, sections, values, submission.narrative if submission else {})
    for gap in gaps:
        if gap.key:
            gap.anchor = _entry_url(form, unit, period, "narrative") + f"#n-{gap.key}"
        else:
            gap.anchor = f"#v-{cell_dom_id(gap.indicator, gap.category)}"  # the panel is on the grid's page
    return gaps


@login_required
def entry(request, form_id, unit_id, period):
    """The grid. Opening it writes nothing: a report the unit has not started shows the system's figures, stored
    with the unit's first saved figure or text (`services.save_first_value`)."""
    user = request.user
    form, unit, period = report_target(user, form_id, unit_id, period)
    today = timezone.localdate()
    may_enter = services.can_enter(user, unit)
    submission = _existing_submission(form, unit, period)
    unit_open = unit.is_open_on(period.end)
    # Not started yet, and its unit may start it now: the grid is shown, ready for the first figure.
    startable = submission is None and may_enter and period.start <= today and unit_open
    if startable and services.report_problem(form, unit, period):
        raise Http404
    shown = submission is not None or startable
    draft = submission or Submission(form=form, unit=unit, unit_path=unit.path, period=period.code)
    locked = services.lock_reason(draft, today) if shown else ""
    editable = shown and may_enter and not locked
    tab = request.GET.get("tab", "data")
    tabs = ["data", *(["narrative"] if form.has_narrative else []), "workflow"]
    tab = tab if tab in tabs else "data"
    definition = selectors.form_definition(form.pk)
    sections, indicators = definition.sections, definition.indicators
    if submission is not None:
        values = selectors.values_of(submission)
    else:
        values = services.system_preview(indicators, unit, period) if startable else {}
    figures = services.report_figures(form, indicators, values, definition.rules)
    compared = comparisons(period)
    earlier = selectors.lineage_figures(selectors.unit_lineage(unit), [code for _label, code in compared])
    commented = selectors.commented_cells(unit, period.code)
    grid = build_grid(
        sections, figures.values, editable, figures.computed, figures.violations, earlier, compared, commented
    )
    gaps = _gaps(form, unit, period, sections, figures.values, submission)
    has_bound = any(item.indicator.source for section in sections for item in section.items.all())
    # The unit's approver (its parent unit's) and its own staff see different screens: the approver approves,
    # returns or reopens, and is never offered to submit; the banners speak to each.
    approver = services.can_approve(user, unit)
    may_approve = submission is not None and approver
    events = list(selectors.submission_events(submission)) if submission else []
    status_value = submission.status if submission else ""
    actions = {
        "refresh": editable and has_bound and submission is not None,
        "submit": may_enter
        and not approver
        and shown
        and not locked
        and status_value in ("", Submission.Status.DRAFT, Submission.Status.RETURNED),
        "approve": may_approve and status_value == Submission.Status.SUBMITTED,
        "reopen": may_approve
        and status_value != Submission.Status.SUBMITTED
        and bool(status_value == Submission.Status.APPROVED or locked),
    }
    context = {
        "form": form,
        "unit": unit,
        "period": period,
        "submission": submission,
        "shown": shown,
        "status": status_row(form, period, submission, today),
        "locked": locked,
        "editable": editable,
        "may_enter": may_enter,
        "may_approve": may_approve,
        "approver": approver,
        "actions": actions,
        "any_action": any(actions.values()),
        "not_started": period.start > today,
        "unit_open": unit_open,
        "tab": tab,
        "grid": grid,
        "has_bound": has_bound,
        "violations": figures.panel() if shown else [],
        "gaps": gaps if shown else [],
        "events": events,
        "returned_by": events[-1]
        if events and submission.status == Submission.Status.RETURNED and events[-1].comment
        else None,
        "outline": _narrative_outline(submission, form.required_narrative or []),
        "narrative_editable": editable,
        "entry_url": _entry_url(form, unit, period),
        "previous_period": period.previous() if unit.is_open_on(period.previous().end) else None,
        "crumbs": crumbs(
            (form.name, reverse("reporting:completeness", args=[form.pk]) + f"?period={period.code}"),
            (f"{unit.name} · {period.label}", None),
        ),
    }
    return render(request, "reporting/entry/grid.html", context)


def _submission_or_404(form: Form, unit: OrgUnit, period: Period) -> Submission:
    submission = _existing_submission(form, unit, period)
    if submission is None:
        raise Http404
    return submission


def _stored(value: Value | None) -> tuple[float | None, str]:
    return (value.number, value.text) if value is not None else (None, "")


def _cell_of(form_id: int, indicator_id: int, category: str, token: int | None = None):
    """The form's definition and the indicator of a cell URL with the label of its category: 404 when the form
    has no such cell to enter."""
    definition = selectors.form_definition(form_id, token)
    indicator = next((i for i in definition.indicators if i.pk == indicator_id and not i.expression), None)
    if indicator is None:
        raise Http404
    labels = dict(selectors.category_keys(indicator))
    if category not in labels:
        raise Http404
    return definition, indicator, labels[category]


@login_required
@require_POST
def entry_cell(request, form_id, unit_id, period, indicator_id):
    """htmx: saves one cell as the user leaves it and answers with the cell re-rendered in its new state, plus the
    row total, the computed indicators and the rules panel out of band. The user's report is read once, by the
    save's lock (`services.save_value`, which reads the form's definition with the version it read); the page's own
    checks run only when the save did not take place."""
    user = request.user
    try:
        period = Period.parse(period)
    except ValueError:
        raise Http404 from None
    data = CellForm(request.POST)
    data.is_valid()
    category = data.cleaned_data.get("category", "")
    raw, reason = data.cleaned_data.get("value", ""), data.cleaned_data.get("reason", "")
    # The figure the grid showed when the user started typing: a save over someone else's change is refused.
    started_from = {"expected": request.POST["expected"]} if "expected" in request.POST else {}
    # The report of this URL that the user may enter, read (and locked) by the save itself.
    reports = Submission.objects.filter(
        role_q(user, Role.EDITOR, "unit_path"), form_id=form_id, unit_id=unit_id, period=period.code
    )
    status, errors, denied = 200, [], False

    def target():
        """The page's own checks (404 out of the user's scope, or no such cell) and the report as it stands."""
        form, unit, checked = report_target(user, form_id, unit_id, period.code)
        definition, indicator, _label = _cell_of(form.pk, indicator_id, category)
        return form, unit, _existing_submission(form, unit, checked), definition, indicator

    try:
        try:
            result = services.save_value(user, reports, indicator_id, category, raw, reason, **started_from)
        except Submission.DoesNotExist:
            # Not started yet (this figure starts it), or not the user's to enter (refused below).
            form, unit, submission, definition, indicator = target()
            if submission is None and services.report_problem(form, unit, period):
                raise Http404 from None  # no report of this unit and period can come into being
            result = services.save_first_value(
                user, form, unit, period.code, indicator, category, raw, reason, **started_from
            )
    except services.Conflict as error:
        errors, status = error.messages, 409
    except ValidationError as error:
        errors = [m for ms in messages_of(error).values() for m in ms]
    except NotAllowed as refused:
        errors, status, denied = [refused.message], 403, True
    if errors:
        # A refused save leaves the report as it was (or not started): its figures are read to draw the cell.
        form, unit, submission, definition, indicator = target()
        if submission is not None:
            values = selectors.values_of(submission)
        else:
            values = services.system_preview(definition.indicators, unit, period)
        figures = services.report_figures(form, definition.indicators, values, definition.rules)
        value = figures.values.get((indicator.pk, category))
        codes = [code for _label, code in comparisons(period)]
        found = selectors.lineage_figures(selectors.unit_lineage(unit), codes)
        history = {
            code: found[(code, indicator.pk, category)]
            for code in codes
            if (code, indicator.pk, category) in found
        }
    else:
        # The save's own evaluation: nothing is read again.
        submission, indicator, definition = result.report, result.indicator, result.definition
        form, unit, figures, value = submission.form, submission.unit, result.figures, result.value
        history = result.history
    cell = GridCell(
        indicator=indicator,
        category=category,
        label=dict(selectors.category_keys(indicator))[category],
        value=value,
        shown=raw,
        dom_id=cell_dom_id(indicator, category),
        editable=not denied,
        reason=reason,
        errors=errors,
        earlier=earlier_figures(indicator, history, comparisons(period)),
    )
    if status == 409:
        # The cell comes back holding the current figure, the message saying who changed it: type again to save.
        number, text = _stored(value)
        if indicator.value_type == ValueType.BOOLEAN:
            cell.shown = "" if number is None else ("1" if number else "0")
        else:
            cell.shown = display.figure(indicator, number, text)
    elif errors and not denied:
        cell.needs_reason = bool(indicator.source)
    elif not errors:
        cell.shown, cell.saved = result.shown, True
        cell.rule_errors, cell.warnings = result.errors, result.warnings
        cell.reason = value.reason if value else ""
    update = cell_update(definition.sections, figures.values, figures.computed, indicator)
    placed = update.cell(category)
    cell.row, cell.column, cell.required = placed.row, placed.column, placed.required
    context = {
        "cell": cell,
        # The report's status beside its title: the first figure saved turns *Chưa nhập* into *Đang nhập*.
        "submission": submission,
        "form": form,
        "unit": unit,
        "period": period,
        "row_total": update.row.total if category else None,
        "row_indicator": indicator,
        "computed_rows": update.computed_rows,
        "violations": figures.panel(),
        "gaps": _gaps(form, unit, period, definition.sections, figures.values, submission),
        "oob": True,
    }
    return render(request, "reporting/entry/_cell_response.html", context, status=status)


@login_required
def entry_cell_history(request, form_id, unit_id, period, indicator_id):
    user = request.user
    form, unit, period = report_target(user, form_id, unit_id, period)
    indicator = next(
        (i for i in selectors.form_indicators(form) if i.pk == indicator_id and not i.expression), None
    )
    if indicator is None:
        raise Http404
    category = request.GET.get("category", "")
    labels = dict(selectors.category_keys(indicator))
    if category not in labels:
        raise Http404
    return _history_dialog(request, form, unit, period, indicator, category, labels[category])


def _history_dialog(request, form, unit, period, indicator, category, label, errors=(), status=200):
    """The history dialog of a cell: its changes and its notes, with the box to add one."""
    user = request.user
    context = {
        "form": form,
        "indicator": indicator,
        "category": category,
        "label": label,
        "period": period,
        "unit": unit,
        "history": selectors.cell_history(unit, period.code, indicator, category),
        "comments": selectors.cell_comments(unit, period.code, indicator, category),
        "may_comment": services.can_enter(user, unit) or services.can_approve(user, unit),
        "errors": errors,
    }
    return render(request, "reporting/entry/_cell_history.html", context, status=status)


@login_required
@require_POST
def entry_cell_comment(request, form_id, unit_id, period, indicator_id):
    """htmx: adds a note to a cell and answers with its history dialog again."""
    user = request.user
    form, unit, period = report_target(user, form_id, unit_id, period)
    category = request.POST.get("category", "")
    _definition, indicator, label = _cell_of(form.pk, indicator_id, category)
    errors, status = [], 200
    try:
        services.comment_cell(user, unit, period.code, indicator, category, request.POST.get("text", ""))
    except ValidationError as error:
        errors, status = [m for ms in messages_of(error).values() for m in ms], 422
    except NotAllowed as denied:
        errors, status = [denied.message], 403
    if not request.htmx:
        for message in errors:
            messages.error(request, message)
        return redirect(_entry_url(form, unit, period))
    return _history_dialog(request, form, unit, period, indicator, category, label, errors, status)


@login_required
@require_POST
def entry_refresh(request, form_id, unit_id, period):
    """Fills the bound cells again from the system's figures (overridden ones keep theirs)."""
    user = request.user
    form, unit, period = report_target(user, form_id, unit_id, period)
    submission = _submission_or_404(form, unit, period)
    if not services.can_enter(user, unit):
        messages.error(request, _("Bạn không có quyền nhập báo cáo của %(unit)s.") % {"unit": unit.name})
    elif locked := services.lock_reason(submission):
        messages.error(request, locked)
    else:
        changed = services.fill_from_system(user, submission)
        if changed:
            messages.success(request, _("Đã cập nhật %(n)s ô từ số liệu của hệ thống.") % {"n": changed})
        else:
            messages.info(request, _("Số liệu hệ thống không thay đổi so với báo cáo."))
    return redirect(_entry_url(form, unit, period))


@login_required
@require_POST
def entry_narrative(request, form_id, unit_id, period):
    """Saves the report's texts: every box at once (the Save button, or htmx when a box is left)."""
    user = request.user
    form, unit, period = report_target(user, form_id, unit_id, period)
    texts = {key: request.POST.get(f"n-{key}", "") for key in NARRATIVE_KEYS if f"n-{key}" in request.POST}
    errors: dict[str, list[str]] = {}
    try:
        services.save_first_narrative(user, form, unit, period.code, texts)
    except ValidationError as error:
        headings = {key: str(heading) for key, heading, _depth in NARRATIVE_OUTLINE}
        errors = {headings.get(key, ""): found for key, found in messages_of(error).items()}
    except NotAllowed as denied:
        errors = {"": [denied.message]}
    if request.htmx:
        return render(
            request,
            "reporting/entry/_narrative_status.html",
            {"errors": errors, "saved_at": timezone.localtime()},
            status=200 if not errors else 422,
        )
    if errors:
        for message in (m for ms in errors.values() for m in ms):
            messages.error(request, message)
    else:
        messages.success(request, _("Đã lưu phần báo cáo bằng lời."))
    return redirect(_entry_url(form, unit, period, "narrative"))


TRANSITION_DONE = {
    "submit": gettext_lazy("Đã nộp báo cáo. Cấp trên sẽ xem và duyệt."),
    "approve": gettext_lazy("Đã duyệt báo cáo."),
    "return": gettext_lazy("Đã trả lại báo cáo để đơn vị sửa."),
    "reopen": gettext_lazy("Đã mở lại báo cáo để đơn vị sửa."),
}


@login_required
@require_POST
def entry_transition(request, form_id, unit_id, period):
    """Submit (the unit's editor), approve, return or reopen (an approver of the parent unit)."""
    user = request.user
    form, unit, period = report_target(user, form_id, unit_id, period)
    submission = _existing_submission(form, unit, period)
    if submission is None:
        if services.can_enter(user, unit) and request.POST.get("action") == "submit":
            messages.error(request, _("Chưa nộp được: đơn vị chưa nhập số liệu nào vào báo cáo này."))
            return redirect(_entry_url(form, unit, period))
        raise Http404
    data = TransitionForm(request.POST)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    if not data.is_valid():
        messages.error(request, _("Thao tác không hợp lệ."))
        return redirect(target or _entry_url(form, unit, period, "workflow"))
    action, comment = data.cleaned_data["action"], data.cleaned_data["comment"]
    try:
        services.transition(user, submission, action, comment=comment)
    except services.Incomplete as refused:
        # One line: the grid below marks each empty compulsory cell and each broken rule, and lists them once.
        messages.error(request, refused.summary)
    except ValidationError as error:
        for message in (m for ms in messages_of(error).values() for m in ms):
            messages.error(request, message)
    except NotAllowed as denied:
        messages.error(request, denied.message)
    else:
        messages.success(request, f"{unit.name}: {TRANSITION_DONE[action]}")
    return redirect(target or _entry_url(form, unit, period, "" if action == "submit" else "workflow"))
