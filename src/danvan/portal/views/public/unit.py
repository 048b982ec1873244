"""The pages of a site about its unit: the public work calendar, the "Dân vận khéo" showcase, what its commune
publicised and consults on, the documents (Nghị định 42/2022/NĐ-CP), organisation and contacts, the fixed pages,
the administrative units."""

import datetime
import functools

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from danvan.activities.selectors.calendar import parse_week, week_code, week_number, week_table
from danvan.core.lists import page_of
from danvan.portal.models import SitePage
from danvan.portal.selectors import public as selectors

from .common import public_page, render_public

DOCUMENTS_PAGE_SIZE = 20


@require_safe
@public_page
def calendar(request, site):
    """The unit's week (lịch công tác), if the unit published its calendar; ?tuan=2026-W49 or a day."""
    monday = parse_week(request.GET.get("tuan"))
    if monday is None:
        monday = parse_week("")
    items = selectors.public_calendar(site.unit, monday)
    week = datetime.timedelta(days=7)
    return render_public(
        request,
        site,
        "portal/public/calendar.html",
        {
            "published": items is not None,
            "days": week_table(items or [], monday),
            "monday": monday,
            "sunday": monday + datetime.timedelta(days=6),
            "number": week_number(monday),
            "previous": week_code(monday - week),
            "next": week_code(monday + week),
            "ics_url": reverse("activities:calendar_public_feed", args=[site.unit_id]),
        },
        canonical=("calendar",),
    )


@require_safe
@public_page
def showcase(request, site):
    practices = selectors.showcase_of(site.unit)
    page = page_of(request, practices, selectors.SHOWCASE_COUNT)
    area = selectors.area_of(site.unit)
    return render_public(
        request,
        site,
        "portal/public/showcase.html",
        {"page_obj": page, "area": area},
        canonical=("showcase",),
    )


@require_safe
@public_page
def publicity(request, site):
    found = selectors.publicity_of(site.unit)
    return render_public(
        request, site, "portal/public/publicity.html", {"publicity": found}, canonical=("publicity",)
    )


@require_safe
@public_page
def documents(request, site):
    """Number, date, signer, file; filtered by kind and year, searched by words without accents."""
    q = request.GET.get("q", "").strip()[:200]
    kinds = selectors.document_kinds(site)
    kind = request.GET.get("loai", "")
    kind = kind if kind in kinds else ""
    years = selectors.document_years(site)
    year = request.GET.get("nam", "")
    year = int(year) if year.isdigit() and int(year) in years else None
    page = page_of(request, selectors.public_documents(site, q=q, kind=kind, year=year), DOCUMENTS_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return render_public(
        request,
        site,
        "portal/public/documents.html",
        {
            "page_obj": page,
            "q": q,
            "kinds": kinds,
            "kind": kind,
            "years": years,
            "year": year,
            "query": query.urlencode(),
        },
        canonical=("documents",),
    )


@require_safe
@public_page
def document_file(request, site, pk: int):
    document = selectors.public_document(site, pk)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


@require_safe
@public_page
def organisation(request, site):
    """Organisation and contacts: the site's fixed pages, the unit's own agencies with address and phone today."""
    today = timezone.localdate()
    return render_public(
        request,
        site,
        "portal/public/organisation.html",
        {"units": functools.partial(selectors.own_units, site.unit, today), "pages": site.pages.all()},
        canonical=("organisation",),
    )


@require_safe
@public_page
def page(request, site, slug: str):
    found = get_object_or_404(SitePage, site=site, slug=slug)
    return render_public(request, site, "portal/public/page.html", {"page": found}, canonical=("page", found.slug))


@require_safe
@public_page
def units(request, site):
    today = timezone.localdate()
    return render_public(
        request,
        site,
        "portal/public/units.html",
        {
            "area": selectors.area_of(site.unit),
            "groups": functools.partial(selectors.administrative_units, site.unit, today),
            "today": today,
        },
        canonical=("units",),
    )
