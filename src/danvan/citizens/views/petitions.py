"""The register's pages under /don-thu/don/: the list (filters, the clock column, Excel export), the register form
(a person or a group, a denunciation's denouncers sealed), a petition's page (facts, senders — a denunciation's
masked —, its clock, steps, transfers, suspensions, extensions, linked complaints, possible duplicates, history), one
form per allowed step, and the files, downloaded through the user's scope."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from danvan.activities.views.common import anchor_unit
from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed
from danvan.core.excel_export import xlsx_response
from danvan.core.lists import filtered_rows, page_of
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import filter_units

from .. import selectors, services
from ..clocks import due_soon_until
from ..filters import PetitionFilter
from ..forms import PetitionForm, SealedFormSet, SenderFormSet, StepForm, people_of, put_service_errors
from ..models import Petition, PetitionStep
from ..petition_excel import petitions_workbook

Action = PetitionStep.Action
# The icon of each step's button on a petition's page.
STEP_ICONS = {
    Action.PROCESS: "bi-inbox",
    Action.ACCEPT: "bi-check2-square",
    Action.REFUSE: "bi-x-square",
    Action.ASSIGN: "bi-person-check",
    Action.VERIFY: "bi-search",
    Action.RESOLVE: "bi-patch-check",
    Action.ANSWER: "bi-reply",
    Action.CLOSE: "bi-archive",
    Action.TRANSFER: "bi-arrow-left-right",
    Action.SUSPEND: "bi-pause-circle",
    Action.RESUME: "bi-play-circle",
    Action.EXTEND: "bi-calendar-plus",
    Action.WITHDRAW: "bi-box-arrow-left",
    Action.MERGE: "bi-intersect",
    Action.REOPEN: "bi-arrow-counterclockwise",
}


def crumbs(*tail) -> list[tuple[str, str | None]]:
    return [
        (_("Đơn thư, tiếp công dân"), reverse("citizens:home")),
        (_("Sổ theo dõi đơn"), reverse("citizens:petition_list")),
        *tail,
    ]


def _register_query(request, today):
    unit = anchor_unit(request)
    base = selectors.register_of(request.user, unit)
    return unit, PetitionFilter(request.GET, queryset=base, today=today)


@login_required
def petition_list(request):
    today = timezone.localdate()
    unit, filterset = _register_query(request, today)
    rows = filtered_rows(filterset).select_related("unit").order_by("-received_on", "-id")
    page = page_of(request, rows)
    for petition in page.object_list:
        petition.days_left = (petition.due_on - today).days if petition.due_on else None
        petition.days_late = -petition.days_left if petition.days_left is not None else None
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page_obj": page,
        "unit": unit,
        "units": filter_units(request.user, unit, getattr(request, "user_units", []) or []).values(),
        "today": today,
        "due_soon_until": due_soon_until(today),
        "figure_filters": ("received_from", "received_to", "accepted", "open", "overdue", "resolved"),
        "export_query": query.urlencode(),
        "can_register": unit is not None and services.can_handle(request.user, unit),
        "crumbs": crumbs(),
    }
    return render(request, "citizens/petitions/list.html", context)


@login_required
def petition_export(request):
    today = timezone.localdate()
    _unit, filterset = _register_query(request, today)
    rows = filtered_rows(filterset).select_related("unit").order_by("-received_on", "-id")
    return xlsx_response(petitions_workbook(rows.iterator(chunk_size=500), today), "so-theo-doi-don.xlsx")


@sensitive_post_parameters()  # a crash while registering: no sender's or denouncer's data in the error report
@sensitive_variables()
@login_required
def petition_create(request):
    user = request.user
    unit = anchor_unit(request)
    if unit is None:
        raise Http404(_("Hãy chọn đơn vị nhận đơn."))
    if not services.can_handle(user, unit):
        raise NotAllowed(_("Bạn không có quyền nhận đơn cho %(unit)s.") % {"unit": unit.name})
    posted = request.method == "POST"
    form = PetitionForm(request.POST if posted else None, request.FILES if posted else None, unit=unit)
    senders = SenderFormSet(request.POST if posted else None, prefix="senders")
    sealed = SealedFormSet(request.POST if posted else None, prefix="sealed")
    if posted and all([form.is_valid(), senders.is_valid(), sealed.is_valid()]):
        data = dict(form.cleaned_data)
        try:
            petition = services.create_petition(
                user, unit=unit, data=data, senders=people_of(senders), sealed=people_of(sealed)
            )
        except ValidationError as error:
            put_service_errors(form, error, {"senders": senders, "sealed": sealed})
        else:
            messages.success(
                request,
                _("Đã vào sổ đơn số %(number)s/%(year)s.")
                % {"number": petition.number, "year": petition.year},
            )
            return redirect("citizens:petition_detail", petition.pk)
    context = {
        "form": form,
        "senders": senders,
        "sealed": sealed,
        "unit": unit,
        "crumbs": crumbs((_("Nhận đơn"), None)),
    }
    return render(request, "citizens/petitions/form.html", context)


def _detail_context(request, petition: Petition) -> dict:
    today = timezone.localdate()
    steps = list(petition.steps.select_related("by"))
    allowed = services.allowed_actions(petition) if services.can_handle(request.user, petition.unit) else []
    notice_due = next(
        (step.details.get("notice_due") for step in reversed(steps) if step.action == Action.ACCEPT), None
    )
    return {
        "petition": petition,
        "clock": selectors.clock_of(petition, today),
        "notice_due": notice_due,
        "senders": [] if petition.is_denunciation else list(petition.senders.all()),
        "steps": steps,
        "transfers": list(petition.transfers.select_related("from_unit", "to_unit")),
        "suspensions": list(petition.suspensions.all()),
        "extensions": list(petition.extensions.all()),
        "attachments": list(petition.attachments.all()),
        "followups": list(selectors.followups_of(petition)),
        "duplicates": services.possible_duplicates(petition)
        if petition.stage != Petition.Stage.MERGED
        else [],
        "actions": [(action, Action(action).label, STEP_ICONS[action]) for action in allowed],
        "can_merge": Action.MERGE in allowed,
        "can_reveal": petition.is_denunciation and services.can_reveal(request.user, petition),
        "history": history_for(petition),
        "crumbs": crumbs((f"{petition.number}/{petition.year}", None)),
    }


@login_required
def petition_detail(request, pk):
    petition = selectors.get_petition_for(request.user, pk)
    return render(request, "citizens/petitions/detail.html", _detail_context(request, petition))


def _transfer_units(user, petition: Petition):
    """Where the form offers to transfer a petition: the units above its unit and the user's short unit list."""
    units = {unit.pk for unit in petition.unit.ancestors()}
    units |= set(filter_units(user, petition.unit, []))
    units.discard(petition.unit_id)
    return OrgUnit.objects.filter(pk__in=units).order_by("depth", "name")


@login_required
def petition_step(request, pk, action):
    user = request.user
    petition = selectors.get_petition_for(user, pk)
    if action not in Action.values or action == Action.RECEIVE:
        raise Http404(_("Không có bước xử lý này."))
    if not services.can_handle(user, petition.unit):
        raise NotAllowed(_("Bạn không có quyền xử lý đơn của %(unit)s.") % {"unit": petition.unit.name})
    initial = {"on": timezone.localdate()}
    if action == Action.MERGE and request.GET.get("vao", "").count("/") == 1:
        initial["into"] = request.GET["vao"][:20]
    form = StepForm(
        request.POST or None,
        action=action,
        petition=petition,
        assignees=services.assignable_users(petition.unit),
        units=_transfer_units(user, petition),
        initial=initial,
    )
    refusal = ""
    if action not in services.allowed_actions(petition):
        refusal = _("Đơn đang ở tình trạng “%(stage)s”: không thể “%(action)s”.") % {
            "stage": petition.get_stage_display(),
            "action": Action(action).label,
        }
    elif request.method == "POST" and form.is_valid():
        unit_before = petition.unit_id
        try:
            services.transition(user, petition, action, on=form.cleaned_data["on"], **form.details())
        except ValidationError as error:
            put_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi bước “%(action)s”.") % {"action": Action(action).label})
            if not selectors.petitions_visible_to(user).filter(pk=petition.pk).exists():
                # Transferred to a unit outside the user's scope: back to the register it left.
                return redirect(f"{reverse('citizens:petition_list')}?unit={unit_before}")
            return redirect("citizens:petition_detail", petition.pk)
    title = Action(action).label
    context = {
        "form": form,
        "petition": petition,
        "action": action,
        "refusal": refusal,
        "title": title,
        "crumbs": crumbs(
            (f"{petition.number}/{petition.year}", reverse("citizens:petition_detail", args=[petition.pk])),
            (title, None),
        ),
    }
    return render(request, "citizens/petitions/step.html", context)


@login_required
def petition_attachment(request, pk):
    """A petition's file, for readers of the petition only (files are not served from a public folder)."""
    found = get_object_or_404(selectors.attachments_visible_to(request.user), pk=pk)
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404(_("Không tìm thấy tệp.")) from None
    response = FileResponse(
        handle, as_attachment=True, filename=found.original_name, content_type=found.content_type
    )
    response["Cache-Control"] = "private, max-age=0"
    return response
