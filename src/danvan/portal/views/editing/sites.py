"""The sites: the list, opening one for a unit, its settings, and its furniture (categories, topics, fixed pages,
linked websites), each added or changed on one form page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from danvan.accounts.models import Role
from danvan.accounts.scope import role_q
from danvan.core.errors import NotAllowed
from danvan.orgunits.models import OrgUnit
from danvan.portal.access import can_edit_documents, can_manage
from danvan.portal.forms import sites as forms
from danvan.portal.selectors import editing as selectors
from danvan.portal.services import sites as services
from danvan.portal.services.media import can_use_library

from .common import apply, crumbs, site_crumbs

# The furniture of a site, by the URL's word: (related name on Site, form, service, title of a new one, of one).
FURNITURE = {
    "chuyen-muc": ("categories", forms.CategoryForm, services.save_category, gettext_lazy("Thêm chuyên mục")),
    "chu-de": ("topics", forms.TopicForm, services.save_topic, gettext_lazy("Thêm chủ đề")),
    "trang-tinh": ("pages", forms.PageForm, services.save_page, gettext_lazy("Thêm trang tĩnh")),
    "lien-ket": ("links", forms.LinkForm, services.save_link, gettext_lazy("Thêm website liên kết")),
}
FIELDS = {
    "chuyen-muc": (
        "name",
        "slug",
        "parent",
        "editor_unit",
        "description",
        "position",
        "in_menu",
        "is_active",
    ),
    "chu-de": ("name", "slug", "description", "is_active"),
    "trang-tinh": ("title", "slug", "body", "position"),
    "lien-ket": ("name", "url", "position"),
}


def units_to_open(user):
    """The units the user administers that have no site yet (a superuser: the provinces and their agencies)."""
    if user.is_superuser:
        units = OrgUnit.objects.filter(depth__lte=1)
    else:
        units = OrgUnit.objects.filter(role_q(user, Role.ADMIN)).filter(
            pk__in=user.unit_roles.filter(role=Role.ADMIN).values("unit_id")
        )
    return units.filter(site__isnull=True, valid_to__isnull=True).order_by("depth", "name")


@login_required
def site_list(request):
    sites = selectors.sites_visible_to(request.user).order_by("name")
    context = {
        "crumbs": crumbs((_("Trang thông tin"), None)),
        "sites": sites,
        "can_open": units_to_open(request.user).exists(),
    }
    return render(request, "portal/editing/sites/list.html", context)


@login_required
def site_create(request):
    units = units_to_open(request.user)
    if not units.exists():
        raise NotAllowed(_("Chỉ quản trị của đơn vị chưa có trang mới mở được trang thông tin."))
    form = forms.SiteForm(request.POST or None, units=units, initial={"is_active": True})
    if request.method == "POST" and form.is_valid():
        site = apply(form, lambda: services.save_site(request.user, None, **form.cleaned_data))
        if site is not None:
            messages.success(request, _("Đã mở trang. Hãy thêm chuyên mục để bắt đầu viết bài."))
            return redirect("portal:site_detail", site.pk)
    context = {
        "crumbs": crumbs((_("Trang thông tin"), reverse("portal:site_list")), (_("Mở trang"), None)),
        "form": form,
        "title": _("Mở trang thông tin"),
    }
    return render(request, "portal/editing/sites/form.html", context)


@login_required
def site_detail(request, site: int):
    site = selectors.get_site_for(request.user, site)
    context = {
        "crumbs": [*site_crumbs(site)[:-1], (site.name, None)],
        "site": site,
        "categories": site.categories.select_related("editor_unit", "parent"),
        "topics": site.topics.all(),
        "pages": site.pages.all(),
        "links": site.links.all(),
        "counts": selectors.status_counts(request.user, site),
        "can_manage": can_manage(request.user, site),
        "can_documents": can_edit_documents(request.user, site),
        "can_images": can_use_library(request.user, site),
    }
    return render(request, "portal/editing/sites/detail.html", context)


def _managed(request, pk: int):
    site = selectors.get_site_for(request.user, pk)
    if not can_manage(request.user, site):
        raise NotAllowed(
            _("Chỉ quản trị của đơn vị chủ quản mới thiết lập trang “%(name)s”.") % {"name": site.name}
        )
    return site


@login_required
def site_edit(request, site: int):
    site = _managed(request, site)
    fields = (
        "name",
        "slug",
        "tagline",
        "host",
        "email",
        "phone",
        "address",
        "responsible",
        "licence",
        "is_active",
    )
    form = forms.SiteForm(request.POST or None, initial={name: getattr(site, name) for name in fields})
    if request.method == "POST" and form.is_valid():
        saved = apply(form, lambda: services.save_site(request.user, site, **form.cleaned_data))
        if saved is not None:
            messages.success(request, _("Đã lưu thiết lập trang."))
            return redirect("portal:site_detail", site.pk)
    context = {
        "crumbs": site_crumbs(site, (_("Thiết lập"), None)),
        "form": form,
        "title": _("Thiết lập trang"),
        "site": site,
    }
    return render(request, "portal/editing/sites/form.html", context)


@login_required
def furniture_form(request, site: int, kind: str, pk: int | None = None):
    if kind not in FURNITURE:
        raise Http404
    site = _managed(request, site)
    related, form_class, save, new_title = FURNITURE[kind]
    obj = get_object_or_404(getattr(site, related).all(), pk=pk) if pk else None
    extra = {"site": site, "category": obj} if kind == "chuyen-muc" else {}
    initial = {name: getattr(obj, name) for name in FIELDS[kind]} if obj else None
    form = form_class(request.POST or None, initial=initial, **extra)
    if request.method == "POST" and form.is_valid():
        saved = apply(form, lambda: save(request.user, site, obj, **form.cleaned_data))
        if saved is not None:
            messages.success(request, _("Đã lưu “%(name)s”.") % {"name": saved})
            return redirect("portal:site_detail", site.pk)
    title = str(obj) if obj else new_title
    context = {
        "crumbs": site_crumbs(site, (title, None)),
        "form": form,
        "title": title,
        "site": site,
        "rich": kind == "trang-tinh",
        "images_url": reverse("portal:image_choices", args=[site.pk]),
        "delete_url": reverse("portal:link_delete", args=[site.pk, obj.pk])
        if obj and kind == "lien-ket"
        else "",
    }
    return render(request, "portal/editing/sites/form.html", context)


@login_required
@require_POST
def link_delete(request, site: int, pk: int):
    site = _managed(request, site)
    link = get_object_or_404(site.links.all(), pk=pk)
    services.delete_link(request.user, link)
    messages.success(request, _("Đã xóa website liên kết “%(name)s”.") % {"name": link.name})
    return redirect("portal:site_detail", site.pk)
