"""Report forms (biểu mẫu): list, create, edit, and the detail page with its tabs."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.scope import visible_q
from danvan.core.changelog import changes_in_words, history_for
from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.core.forms import add_service_errors
from danvan.core.lists import filtered_rows, page_of
from danvan.core.models import ChangeLog
from danvan.core.periods import Period, current_period, form_period
from danvan.core.text import vietnamese_sorted

from .. import selectors, services
from ..filters import FormFilter
from ..forms import FormDefinitionForm
from ..models import NARRATIVE_OUTLINE, Form, ValidationRule
from .common import crumbs
from .definitions import (
    can_create_definitions,
    edit_crumbs,
    kind_labels,
    period_type_label,
    require_define,
    safe_codes,
)

FORM_TABS = ("sections", "rules", "narrative", "units", "history")
EXPECTED_UNITS_SHOWN = 50


@login_required
def form_list(request):
    user = request.user
    base = (
        selectors.forms_visible_to(user)
        .select_related("owner")
        .annotate(indicator_count=Count("sections__items", distinct=True))
    )
    filterset = FormFilter(request.GET, queryset=base)
    forms = filtered_rows(filterset)
    # Forms are few (tens per province): ordered in Vietnamese, then paginated.
    ordered = vietnamese_sorted(forms, key=lambda form: form.name)
    page = page_of(request, ordered)
    today = timezone.localdate()
    for form in page.object_list:
        form.period_type_label = period_type_label(form.period_type)
        form.kind_labels = kind_labels(form.reporting_kinds)
        form.can_edit = services.can_define(user, form.owner)
        period = current_period(form, today)
        form.current_period, form.current_deadline = period, period.deadline(form.deadline_days)
    context = {
        "filter": filterset,
        "page_obj": page,
        "can_create": can_create_definitions(user),
        "crumbs": crumbs((_("Biểu mẫu"), None)),
    }
    return render(request, "reporting/definitions/form_list.html", context)


def _form_form_view(request, report_form: Form | None):
    user = request.user
    current = getattr(request, "current_unit", None)
    form = FormDefinitionForm(request.POST or None, user=user, instance=report_form, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_form(
                user, report_form, groups=form.cleaned_data["reporting_groups"], **form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except NotAllowed as denied:
            form.add_error("owner", denied.message)
        else:
            messages.success(request, _("Đã lưu biểu mẫu “%(name)s”.") % {"name": saved.name})
            return redirect("reporting:form_detail", saved.pk)
    title = _("Sửa biểu mẫu") if report_form else _("Tạo biểu mẫu")
    list_crumb = (_("Biểu mẫu"), reverse("reporting:form_list"))
    shown = (
        (report_form.name, reverse("reporting:form_detail", args=[report_form.pk])) if report_form else None
    )
    trail = edit_crumbs(list_crumb, shown, title)
    context = {
        "form": form,
        "report_form": report_form,
        "title": title,
        "crumbs": trail,
    }
    return render(request, "reporting/definitions/form_form.html", context)


@login_required
def form_create(request):
    if not can_create_definitions(request.user):
        raise NotAllowed(_("Chỉ quản trị đơn vị mới tạo biểu mẫu."))
    return _form_form_view(request, None)


@login_required
def form_edit(request, pk):
    report_form = selectors.get_form_for(request.user, pk)
    require_define(request.user, report_form.owner)
    return _form_form_view(request, report_form)


def _chosen_period(request, form: Form) -> Period:
    raw = request.GET.get("period", "")
    if raw:
        try:
            return form_period(form, raw)
        except ValidationError as error:
            messages.error(request, messages_of(error)["period"][0])
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
        # The form's and the rules' fields in words (core.changelog); a section's state, logged on the form, by the
        # labels below.
        entry.changes = [
            (str(SECTION_FIELDS[name]), _shown(old), _shown(new)) if name in SECTION_FIELDS else in_words
            for (name, old, new), in_words in zip(
                entry.changed_fields(), changes_in_words(entry), strict=True
            )
        ]
    return entries


# A section's state as the form's change log keeps it (services.definitions._section_state, section_order).
SECTION_FIELDS = {
    "section": gettext_lazy("Tên phần"),
    "indicators": gettext_lazy("Chỉ tiêu"),
    "required": gettext_lazy("Ô bắt buộc"),
    "narrative_key": gettext_lazy("Mục trong văn bản báo cáo"),
    "sections": gettext_lazy("Thứ tự các phần"),
}


def _shown(value) -> str:
    """A logged value of a section as the history shows it: lists of codes joined by commas, "—" for nothing."""
    if value is None or value == "" or value == []:
        return "—"
    return ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)


def _render_form_detail(request, report_form: Form, tab: str, bound: dict | None = None):
    user = request.user
    tab = tab if tab in FORM_TABS else "sections"
    detail_url = reverse("reporting:form_detail", args=[report_form.pk])
    period = _chosen_period(request, report_form) if tab == "units" else current_period(report_form)
    sections = selectors.form_structure(report_form)
    context = {
        "report_form": report_form,
        "tab": tab,
        "can_edit": services.can_define(user, report_form.owner),
        "period_type_label": period_type_label(report_form.period_type),
        "kind_labels": kind_labels(report_form.reporting_kinds),
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
        "progress_url": reverse("reporting:completeness", args=[report_form.pk]),
        "analytics_url": f"{reverse('reporting:analytics')}?form={report_form.pk}",
        "crumbs": crumbs((_("Biểu mẫu"), reverse("reporting:form_list")), (report_form.name, None)),
    }
    if tab == "rules":
        names = {
            item.indicator.code: item.indicator.name for section in sections for item in section.items.all()
        }
        rules = list(report_form.rules.all())
        for rule in rules:
            rule.codes = sorted(safe_codes(rule.left) | safe_codes(rule.right))
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
