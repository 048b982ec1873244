"""The sections of a form: each a titled, ordered list of indicators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.errors import ValidationError
from danvan.core.forms import add_service_errors

from .. import selectors, services
from ..forms import SectionForm
from ..models import Form, Section, SectionIndicator
from .definitions import confirm_delete, definable_form, form_part_crumbs, tab_url


def _section_rows(user, report_form: Form, section: Section | None, form) -> list[dict]:
    """One row per indicator the user may add: chosen ones first (in order), then free ones, then those already in
    another section of the form (shown, not selectable)."""
    elsewhere = {
        item.indicator_id: item.section.title
        for item in SectionIndicator.objects.filter(section__form=report_form)
        .exclude(section=section)
        .select_related("section")
    }
    items = (
        list(section.items.order_by("position", "id").values_list("indicator_id", "required"))
        if section is not None
        else []
    )
    current = [pk for pk, _required in items]
    if form.is_bound:
        chosen_ids = [int(value) for value in form.data.getlist("indicators") if value.isdigit()]
        positions = {pk: form.data.get(f"position-{pk}", "") for pk in chosen_ids}
        required = form.required_indicators()
    else:
        chosen_ids = current
        positions = {pk: str(n) for n, pk in enumerate(current, start=1)}
        required = {pk for pk, is_required in items if is_required}
    indicators = {
        indicator.pk: indicator
        for indicator in selectors.indicators_visible_to(user).prefetch_related("categories").order_by("code")
    }
    rows = []
    for pk in chosen_ids:
        if pk in indicators:
            rows.append(
                {
                    "indicator": indicators[pk],
                    "chosen": True,
                    "position": positions.get(pk, ""),
                    "required": pk in required,
                }
            )
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
    initial = {"title": section.title, "narrative_key": section.narrative_key} if section else {}
    form = SectionForm(request.POST or None, indicators=candidates, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_section(
                user,
                report_form,
                section,
                title=form.cleaned_data["title"],
                indicators=form.cleaned_data["indicators"],
                narrative_key=form.cleaned_data["narrative_key"],
                required=form.required_indicators(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu phần “%(title)s”.") % {"title": saved.title})
            return redirect(tab_url(report_form, "sections", f"#section-{saved.pk}"))
    title = _("Sửa phần") if section else _("Thêm phần")
    context = {
        "report_form": report_form,
        "form_section": section,
        "form": form,
        "rows": _section_rows(user, report_form, section, form),
        "title": title,
        "crumbs": form_part_crumbs(report_form, "sections", title),
    }
    return render(request, "reporting/definitions/section_form.html", context)


@login_required
def section_create(request, pk):
    return _section_form_view(request, definable_form(request, pk), None)


@login_required
def section_edit(request, pk, section_id):
    report_form = definable_form(request, pk)
    section = get_object_or_404(Section, pk=section_id, form=report_form)
    return _section_form_view(request, report_form, section)


@login_required
def section_delete(request, pk, section_id):
    """GET asks for confirmation; POST deletes the section (its indicators stay defined)."""
    report_form = definable_form(request, pk)
    section = get_object_or_404(Section, pk=section_id, form=report_form)
    if request.method == "POST":
        services.delete_section(request.user, section)
        messages.success(request, _("Đã xóa phần “%(title)s”.") % {"title": section.title})
        return redirect(tab_url(report_form, "sections"))
    items = [item.indicator for item in section.items.select_related("indicator")]
    return confirm_delete(request, report_form, section, _("phần"), "sections", _("Xóa phần"), items=items)


@login_required
@require_POST
def section_move(request, pk, section_id):
    report_form = definable_form(request, pk)
    section = get_object_or_404(Section, pk=section_id, form=report_form)
    services.move_section(request.user, section, -1 if request.POST.get("direction") == "up" else 1)
    return redirect(tab_url(report_form, "sections", f"#section-{section.pk}"))
