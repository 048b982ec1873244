"""The public showcase (no login): recognised and replicated models and exemplars, without contact data."""

import io

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from danvan.accounts.scope import can_view_path
from danvan.core.lists import page_of
from danvan.core.text import fold
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtrees_q

from ..models import Commendation, Field, Practice, Status
from ..selectors import recognised_for_showcase, showcase_photos

SHOWCASE_PAGE_SIZE = 12
THUMBNAIL_PX = 640


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
    provinces, province, communes, commune = _places(request)
    place = commune or province
    if place is not None:
        # Through lineage: a province made in 2025 shows its predecessors' models too.
        practices = practices.filter(subtrees_q(lineage_paths(place), "owner_path"))
    elif request.GET.get("province") or request.GET.get("commune"):
        practices = practices.none()
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
            "provinces": provinces,
            "province": province,
            "communes": communes,
            "commune": commune,
            "filtered": bool(
                q or field_id or kind or request.GET.get("province") or request.GET.get("commune")
            ),
        },
    )


def _places(request):
    """The province and commune filters: today's provinces; once one is chosen, its communes. A commune outside the
    chosen province, or an id that is none of these, chooses nothing (and the page then finds nothing)."""
    today = timezone.localdate()
    provinces = list(OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE).open_on(today).vietnamese_order())
    province_id = request.GET.get("province", "")
    province = next((unit for unit in provinces if str(unit.pk) == province_id), None)
    communes, commune = [], None
    if province is not None:
        communes = list(
            OrgUnit.objects.filter(parent=province, kind=OrgUnit.Kind.COMMUNE)
            .open_on(today)
            .vietnamese_order()
        )
        commune_id = request.GET.get("commune", "")
        commune = next((unit for unit in communes if str(unit.pk) == commune_id), None)
        if commune is None and commune_id:
            province = None  # a commune not of this province: nothing matches
    return provinces, province, communes, commune


def showcase_photo(request, pk):
    """A photo of a showcased model, as a JPEG thumbnail, for anyone; any other attachment is a 404."""
    from PIL import Image, ImageOps

    photo = get_object_or_404(showcase_photos(), pk=pk)
    try:
        with photo.file.open("rb") as handle, Image.open(handle) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=82)
    except (OSError, ValueError, Image.DecompressionBombError):
        raise Http404(_("Không tìm thấy ảnh.")) from None
    response = HttpResponse(out.getvalue(), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=3600"
    return response


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
