"""The public showcase (no login): recognised and replicated models and exemplars, without contact data."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils.formats import number_format

from danvan.accounts.scope import can_view_path
from danvan.core.lists import page_of
from danvan.core.text import fold
from danvan.orgunits.models import OrgUnit

from ..models import Commendation, Field, Practice, Status
from ..selectors import recognised_for_showcase

SHOWCASE_PAGE_SIZE = 12


def _showcase_cards(practices) -> None:
    """practice.place (the owner's ancestors from its parent up to the province, for a whole page in one query)
    and result.shown ("3,5", "1.200": no trailing zeros) for the cards."""
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
    page = page_of(request, practices, SHOWCASE_PAGE_SIZE)
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
