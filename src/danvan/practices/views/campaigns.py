"""Registration campaigns: a unit calls its units to register models by a deadline, and sees who has not."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.scope import Role, has_role_on
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.forms import add_service_errors
from danvan.core.lists import page_of
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import get_unit_for

from .. import forms as register_forms
from .. import selectors, services
from ..models import Campaign
from .common import crumbs, scoped


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
def campaigns(request):
    user = request.user
    campaigns = scoped(Campaign.objects.select_related("unit"), user, "unit__path").order_by(
        "-year", "unit__depth", "unit__sort_key"
    )
    page = page_of(request, campaigns)
    above_ids = {i for unit in getattr(request, "user_units", []) for i in unit.ancestor_ids}
    above = (
        Campaign.objects.filter(unit_id__in=above_ids).select_related("unit").order_by("-year")[:20]
        if above_ids
        else []
    )
    context = {
        "page_obj": page,
        "above": above,
        "openers": _approvable_units(request),
        "crumbs": crumbs(user, None, (_("Đợt đăng ký"), None)),
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
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã mở “%(title)s”.") % {"title": campaign.title})
            return redirect("practices:campaign_detail", campaign.pk)
    title = _("Mở đợt đăng ký mô hình")
    context = {
        "form": form,
        "unit": unit,
        "title": title,
        "crumbs": crumbs(
            user, None, (_("Đợt đăng ký"), reverse("practices:campaigns")), (f"{title}: {unit.name}", None)
        ),
    }
    return render(request, "practices/campaign_form.html", context)


@login_required
def campaign_detail(request, pk):
    user = request.user
    campaign = get_object_or_404(
        scoped(Campaign.objects.select_related("unit"), user, "unit__path").prefetch_related(
            "expected_groups"
        ),
        pk=pk,
    )
    completion = selectors.campaign_completion(campaign)
    page = page_of(request, completion["missing"])
    shown_ids = [row["pk"] for row in page.object_list] + [row["pk"] for row in completion["done"][:300]]
    units = OrgUnit.objects.select_related("parent").in_bulk(shown_ids)

    def rows(items):
        for row in items:
            unit = units.get(row["pk"])
            if unit is not None:
                yield unit, has_role_on(user, Role.EDITOR, unit.path)

    kinds = dict(OrgUnit.Kind.choices)
    context = {
        "campaign": campaign,
        "completion": completion,
        "percent_class": f"dv-w-{round(completion['percent'])}",
        "page_obj": page,
        "missing_rows": list(rows(page.object_list)),
        "done_rows": list(rows(completion["done"][:300])),
        "expected_kinds": [kinds.get(kind, kind) for kind in campaign.expected_kinds],
        "overdue": bool(campaign.deadline and campaign.deadline < timezone.localdate()),
        "crumbs": crumbs(
            user, campaign.unit, (_("Đợt đăng ký"), reverse("practices:campaigns")), (campaign.title, None)
        ),
    }
    return render(request, "practices/campaign_detail.html", context)
