from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from danvan.accounts.models import UnitRole
from danvan.accounts.scope import Role, has_role_on
from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.excel_export import xlsx_response
from danvan.core.forms import add_service_errors
from danvan.core.import_page import run_import
from danvan.core.lists import filtered_rows, page_of

from . import selectors, services
from .exports import units_workbook_response
from .filters import OrgUnitFilter
from .forms import CloseUnitForm, GroupForm, TreeOptionsForm, UnitForm
from .imports import COLUMNS, MAX_ROWS, allowed_values, import_units_workbook, template_workbook
from .models import OrgUnit, UnitGroup


def _as_of(request):
    options = TreeOptionsForm(request.GET)
    return options, (options.cleaned_data.get("as_of") if options.is_valid() else None)


@login_required
def tree(request):
    options, as_of = _as_of(request)
    roots = selectors.roots_for(request.user, as_of)
    context = {"options": options, "as_of": as_of, "roots": roots}
    return render(request, "orgunits/tree.html", context)


@login_required
def tree_children(request, pk):
    """htmx: the children of one node, loaded when it is opened."""
    unit = selectors.get_unit_for(request.user, pk)
    _options, as_of = _as_of(request)
    children = selectors.children_of(request.user, unit, as_of)
    return render(request, "orgunits/_tree_nodes.html", {"nodes": children, "as_of": as_of})


@login_required
def search(request):
    """htmx: accent-insensitive search results under the search box."""
    options, as_of = _as_of(request)
    q = options.cleaned_data.get("q", "") if options.is_valid() else ""
    results = []
    if q.strip():
        qs = selectors.units_visible_to(request.user).search(q)
        if as_of:
            qs = qs.open_on(as_of)
        results = qs.select_related("parent").order_by("depth", "sort_key")[:30]
    return render(request, "orgunits/_search_results.html", {"results": results, "q": q})


def _filtered_units(request):
    """The list's filter over the user's units, and the units it keeps (the page and its export show the same)."""
    filterset = OrgUnitFilter(
        request.GET, queryset=selectors.units_visible_to(request.user).select_related("parent")
    )
    units = filtered_rows(filterset).vietnamese_order()
    return filterset, units


@login_required
def unit_list(request):
    filterset, units = _filtered_units(request)
    page = page_of(request, units)
    return render(request, "orgunits/list.html", {"filter": filterset, "page_obj": page})


@login_required
def export_units(request):
    """The list's units, under the same filter, as an .xlsx."""
    _filterset, units = _filtered_units(request)
    return units_workbook_response(units)


@login_required
def detail(request, pk):
    unit = selectors.get_unit_for(request.user, pk)
    tab = request.GET.get("tab", "details")
    context = {
        "unit": unit,
        "tab": tab,
        "can_edit": services.can_manage_unit(request.user, unit.kind, unit.parent, unit),
        "can_add_child": unit.kind != OrgUnit.Kind.HAMLET
        and has_role_on(request.user, Role.EDITOR, unit.path),
        "can_admin": has_role_on(request.user, Role.ADMIN, unit.path),
        "child_count": unit.children.count(),
        "lineage": selectors.lineage_of(request.user, unit),
        "groups": unit.groups.select_related("owner").order_by("name"),
    }
    if tab == "children":
        children = selectors.children_of(request.user, unit)
        context["page_obj"] = page_of(request, children)
    elif tab == "users":
        context["roles"] = unit.user_roles.select_related("user").order_by("role", "user__username")
        context["inherited_roles"] = _inherited_roles(unit)
    elif tab == "history":
        context["history"] = history_for(unit)[:200]
    elif tab == "groups":
        context["owned_groups"] = unit.defined_groups.annotate(member_count=Count("members")).order_by("name")
    return render(request, "orgunits/detail.html", context)


def _inherited_roles(unit):
    return (
        UnitRole.objects.filter(unit_id__in=unit.ancestor_ids)
        .select_related("user", "unit")
        .order_by("unit__depth", "user__username")
    )


def _form_view(request, form, template, context, on_valid):
    if request.method == "POST" and form.is_valid():
        try:
            unit = on_valid(form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("orgunits:detail", unit.pk)
    return render(request, template, {**context, "form": form})


@login_required
def create(request):
    parent = None
    parent_id = _unit_param(request) or request.POST.get("parent")
    if parent_id and str(parent_id).isdigit():
        parent = selectors.units_visible_to(request.user).filter(pk=parent_id).first()
    form = UnitForm(request.POST or None, user=request.user, parent=parent)

    def save(form):
        unit = services.create_unit(request.user, **form.service_fields())
        messages.success(request, _("Đã thêm %(name)s.") % {"name": unit.name})
        return unit

    context = {"parent": parent, "title": _("Thêm đơn vị")}
    try:
        return _form_view(request, form, "orgunits/form.html", context, save)
    except NotAllowed as denied:
        form.add_error(None, denied.message)
        return render(request, "orgunits/form.html", {**context, "form": form}, status=403)


@login_required
def edit(request, pk):
    unit = selectors.get_unit_for(request.user, pk)
    if not services.can_manage_unit(request.user, unit.kind, unit.parent, unit):
        raise NotAllowed(_("Bạn không có quyền sửa %(unit)s.") % {"unit": unit.name})
    form = UnitForm(request.POST or None, user=request.user, instance=unit)

    def save(form):
        updated = services.update_unit(request.user, unit, **form.service_fields())
        messages.success(request, _("Đã lưu %(name)s.") % {"name": updated.name})
        return updated

    context = {"unit": unit, "title": _("Sửa đơn vị")}
    return _form_view(request, form, "orgunits/form.html", context, save)


@login_required
def close(request, pk):
    unit = selectors.get_unit_for(request.user, pk)
    if not services.can_manage_unit(request.user, unit.kind, unit.parent, unit):
        raise NotAllowed(_("Bạn không có quyền kết thúc hiệu lực %(unit)s.") % {"unit": unit.name})
    form = CloseUnitForm(request.POST or None, initial={"valid_to": unit.valid_to or timezone.localdate()})

    def save(form):
        closed = services.close_unit(
            request.user, unit, form.cleaned_data["valid_to"], form.cleaned_data["note"]
        )
        messages.success(
            request,
            _("%(name)s hết hiệu lực sau ngày %(day)s.")
            % {
                "name": closed.name,
                "day": closed.valid_to.strftime("%d/%m/%Y"),
            },
        )
        return closed

    context = {"unit": unit, "title": _("Kết thúc hiệu lực")}
    return _form_view(request, form, "orgunits/close.html", context, save)


@login_required
def group_edit(request, pk=None, owner_pk=None):
    group = None
    if pk is not None:
        group = get_object_or_404(UnitGroup.objects.select_related("owner"), pk=pk)
        owner = selectors.get_unit_for(request.user, group.owner_id)
    else:
        owner = selectors.get_unit_for(request.user, owner_pk)
    if not has_role_on(request.user, Role.EDITOR, owner.path):
        raise NotAllowed(_("Bạn không có quyền quản lý khối của %(unit)s.") % {"unit": owner.name})
    form = GroupForm(request.POST or None, owner=owner, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_group(request.user, group, owner=owner, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu khối."))
            return redirect(f"{reverse('orgunits:detail', args=[owner.pk])}?tab=groups")
    return render(
        request,
        "orgunits/group_form.html",
        {"form": form, "owner": owner, "group": group},
    )


def _unit_param(request) -> str:
    """The unit a page works in (?unit=, as in every app); ?parent= is still read from links made before."""
    return request.GET.get("unit") or request.GET.get("parent", "")


def _import_root(request):
    """The unit receiving the import (?unit=): 404 outside the user's scope, 403 without the editor role."""
    unit_id = _unit_param(request)
    if not unit_id.isdigit():
        raise Http404(_("Hãy chọn đơn vị nhận dữ liệu."))
    root = selectors.get_unit_for(request.user, unit_id)
    if not has_role_on(request.user, Role.EDITOR, root.path):
        raise NotAllowed(_("Bạn không có quyền nhập đơn vị vào %(unit)s.") % {"unit": root.name})
    return root


@login_required
def import_units(request):
    """Upload an .xlsx of hamlets and agencies; every row is checked, then all are saved or none."""
    root = _import_root(request)
    report, shown = run_import(request, partial(import_units_workbook, request.user, root))
    if report is not None and report.ok:
        messages.success(
            request,
            _("Đã nhập %(count)s đơn vị vào %(unit)s.")
            % {"count": number_format(len(report.created), force_grouping=True), "unit": root.name},
        )
        return redirect(f"{reverse('orgunits:detail', args=[root.pk])}?tab=children")
    context = {"unit": root, "columns": COLUMNS, "allowed": allowed_values(), "max_rows": MAX_ROWS, **shown}
    return render(request, "orgunits/import.html", context)


@login_required
def import_template(request):
    """The .xlsx template; with ?unit= its example rows fit that unit."""
    unit_id = _unit_param(request)
    root = selectors.get_unit_for(request.user, unit_id) if unit_id.isdigit() else None
    return xlsx_response(template_workbook(root), "mau-nhap-don-vi.xlsx")
