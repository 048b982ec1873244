"""The register: the list with its filters, a practice's page and forms, the fields, and the Excel import and export."""

from functools import partial

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from danvan.accounts.scope import Role, can_view_path, has_role_on, role_paths, visible_q
from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.core.excel_export import xlsx_response
from danvan.core.forms import add_service_errors
from danvan.core.import_page import run_import
from danvan.core.lists import page_of
from danvan.core.models import ChangeLog
from danvan.orgunits.models import OrgUnit, UnitGroup
from danvan.orgunits.selectors import get_unit_for

from .. import forms as register_forms
from .. import selectors, services
from ..exports import practices_workbook_response
from ..filters import PracticeFilter
from ..import_template import allowed_values, template_workbook
from ..imports import COLUMNS, MAX_ROWS, import_practices_workbook
from ..models import Attachment, Commendation, Field, Level, Practice, PracticeYear, Status
from .common import crumbs, scoped, unit_filter_choices

REGISTER_SORTS = {
    "name": ["search_key"],
    "owner": ["owner__sort_key", "search_key"],
    "level": ["level_rank", "search_key"],
    "year": ["registration_year", "owner__sort_key", "search_key"],
    "status": ["status_rank", "search_key"],
}
REGISTER_TABS = ("info", "results", "progress", "awards", "files", "history")
STEP_FORMS = {
    "implement": register_forms.StepForm,
    "recognise": register_forms.RecogniseForm,
    "not_recognise": register_forms.ReasonStepForm,
    "stop": register_forms.ReasonStepForm,
}


def _rank(field: str, values) -> Case:
    return Case(
        *[When(**{field: v}, then=Value(i)) for i, v in enumerate(values)], output_field=IntegerField()
    )


def _sorted_practices(queryset, sort: str):
    key = sort.removeprefix("-")
    if key not in REGISTER_SORTS:
        key, sort = "year", "-year"
    if key == "level":
        queryset = queryset.annotate(level_rank=_rank("level", Level.values))
    elif key == "status":
        queryset = queryset.annotate(status_rank=_rank("status", Status.values))
    columns = REGISTER_SORTS[key]
    first = f"-{columns[0]}" if sort.startswith("-") else columns[0]
    return queryset.order_by(first, *columns[1:], "id"), sort


@login_required
def practice_list(request):
    user = request.user
    data = request.GET.copy()
    current = getattr(request, "current_unit", None)
    if "unit" not in data and current is not None:
        data["unit"] = str(current.pk)
    base = (
        selectors.practices_visible_to(user)
        .select_related("owner", "owner__parent")
        .prefetch_related("fields", "years")
    )
    filterset = PracticeFilter(data, queryset=base)
    form = filterset.form
    units = scoped(OrgUnit.objects.all(), user, "path")
    form.fields["unit"].queryset = units
    raw_unit = data.get("unit", "")
    anchor = (units.filter(pk=raw_unit).first() if raw_unit.isdigit() else None) or current
    form.fields["unit"].widget.choices = unit_filter_choices(user, anchor, getattr(request, "user_units", []))
    near = [*(anchor.ancestor_ids if anchor else []), *([anchor.pk] if anchor else [])]
    fields_qs = Field.objects.filter(Q(owner__isnull=True) | Q(owner_id__in=near))
    form.fields["field"].queryset = fields_qs.filter(is_active=True).order_by("position", "name")
    form.fields["field"].empty_label = _("Tất cả lĩnh vực")
    groups = scoped(UnitGroup.objects.all(), user, "owner__path")
    form.fields["group"].queryset = groups
    form.fields["group"].widget.choices = [("", _("Tất cả khối"))] + [
        (group.pk, f"{group.name} ({group.owner.name})")
        for group in UnitGroup.objects.filter(owner_id__in=near).select_related("owner").order_by("name")
    ]
    this_year = timezone.localdate().year
    form.fields["year"].widget = django_forms.Select(
        choices=[("", _("Mọi năm"))] + [(y, y) for y in range(this_year + 1, this_year - 6, -1)]
    )
    for name, label in (("kind", _("Mọi loại")), ("level", _("Mọi cấp")), ("status", _("Mọi tình trạng"))):
        form.fields[name].widget.choices = [("", label), *list(form.fields[name].choices)[1:]]
    form.fields["q"].widget.attrs["placeholder"] = _("Tên mô hình, người, đơn vị…")
    if filterset.is_valid():
        practices, sort = _sorted_practices(filterset.qs, request.GET.get("sort", "-year"))
    else:
        practices, sort = Practice.objects.none(), "-year"
    page = page_of(request, practices)
    export_query = data.copy()
    export_query.pop("page", None)
    context = {
        "filter": filterset,
        "page_obj": page,
        "sort": sort,
        "anchor": anchor,
        "export_query": export_query.urlencode(),
        "can_register": user.is_superuser or bool(role_paths(user, Role.EDITOR)),
        "register_owner": anchor if anchor is not None and services.can_edit(user, anchor) else None,
        "crumbs": crumbs(user, None),
    }
    return render(request, "practices/list.html", context)


def step_forms(user, practice: Practice, years: list, bound: dict) -> dict:
    """The lifecycle steps this user may take now, each as a form (a bound one when it came back with errors)."""
    can_edit, can_assess = services.can_edit(user, practice), services.can_assess(user, practice)
    steps = {}
    for action, (allowed_from, _target) in services.TRANSITIONS.items():
        if practice.status not in allowed_from:
            continue
        if action in ("recognise", "not_recognise"):
            if not can_assess:
                continue
        elif action != "replicate" and not can_edit:
            continue
        if action in bound:
            steps[action] = bound[action]
        elif action == "recognise":
            steps[action] = register_forms.RecogniseForm(user=user, practice=practice, prefix=action)
        elif action == "replicate":
            form = register_forms.ReplicateForm(user=user, practice=practice, prefix=action)
            if form.has_targets:
                steps[action] = form
        else:
            steps[action] = STEP_FORMS[action](prefix=action)
    if can_edit and practice.status not in (Status.STOPPED, Status.NOT_RECOGNISED):
        last_year = max((row.year for row in years), default=practice.registration_year)
        if last_year <= timezone.localdate().year:
            steps["reconfirm"] = bound.get("reconfirm") or register_forms.ReconfirmForm(
                prefix="reconfirm", initial={"year": last_year + 1}
            )
    return steps


def _related_history(practice: Practice):
    """Changes to the practice's awards, files and yearly rows (kept apart from the practice's own history)."""
    labels = {Commendation: _("Khen thưởng"), Attachment: _("Tệp đính kèm"), PracticeYear: _("Năm được tính")}
    types = ContentType.objects.get_for_models(*labels)
    by_type = {content_type.pk: labels[model] for model, content_type in types.items()}
    entries = list(
        ChangeLog.objects.filter(content_type__in=list(types.values()))
        .filter(Q(after__practice_id=practice.pk) | Q(before__practice_id=practice.pk))
        .select_related("user")[:200]
    )
    for entry in entries:
        entry.kind_label = by_type.get(entry.content_type_id, "")
    return entries


def render_detail(request, practice: Practice, tab: str, bound: dict | None = None):
    user = request.user
    bound = bound or {}
    tab = tab if tab in REGISTER_TABS else "info"
    can_edit = services.can_edit(user, practice)
    can_assess = services.can_assess(user, practice)
    years = list(practice.years.order_by("year"))
    context = {
        "practice": practice,
        "tab": tab,
        "can_edit": can_edit,
        "can_assess": can_assess,
        "fields": list(practice.fields.select_related("owner")),
        "years": years,
        "owner_visible": can_view_path(user, practice.owner.path),
        "result_count": practice.results.count(),
        "award_count": practice.commendations.count(),
        "file_count": practice.attachments.count(),
        "crumbs": crumbs(user, practice.owner, (practice.name, None)),
    }
    if tab == "results":
        context["results"] = practice.results.all()
    elif tab == "progress":
        visible = selectors.practices_visible_to(user)
        replicas = list(practice.replicas.select_related("owner").order_by("registration_year", "id"))
        visible_ids = set(visible.filter(replicated_from=practice).values_list("pk", flat=True))
        original = practice.replicated_from
        context.update(
            events=practice.events.select_related("actor"),
            replicas=[(replica, replica.pk in visible_ids) for replica in replicas],
            original=original,
            original_visible=original is not None and visible.filter(pk=original.pk).exists(),
            steps=step_forms(user, practice, years, bound),
            action_labels=services.ACTION_LABELS,
        )
    elif tab == "awards":
        context["commendations"] = practice.commendations.all()
        if can_edit or can_assess:
            context["award_form"] = bound.get("award") or register_forms.CommendationForm(prefix="award")
    elif tab == "files":
        context["attachments"] = practice.attachments.select_related("uploaded_by")
        if can_edit:
            context["file_form"] = bound.get("file") or register_forms.AttachmentForm(prefix="file")
    elif tab == "history":
        context["history"] = history_for(practice)[:200]
        context["related_history"] = _related_history(practice)
    return render(request, "practices/detail.html", context)


@login_required
def detail(request, pk):
    practice = selectors.get_practice_for(request.user, pk)
    return render_detail(request, practice, request.GET.get("tab", "info"))


def _practice_form_view(request, *, practice: Practice | None, owner: OrgUnit | None):
    user = request.user
    form = register_forms.PracticeForm(request.POST or None, user=user, owner=owner, instance=practice)
    initial = register_forms.result_initial(practice) if practice else None
    results = register_forms.ResultFormSet(request.POST or None, prefix="results", initial=initial)
    results_errors: list[str] = []
    if request.method == "POST" and form.is_valid() and results.is_valid():
        data = form.service_data()
        try:
            if practice is None:
                saved = services.register_practice(
                    user,
                    owner=form.cleaned_data["owner"],
                    fields=form.cleaned_data["fields"],
                    results=results.rows(),
                    **data,
                )
                messages.success(request, _("Đã đăng ký “%(name)s”.") % {"name": saved.name})
            else:
                saved = services.update_practice(
                    user,
                    practice,
                    owner=form.cleaned_data["owner"],
                    fields=form.cleaned_data["fields"],
                    results=results.rows(),
                    **data,
                )
                messages.success(request, _("Đã lưu “%(name)s”.") % {"name": saved.name})
        except ValidationError as error:
            found = messages_of(error)
            results_errors = found.pop("results", [])
            if found:
                add_service_errors(form, ValidationError(found))
        except NotAllowed as denied:
            form.add_error("owner", denied.message)
        else:
            return redirect("practices:detail", saved.pk)
    unit = practice.owner if practice else owner
    title = _("Sửa mô hình, điển hình") if practice else _("Đăng ký mô hình, điển hình")
    context = {
        "form": form,
        "results": results,
        "results_errors": results_errors,
        "practice": practice,
        "title": title,
        "crumbs": crumbs(
            user,
            unit,
            *([(practice.name, reverse("practices:detail", args=[practice.pk]))] if practice else []),
            (title, None),
        ),
    }
    return render(request, "practices/form.html", context)


@login_required
def create(request):
    owner = None
    # ?unit= as on every page; ?owner= is still read from links made before.
    owner_id = request.GET.get("unit") or request.GET.get("owner", "")
    if owner_id.isdigit():
        owner = get_unit_for(request.user, owner_id)
    elif getattr(request, "current_unit", None) is not None and services.can_edit(
        request.user, request.current_unit
    ):
        owner = request.current_unit
    return _practice_form_view(request, practice=None, owner=owner)


@login_required
def edit(request, pk):
    practice = selectors.get_practice_for(request.user, pk)
    if not services.can_edit(request.user, practice):
        raise NotAllowed(_("Bạn không có quyền sửa mô hình “%(name)s”.") % {"name": practice.name})
    return _practice_form_view(request, practice=practice, owner=practice.owner)


@login_required
def field_choices(request):
    """htmx: the field checkboxes for the owner just chosen (local fields differ from unit to unit)."""
    owner = None
    owner_id = request.GET.get("owner", "")
    if owner_id.isdigit():
        owner = OrgUnit.objects.filter(pk=owner_id).filter(visible_q(request.user)).first()
    chosen = [value for value in request.GET.getlist("fields") if value.isdigit()]
    form = register_forms.PracticeForm(
        user=request.user, owner=owner, initial={"fields": [int(value) for value in chosen]}
    )
    return render(request, "practices/_field_checkboxes.html", {"field": form["fields"]})


@login_required
def fields(request):
    """The four standard fields and the local ones a unit adds for its subtree."""
    user = request.user
    unit_id = request.GET.get("unit", "")
    current = getattr(request, "current_unit", None)
    unit = get_unit_for(user, unit_id) if unit_id.isdigit() else current
    can_add = unit is not None and has_role_on(user, Role.ADMIN, unit.path)
    form = register_forms.FieldForm(request.POST or None) if can_add else None
    if request.method == "POST":
        if not can_add:
            raise NotAllowed(_("Chỉ quản trị đơn vị mới thêm lĩnh vực riêng."))
        if form.is_valid():
            try:
                field = services.save_field(user, None, owner=unit, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Đã thêm lĩnh vực “%(name)s”.") % {"name": field.name})
                return redirect(f"{reverse('practices:fields')}?unit={unit.pk}")
    unit_fields = selectors.fields_for(unit).select_related("owner")
    context = {
        "unit": unit,
        "fields": unit_fields,
        "form": form,
        "unit_choices": unit_filter_choices(user, unit, getattr(request, "user_units", []))[1:],
        "crumbs": crumbs(user, None, (_("Lĩnh vực"), None)),
    }
    return render(request, "practices/fields.html", context)


def _import_root(request):
    """The unit receiving the import (?unit=): 404 outside the user's scope, 403 without the editor role."""
    unit_id = request.GET.get("unit", "")
    if not unit_id.isdigit():
        raise Http404(_("Hãy chọn đơn vị nhận dữ liệu."))
    root = get_unit_for(request.user, unit_id)
    if not services.can_edit(request.user, root):
        raise NotAllowed(_("Bạn không có quyền nhập mô hình vào %(unit)s.") % {"unit": root.name})
    return root


@login_required
def import_practices(request):
    """Upload an .xlsx of models and exemplars; every row is checked, then all are registered or none."""
    if not request.GET.get("unit") and getattr(request, "current_unit", None) is not None:
        return redirect(f"{reverse('practices:import_practices')}?unit={request.current_unit.pk}")
    root = _import_root(request)
    report, shown = run_import(request, partial(import_practices_workbook, request.user, root))
    if report is not None and report.ok:
        messages.success(
            request,
            _("Đã nhập %(count)s mô hình, điển hình vào %(unit)s.")
            % {"count": number_format(len(report.created), force_grouping=True), "unit": root.name},
        )
        return redirect(f"{reverse('practices:practice_list')}?unit={root.pk}")
    context = {
        "crumbs": crumbs(request.user, root, (_("Nhập từ Excel"), None)),
        "unit": root,
        "columns": COLUMNS,
        "allowed": allowed_values(root),
        "max_rows": MAX_ROWS,
        **shown,
    }
    return render(request, "practices/import.html", context)


@login_required
def import_template(request):
    """The .xlsx template; with ?unit= its example rows and lists fit that unit."""
    unit_id = request.GET.get("unit", "")
    root = get_unit_for(request.user, unit_id) if unit_id.isdigit() else None
    return xlsx_response(template_workbook(root), "mau-nhap-mo-hinh-dan-van-kheo.xlsx")


@login_required
def export_practices(request):
    """The register's list as .xlsx: the same filters (GET parameters) as the list page, within the user's scope;
    like the list, no ?unit= means the user's current unit."""
    data = request.GET.copy()
    current = getattr(request, "current_unit", None)
    if "unit" not in data and current is not None:
        data["unit"] = str(current.pk)
    filterset = PracticeFilter(data, queryset=selectors.practices_visible_to(request.user))
    filtered = filterset.qs if filterset.is_valid() else Practice.objects.none()
    return practices_workbook_response(filtered, sort=data.get("sort", ""))
