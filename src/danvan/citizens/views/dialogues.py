"""Pages of dialogues under /don-thu/doi-thoai/: the list and its Excel export, a dialogue's page (leaders with their
titles that day, the questions and answers, the commitments as tasks), the forms, and the yearly count per
commune."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
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
from ..filters import DialogueFilter
from ..forms import dialogues as forms
from ..forms.receptions import CommitmentForm
from ..selectors import dialogues as selectors


def crumbs(*tail) -> list:
    return [
        (_("Đơn thư, tiếp công dân"), reverse("citizens:home")),
        (_("Đối thoại với Nhân dân"), reverse("citizens:dialogue_list")),
        *tail,
    ]


def _filtered(request):
    filterset = DialogueFilter(request.GET, queryset=selectors.dialogue_list(request.user))
    form = filterset.form
    form.fields["unit"].widget.choices = unit_filter_choices(request)
    form.fields["status"].widget.choices = [
        ("", _("Mọi tình trạng")),
        *list(form.fields["status"].choices)[1:],
    ]
    form.fields["q"].widget.attrs["placeholder"] = _("Chủ đề, lãnh đạo, địa điểm…")
    return filterset


@login_required
def dialogue_list(request):
    filterset = _filtered(request)
    page = page_of(request, filtered_rows(filterset).order_by("-date", "-id"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "citizens/dialogues/list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "export_query": query.urlencode(),
            "can_record": request.user.is_superuser or bool(role_paths(request.user, "editor")),
            "crumbs": crumbs(),
        },
    )


@login_required
def dialogue_export(request):
    filterset = _filtered(request)
    sheet = ListSheet(
        _("Đối thoại"),
        [
            (_("Ngày"), 12),
            (_("Đơn vị"), 30),
            (_("Chủ đề"), 44),
            (_("Địa điểm"), 26),
            (_("Tình trạng"), 14),
            (_("Số người dân dự"), 10),
            (_("Lý do hủy"), 30),
        ],
    )
    for dialogue in filtered_rows(filterset).order_by("-date", "-id").iterator(chunk_size=500):
        sheet.append(
            [
                sheet.date(dialogue.date),
                dialogue.unit.name,
                dialogue.title,
                dialogue.place,
                dialogue.get_status_display(),
                dialogue.citizens_count,
                dialogue.cancel_reason,
            ]
        )
    return xlsx_response(sheet.content(), "doi-thoai.xlsx")


def _render_detail(request, dialogue, question_form=None, commitment_form=None):
    can_handle = services.can_handle(request.user, dialogue.unit)
    return render(
        request,
        "citizens/dialogues/detail.html",
        {
            "dialogue": dialogue,
            **selectors.dialogue_detail(dialogue),
            "can_handle": can_handle,
            "question_form": question_form or forms.QuestionForm(dialogue=dialogue),
            "commitment_form": commitment_form or CommitmentForm(),
            "history": history_for(dialogue)[:50] if can_handle else [],
            "crumbs": crumbs((dialogue.title, None)),
        },
    )


@login_required
def dialogue_detail(request, pk):
    return _render_detail(request, selectors.get_dialogue_for(request.user, pk))


@login_required
@require_POST
def dialogue_question(request, pk):
    dialogue = selectors.get_dialogue_for(request.user, pk)
    form = forms.QuestionForm(request.POST, dialogue=dialogue)
    if form.is_valid():
        try:
            services.add_question(request.user, dialogue, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi câu hỏi."))
            return redirect("citizens:dialogue_detail", dialogue.pk)
    return _render_detail(request, dialogue, question_form=form)


@login_required
@require_POST
def dialogue_commitment(request, pk):
    dialogue = selectors.get_dialogue_for(request.user, pk)
    form = CommitmentForm(request.POST)
    if form.is_valid():
        try:
            services.add_commitment(
                request.user,
                dialogue=dialogue,
                text=form.cleaned_data["text"],
                deadline=form.cleaned_data["deadline"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi cam kết và giao nhiệm vụ theo dõi."))
            return redirect("citizens:dialogue_detail", dialogue.pk)
    return _render_detail(request, dialogue, commitment_form=form)


def _save(request, dialogue=None):
    initial = forms.dialogue_initial(dialogue) if dialogue else None
    form = forms.DialogueForm(
        request.POST or None, request.FILES or None, initial=initial, user=request.user, dialogue=dialogue
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = dialogue.unit if dialogue else data["unit"]
        leaders = data.pop("leaders")
        upload = data.pop("invitation_file")
        data["citizens_count"] = data.get("citizens_count") or 0
        try:
            saved = services.save_dialogue(
                request.user, unit=unit, data=data, leaders=leaders, invitation_file=upload, dialogue=dialogue
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except NotAllowed as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã lưu cuộc đối thoại."))
            return redirect("citizens:dialogue_detail", saved.pk)
    title = _("Sửa cuộc đối thoại") if dialogue else _("Lập kế hoạch đối thoại")
    tail = [(dialogue.title, reverse("citizens:dialogue_detail", args=[dialogue.pk]))] if dialogue else []
    return render(
        request,
        "citizens/dialogues/form.html",
        {"form": form, "dialogue": dialogue, "title": title, "crumbs": crumbs(*tail, (title, None))},
    )


@login_required
def dialogue_create(request):
    return _save(request)


@login_required
def dialogue_edit(request, pk):
    dialogue = selectors.get_dialogue_for(request.user, pk)
    if not services.can_handle(request.user, dialogue.unit):
        raise NotAllowed()
    return _save(request, dialogue)


@login_required
def dialogue_counts(request):
    """The communes of a unit's subtree × the last five years: dialogues held, each count opening the list."""
    unit = anchor_unit(request)
    this_year = timezone.localdate().year
    years = list(range(this_year - 4, this_year + 1))
    return render(
        request,
        "citizens/dialogues/counts.html",
        {
            "unit": unit,
            "years": years,
            "rows": selectors.yearly_counts(request.user, unit, years) if unit else [],
            "unit_choices": unit_filter_choices(request),
            "crumbs": crumbs((_("Số cuộc đối thoại theo xã"), None)),
        },
    )
