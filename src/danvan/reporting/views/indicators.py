"""Indicators (chỉ tiêu) and the categories (phân tổ) that disaggregate them: lists, detail, create, edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.forms import add_service_errors
from danvan.core.lists import filtered_rows, page_of

from .. import selectors, services
from ..filters import IndicatorFilter
from ..forms import CategoryForm, IndicatorForm
from ..models import Category, Indicator, SectionIndicator
from .common import crumbs
from .definitions import can_create_definitions, edit_crumbs, require_define, safe_codes


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
    page = page_of(request, filtered_rows(filterset))
    for indicator in page.object_list:
        indicator.can_edit = services.can_define(user, indicator.owner)
    context = {
        "filter": filterset,
        "page_obj": page,
        "can_create": can_create_definitions(user),
        "crumbs": crumbs((_("Chỉ tiêu"), None)),
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
    form = IndicatorForm(request.POST or None, user=user, instance=indicator, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_indicator(
                user, indicator, categories=form.cleaned_data["categories"], **form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except NotAllowed as denied:
            form.add_error("owner", denied.message)
        else:
            messages.success(request, _("Đã lưu chỉ tiêu “%(name)s”.") % {"name": saved.name})
            return redirect("reporting:indicator_detail", saved.pk)
    title = _("Sửa chỉ tiêu") if indicator else _("Thêm chỉ tiêu")
    list_crumb = (_("Chỉ tiêu"), reverse("reporting:indicator_list"))
    shown = (
        (indicator.code, reverse("reporting:indicator_detail", args=[indicator.pk])) if indicator else None
    )
    trail = edit_crumbs(list_crumb, shown, title)
    context = {
        "form": form,
        "indicator": indicator,
        "title": title,
        "codes": _indicator_codes(user, indicator),
        "crumbs": trail,
    }
    return render(request, "reporting/definitions/indicator_form.html", context)


@login_required
def indicator_create(request):
    if not can_create_definitions(request.user):
        raise NotAllowed(_("Chỉ quản trị đơn vị mới định nghĩa chỉ tiêu."))
    return _indicator_form_view(request, None)


@login_required
def indicator_edit(request, pk):
    indicator = selectors.get_indicator_for(request.user, pk)
    require_define(request.user, indicator.owner)
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
        if indicator.code in safe_codes(other.expression)
    ]
    uses_codes = sorted(safe_codes(indicator.expression)) if indicator.expression else []
    context = {
        "indicator": indicator,
        "categories": indicator.categories.prefetch_related("options"),
        "uses": uses,
        "used_by": used_by,
        "uses_indicators": list(
            selectors.indicators_visible_to(user).filter(code__in=uses_codes).only("code", "name")
        ),
        "can_edit": services.can_define(user, indicator.owner),
        "history": history_for(indicator)[:200],
        "crumbs": crumbs((_("Chỉ tiêu"), reverse("reporting:indicator_list")), (indicator.code, None)),
    }
    return render(request, "reporting/definitions/indicator_detail.html", context)


@login_required
def category_list(request):
    """The disaggregations (phân tổ) every indicator may use, with their options."""
    categories = Category.objects.prefetch_related("options").annotate(indicator_count=Count("indicators"))
    context = {
        "categories": categories,
        "crumbs": crumbs((_("Chỉ tiêu"), reverse("reporting:indicator_list")), (_("Phân tổ"), None)),
    }
    context["can_define_categories"] = services.can_define(request.user, None)
    return render(request, "reporting/definitions/category_list.html", context)


def _category_form_view(request, category: Category | None):
    if not services.can_define(request.user, None):
        raise NotAllowed(_("Phân tổ dùng chung cho mọi biểu mẫu: chỉ quản trị hệ thống mới thêm, sửa."))
    form = CategoryForm(request.POST or None, instance=category)
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
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu phân tổ “%(name)s”.") % {"name": saved.name})
            return redirect("reporting:category_list")
    title = _("Sửa phân tổ") if category else _("Thêm phân tổ")
    context = {
        "form": form,
        "category": category,
        "title": title,
        "crumbs": crumbs(
            (_("Chỉ tiêu"), reverse("reporting:indicator_list")),
            (_("Phân tổ"), reverse("reporting:category_list")),
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
