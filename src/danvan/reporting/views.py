"""Pages of periodic reporting. Thin: forms parse, services write, selectors read."""

# --- entry: home, data entry grid, workflow, completeness ---
import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from danvan.accounts.scope import Role, can_view_path, has_role_on, visible_q
from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import get_unit_for
from danvan.orgunits.tree import subtree_q

from . import expressions, selectors, services
from . import forms as reporting_forms
from .models import NARRATIVE_KEYS, NARRATIVE_OUTLINE, Form, Indicator, Submission, Value, ValueType
from .periods import Period, PeriodType

RECENT_PERIODS = 4
COMPLETENESS_PAGE_SIZE = 100
COMPLETENESS_SHOWS = ("all", "submitted", "on_time", "late", "missing", "approved", "waiting")


def _home_url() -> str:
    return reverse("reporting:home")


def _entry_crumbs(user, *tail) -> list[tuple[str, str | None]]:
    return [(_("Báo cáo"), _home_url()), *tail]


def recent_periods(period_type: str, today: datetime.date, count: int = RECENT_PERIODS) -> list[Period]:
    """The period of the type running today (or the last one begun) and the ones before it, newest first."""
    kind = PeriodType(period_type)
    latest = Period.containing(kind, today) or max(
        p for p in Period.of_type(kind, today.year) if p.start <= today
    )
    periods = [latest]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods


def last_ended_period(period_type: str, today: datetime.date) -> Period:
    """The most recent period of the type that has ended: the one whose reports are due."""
    period = recent_periods(period_type, today, 1)[0]
    return period if period.end < today else period.previous()


def _parent_path(unit: OrgUnit) -> str:
    parts = [part for part in unit.path.strip("/").split("/") if part]
    return "/" + "/".join(parts[:-1]) + "/" if len(parts) > 1 else ""


def _can_approve_unit(user, unit: OrgUnit) -> bool:
    """services.can_approve without reading the parent row: its path is the unit's path without the last step."""
    if user.is_superuser and user.is_active:
        return True
    parent = _parent_path(unit)
    return bool(parent) and has_role_on(user, Role.APPROVER, parent)


def _status_row(form: Form, period: Period, submission: Submission | None, today: datetime.date) -> dict:
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


# --- entry: the reporting home --------------------------------------------------------------------------------------


def _unit_reports(user, unit: OrgUnit, today: datetime.date) -> list[dict]:
    """The forms the unit reports, each with its recent periods and the unit's report for each."""
    forms = selectors.forms_for_unit(unit)
    rows = []
    periods_of = {}
    for form in forms:
        periods_of[form.pk] = [
            p for p in recent_periods(form.period_type, today) if p.end >= today or unit.is_open_on(p.end)
        ]
    codes = {p.code for periods in periods_of.values() for p in periods}
    submissions = {
        (s.form_id, s.period): s
        for s in Submission.objects.filter(unit=unit, form__in=forms, period__in=codes)
    }
    for form in forms:
        rows.append(
            {
                "form": form,
                "periods": [
                    _status_row(form, period, submissions.get((form.pk, period.code)), today)
                    for period in periods_of[form.pk]
                ],
            }
        )
    return rows


def _completeness_root(user, form: Form, unit: OrgUnit | None) -> OrgUnit:
    """The subtree a user follows a form in: their unit when it lies within the form's owner, else the owner."""
    if unit is not None and unit.path.startswith(form.owner.path):
        return unit
    return form.owner


def _followed_forms(user, unit: OrgUnit | None, today: datetime.date) -> list[dict]:
    """Forms reported by units below the user's unit, each with completeness figures for its recent periods."""
    found = []
    forms = selectors.forms_visible_to(user).filter(is_active=True).select_related("owner").order_by("name")
    for form in forms[:20]:
        root = _completeness_root(user, form, unit)
        below = OrgUnit.objects.filter(subtree_q(root.path), kind__in=form.reporting_kinds or [])
        if not below.exclude(kind=root.kind).exists():
            continue  # nothing reports to this unit (a commune following its own form)
        periods = []
        for period in recent_periods(form.period_type, today):
            figures = selectors.completeness(form, period, root=root)
            # Units below the root, not the root and the same-kind units it was formed from.
            expected = [u for u in figures.expected if u.kind != root.kind]
            if not expected:
                continue
            periods.append(
                {
                    "period": period,
                    "figures": figures,
                    "rate": figures.rate(figures.submitted),
                    "due": today > figures.deadline,
                    "waiting": sum(
                        1 for _u, s in figures.submitted if s.status == Submission.Status.SUBMITTED
                    ),
                }
            )
        if periods:
            found.append({"form": form, "root": root, "periods": periods})
    return found


@login_required
def home(request):
    user, unit = request.user, getattr(request, "current_unit", None)
    today = timezone.localdate()
    context = {
        "section": "reporting",
        "unit": unit,
        "today": today,
        "own_reports": _unit_reports(user, unit, today) if unit is not None else [],
        "can_enter": unit is not None and services.can_enter(user, unit),
        "followed": _followed_forms(user, unit, today),
        "crumbs": [(_("Báo cáo"), None)],
        "tab": "unit",
    }
    return render(request, "reporting/entry/home.html", context)


# --- entry: the data entry grid -------------------------------------------------------------------------------------


def _entry_target(user, form_id, unit_id, period_code) -> tuple[Form, OrgUnit, Period]:
    """The form, unit and period of a grid URL: 404 when out of the user's scope or not a report of the form."""
    form = selectors.get_form_for(user, form_id)
    unit = get_unit_for(user, unit_id)
    try:
        period = Period.parse(period_code)
    except ValueError:
        raise Http404 from None
    if period.type != form.period_type or unit.kind not in (form.reporting_kinds or []):
        raise Http404
    return form, unit, period


def _entry_url(form: Form, unit: OrgUnit, period: Period | str, tab: str = "") -> str:
    url = reverse("reporting:entry", args=[form.pk, unit.pk, str(period)])
    return f"{url}?tab={tab}" if tab else url


def _existing_submission(form: Form, unit: OrgUnit, period: Period) -> Submission | None:
    submission = Submission.objects.filter(form=form, unit=unit, period=period.code).first()
    if submission is not None:
        submission.form, submission.unit = form, unit
    return submission


def cell_dom_id(indicator: Indicator, category: str) -> str:
    return f"c{indicator.pk}" + (f"-{category.replace(',', '--')}" if category else "")


@dataclass
class GridCell:
    indicator: Indicator
    category: str
    label: str
    value: Value | None
    shown: str
    dom_id: str
    editable: bool
    row: int = 0
    column: int = 0
    saved: bool = False
    errors: list[str] = field(default_factory=list)
    rule_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reason: str = ""
    needs_reason: bool = False

    @property
    def aria_label(self) -> str:
        return f"{self.indicator.name} – {self.label}" if self.label else self.indicator.name

    @property
    def original(self) -> str:
        """The stored figure as typed (the grid's script compares it to tell an edit of a system figure)."""
        return services.display(self.indicator, self.value.number, self.value.text) if self.value else ""

    @property
    def choice(self) -> str:
        if self.errors:
            return self.shown if self.shown in ("0", "1") else ""
        if self.value is None or self.value.number is None:
            return ""
        return "1" if self.value.number else "0"

    @property
    def origin(self) -> str:
        return self.value.origin if self.value is not None else ""

    @property
    def bound(self) -> bool:
        return bool(self.indicator.source)

    @property
    def show_reason(self) -> bool:
        return self.bound and (
            self.needs_reason or self.origin == Value.Origin.OVERRIDDEN or bool(self.reason)
        )

    @property
    def described_by(self) -> str:
        ids = []
        if self.errors or self.rule_errors:
            ids.append(f"e-{self.dom_id}")
        if self.warnings:
            ids.append(f"w-{self.dom_id}")
        if self.bound:
            ids.append(f"s-{self.dom_id}")
        return " ".join(ids)


@dataclass
class GridRow:
    indicator: Indicator
    cells: list[GridCell]
    total: str = ""
    computed: str = ""


@dataclass
class GridBlock:
    columns: list[str]
    categorised: bool
    rows: list[GridRow] = field(default_factory=list)


def _numbers_by_code(values: dict, indicators: list[Indicator]) -> dict[tuple[str, str], float]:
    code_of = {indicator.pk: indicator.code for indicator in indicators}
    return {
        (code_of[indicator_id], category): value.number
        for (indicator_id, category), value in values.items()
        if indicator_id in code_of and value.number is not None
    }


def computed_figures(
    indicators: list[Indicator], numbers: dict[tuple[str, str], float]
) -> dict[str, float | None]:
    """{code: value} of the computed indicators from the unit's own figures (as the rules see them)."""
    formulas = {i.code: i.expression for i in indicators if i.expression}
    cache: dict = {}

    def lookup(reference: expressions.Reference):
        if reference in cache:
            return cache[reference]
        cache[reference] = None
        if not reference.option and reference.code in formulas:
            result = expressions.evaluate(formulas[reference.code], lookup)
        else:
            found = [
                number
                for (code, category), number in numbers.items()
                if code == reference.code
                and (not reference.option or reference.option in category.split(","))
            ]
            result = sum(found) if found else None
        cache[reference] = result
        return result

    return {code: lookup(expressions.Reference(code)) for code in formulas}


def _display_computed(indicator: Indicator, number: float | None) -> str:
    # Rates to one decimal, as the aggregation page and the report document show them.
    digits = 1 if indicator.value_type == ValueType.PERCENTAGE else 2
    return "" if number is None else services.display(indicator, round(number, digits))


def _row_total(indicator: Indicator, cells: list[GridCell]) -> str:
    figure = selectors.Cell()
    for cell in cells:
        if cell.value is not None and cell.value.number is not None:
            number = cell.value.number
            figure.add(number, 1, number, number)
    total = figure.value(indicator.aggregation if indicator.aggregation != "none" else "sum")
    return "" if total is None else services.display(indicator, total)


def build_grid(sections, values: dict, editable: bool) -> tuple[list[dict], dict[str, GridRow]]:
    """The grid: each section as blocks of consecutive indicators sharing their categories (one header row of
    category options each), every cell with its stored value. Also {code: row} for the partial updates."""
    indicators = [item.indicator for section in sections for item in section.items.all()]
    computed = computed_figures(indicators, _numbers_by_code(values, indicators))
    result, rows_by_code = [], {}
    row_number = 0
    for section in sections:
        blocks: list[GridBlock] = []
        previous_key = None
        for item in section.items.all():
            indicator = item.indicator
            keys = selectors.category_keys(indicator)
            key = tuple(category.pk for category in indicator.categories.all())
            if not blocks or key != previous_key:
                categorised = bool(key)
                blocks.append(
                    GridBlock(
                        columns=[label for _k, label in keys] if categorised else [], categorised=categorised
                    )
                )
                previous_key = key
            row_number += 1
            cells = []
            if not indicator.expression:
                for column, (category, label) in enumerate(keys):
                    value = values.get((indicator.pk, category))
                    cells.append(
                        GridCell(
                            indicator=indicator,
                            category=category,
                            label=label,
                            value=value,
                            shown=services.display(indicator, value.number, value.text) if value else "",
                            dom_id=cell_dom_id(indicator, category),
                            editable=editable,
                            row=row_number,
                            column=column,
                            reason=value.reason if value else "",
                        )
                    )
            row = GridRow(indicator=indicator, cells=cells)
            if indicator.expression:
                row.computed = _display_computed(indicator, computed.get(indicator.code))
            elif key and indicator.value_type != ValueType.TEXT:
                row.total = _row_total(indicator, cells)
            blocks[-1].rows.append(row)
            rows_by_code[indicator.code] = row
        result.append({"section": section, "blocks": blocks})
    return result, rows_by_code


def _narrative_outline(submission: Submission | None, posted: dict | None = None) -> list[dict]:
    texts = dict(submission.narrative or {}) if submission else {}
    texts.update(posted or {})
    return [
        {
            "key": key,
            "heading": heading,
            "depth": depth,
            "editable": key in NARRATIVE_KEYS,
            "text": texts.get(key, ""),
        }
        for key, heading, depth in NARRATIVE_OUTLINE
    ]


def _violations(submission: Submission | None) -> list:
    if submission is None:
        return []
    return sorted(services.check_rules(submission), key=lambda v: not v.blocking)


@login_required
def entry(request, form_id, unit_id, period):
    user = request.user
    form, unit, period = _entry_target(user, form_id, unit_id, period)
    today = timezone.localdate()
    may_enter = services.can_enter(user, unit)
    submission = _existing_submission(form, unit, period)
    unit_open = unit.is_open_on(period.end)
    if submission is None and may_enter and period.start <= today and unit_open:
        try:
            submission = services.open_submission(user, form, unit, period.code)
        except ValidationError:
            raise Http404 from None
        submission.form, submission.unit = form, unit
    locked = services.lock_reason(submission, today) if submission else ""
    editable = bool(submission) and may_enter and not locked
    tab = request.GET.get("tab", "data")
    tabs = ["data", *(["narrative"] if form.has_narrative else []), "workflow"]
    tab = tab if tab in tabs else "data"
    sections = selectors.form_structure(form)
    grid, _rows = build_grid(sections, selectors.values_of(submission) if submission else {}, editable)
    has_bound = any(item.indicator.source for section in sections for item in section.items.all())
    may_approve = submission is not None and services.can_approve(user, unit)
    events = list(selectors.submission_events(submission)) if submission else []
    status_value = submission.status if submission else ""
    actions = {
        "refresh": editable and has_bound,
        "submit": may_enter
        and not locked
        and status_value in (Submission.Status.DRAFT, Submission.Status.RETURNED),
        "approve": may_approve and status_value == Submission.Status.SUBMITTED,
        "reopen": may_approve
        and status_value != Submission.Status.SUBMITTED
        and bool(status_value == Submission.Status.APPROVED or locked),
    }
    context = {
        "section": "reporting",
        "form": form,
        "unit": unit,
        "period": period,
        "submission": submission,
        "status": _status_row(form, period, submission, today),
        "locked": locked,
        "editable": editable,
        "may_enter": may_enter,
        "may_approve": may_approve,
        "actions": actions,
        "any_action": any(actions.values()),
        "not_started": period.start > today,
        "unit_open": unit_open,
        "tab": tab,
        "grid": grid,
        "has_bound": has_bound,
        "violations": _violations(submission),
        "events": events,
        "returned_by": events[-1]
        if events and submission.status == Submission.Status.RETURNED and events[-1].comment
        else None,
        "outline": _narrative_outline(submission),
        "narrative_editable": editable,
        "entry_url": _entry_url(form, unit, period),
        "previous_period": period.previous() if unit.is_open_on(period.previous().end) else None,
        "crumbs": _entry_crumbs(
            user,
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


@login_required
@require_POST
def entry_cell(request, form_id, unit_id, period, indicator_id):
    """htmx: saves one cell as the user leaves it and answers with the cell re-rendered in its new state, plus the
    row total, the computed indicators and the rules panel out of band."""
    user = request.user
    form, unit, period = _entry_target(user, form_id, unit_id, period)
    submission = _submission_or_404(form, unit, period)
    sections = selectors.form_structure(form)
    indicators = [item.indicator for section in sections for item in section.items.all()]
    indicator = next((i for i in indicators if i.pk == indicator_id and not i.expression), None)
    if indicator is None:
        raise Http404
    data = reporting_forms.CellForm(request.POST)
    data.is_valid()
    category = data.cleaned_data.get("category", "")
    labels = dict(selectors.category_keys(indicator))
    if category not in labels:
        raise Http404
    raw, reason = data.cleaned_data.get("value", ""), data.cleaned_data.get("reason", "")
    status = 200
    cell = GridCell(
        indicator=indicator,
        category=category,
        label=labels[category],
        value=None,
        shown=raw,
        dom_id=cell_dom_id(indicator, category),
        editable=True,
        reason=reason,
    )
    # The figure the grid showed when the user started typing: a save over someone else's change is refused.
    started_from = {"expected": request.POST["expected"]} if "expected" in request.POST else {}
    try:
        result = services.save_value(user, submission, indicator, category, raw, reason, **started_from)
    except services.Conflict as error:
        # The cell comes back holding the current figure, the message saying who changed it: type again to save.
        cell.errors, status = error.messages, 409
        cell.value = Value.objects.filter(
            unit=unit, period=period.code, indicator=indicator, category=category
        ).first()
        number, text = _stored(cell.value)
        if indicator.value_type == ValueType.BOOLEAN:
            cell.shown = "" if number is None else ("1" if number else "0")
        else:
            cell.shown = services.display(indicator, number, text)
    except ValidationError as error:
        cell.errors = [m for ms in messages_of(error).values() for m in ms]
        cell.needs_reason = bool(indicator.source)
        cell.value = Value.objects.filter(
            unit=unit, period=period.code, indicator=indicator, category=category
        ).first()
    except NotAllowed as denied:
        cell.errors, cell.editable, status = [denied.message], False, 403
    else:
        cell.value, cell.shown, cell.saved = result.value, result.shown, True
        cell.rule_errors, cell.warnings = result.errors, result.warnings
        cell.reason = result.value.reason if result.value else ""
    _grid, rows = build_grid(sections, selectors.values_of(submission), True)
    row = rows[indicator.code]
    placed = next(c for c in row.cells if c.category == category)
    cell.row, cell.column = placed.row, placed.column
    context = {
        "cell": cell,
        "form": form,
        "unit": unit,
        "period": period,
        "row_total": row.total if category else None,
        "row_indicator": indicator,
        "computed_rows": [r for r in rows.values() if r.indicator.expression],
        "violations": _violations(submission),
        "oob": True,
    }
    return render(request, "reporting/entry/_cell_response.html", context, status=status)


@login_required
def entry_cell_history(request, form_id, unit_id, period, indicator_id):
    user = request.user
    form, unit, period = _entry_target(user, form_id, unit_id, period)
    indicator = next(
        (i for i in selectors.form_indicators(form) if i.pk == indicator_id and not i.expression), None
    )
    if indicator is None:
        raise Http404
    category = request.GET.get("category", "")
    labels = dict(selectors.category_keys(indicator))
    if category not in labels:
        raise Http404
    context = {
        "indicator": indicator,
        "label": labels[category],
        "period": period,
        "unit": unit,
        "history": selectors.cell_history(unit, period.code, indicator, category),
    }
    return render(request, "reporting/entry/_cell_history.html", context)


@login_required
@require_POST
def entry_refresh(request, form_id, unit_id, period):
    """Fills the bound cells again from the system's figures (overridden ones keep theirs)."""
    user = request.user
    form, unit, period = _entry_target(user, form_id, unit_id, period)
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
    form, unit, period = _entry_target(user, form_id, unit_id, period)
    submission = _submission_or_404(form, unit, period)
    texts = {key: request.POST.get(f"n-{key}", "") for key in NARRATIVE_KEYS if f"n-{key}" in request.POST}
    errors: dict[str, list[str]] = {}
    try:
        services.save_narrative(user, submission, texts)
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
    form, unit, period = _entry_target(user, form_id, unit_id, period)
    submission = _submission_or_404(form, unit, period)
    data = reporting_forms.TransitionForm(request.POST)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    if not data.is_valid():
        messages.error(request, _("Thao tác không hợp lệ."))
        return redirect(target or _entry_url(form, unit, period, "workflow"))
    action, comment = data.cleaned_data["action"], data.cleaned_data["comment"]
    try:
        if action == "submit":
            services.submit(user, submission)
        elif action == "approve":
            services.approve(user, submission, comment)
        elif action == "return":
            services.return_submission(user, submission, comment)
        else:
            services.reopen(user, submission, comment)
    except ValidationError as error:
        for message in (m for ms in messages_of(error).values() for m in ms):
            messages.error(request, message)
    except NotAllowed as denied:
        messages.error(request, denied.message)
    else:
        messages.success(request, f"{unit.name}: {TRANSITION_DONE[action]}")
    return redirect(target or _entry_url(form, unit, period, "" if action == "submit" else "workflow"))


# --- entry: completeness and timeliness ------------------------------------------------------------------------------


@login_required
def completeness(request, form_id):
    user = request.user
    form = selectors.get_form_for(user, form_id)
    today = timezone.localdate()
    raw_unit = request.GET.get("unit", "")
    if raw_unit.isdigit():
        root = get_unit_for(user, raw_unit)
    else:
        root = _completeness_root(user, form, getattr(request, "current_unit", None))
        if not can_view_path(user, root.path):
            root = getattr(request, "current_unit", None) or root
    raw_period = request.GET.get("period", "")
    period = last_ended_period(form.period_type, today)
    if raw_period:
        try:
            chosen = Period.parse(raw_period)
        except ValueError as error:
            messages.warning(request, str(error))
        else:
            if chosen.type == form.period_type:
                period = chosen
            else:
                messages.warning(
                    request,
                    _("Biểu mẫu này báo cáo theo kỳ %(type)s: đang hiển thị %(period)s.")
                    % {"type": PeriodType(form.period_type).label.lower(), "period": period.label},
                )
    figures = selectors.completeness(form, period, root=root)
    lists = {
        "all": None,
        "submitted": figures.submitted,
        "on_time": figures.on_time,
        "late": figures.late,
        "missing": figures.missing,
        "approved": [(u, s) for u, s in figures.submitted if s.status == Submission.Status.APPROVED],
        "waiting": [(u, s) for u, s in figures.submitted if s.status == Submission.Status.SUBMITTED],
    }
    by_unit = {u.pk: s for u, s in figures.submitted + figures.missing}
    lists["all"] = [(u, by_unit.get(u.pk)) for u in figures.expected]
    show = request.GET.get("show", "all")
    show = show if show in COMPLETENESS_SHOWS else "all"
    # The counts cover every unit; the names only those in the user's scope (a commune sees its own line).
    listed = [(u, s) for u, s in lists[show] if can_view_path(user, u.path)]
    page = Paginator(listed, COMPLETENESS_PAGE_SIZE).get_page(request.GET.get("page"))
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
        card("missing", _("Chưa nộp"), len(figures.missing), "exclamation-circle"),
        card("approved", _("Đã duyệt"), figures.approved, "patch-check"),
        card("waiting", _("Chờ duyệt"), len(lists["waiting"]), "inbox"),
    ]
    periods = [p for p in recent_periods(form.period_type, today, 8)]
    if period not in periods:
        periods.append(period)
    context = {
        "section": "reporting",
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
        "crumbs": _entry_crumbs(user, (form.name, None), (_("Tiến độ nộp báo cáo"), None)),
    }
    return render(request, "reporting/entry/completeness.html", context)


# --- definitions: indicators, forms, sections, rules ---
# The names the entry section imports above (messages, login_required, Paginator, redirect, render, reverse, timezone,
# _, require_POST, NotAllowed, ValidationError, messages_of, Role, OrgUnit, expressions, selectors, services, Form,
# Indicator, NARRATIVE_OUTLINE, Period, PeriodType, datetime) are used here as they are; these are the others.
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.shortcuts import get_object_or_404  # noqa: E402

from danvan.accounts.scope import role_paths  # noqa: E402
from danvan.core.changelog import history_for  # noqa: E402
from danvan.core.models import ChangeLog  # noqa: E402
from danvan.core.text import vietnamese_sorted  # noqa: E402

from . import forms as definition_forms  # noqa: E402
from .filters import FormFilter, IndicatorFilter  # noqa: E402
from .models import Category, Section, SectionIndicator, ValidationRule  # noqa: E402
from .periods import PERIOD_TYPE_LABELS  # noqa: E402

DEFINITION_PAGE_SIZE = 50
FORM_TABS = ("sections", "rules", "narrative", "units", "history")
EXPECTED_UNITS_SHOWN = 50


def _add_definition_errors(form, error: ValidationError) -> None:
    """Puts a service's Vietnamese messages next to the fields they name, the rest above the form."""
    for name, errors in messages_of(error).items():
        for message in errors:
            form.add_error(name if name in form.fields else None, message)


def _definition_crumbs(*tail) -> list[tuple[str, str | None]]:
    return [(_("Báo cáo"), reverse("reporting:home")), *tail]


def _can_create_definitions(user) -> bool:
    return user.is_superuser or bool(role_paths(user, Role.ADMIN))


def _require_define(user, owner) -> None:
    if not services.can_define(user, owner):
        raise NotAllowed(
            _("Chỉ quản trị của %(unit)s mới sửa được.") % {"unit": owner.name}
            if owner is not None
            else _("Chỉ quản trị hệ thống mới sửa được chỉ tiêu dùng chung toàn quốc.")
        )


def _kind_labels(kinds) -> list[str]:
    labels = dict(OrgUnit.Kind.choices)
    return [str(labels.get(kind, kind)) for kind in kinds or []]


def _period_type_label(code: str) -> str:
    try:
        return str(PERIOD_TYPE_LABELS[PeriodType(code)])
    except ValueError:
        return code


def current_period(form: Form, today: datetime.date | None = None) -> Period:
    """The period units are reporting now: the last one while its deadline has not passed, else the present one."""
    today = today or timezone.localdate()
    kind = PeriodType(form.period_type)
    period = Period.containing(kind, today) or Period.of_type(kind, today.year)[-1]
    earlier = period.previous()
    return earlier if today <= earlier.deadline(form.deadline_days) else period


# --- indicators ---


@login_required
def indicator_list(request):
    user = request.user
    base = (
        selectors.indicators_visible_to(user)
        .select_related("owner")
        .prefetch_related("categories")
        .annotate(form_count=Count("sections__form", distinct=True))
        .order_by("code")
    )
    filterset = IndicatorFilter(request.GET, queryset=base)
    indicators = filterset.qs if filterset.is_valid() else Indicator.objects.none()
    page = Paginator(indicators, DEFINITION_PAGE_SIZE).get_page(request.GET.get("page"))
    for indicator in page.object_list:
        indicator.can_edit = services.can_define(user, indicator.owner)
    context = {
        "section": "reporting",
        "filter": filterset,
        "page_obj": page,
        "can_create": _can_create_definitions(user),
        "crumbs": _definition_crumbs((_("Chỉ tiêu"), None)),
    }
    return render(request, "reporting/definitions/indicator_list.html", context)


def _indicator_codes(user, exclude: Indicator | None = None) -> list[Indicator]:
    """The codes a formula may use (the help list next to the expression field)."""
    indicators = selectors.indicators_visible_to(user).only("code", "name", "value_type", "expression")
    if exclude is not None:
        indicators = indicators.exclude(pk=exclude.pk)
    return list(indicators.order_by("code"))


def _indicator_form_view(request, indicator: Indicator | None):
    user = request.user
    current = getattr(request, "current_unit", None)
    form = definition_forms.IndicatorForm(
        request.POST or None, user=user, instance=indicator, current=current
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_indicator(
                user, indicator, categories=form.cleaned_data["categories"], **form.service_data()
            )
        except ValidationError as error:
            _add_definition_errors(form, error)
        except NotAllowed as denied:
            form.add_error("owner", denied.message)
        else:
            messages.success(request, _("Đã lưu chỉ tiêu “%(name)s”.") % {"name": saved.name})
            return redirect("reporting:indicator_detail", saved.pk)
    title = _("Sửa chỉ tiêu") if indicator else _("Thêm chỉ tiêu")
    list_crumb = (_("Chỉ tiêu"), reverse("reporting:indicators"))
    crumbs = (
        _definition_crumbs(
            list_crumb,
            (indicator.code, reverse("reporting:indicator_detail", args=[indicator.pk])),
            (title, None),
        )
        if indicator
        else _definition_crumbs(list_crumb, (title, None))
    )
    context = {
        "section": "reporting",
        "form": form,
        "indicator": indicator,
        "title": title,
        "codes": _indicator_codes(user, indicator),
        "crumbs": crumbs,
    }
    return render(request, "reporting/definitions/indicator_form.html", context)


@login_required
def indicator_create(request):
    if not _can_create_definitions(request.user):
        raise NotAllowed(_("Chỉ quản trị đơn vị mới định nghĩa chỉ tiêu."))
    return _indicator_form_view(request, None)


@login_required
def indicator_edit(request, pk):
    indicator = selectors.get_indicator_for(request.user, pk)
    _require_define(request.user, indicator.owner)
    return _indicator_form_view(request, indicator)


@login_required
def indicator_detail(request, pk):
    user = request.user
    indicator = selectors.get_indicator_for(user, pk)
    visible_forms = selectors.forms_visible_to(user)
    uses = (
        SectionIndicator.objects.filter(indicator=indicator, section__form__in=visible_forms)
        .select_related("section__form__owner")
        .order_by("section__form__name", "section__position")
    )
    computed = selectors.indicators_visible_to(user).exclude(expression="").exclude(pk=indicator.pk)
    used_by = [
        other
        for other in computed.only("code", "name", "expression")
        if indicator.code in _safe_codes(other.expression)
    ]
    uses_codes = sorted(_safe_codes(indicator.expression)) if indicator.expression else []
    context = {
        "section": "reporting",
        "indicator": indicator,
        "categories": indicator.categories.prefetch_related("options"),
        "uses": uses,
        "used_by": used_by,
        "uses_indicators": list(
            selectors.indicators_visible_to(user).filter(code__in=uses_codes).only("code", "name")
        ),
        "can_edit": services.can_define(user, indicator.owner),
        "history": history_for(indicator)[:200],
        "crumbs": _definition_crumbs(
            (_("Chỉ tiêu"), reverse("reporting:indicators")), (indicator.code, None)
        ),
    }
    return render(request, "reporting/definitions/indicator_detail.html", context)


def _safe_codes(text: str) -> frozenset[str]:
    try:
        return expressions.codes_in(text)
    except ValidationError:
        return frozenset()


@login_required
def category_list(request):
    """The disaggregations (phân tổ) every indicator may use, with their options."""
    categories = Category.objects.prefetch_related("options").annotate(indicator_count=Count("indicators"))
    context = {
        "section": "reporting",
        "categories": categories,
        "crumbs": _definition_crumbs((_("Chỉ tiêu"), reverse("reporting:indicators")), (_("Phân tổ"), None)),
    }
    context["can_define_categories"] = services.can_define(request.user, None)
    return render(request, "reporting/definitions/category_list.html", context)


def _category_form_view(request, category: Category | None):
    if not services.can_define(request.user, None):
        raise NotAllowed(_("Phân tổ dùng chung cho mọi biểu mẫu: chỉ quản trị hệ thống mới thêm, sửa."))
    form = definition_forms.CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.save_category(
                request.user,
                category,
                code=data["code"],
                name=data["name"],
                position=data["position"],
                options=data["options"],
            )
        except ValidationError as error:
            _add_definition_errors(form, error)
        else:
            messages.success(request, _("Đã lưu phân tổ “%(name)s”.") % {"name": saved.name})
            return redirect("reporting:categories")
    title = _("Sửa phân tổ") if category else _("Thêm phân tổ")
    context = {
        "section": "reporting",
        "form": form,
        "category": category,
        "title": title,
        "crumbs": _definition_crumbs(
            (_("Chỉ tiêu"), reverse("reporting:indicators")),
            (_("Phân tổ"), reverse("reporting:categories")),
            (title, None),
        ),
    }
    return render(request, "reporting/definitions/category_form.html", context)


@login_required
def category_create(request):
    return _category_form_view(request, None)


@login_required
def category_edit(request, pk):
    return _category_form_view(request, get_object_or_404(Category, pk=pk))


# --- forms ---


@login_required
def form_list(request):
    user = request.user
    base = (
        selectors.forms_visible_to(user)
        .select_related("owner")
        .annotate(indicator_count=Count("sections__items", distinct=True))
    )
    filterset = FormFilter(request.GET, queryset=base)
    forms = filterset.qs if filterset.is_valid() else Form.objects.none()
    # Forms are few (tens per province): ordered in Vietnamese, then paginated.
    ordered = vietnamese_sorted(forms, key=lambda form: form.name)
    page = Paginator(ordered, DEFINITION_PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for form in page.object_list:
        form.period_type_label = _period_type_label(form.period_type)
        form.kind_labels = _kind_labels(form.reporting_kinds)
        form.can_edit = services.can_define(user, form.owner)
        period = current_period(form, today)
        form.current_period, form.current_deadline = period, period.deadline(form.deadline_days)
    context = {
        "section": "reporting",
        "filter": filterset,
        "page_obj": page,
        "can_create": _can_create_definitions(user),
        "crumbs": _definition_crumbs((_("Biểu mẫu"), None)),
    }
    return render(request, "reporting/definitions/form_list.html", context)


def _form_form_view(request, report_form: Form | None):
    user = request.user
    current = getattr(request, "current_unit", None)
    form = definition_forms.FormDefinitionForm(
        request.POST or None, user=user, instance=report_form, current=current
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_form(
                user, report_form, groups=form.cleaned_data["reporting_groups"], **form.service_data()
            )
        except ValidationError as error:
            _add_definition_errors(form, error)
        except NotAllowed as denied:
            form.add_error("owner", denied.message)
        else:
            messages.success(request, _("Đã lưu biểu mẫu “%(name)s”.") % {"name": saved.name})
            return redirect("reporting:form_detail", saved.pk)
    title = _("Sửa biểu mẫu") if report_form else _("Tạo biểu mẫu")
    list_crumb = (_("Biểu mẫu"), reverse("reporting:forms"))
    crumbs = (
        _definition_crumbs(
            list_crumb,
            (report_form.name, reverse("reporting:form_detail", args=[report_form.pk])),
            (title, None),
        )
        if report_form
        else _definition_crumbs(list_crumb, (title, None))
    )
    context = {
        "section": "reporting",
        "form": form,
        "report_form": report_form,
        "title": title,
        "crumbs": crumbs,
    }
    return render(request, "reporting/definitions/form_form.html", context)


@login_required
def form_create(request):
    if not _can_create_definitions(request.user):
        raise NotAllowed(_("Chỉ quản trị đơn vị mới tạo biểu mẫu."))
    return _form_form_view(request, None)


@login_required
def form_edit(request, pk):
    report_form = selectors.get_form_for(request.user, pk)
    _require_define(request.user, report_form.owner)
    return _form_form_view(request, report_form)


def _chosen_period(request, form: Form) -> Period:
    raw = request.GET.get("period", "")
    if raw:
        try:
            period = Period.parse(raw)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            if period.type == form.period_type:
                return period
            messages.error(
                request,
                _("Biểu mẫu này báo cáo theo kỳ %(type)s.") % {"type": _period_type_label(form.period_type)},
            )
    return current_period(form)


def _period_choices(form: Form, chosen: Period) -> list[Period]:
    """The periods offered for the preview: the next one, the present one and the five before (newest first)."""
    now = current_period(form)
    later = [p for p in Period.of_type(now.type, now.year) if p > now] or Period.of_type(
        now.type, now.year + 1
    )
    periods = [later[0], now]
    for _step in range(5):
        periods.append(periods[-1].previous())
    if chosen not in periods:
        periods.append(chosen)
    return sorted(set(periods), reverse=True)


def _form_history(form: Form) -> list:
    """The form's changes, its sections' (logged on the form) and its rules', newest first, each with its subject."""
    own = list(history_for(form)[:200])
    rules = list(
        ChangeLog.objects.filter(content_type=ContentType.objects.get_for_model(ValidationRule))
        .filter(Q(after__form_id=form.pk) | Q(before__form_id=form.pk))
        .select_related("user")[:200]
    )
    for entry in own:
        state = entry.after or entry.before or {}
        if "section" in state:
            entry.subject = _("Phần “%(title)s”") % {"title": state["section"]}
        elif "sections" in state:
            entry.subject = _("Thứ tự các phần")
        else:
            entry.subject = _("Biểu mẫu")
    for entry in rules:
        state = entry.after or entry.before or {}
        entry.subject = _("Quy tắc “%(message)s”") % {"message": state.get("message", "")}
    entries = sorted(own + rules, key=lambda entry: (entry.time, entry.pk), reverse=True)[:200]
    for entry in entries:
        entry.changes = [(name, _shown(old), _shown(new)) for name, old, new in entry.changed_fields()]
    return entries


def _shown(value):
    """A logged value as the history shows it: lists of codes joined by commas."""
    return ", ".join(str(item) for item in value) if isinstance(value, list) else value


def _render_form_detail(request, report_form: Form, tab: str, bound: dict | None = None):
    user = request.user
    tab = tab if tab in FORM_TABS else "sections"
    detail_url = reverse("reporting:form_detail", args=[report_form.pk])
    period = _chosen_period(request, report_form) if tab == "units" else current_period(report_form)
    sections = selectors.form_structure(report_form)
    context = {
        "section": "reporting",
        "report_form": report_form,
        "tab": tab,
        "can_edit": services.can_define(user, report_form.owner),
        "period_type_label": _period_type_label(report_form.period_type),
        "kind_labels": _kind_labels(report_form.reporting_kinds),
        "groups": list(report_form.reporting_groups.select_related("owner")),
        "period": period,
        "deadline": period.deadline(report_form.deadline_days),
        "lock_date": (
            period.end + datetime.timedelta(days=report_form.lock_days)
            if report_form.lock_days is not None
            else None
        ),
        "sections": sections,
        "indicator_count": sum(len(section.items.all()) for section in sections),
        "rule_count": report_form.rules.count(),
        "detail_url": detail_url,
        "progress_url": f"{detail_url}tien-do/",
        "analytics_url": reverse("reporting:forms").removesuffix("bieu-mau/")
        + f"tong-hop/?form={report_form.pk}",
        "crumbs": _definition_crumbs((_("Biểu mẫu"), reverse("reporting:forms")), (report_form.name, None)),
    }
    if tab == "rules":
        names = {
            item.indicator.code: item.indicator.name for section in sections for item in section.items.all()
        }
        rules = list(report_form.rules.all())
        for rule in rules:
            rule.codes = sorted(_safe_codes(rule.left) | _safe_codes(rule.right))
            rule.names = [names.get(code, code) for code in rule.codes]
        context["rules"] = rules
    elif tab == "narrative":
        context["outline"] = NARRATIVE_OUTLINE
    elif tab == "units":
        units = selectors.expected_units(report_form, period)
        # Every unit is counted; only those in the user's scope are named.
        visible = units.filter(visible_q(request.user))
        expected_count, visible_count = units.count(), visible.count()
        context.update(
            expected_count=expected_count,
            expected_units=list(visible.select_related("parent")[:EXPECTED_UNITS_SHOWN]),
            visible_count=visible_count,
            hidden_count=expected_count - visible_count,
            expected_shown=EXPECTED_UNITS_SHOWN,
            periods=_period_choices(report_form, period),
        )
    elif tab == "history":
        context["history"] = _form_history(report_form)
    return render(request, "reporting/definitions/form_detail.html", context)


@login_required
def form_detail(request, pk):
    report_form = selectors.get_form_for(request.user, pk)
    return _render_form_detail(request, report_form, request.GET.get("tab", "sections"))


def _definable_form(request, pk) -> Form:
    """The form, 404 outside the user's scope, 403 for a reader who is not an admin of its owner."""
    report_form = selectors.get_form_for(request.user, pk)
    _require_define(request.user, report_form.owner)
    return report_form


def _tab_url(report_form: Form, tab: str, anchor: str = "") -> str:
    return f"{reverse('reporting:form_detail', args=[report_form.pk])}?tab={tab}{anchor}"


# --- sections ---


def _section_rows(user, report_form: Form, section: Section | None, form) -> list[dict]:
    """One row per indicator the user may add: chosen ones first (in order), then free ones, then those already in
    another section of the form (shown, not selectable)."""
    elsewhere = {
        item.indicator_id: item.section.title
        for item in SectionIndicator.objects.filter(section__form=report_form)
        .exclude(section=section)
        .select_related("section")
    }
    current = (
        list(section.items.order_by("position", "id").values_list("indicator_id", flat=True))
        if section is not None
        else []
    )
    if form.is_bound:
        chosen_ids = [int(value) for value in form.data.getlist("indicators") if value.isdigit()]
        positions = {pk: form.data.get(f"position-{pk}", "") for pk in chosen_ids}
    else:
        chosen_ids = current
        positions = {pk: str(n) for n, pk in enumerate(current, start=1)}
    indicators = {
        indicator.pk: indicator
        for indicator in selectors.indicators_visible_to(user).prefetch_related("categories").order_by("code")
    }
    rows = []
    for pk in chosen_ids:
        if pk in indicators:
            rows.append({"indicator": indicators[pk], "chosen": True, "position": positions.get(pk, "")})
    chosen = set(chosen_ids)
    for indicator in indicators.values():
        if indicator.pk in chosen:
            continue
        rows.append(
            {
                "indicator": indicator,
                "chosen": False,
                "position": "",
                "elsewhere": elsewhere.get(indicator.pk, ""),
            }
        )
    rows.sort(key=lambda row: (not row["chosen"], bool(row.get("elsewhere"))))
    return rows


def _section_form_view(request, report_form: Form, section: Section | None):
    user = request.user
    candidates = selectors.indicators_visible_to(user)
    initial = {"title": section.title} if section else {}
    form = definition_forms.SectionForm(request.POST or None, indicators=candidates, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_section(
                user,
                report_form,
                section,
                title=form.cleaned_data["title"],
                indicators=form.cleaned_data["indicators"],
            )
        except ValidationError as error:
            _add_definition_errors(form, error)
        else:
            messages.success(request, _("Đã lưu phần “%(title)s”.") % {"title": saved.title})
            return redirect(_tab_url(report_form, "sections", f"#section-{saved.pk}"))
    title = _("Sửa phần") if section else _("Thêm phần")
    context = {
        "section": "reporting",
        "report_form": report_form,
        "form_section": section,
        "form": form,
        "rows": _section_rows(user, report_form, section, form),
        "title": title,
        "crumbs": _definition_crumbs(
            (_("Biểu mẫu"), reverse("reporting:forms")),
            (report_form.name, _tab_url(report_form, "sections")),
            (title, None),
        ),
    }
    return render(request, "reporting/definitions/section_form.html", context)


@login_required
def section_create(request, pk):
    return _section_form_view(request, _definable_form(request, pk), None)


@login_required
def section_edit(request, pk, section_id):
    report_form = _definable_form(request, pk)
    section = get_object_or_404(Section, pk=section_id, form=report_form)
    return _section_form_view(request, report_form, section)


@login_required
def section_delete(request, pk, section_id):
    """GET asks for confirmation; POST deletes the section (its indicators stay defined)."""
    report_form = _definable_form(request, pk)
    section = get_object_or_404(Section, pk=section_id, form=report_form)
    if request.method == "POST":
        services.delete_section(request.user, section)
        messages.success(request, _("Đã xóa phần “%(title)s”.") % {"title": section.title})
        return redirect(_tab_url(report_form, "sections"))
    context = {
        "section": "reporting",
        "report_form": report_form,
        "target": section,
        "kind": _("phần"),
        "items": [item.indicator for item in section.items.select_related("indicator")],
        "back_url": _tab_url(report_form, "sections"),
        "crumbs": _definition_crumbs(
            (_("Biểu mẫu"), reverse("reporting:forms")),
            (report_form.name, _tab_url(report_form, "sections")),
            (_("Xóa phần"), None),
        ),
    }
    return render(request, "reporting/definitions/confirm_delete.html", context)


@login_required
@require_POST
def section_move(request, pk, section_id):
    report_form = _definable_form(request, pk)
    section = get_object_or_404(Section, pk=section_id, form=report_form)
    services.move_section(request.user, section, -1 if request.POST.get("direction") == "up" else 1)
    return redirect(_tab_url(report_form, "sections", f"#section-{section.pk}"))


# --- validation rules ---


def _rule_codes(report_form: Form) -> list[dict]:
    """The codes a rule may use: each indicator of the form, and `code.option` for each of its category options."""
    codes = []
    for section in selectors.form_structure(report_form):
        for item in section.items.all():
            indicator = item.indicator
            options = [
                (f"{indicator.code}.{option.code}", option.name)
                for category in indicator.categories.all()
                for option in category.options.all()
            ]
            codes.append({"indicator": indicator, "options": options})
    return codes


def _rule_form_view(request, report_form: Form, rule: ValidationRule | None):
    form = definition_forms.RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_rule(request.user, report_form, rule, **form.cleaned_data)
        except ValidationError as error:
            _add_definition_errors(form, error)
        else:
            messages.success(request, _("Đã lưu quy tắc kiểm tra."))
            return redirect(_tab_url(report_form, "rules"))
    title = _("Sửa quy tắc kiểm tra") if rule else _("Thêm quy tắc kiểm tra")
    context = {
        "section": "reporting",
        "report_form": report_form,
        "rule": rule,
        "form": form,
        "codes": _rule_codes(report_form),
        "title": title,
        "crumbs": _definition_crumbs(
            (_("Biểu mẫu"), reverse("reporting:forms")),
            (report_form.name, _tab_url(report_form, "rules")),
            (title, None),
        ),
    }
    return render(request, "reporting/definitions/rule_form.html", context)


@login_required
def rule_create(request, pk):
    return _rule_form_view(request, _definable_form(request, pk), None)


@login_required
def rule_edit(request, pk, rule_id):
    report_form = _definable_form(request, pk)
    rule = get_object_or_404(ValidationRule, pk=rule_id, form=report_form)
    return _rule_form_view(request, report_form, rule)


@login_required
def rule_delete(request, pk, rule_id):
    report_form = _definable_form(request, pk)
    rule = get_object_or_404(ValidationRule, pk=rule_id, form=report_form)
    if request.method == "POST":
        services.delete_rule(request.user, rule)
        messages.success(request, _("Đã xóa quy tắc “%(rule)s”.") % {"rule": rule.message})
        return redirect(_tab_url(report_form, "rules"))
    context = {
        "section": "reporting",
        "report_form": report_form,
        "target": rule,
        "kind": _("quy tắc kiểm tra"),
        "back_url": _tab_url(report_form, "rules"),
        "crumbs": _definition_crumbs(
            (_("Biểu mẫu"), reverse("reporting:forms")),
            (report_form.name, _tab_url(report_form, "rules")),
            (_("Xóa quy tắc"), None),
        ),
    }
    return render(request, "reporting/definitions/confirm_delete.html", context)


# --- analytics: pivot, charts, Excel export ---
# The pages' logic is in analytics.py; the imports are aliased so that this section names nothing another uses.
from django.contrib.auth.decorators import login_required as _analytics_login  # noqa: E402
from django.shortcuts import render as _analytics_render  # noqa: E402


@_analytics_login
def analytics(request):
    """The pivot of a form's figures for a unit (or the country) and periods: units × indicators with drill-down,
    or indicators × periods with the change; a chart; the lineage notes for periods before the 2025 reform."""
    from . import analytics as pivot

    return _analytics_render(request, "reporting/analytics/pivot.html", pivot.page_context(request))


@_analytics_login
def analytics_export(request):
    """The same tables as an .xlsx."""
    from . import analytics as pivot

    return pivot.export_response(request)


# --- documents: the Party-format report, Word and PDF ---
from django.http import FileResponse  # noqa: E402

from danvan.core.changelog import history_for as document_history  # noqa: E402

from . import documents, jobs  # noqa: E402
from .document_forms import DocumentForm  # noqa: E402
from .models import ReportDocument  # noqa: E402

# After this long in the queue the page says the background worker may not be running.
DOCUMENT_WAIT_HINT = datetime.timedelta(seconds=30)


def _document_target(user, form_id, unit_id, period_code) -> tuple[Form, OrgUnit, Period]:
    """The form, unit and period of a report document page: 404 for a form or unit outside the user's scope, a
    malformed period, a period of another type than the form's or a unit outside the form's reach."""
    report_form = selectors.get_form_for(user, form_id)
    unit = get_unit_for(user, unit_id)
    try:
        period = documents.check_scope(report_form, unit, period_code)
    except ValidationError:
        raise Http404 from None
    return report_form, unit, period


def _document_urls(report_form: Form, unit: OrgUnit, period: Period) -> dict:
    args = [report_form.pk, unit.pk, period.code]
    return {
        "page": reverse("reporting:document", args=args),
        "progress": reverse("reporting:document_progress", args=args),
        "download": reverse("reporting:document_download", args=args),
    }


def _progress_context(document: ReportDocument | None, urls: dict) -> dict:
    busy = document is not None and documents.is_busy(document)
    waiting_long = bool(
        busy
        and document.state == ReportDocument.State.QUEUED
        and document.requested_at
        and timezone.now() - document.requested_at > DOCUMENT_WAIT_HINT
    )
    return {
        "document": document,
        "urls": urls,
        "busy": busy,
        # Shown at once as failed (the page writes nothing; `jobs.recover_stuck` records it).
        "interrupted": document is not None and not busy and jobs.is_stuck(document),
        "interrupted_message": jobs.interrupted_message(),
        "waiting_long": waiting_long,
        "progress_step": min(100, max(0, (document.progress if document else 0) // 10 * 10)),
        "has_files": bool(document and document.docx and document.pdf),
        "edited_since": bool(
            document
            and document.generated_at
            and document.updated_at
            and document.updated_at > document.generated_at
        ),
    }


@login_required
def document_page(request, form_id, unit_id, period):
    """The unit's report document for a form and period: heading, texts and signature to edit, then the Word and
    PDF files generated in the background, with their progress."""
    user = request.user
    report_form, unit, period = _document_target(user, form_id, unit_id, period)
    editable = documents.can_edit_document(user, unit)
    document = documents.find_document(report_form, unit, period)
    if document is None and editable:
        document = documents.prepare_document(user, report_form, unit, period)
    urls = _document_urls(report_form, unit, period)
    bound = None
    if request.method == "POST":
        if document is None or not editable:
            raise NotAllowed(_("Bạn không có quyền sửa văn bản báo cáo của %(unit)s.") % {"unit": unit.name})
        action = request.POST.get("action", "save")
        if action == "reassemble":
            documents.reassemble_narrative(user, document)
            messages.success(request, _("Đã ghép lại nội dung từ báo cáo của các đơn vị."))
            return redirect(urls["page"])
        bound = DocumentForm(request.POST)
        if bound.is_valid():
            try:
                document = documents.update_document(user, document, **bound.service_data())
                if action == "generate":
                    documents.request_generation(user, document)
            except ValidationError as error:
                for name, found in messages_of(error).items():
                    for message in found:
                        bound.add_error(bound.field_for(name), message)
            else:
                if action == "generate":
                    messages.success(request, _("Đã lưu. Văn bản Word và PDF đang được tạo."))
                    return redirect(urls["page"])
                messages.success(request, _("Đã lưu văn bản báo cáo."))
                return redirect(urls["page"])
    if bound is not None:
        page_form = bound
    else:
        page_form = DocumentForm(
            initial=DocumentForm.initial_of(document) if document else None, disabled=not editable
        )
    context = {
        "section": "reporting",
        "report_form": report_form,
        "unit": unit,
        "period": period,
        "form": page_form,
        "editable": editable and document is not None,
        "figures": documents.figures_of(report_form, unit, period),
        "reports_unit": unit.kind in (report_form.reporting_kinds or []),
        "history": list(document_history(document)[:20]) if document is not None else [],
        "crumbs": [
            (_("Báo cáo"), reverse("reporting:home")),
            (report_form.name, None),
            (unit.name, None),
            (_("Văn bản báo cáo"), None),
        ],
        **_progress_context(document, urls),
    }
    return render(request, "reporting/documents/page.html", context)


@login_required
def document_progress(request, form_id, unit_id, period):
    """The progress area (polled by htmx every second while the files are being made)."""
    report_form, unit, period = _document_target(request.user, form_id, unit_id, period)
    document = documents.find_document(report_form, unit, period)
    if document is None:
        raise Http404
    context = {
        **_progress_context(document, _document_urls(report_form, unit, period)),
        "editable": documents.can_edit_document(request.user, unit),
    }
    return render(request, "reporting/documents/_progress.html", context)


@login_required
def document_download(request, form_id, unit_id, period):
    """The generated file (?format=docx or pdf), for readers of the unit only: files are never served directly."""
    report_form, unit, period = _document_target(request.user, form_id, unit_id, period)
    kind = request.GET.get("format", "docx")
    if kind not in documents.CONTENT_TYPES:
        raise Http404
    document = documents.find_document(report_form, unit, period)
    stored = getattr(document, kind) if document is not None else None
    if not stored:
        raise Http404(_("Chưa có tệp: hãy tạo văn bản trước."))
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404(_("Không tìm thấy tệp.")) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{documents.file_base_name(document)}.{kind}",
        content_type=documents.CONTENT_TYPES[kind],
    )
    response["Cache-Control"] = "private, max-age=0"
    return response
