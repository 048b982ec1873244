"""The people's pages: the list (accent-insensitive search, titles held today), a person's page (posts with their
dates, where the person appears, history), the forms of a person and of a post, and the Excel import and export."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.scope import visible_paths, visible_q
from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.excel import MAX_ROWS
from danvan.core.excel_export import xlsx_response
from danvan.core.forms import add_service_errors
from danvan.core.import_page import run_import
from danvan.core.lists import filtered_rows, page_of
from danvan.core.models import ChangeLog
from danvan.orgunits.forms import tree_choices
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import filter_units, get_unit_for, unit_trail

from .. import selectors
from ..filters.people import PersonFilter
from ..forms.people import EndPostForm, PersonForm, PostForm
from ..models import Person, Post
from ..people_excel import people_workbook_response, template_workbook
from ..people_import import COLUMNS, created_counts, import_people_workbook
from ..services import people as services
from ..services.access import can_edit
from .common import module_crumb


def crumbs(user, unit: OrgUnit | None, *tail) -> list[tuple[str, str | None]]:
    """The module, then the unit path (each step opens that unit's list), then the page."""
    list_url = reverse("activities:person_list")
    trail = [module_crumb(), (_("Cán bộ và chức vụ"), list_url)]
    if unit is not None:
        trail.extend(unit_trail(user, unit, list_url))
    trail.extend(tail)
    return trail


def _unit_choices(user, anchor: OrgUnit | None, role_units) -> list:
    """A short unit list for the filter: the anchor's ancestors in scope, the anchor, its children, the user's units."""
    units = filter_units(user, anchor, role_units)
    return tree_choices(units.values(), _("Tất cả đơn vị trong phạm vi"))


def _filtered(request):
    """The list's filter over the people the user may see (no ?unit=: the current unit), and the unit it shows."""
    user = request.user
    data = request.GET.copy()
    current = getattr(request, "current_unit", None)
    if "unit" not in data and current is not None:
        data["unit"] = str(current.pk)
    units = OrgUnit.objects.all() if visible_paths(user) is None else OrgUnit.objects.filter(visible_q(user))
    filterset = PersonFilter(data, queryset=selectors.people_visible_to(user))
    filterset.form.fields["unit"].queryset = units
    raw = data.get("unit", "")
    anchor = units.filter(pk=raw).first() if raw.isdigit() else None
    filterset.form.fields["unit"].widget.choices = _unit_choices(
        user, anchor, getattr(request, "user_units", [])
    )
    filterset.form.fields["q"].widget.attrs.update(
        {"placeholder": _("ví dụ: vu van minh"), "autocomplete": "off", "type": "search"}
    )
    return filterset, anchor, data


@login_required
def person_list(request):
    user = request.user
    filterset, anchor, data = _filtered(request)
    people = filtered_rows(filterset).order_by("sort_key", "id")
    page = page_of(request, people)
    today = timezone.localdate()
    rows = list(page.object_list)
    shown = selectors.shown_titles([person.pk for person in rows], today)
    may_see = selectors.contact_checker(user)
    page.object_list = [(person, shown.get(person.pk), may_see(person)) for person in rows]
    export_query = data.copy()
    export_query.pop("page", None)
    context = {
        "filter": filterset,
        "page_obj": page,
        "anchor": anchor,
        "today": today,
        "export_query": export_query.urlencode(),
        "new_unit": anchor if anchor is not None and can_edit(user, anchor) else None,
        "crumbs": crumbs(user, None),
    }
    return render(request, "activities/people/list.html", context)


def _related_history(person: Person):
    """The changes of the person's posts (deleted ones included), each saying which post."""
    post_type = ContentType.objects.get_for_model(Post)
    entries = list(
        ChangeLog.objects.filter(content_type=post_type)
        .filter(Q(after__person_id=person.pk) | Q(before__person_id=person.pk))
        .select_related("user", "content_type")[:200]
    )
    for entry in entries:
        state = entry.after or entry.before or {}
        entry.subject = _("Chức vụ: %(title)s") % {"title": state.get("title", "")}
    return entries


def _history(person: Person) -> list:
    own = list(history_for(person)[:200])
    for entry in own:
        entry.subject = _("Thông tin cán bộ")
    return sorted([*own, *_related_history(person)], key=lambda entry: entry.time, reverse=True)


def _detail_context(request, person: Person, **extra) -> dict:
    user = request.user
    posts = selectors.posts_of(person)
    today = timezone.localdate()
    editable = can_edit(user, person.unit)
    rows = [
        (post, selectors.effective_end(post), selectors.title_from([post], today) != "") for post in posts
    ]
    context = {
        "person": person,
        "posts": rows,
        "titles_today": selectors.title_from(posts, today),
        "today": today,
        "can_edit": editable,
        "contact_visible": selectors.can_see_contact(user, person),
        "appearances": selectors.appearances(user, person, posts),
        "history": sorted(
            [*history_for(person)[:200], *_related_history(person)],
            key=lambda entry: entry.time,
            reverse=True,
        ),
        "crumbs": crumbs(user, person.unit, (person.name, None)),
    }
    if editable:
        context["post_form"] = PostForm(user=user, person=person, prefix="post")
    context.update(extra)
    return context


@login_required
def person_detail(request, pk):
    person = selectors.get_person_for(request.user, pk)
    return render(request, "activities/people/detail.html", _detail_context(request, person))


def _person_form(request, *, person: Person | None, unit: OrgUnit | None):
    user = request.user
    form = PersonForm(request.POST or None, user=user, person=person, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in ("name", "gender", "birth_year", "phone", "email", "note")}
        try:
            if person is None:
                saved = services.create_person(user, unit=data["unit"], **fields)
                messages.success(request, _("Đã thêm %(name)s.") % {"name": saved.name})
            else:
                saved = services.update_person(user, person, unit=data["unit"], **fields)
                messages.success(request, _("Đã lưu %(name)s.") % {"name": saved.name})
        except ValidationError as error:
            add_service_errors(form, error)
        except NotAllowed as denied:
            form.add_error("unit", denied.message)
        else:
            return redirect("activities:person_detail", saved.pk)
    title = _("Sửa thông tin cán bộ") if person else _("Thêm cán bộ")
    tail = [(person.name, reverse("activities:person_detail", args=[person.pk]))] if person else []
    context = {
        "form": form,
        "person": person,
        "title": title,
        "crumbs": crumbs(user, person.unit if person else unit, *tail, (title, None)),
    }
    return render(request, "activities/people/form.html", context)


@login_required
def person_create(request):
    unit = None
    raw = request.GET.get("unit", "")
    if raw.isdigit():
        unit = get_unit_for(request.user, raw)
    elif getattr(request, "current_unit", None) is not None:
        unit = request.current_unit
    if unit is not None and not can_edit(request.user, unit):
        unit = None
    return _person_form(request, person=None, unit=unit)


def _editable_person(request, pk) -> Person:
    person = selectors.get_person_for(request.user, pk)
    if not can_edit(request.user, person.unit):
        raise NotAllowed(_("Bạn không có quyền sửa cán bộ của %(unit)s.") % {"unit": person.unit.name})
    return person


@login_required
def person_edit(request, pk):
    return _person_form(request, person=_editable_person(request, pk), unit=None)


@login_required
@require_POST
def post_add(request, pk):
    """The form "Thêm chức vụ" of a person's page: back to the page, or the page again with the form's errors."""
    person = _editable_person(request, pk)
    form = PostForm(request.POST, user=request.user, person=person, prefix="post")
    if form.is_valid():
        try:
            post = services.add_post(request.user, person, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm chức vụ “%(title)s”.") % {"title": post.title})
            return redirect("activities:person_detail", person.pk)
    context = _detail_context(request, person, post_form=form)
    return render(request, "activities/people/detail.html", context, status=200)


def _editable_post(request, pk) -> Post:
    post = selectors.get_post_for(request.user, pk)
    if not can_edit(request.user, post.person.unit):
        raise NotAllowed(
            _("Bạn không có quyền sửa chức vụ của cán bộ thuộc %(unit)s.") % {"unit": post.person.unit.name}
        )
    return post


@login_required
def post_edit(request, pk):
    post = _editable_post(request, pk)
    person = post.person
    form = PostForm(request.POST or None, user=request.user, person=person, post=post)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        if fields["position"] is None:
            fields.pop("position")
        try:
            services.update_post(request.user, post, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Đã lưu chức vụ “%(title)s”.") % {"title": form.cleaned_data["title"]}
            )
            return redirect("activities:person_detail", person.pk)
    title = _("Sửa chức vụ")
    context = {
        "form": form,
        "post": post,
        "person": person,
        "title": title,
        "crumbs": crumbs(
            request.user,
            person.unit,
            (person.name, reverse("activities:person_detail", args=[person.pk])),
            (title, None),
        ),
    }
    return render(request, "activities/people/post_form.html", context)


@login_required
def post_end(request, pk):
    """ "Thôi giữ chức vụ": the post's last day."""
    post = _editable_post(request, pk)
    person = post.person
    form = EndPostForm(request.POST or None, initial={"valid_to": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_post(request.user, post, valid_to=form.cleaned_data["valid_to"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi thôi giữ chức vụ “%(title)s”.") % {"title": post.title})
            return redirect("activities:person_detail", person.pk)
    title = _("Thôi giữ chức vụ")
    context = {
        "form": form,
        "post": post,
        "person": person,
        "title": title,
        "end": True,
        "crumbs": crumbs(
            request.user,
            person.unit,
            (person.name, reverse("activities:person_detail", args=[person.pk])),
            (title, None),
        ),
    }
    return render(request, "activities/people/post_form.html", context)


@login_required
@require_POST
def post_delete(request, pk):
    post = _editable_post(request, pk)
    person_pk, title = post.person_id, post.title
    services.delete_post(request.user, post)
    messages.success(request, _("Đã xóa chức vụ “%(title)s”.") % {"title": title})
    return redirect("activities:person_detail", person_pk)


def _import_root(request) -> OrgUnit:
    raw = request.GET.get("unit", "")
    if not raw.isdigit():
        raise Http404(_("Hãy chọn đơn vị nhận dữ liệu."))
    root = get_unit_for(request.user, raw)
    if not can_edit(request.user, root):
        raise NotAllowed(_("Bạn không có quyền nhập cán bộ vào %(unit)s.") % {"unit": root.name})
    return root


@login_required
def person_import(request):
    """Upload an .xlsx of people and posts; every row is checked, then all are saved or none."""
    if not request.GET.get("unit") and getattr(request, "current_unit", None) is not None:
        return redirect(f"{reverse('activities:person_import')}?unit={request.current_unit.pk}")
    root = _import_root(request)
    report, shown = run_import(request, partial(import_people_workbook, request.user, root))
    if report is not None and report.ok:
        from_people, from_posts = created_counts(report)
        messages.success(
            request,
            _("Đã nhập %(people)s người, %(posts)s chức vụ vào %(unit)s.")
            % {"people": from_people, "posts": from_posts, "unit": root.name},
        )
        return redirect(f"{reverse('activities:person_list')}?unit={root.pk}")
    context = {
        "crumbs": crumbs(request.user, root, (_("Nhập từ Excel"), None)),
        "unit": root,
        "columns": COLUMNS,
        "max_rows": MAX_ROWS,
        "genders": [str(label) for _value, label in Person.Gender.choices],
        **shown,
    }
    return render(request, "activities/people/import.html", context)


@login_required
def person_import_template(request):
    """The .xlsx template; with ?unit= its examples and its list of unit codes fit that unit."""
    raw = request.GET.get("unit", "")
    root = get_unit_for(request.user, raw) if raw.isdigit() else None
    return xlsx_response(template_workbook(root), "mau-nhap-can-bo-chuc-vu.xlsx")


@login_required
def person_export(request):
    """The list as .xlsx (one row per post, the import's columns): the list's filters, within the user's scope."""
    filterset, _anchor, _data = _filtered(request)
    return people_workbook_response(filtered_rows(filterset), request.user)
