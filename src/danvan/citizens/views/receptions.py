"""Pages of citizen receptions under /don-thu/tiep-cong-dan/: the list and its Excel export, a reception's page (the
citizens, the commitments as tasks, the petitions handed in), the forms, the unit's schedule and duties, and the
compliance table of leaders × months."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.scope import role_paths
from danvan.activities.views.common import anchor_unit
from danvan.activities.views.oversight import unit_filter_choices
from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.excel_export import xlsx_response
from danvan.core.excel_lists import ListSheet
from danvan.core.forms import add_service_errors
from danvan.core.lists import filtered_rows, page_of

from .. import services
from ..filters import ReceptionFilter
from ..forms import receptions as forms
from ..models import ReceptionRule
from ..selectors import receptions as selectors


def crumbs(*tail) -> list:
    return [
        (_("Đơn thư, tiếp công dân"), reverse("citizens:home")),
        (_("Tiếp công dân"), reverse("citizens:reception_list")),
        *tail,
    ]


def _filtered(request):
    filterset = ReceptionFilter(request.GET, queryset=selectors.reception_list(request.user))
    form = filterset.form
    form.fields["unit"].widget.choices = unit_filter_choices(request)
    for name, label in (
        ("kind", _("Mọi hình thức")),
        ("mode", _("Mọi cách thức")),
        ("leader_role", _("Mọi cương vị")),
    ):
        form.fields[name].widget.choices = [("", label), *list(form.fields[name].choices)[1:]]
    form.fields["q"].widget.attrs["placeholder"] = _("Lãnh đạo, công dân, địa điểm…")
    return filterset


def _can_record(user) -> bool:
    return user.is_superuser or bool(role_paths(user, "editor"))


@login_required
def reception_list(request):
    filterset = _filtered(request)
    page = page_of(request, filtered_rows(filterset).order_by("-date", "-id"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "citizens/receptions/list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "titles": selectors.leader_titles(page.object_list),
            "export_query": query.urlencode(),
            "can_record": _can_record(request.user),
            "crumbs": crumbs(),
        },
    )


@login_required
def reception_export(request):
    filterset = _filtered(request)
    sheet = ListSheet(
        _("Tiếp công dân"),
        [
            (_("Ngày tiếp"), 12),
            (_("Đơn vị"), 30),
            (_("Hình thức"), 12),
            (_("Cách thức"), 12),
            (_("Lãnh đạo tiếp"), 26),
            (_("Cương vị"), 24),
            (_("Địa điểm"), 26),
            (_("Số lượt công dân"), 10),
            (_("Ghi chú"), 40),
        ],
    )
    for reception in filtered_rows(filterset).order_by("-date", "-id").iterator(chunk_size=500):
        sheet.append(
            [
                sheet.date(reception.date),
                reception.unit.name,
                reception.get_kind_display(),
                reception.get_mode_display(),
                reception.leader.name if reception.leader_id else "",
                reception.get_leader_role_display() if reception.leader_role else "",
                reception.place,
                reception.citizens_count,
                reception.notes,
            ]
        )
    return xlsx_response(sheet.content(), "tiep-cong-dan.xlsx")


def _render_detail(request, reception, commitment_form=None, petition_form=None):
    can_handle = services.can_handle(request.user, reception.unit)
    return render(
        request,
        "citizens/receptions/detail.html",
        {
            "reception": reception,
            **selectors.reception_detail(reception),
            "can_handle": can_handle,
            "commitment_form": commitment_form or forms.CommitmentForm(),
            "petition_form": petition_form or forms.ReceivedPetitionForm(),
            "history": history_for(reception)[:50] if can_handle else [],
            "crumbs": crumbs((str(reception), None)),
        },
    )


@login_required
def reception_detail(request, pk):
    return _render_detail(request, selectors.get_reception_for(request.user, pk))


@login_required
@require_POST
def reception_commitment(request, pk):
    reception = selectors.get_reception_for(request.user, pk)
    form = forms.CommitmentForm(request.POST)
    if form.is_valid():
        try:
            services.add_commitment(
                request.user,
                reception=reception,
                text=form.cleaned_data["text"],
                deadline=form.cleaned_data["deadline"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi cam kết và giao nhiệm vụ theo dõi."))
            return redirect("citizens:reception_detail", reception.pk)
    return _render_detail(request, reception, commitment_form=form)


@login_required
@require_POST
def reception_petition(request, pk):
    reception = selectors.get_reception_for(request.user, pk)
    form = forms.ReceivedPetitionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        senders = (
            [{"name": data["sender_name"], "address": data["sender_address"]}]
            if data["sender_name"].strip()
            else []
        )
        try:
            services.receive_petition(
                request.user,
                reception,
                data={k: data[k] for k in ("kind", "field", "subject", "content")},
                senders=senders,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã vào sổ đơn nhận tại buổi tiếp."))
            return redirect("citizens:reception_detail", reception.pk)
    return _render_detail(request, reception, petition_form=form)


def _save(request, reception=None):
    initial = forms.reception_initial(reception) if reception else None
    form = forms.ReceptionForm(request.POST or None, initial=initial, user=request.user, reception=reception)
    citizens_initial = (
        [
            {k: getattr(c, k) for k in ("name", "address", "matter", "answer")}
            for c in reception.citizens.all()
        ]
        if reception
        else None
    )
    formset = forms.CitizenFormSet(request.POST or None, initial=citizens_initial, prefix="citizens")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = dict(form.cleaned_data)
        unit = reception.unit if reception else data.pop("unit")
        data.pop("unit", None)
        data["citizens_count"] = data.get("citizens_count") or 0
        try:
            saved = services.save_reception(
                request.user, unit=unit, data=data, citizens=forms.citizen_rows(formset), reception=reception
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except NotAllowed as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã lưu buổi tiếp công dân."))
            return redirect("citizens:reception_detail", saved.pk)
    title = _("Sửa buổi tiếp công dân") if reception else _("Ghi buổi tiếp công dân")
    tail = [(str(reception), reverse("citizens:reception_detail", args=[reception.pk]))] if reception else []
    return render(
        request,
        "citizens/receptions/form.html",
        {
            "form": form,
            "formset": formset,
            "reception": reception,
            "title": title,
            "crumbs": crumbs(*tail, (title, None)),
        },
    )


@login_required
def reception_create(request):
    return _save(request)


@login_required
def reception_edit(request, pk):
    reception = selectors.get_reception_for(request.user, pk)
    if not services.can_handle(request.user, reception.unit):
        raise NotAllowed()
    return _save(request, reception)


def _unit_or_404(request):
    unit = anchor_unit(request)
    if unit is None:
        raise Http404(_("Hãy chọn đơn vị."))
    return unit


@login_required
def reception_schedule(request):
    """A unit's published schedule and the leaders who must receive: read by the scope, set by its approvers."""
    unit = _unit_or_404(request)
    can_decide = services.can_decide(request.user, unit)
    is_schedule = "schedule-days" in request.POST
    schedule_form = forms.ScheduleForm(request.POST if is_schedule else None, prefix="schedule")
    duty_form = forms.DutyForm(request.POST if "person" in request.POST else None, user=request.user)
    if request.method == "POST":
        if not can_decide:
            raise NotAllowed()
        form = schedule_form if is_schedule else duty_form
        if form.is_valid():
            try:
                if form is schedule_form:
                    services.save_schedule(request.user, unit=unit, data=form.cleaned_data)
                else:
                    services.save_duty(request.user, unit=unit, data=form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Đã lưu."))
                return redirect(f"{reverse('citizens:reception_schedule')}?unit={unit.pk}")
    return render(
        request,
        "citizens/receptions/schedule.html",
        {
            "unit": unit,
            "schedules": selectors.schedules_in(request.user, unit),
            "duties": selectors.duties_in(request.user, unit),
            "can_decide": can_decide,
            "schedule_form": schedule_form,
            "duty_form": duty_form,
            "crumbs": crumbs((_("Lịch tiếp, trách nhiệm tiếp"), None)),
        },
    )


@login_required
def reception_compliance(request):
    unit = _unit_or_404(request)
    today = timezone.localdate()
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else today.year
    return render(
        request,
        "citizens/receptions/compliance.html",
        {
            "unit": unit,
            "year": year,
            "years": list(range(today.year + 1, today.year - 6, -1)),
            "months": range(1, 13),
            "rows": selectors.compliance_table(request.user, unit, year, today),
            "rules": ReceptionRule.objects.all(),
            "unit_choices": unit_filter_choices(request),
            "crumbs": crumbs((_("Tần suất tiếp công dân"), None)),
        },
    )


def public_schedule(request, unit_id):
    """A unit's published reception days, for anyone, without signing in: no person's contact."""
    unit = selectors.public_unit(unit_id)
    return render(
        request,
        "citizens/public/reception_schedule.html",
        {"unit": unit, "schedules": selectors.published_schedules(unit)},
    )
