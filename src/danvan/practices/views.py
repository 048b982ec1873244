"""Pages of the "Dân vận khéo" register. Thin: forms parse, services write, selectors read."""

# --- register: list, detail, forms, lifecycle, campaigns, fields ---
from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.scope import Role, can_view_path, has_role_on, role_paths, visible_paths, visible_q
from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.orgunits.models import OrgUnit, UnitGroup
from danvan.orgunits.selectors import get_unit_for

from . import forms as register_forms
from . import selectors, services
from .filters import PracticeFilter
from .models import Attachment, Campaign, Commendation, Field, Level, Practice, PracticeYear, Status

REGISTER_PAGE_SIZE = 50
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


def _scoped(queryset, user, field: str):
    """Limits a queryset to the user's scope on a path column (a superuser's is everything)."""
    return queryset if visible_paths(user) is None else queryset.filter(visible_q(user, field))


def _add_service_errors(form, error: ValidationError, aliases: dict | None = None) -> None:
    """Puts a service's Vietnamese messages next to the fields they name, the rest above the form."""
    for field, errors in messages_of(error).items():
        field = (aliases or {}).get(field, field)
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


def _crumbs(user, unit: OrgUnit | None, *tail) -> list[tuple[str, str | None]]:
    """Breadcrumbs of the register: the module, then the unit path (each step opens that unit's list)."""
    list_url = reverse("practices:list")
    crumbs = [(_("Dân vận khéo"), list_url)]
    if unit is not None:
        for ancestor in [*unit.ancestors(), unit]:
            visible = can_view_path(user, ancestor.path)
            crumbs.append((ancestor.name, f"{list_url}?unit={ancestor.pk}" if visible else None))
    crumbs.extend(tail)
    return crumbs


def _unit_filter_choices(user, anchor: OrgUnit | None, role_units) -> list:
    """A short unit list for the filter: the unit's ancestors in scope, the unit, its children, the user's units."""
    units: dict[int, OrgUnit] = {}
    if anchor is not None:
        for ancestor in anchor.ancestors():
            if can_view_path(user, ancestor.path):
                units[ancestor.pk] = ancestor
        units[anchor.pk] = anchor
        for child in _scoped(anchor.children.all(), user, "path"):
            units[child.pk] = child
    for unit in role_units:
        units.setdefault(unit.pk, unit)
    if not units and user.is_superuser:
        for province in OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE).open_on(timezone.localdate()):
            units[province.pk] = province
    return register_forms.tree_choices(units.values(), _("Tất cả đơn vị trong phạm vi"))


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
    units = _scoped(OrgUnit.objects.all(), user, "path")
    form.fields["unit"].queryset = units
    raw_unit = data.get("unit", "")
    anchor = (units.filter(pk=raw_unit).first() if raw_unit.isdigit() else None) or current
    form.fields["unit"].widget.choices = _unit_filter_choices(
        user, anchor, getattr(request, "user_units", [])
    )
    near = [*(anchor.ancestor_ids if anchor else []), *([anchor.pk] if anchor else [])]
    fields_qs = Field.objects.filter(Q(owner__isnull=True) | Q(owner_id__in=near))
    form.fields["field"].queryset = fields_qs.filter(is_active=True).order_by("position", "name")
    form.fields["field"].empty_label = _("Tất cả lĩnh vực")
    groups = _scoped(UnitGroup.objects.all(), user, "owner__path")
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
    page = Paginator(practices, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    export_query = data.copy()
    export_query.pop("page", None)
    context = {
        "section": "practices",
        "filter": filterset,
        "page_obj": page,
        "sort": sort,
        "anchor": anchor,
        "export_query": export_query.urlencode(),
        "can_register": user.is_superuser or bool(role_paths(user, Role.EDITOR)),
        "register_owner": anchor if anchor is not None and services.can_edit(user, anchor) else None,
        "crumbs": _crumbs(user, None),
    }
    return render(request, "practices/list.html", context)


def _step_forms(user, practice: Practice, years: list, bound: dict) -> dict:
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
    from django.contrib.contenttypes.models import ContentType

    from danvan.core.models import ChangeLog

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


def _render_detail(request, practice: Practice, tab: str, bound: dict | None = None):
    user = request.user
    bound = bound or {}
    tab = tab if tab in REGISTER_TABS else "info"
    can_edit = services.can_edit(user, practice)
    can_assess = services.can_assess(user, practice)
    years = list(practice.years.order_by("year"))
    context = {
        "section": "practices",
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
        "crumbs": _crumbs(user, practice.owner, (practice.name, None)),
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
            steps=_step_forms(user, practice, years, bound),
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
def practice_detail(request, pk):
    practice = selectors.get_practice_for(request.user, pk)
    return _render_detail(request, practice, request.GET.get("tab", "info"))


def _progress_url(practice: Practice, tab: str = "progress") -> str:
    return f"{reverse('practices:detail', args=[practice.pk])}?tab={tab}"


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
                _add_service_errors(form, ValidationError(found))
        except NotAllowed as denied:
            form.add_error("owner", denied.message)
        else:
            return redirect("practices:detail", saved.pk)
    unit = practice.owner if practice else owner
    title = _("Sửa mô hình, điển hình") if practice else _("Đăng ký mô hình, điển hình")
    context = {
        "section": "practices",
        "form": form,
        "results": results,
        "results_errors": results_errors,
        "practice": practice,
        "title": title,
        "crumbs": _crumbs(
            user,
            unit,
            *([(practice.name, reverse("practices:detail", args=[practice.pk]))] if practice else []),
            (title, None),
        ),
    }
    return render(request, "practices/form.html", context)


@login_required
def practice_create(request):
    owner = None
    owner_id = request.GET.get("owner", "")
    if owner_id.isdigit():
        owner = get_unit_for(request.user, owner_id)
    elif getattr(request, "current_unit", None) is not None and services.can_edit(
        request.user, request.current_unit
    ):
        owner = request.current_unit
    return _practice_form_view(request, practice=None, owner=owner)


@login_required
def practice_edit(request, pk):
    practice = selectors.get_practice_for(request.user, pk)
    if not services.can_edit(request.user, practice):
        raise NotAllowed(_("Bạn không có quyền sửa mô hình “%(name)s”.") % {"name": practice.name})
    return _practice_form_view(request, practice=practice, owner=practice.owner)


@login_required
def practice_field_choices(request):
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
@require_POST
def practice_transition(request, pk):
    """implement / recognise / not_recognise / stop, from the forms of the Tiến trình tab."""
    user = request.user
    practice = selectors.get_practice_for(user, pk)
    action = request.POST.get("action", "")
    if action not in STEP_FORMS:
        messages.error(request, _("Bước không hợp lệ."))
        return redirect(_progress_url(practice))
    if action == "recognise":
        form = register_forms.RecogniseForm(request.POST, user=user, practice=practice, prefix=action)
    else:
        form = STEP_FORMS[action](request.POST, prefix=action)
    if form.is_valid():
        data = form.cleaned_data
        details = {}
        if action == "recognise":
            details = {"decision": data["decision"], "recognised_by": data["recognised_by"]}
        try:
            services.transition(
                user, practice, action, date=data["date"], note=data.get("note", ""), **details
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi bước “%(step)s”.") % {"step": services.ACTION_LABELS[action]})
            return redirect(_progress_url(practice))
    return _render_detail(request, practice, "progress", {action: form})


@login_required
@require_POST
def practice_replicate(request, pk):
    user = request.user
    practice = selectors.get_practice_for(user, pk)
    form = register_forms.ReplicateForm(request.POST, user=user, practice=practice, prefix="replicate")
    if form.is_valid():
        try:
            replica = services.replicate(
                user,
                practice,
                owner=form.cleaned_data["owner"],
                registration_year=form.cleaned_data["registration_year"],
                name=form.cleaned_data["name"],
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        except NotAllowed as denied:
            form.add_error("owner", denied.message)
        else:
            messages.success(
                request,
                _("Đã nhân rộng mô hình tại %(unit)s.") % {"unit": replica.owner.name},
            )
            return redirect("practices:detail", replica.pk)
    return _render_detail(request, practice, "progress", {"replicate": form})


@login_required
@require_POST
def practice_reconfirm(request, pk):
    user = request.user
    practice = selectors.get_practice_for(user, pk)
    form = register_forms.ReconfirmForm(request.POST, prefix="reconfirm")
    if form.is_valid():
        try:
            services.reconfirm(user, practice, form.cleaned_data["year"])
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Mô hình được tính tiếp trong năm %(year)s.") % {"year": form.cleaned_data["year"]},
            )
            return redirect(_progress_url(practice))
    return _render_detail(request, practice, "progress", {"reconfirm": form})


@login_required
@require_POST
def commendation_add(request, pk):
    user = request.user
    practice = selectors.get_practice_for(user, pk)
    form = register_forms.CommendationForm(request.POST, prefix="award")
    if form.is_valid():
        try:
            services.add_commendation(user, practice, **form.cleaned_data)
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi khen thưởng."))
            return redirect(_progress_url(practice, "awards"))
    return _render_detail(request, practice, "awards", {"award": form})


@login_required
@require_POST
def attachment_add(request, pk):
    user = request.user
    practice = selectors.get_practice_for(user, pk)
    form = register_forms.AttachmentForm(request.POST, request.FILES, prefix="file")
    if form.is_valid():
        try:
            attachment = services.add_attachment(user, practice, form.cleaned_data["file"])
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Đã đính kèm “%(name)s”.") % {"name": attachment.original_name})
            return redirect(_progress_url(practice, "files"))
    return _render_detail(request, practice, "files", {"file": form})


def _attachment_for(user, pk) -> Attachment:
    queryset = _scoped(Attachment.objects.select_related("practice"), user, "practice__owner_path")
    return get_object_or_404(queryset, pk=pk)


@login_required
def attachment_download(request, pk):
    """The file, for readers in scope only (the files are not served from a public folder)."""
    attachment = _attachment_for(request.user, pk)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404(_("Không tìm thấy tệp.")) from None
    inline = request.GET.get("xem") == "1" and attachment.is_image
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, max-age=0"
    return response


@login_required
@require_POST
def attachment_delete(request, pk):
    attachment = _attachment_for(request.user, pk)
    services.remove_attachment(request.user, attachment)
    messages.success(request, _("Đã xóa “%(name)s”.") % {"name": attachment.original_name})
    return redirect(_progress_url(attachment.practice, "files"))


def _approvable_units(request):
    """Units where the user may open a registration campaign (approvers of their own units)."""
    user = request.user
    units = [
        unit for unit in getattr(request, "user_units", []) if has_role_on(user, Role.APPROVER, unit.path)
    ]
    current = getattr(request, "current_unit", None)
    if user.is_superuser and current is not None and current not in units:
        units.insert(0, current)
    return [unit for unit in units if unit.kind != OrgUnit.Kind.HAMLET]


@login_required
def campaign_list(request):
    user = request.user
    campaigns = _scoped(Campaign.objects.select_related("unit"), user, "unit__path").order_by(
        "-year", "unit__depth", "unit__sort_key"
    )
    page = Paginator(campaigns, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    above_ids = {i for unit in getattr(request, "user_units", []) for i in unit.ancestor_ids}
    above = (
        Campaign.objects.filter(unit_id__in=above_ids).select_related("unit").order_by("-year")[:20]
        if above_ids
        else []
    )
    context = {
        "section": "practices",
        "page_obj": page,
        "above": above,
        "openers": _approvable_units(request),
        "crumbs": _crumbs(user, None, (_("Đợt đăng ký"), None)),
    }
    return render(request, "practices/campaign_list.html", context)


@login_required
def campaign_create(request):
    user = request.user
    unit_id = request.GET.get("unit", "")
    current = getattr(request, "current_unit", None)
    if unit_id.isdigit():
        unit = get_unit_for(user, unit_id)
    elif current is not None:
        unit = current
    else:
        messages.info(request, _("Hãy chọn đơn vị mở đợt đăng ký."))
        return redirect("practices:campaigns")
    if not has_role_on(user, Role.APPROVER, unit.path):
        raise NotAllowed(_("Chỉ người phê duyệt của %(u)s mới mở đợt đăng ký.") % {"u": unit.name})
    form = register_forms.CampaignForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.open_campaign(user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Đã mở “%(title)s”.") % {"title": campaign.title})
            return redirect("practices:campaign_detail", campaign.pk)
    title = _("Mở đợt đăng ký mô hình")
    context = {
        "section": "practices",
        "form": form,
        "unit": unit,
        "title": title,
        "crumbs": _crumbs(
            user, None, (_("Đợt đăng ký"), reverse("practices:campaigns")), (f"{title}: {unit.name}", None)
        ),
    }
    return render(request, "practices/campaign_form.html", context)


@login_required
def campaign_detail(request, pk):
    user = request.user
    campaign = get_object_or_404(
        _scoped(Campaign.objects.select_related("unit"), user, "unit__path").prefetch_related(
            "expected_groups"
        ),
        pk=pk,
    )
    completion = selectors.campaign_completion(campaign)
    page = Paginator(completion["missing"], REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    shown_ids = [row["pk"] for row in page.object_list] + [row["pk"] for row in completion["done"][:300]]
    units = OrgUnit.objects.select_related("parent").in_bulk(shown_ids)

    def rows(items):
        for row in items:
            unit = units.get(row["pk"])
            if unit is not None:
                yield unit, has_role_on(user, Role.EDITOR, unit.path)

    kinds = dict(OrgUnit.Kind.choices)
    context = {
        "section": "practices",
        "campaign": campaign,
        "completion": completion,
        "percent_class": f"dv-w-{round(completion['percent'])}",
        "page_obj": page,
        "missing_rows": list(rows(page.object_list)),
        "done_rows": list(rows(completion["done"][:300])),
        "expected_kinds": [kinds.get(kind, kind) for kind in campaign.expected_kinds],
        "overdue": bool(campaign.deadline and campaign.deadline < timezone.localdate()),
        "crumbs": _crumbs(
            user, campaign.unit, (_("Đợt đăng ký"), reverse("practices:campaigns")), (campaign.title, None)
        ),
    }
    return render(request, "practices/campaign_detail.html", context)


@login_required
def field_list(request):
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
                _add_service_errors(form, error)
            else:
                messages.success(request, _("Đã thêm lĩnh vực “%(name)s”.") % {"name": field.name})
                return redirect(f"{reverse('practices:fields')}?unit={unit.pk}")
    fields = selectors.fields_for(unit).select_related("owner")
    context = {
        "section": "practices",
        "unit": unit,
        "fields": fields,
        "form": form,
        "unit_choices": _unit_filter_choices(user, unit, getattr(request, "user_units", []))[1:],
        "crumbs": _crumbs(user, None, (_("Lĩnh vực"), None)),
    }
    return render(request, "practices/fields.html", context)


# --- counts: statistics by level, field, kind, khối, status ---
# The page's logic is in stats.py; imports are local so the file's head stays with the register section.


def _counts_login_required(view):
    from django.contrib.auth.decorators import login_required

    return login_required(view)


@_counts_login_required
def stats_page(request):
    """Counts for a unit (or the country) and year: cards, the cross-tab with drill-down links, the chart."""
    from django.shortcuts import render

    from . import stats

    return render(request, "practices/stats.html", stats.page_context(request))


@_counts_login_required
def stats_export(request):
    """The same cross-tab as an .xlsx."""
    from . import stats

    return stats.export_response(request)


# --- Excel import and export ---
# Imports are local to these views, so that the sections above and below keep the file's head to themselves.


def _login_required(view):
    from django.contrib.auth.decorators import login_required

    return login_required(view)


def _import_root(request):
    """The unit receiving the import (?unit=): 404 outside the user's scope, 403 without the editor role."""
    from django.http import Http404
    from django.utils.translation import gettext as _

    from danvan.core.errors import NotAllowed
    from danvan.orgunits.selectors import get_unit_for

    from .services import can_edit

    unit_id = request.GET.get("unit", "")
    if not unit_id.isdigit():
        raise Http404(_("Hãy chọn đơn vị nhận dữ liệu."))
    root = get_unit_for(request.user, unit_id)
    if not can_edit(request.user, root):
        raise NotAllowed(_("Bạn không có quyền nhập mô hình vào %(unit)s.") % {"unit": root.name})
    return root


@_login_required
def import_practices(request):
    """Upload an .xlsx of models and exemplars; every row is checked, then all are registered or none."""
    from django.contrib import messages
    from django.shortcuts import redirect, render
    from django.urls import reverse
    from django.utils.formats import number_format
    from django.utils.translation import gettext as _

    from .imports import COLUMNS, MAX_ROWS, allowed_values, import_practices_workbook

    if not request.GET.get("unit") and getattr(request, "current_unit", None) is not None:
        return redirect(f"{reverse('practices:import')}?unit={request.current_unit.pk}")
    root = _import_root(request)
    report, file_error = None, ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            file_error = _("Hãy chọn tệp Excel (.xlsx) để nhập.")
        else:
            report = import_practices_workbook(request.user, root, upload)
            if report.ok:
                messages.success(
                    request,
                    _("Đã nhập %(count)s mô hình, điển hình vào %(unit)s.")
                    % {"count": number_format(len(report.created), force_grouping=True), "unit": root.name},
                )
                return redirect(f"{reverse('practices:list')}?unit={root.pk}")
            file_error = " ".join(str(error) for error in report.file_errors)
    context = {
        "section": "practices",
        "crumbs": _crumbs(request.user, root, (_("Nhập từ Excel"), None)),  # the register's breadcrumbs
        "unit": root,
        "columns": COLUMNS,
        "allowed": allowed_values(root),
        "max_rows": MAX_ROWS,
        "report": report,
        "file_error": file_error,
        "row_errors": report.row_errors[:500] if report else [],
    }
    return render(request, "practices/import.html", context)


@_login_required
def import_template(request):
    """The .xlsx template; with ?unit= its example rows and lists fit that unit."""
    from danvan.core.excel import xlsx_response
    from danvan.orgunits.selectors import get_unit_for

    from .imports import template_workbook

    unit_id = request.GET.get("unit", "")
    root = get_unit_for(request.user, unit_id) if unit_id.isdigit() else None
    return xlsx_response(template_workbook(root), "mau-nhap-mo-hinh-dan-van-kheo.xlsx")


@_login_required
def export_practices(request):
    """The register's list as .xlsx: the same filters (GET parameters) as the list page, within the user's scope;
    like the list, no ?unit= means the user's current unit."""
    from .exports import practices_workbook_response
    from .filters import PracticeFilter
    from .models import Practice
    from .selectors import practices_visible_to

    data = request.GET.copy()
    current = getattr(request, "current_unit", None)
    if "unit" not in data and current is not None:
        data["unit"] = str(current.pk)
    filterset = PracticeFilter(data, queryset=practices_visible_to(request.user))
    filtered = filterset.qs if filterset.is_valid() else Practice.objects.none()
    return practices_workbook_response(filtered, sort=data.get("sort", ""))


# --- public showcase (no login) ---

SHOWCASE_PAGE_SIZE = 12


def _showcase_cards(practices) -> None:
    """practice.place (the owner's ancestors from its parent up to the province, for a whole page in one query)
    and result.shown ("3,5", "1.200": no trailing zeros) for the cards."""
    from django.utils.formats import number_format

    from danvan.orgunits.models import OrgUnit

    ids = {ancestor_id for practice in practices for ancestor_id in practice.owner.ancestor_ids}
    names = dict(OrgUnit.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    for practice in practices:
        practice.place = [names[i] for i in reversed(practice.owner.ancestor_ids) if i in names]
        for result in practice.results.all():
            value = result.value
            value = value.quantize(1) if value == value.to_integral() else value.normalize()
            result.shown = number_format(value, force_grouping=True)


def _showcase_fields():
    """The fields offered by the filter: the four standard ones, and local ones that a showcased model uses."""
    from django.db.models import Q

    from .models import Field, Status

    return list(
        Field.objects.filter(
            Q(owner__isnull=True) | Q(practices__status__in=[Status.RECOGNISED, Status.REPLICATED]),
            is_active=True,
        )
        .select_related("owner")
        .distinct()
        .order_by("position", "name")
    )


def showcase(request):
    """Recognised and replicated models and exemplars, for anyone, without logging in: no contact data."""
    from django.core.paginator import Paginator
    from django.shortcuts import render

    from danvan.core.text import fold

    from .models import Practice
    from .selectors import recognised_for_showcase

    practices = recognised_for_showcase().prefetch_related("results")
    q = request.GET.get("q", "").strip()[:200]
    if fold(q):
        practices = practices.filter(search_key__contains=fold(q))
    fields = _showcase_fields()
    field_id = request.GET.get("field", "")
    selected_field = next((field for field in fields if str(field.pk) == field_id), None)
    if selected_field is not None:
        practices = practices.filter(fields=selected_field)
    elif field_id:
        practices = practices.none()
    kind = request.GET.get("kind", "")
    if kind in Practice.Kind.values:
        practices = practices.filter(kind=kind)
    else:
        kind = ""
    page = Paginator(practices, SHOWCASE_PAGE_SIZE).get_page(request.GET.get("page"))
    _showcase_cards(page.object_list)
    return render(
        request,
        "practices/showcase.html",
        {
            "page_obj": page,
            "q": q,
            "fields": fields,
            "selected_field": selected_field,
            "kind": kind,
            "kinds": Practice.Kind.choices,
            "filtered": bool(q or field_id or kind),
        },
    )


def showcase_detail(request, pk):
    """One recognised model or exemplar, public; any other status is a 404, like a model that does not exist."""
    from django.shortcuts import get_object_or_404, render

    from danvan.accounts.scope import can_view_path

    from .models import Commendation, Practice, Status
    from .selectors import recognised_for_showcase

    practice = get_object_or_404(recognised_for_showcase().prefetch_related("results"), pk=pk)
    _showcase_cards([practice])
    public = {Status.RECOGNISED, Status.REPLICATED}
    replicas = list(
        practice.replicas.exclude(status__in=[Status.STOPPED, Status.NOT_RECOGNISED])
        .select_related("owner")
        .order_by("registration_year", "owner__sort_key")
    )
    original = None
    if practice.replicated_from_id:
        original = Practice.objects.select_related("owner").get(pk=practice.replicated_from_id)
        original.is_public = original.status in public
    for replica in replicas:
        replica.is_public = replica.status in public
    commendations = practice.commendations.filter(stage=Commendation.Stage.AWARDED)
    return render(
        request,
        "practices/showcase_detail.html",
        {
            "practice": practice,
            "replicas": replicas,
            "original": original,
            "commendations": commendations,
            "in_register": can_view_path(request.user, practice.owner_path),
        },
    )
