"""Reads of the publicity checklist: what a commune had to publicise in a span of days (the periodic items computed
from the catalogue, the decisions as recorded), each on time, late, missing or not yet due; the province's
communes × items; the counts the half-year report binds (`publicity_counts`, binding for the figures helper); the
public list of what a commune publicised."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from danvan.accounts.scope import visible_q
from danvan.core.periods import Period
from danvan.core.text import fold
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import open_during_q, open_on_q, subtree_q

from ..models import Publication, PublicationChannel, PublicityItem
from ..models.publicity import Status, publication_status


@dataclass(frozen=True)
class Obligation:
    item: PublicityItem
    period: Period
    due_on: datetime.date


def active_items() -> list[PublicityItem]:
    return list(PublicityItem.objects.filter(active=True))


def periodic_obligations(items, start: datetime.date, end: datetime.date) -> list[Obligation]:
    """The periodic items' (item, period) whose deadline falls from `start` to `end`, by deadline."""
    found = []
    for item in items:
        if not item.periodic:
            continue
        for year in range(start.year - 1, end.year + 2):
            for period in Period.of_type(item.period_type, year):
                due = item.due_for(period)
                if start <= due <= end:
                    found.append(Obligation(item, period, due))
    return sorted(found, key=lambda o: (o.due_on, o.item.position, o.item.pk))


def _published_q(**extra) -> Q:
    return Q(published_on__isnull=False, **extra)


def publicity_counts(paths_q: Q, start: datetime.date, end: datetime.date, today=None) -> dict:
    """What the communes under `paths_q` (a Q on `unit_path`) had to publicise with a deadline from `start` to `end`:
    {"due", "on_time", "late", "missing"}. An item counts as due once its deadline has passed or once it was
    published (so due = on_time + late + missing); a periodic item is due from every commune open on its deadline.
    Three queries whatever the number of communes: the catalogue, the communes per deadline, the publications."""
    today = today or timezone.localdate()
    obligations = [o for o in periodic_obligations(active_items(), start, end) if o.due_on < today]
    days = sorted({o.due_on for o in obligations})
    communes = (
        OrgUnit.objects.alias(unit_path=F("path"))
        .filter(paths_q, kind=OrgUnit.Kind.COMMUNE)
        .aggregate(**{f"d{index}": Count("pk", filter=open_on_q(day)) for index, day in enumerate(days)})
        if days
        else {}
    )
    open_on_day = {day: communes[f"d{index}"] for index, day in enumerate(days)}
    expected = sum(open_on_day[o.due_on] for o in obligations)
    periodic, decision = Q(decision_on__isnull=True), Q(decision_on__isnull=False)
    rows = Publication.objects.filter(
        paths_q, due_on__gte=start, due_on__lte=end, item__active=True
    ).aggregate(
        on_time=Count("pk", filter=_published_q(published_on__lte=F("due_on"))),
        late=Count("pk", filter=_published_q(published_on__gt=F("due_on"))),
        periodic_past=Count("pk", filter=periodic & _published_q(due_on__lt=today)),
        decisions_missing=Count("pk", filter=decision & Q(published_on__isnull=True, due_on__lt=today)),
    )
    missing = max(0, expected - rows["periodic_past"]) + rows["decisions_missing"]
    return {
        "due": rows["on_time"] + rows["late"] + missing,
        "on_time": rows["on_time"],
        "late": rows["late"],
        "missing": missing,
    }


# --- the commune's checklist ---------------------------------------------------------------------------------


@dataclass
class Entry:
    """One line of a commune's checklist: an item due for a period or a decision, and what was published."""

    item: PublicityItem
    period_code: str
    period_label: str
    due_on: datetime.date
    status: str
    publication: Publication | None = None


def publications_visible_to(user):
    return Publication.objects.filter(visible_q(user, "unit_path"))


def get_publication_for(user, pk) -> Publication:
    return get_object_or_404(
        publications_visible_to(user).select_related("unit", "item").prefetch_related("channels"), pk=pk
    )


def get_channel_for(user, pk) -> PublicationChannel:
    return get_object_or_404(
        PublicationChannel.objects.filter(visible_q(user, "publication__unit_path")).select_related(
            "publication__unit"
        ),
        pk=pk,
    )


def checklist(unit: OrgUnit, period: Period, today=None) -> list[Entry]:
    """Every item `unit` had to publicise with a deadline in `period`: three queries (the catalogue, the
    publications, their channels) whatever the number of lines."""
    today = today or timezone.localdate()
    items = active_items()
    rows = list(
        Publication.objects.filter(
            unit=unit, due_on__gte=period.start, due_on__lte=period.end, item__active=True
        )
        .select_related("item")
        .prefetch_related("channels")
    )
    periodic = {(row.item_id, row.period): row for row in rows if row.decision_on is None}
    entries = []
    for obligation in periodic_obligations(items, period.start, period.end):
        row = periodic.pop((obligation.item.pk, obligation.period.code), None)
        if row is None and not unit.is_open_on(obligation.due_on):
            continue
        entries.append(
            Entry(
                item=obligation.item,
                period_code=obligation.period.code,
                period_label=obligation.period.label,
                due_on=row.due_on if row else obligation.due_on,
                status=publication_status(
                    row.due_on if row else obligation.due_on, row and row.published_on, today
                ),
                publication=row,
            )
        )
    for row in rows:
        if row.decision_on is None and (row.item_id, row.period) not in periodic:
            continue
        entries.append(
            Entry(
                item=row.item,
                period_code=row.period,
                period_label="" if row.decision_on else Period.parse(row.period).label,
                due_on=row.due_on,
                status=publication_status(row.due_on, row.published_on, today),
                publication=row,
            )
        )
    return sorted(entries, key=lambda e: (e.due_on, e.item.position, e.item.pk))


def checklist_totals(entries: list[Entry]) -> dict:
    totals = {status: 0 for status in Status.values}
    for entry in entries:
        totals[entry.status] += 1
    return totals


# --- the province's communes × items -------------------------------------------------------------------------


@dataclass
class Cell:
    due: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0


@dataclass
class CommuneRow:
    unit: OrgUnit
    cells: list[Cell] = field(default_factory=list)
    missing: int = 0


def communes_matrix(
    unit: OrgUnit, period: Period, today=None
) -> tuple[list[PublicityItem], list[CommuneRow]]:
    """The communes under `unit` (open during the period) × the catalogue's items: in each cell, how many were due,
    on time, late and missing. Three queries: the catalogue, the communes, one aggregate of the publications."""
    today = today or timezone.localdate()
    items = active_items()
    obligations = periodic_obligations(items, period.start, period.end)
    communes = list(
        OrgUnit.objects.filter(
            subtree_q(unit.path), open_during_q(period.start, period.end), kind=OrgUnit.Kind.COMMUNE
        ).vietnamese_order()
    )
    decision = Q(decision_on__isnull=False)
    counts = {
        (row["unit_id"], row["item_id"]): row
        for row in Publication.objects.filter(
            subtree_q(unit.path, "unit_path"),
            due_on__gte=period.start,
            due_on__lte=period.end,
            item__active=True,
        )
        .values("unit_id", "item_id")
        .annotate(
            on_time=Count("pk", filter=_published_q(published_on__lte=F("due_on"))),
            late=Count("pk", filter=_published_q(published_on__gt=F("due_on"))),
            periodic_past=Count("pk", filter=Q(decision_on__isnull=True) & _published_q(due_on__lt=today)),
            decisions_missing=Count("pk", filter=decision & Q(published_on__isnull=True, due_on__lt=today)),
            decisions_pending=Count("pk", filter=decision & Q(published_on__isnull=True, due_on__gte=today)),
        )
    }
    empty = {"on_time": 0, "late": 0, "periodic_past": 0, "decisions_missing": 0, "decisions_pending": 0}
    rows = []
    for commune in communes:
        row = CommuneRow(unit=commune)
        for item in items:
            found = counts.get((commune.pk, item.pk), empty)
            if item.periodic:
                mine = [o for o in obligations if o.item.pk == item.pk and commune.is_open_on(o.due_on)]
                past = sum(1 for o in mine if o.due_on < today)
                missing = max(0, past - found["periodic_past"])
                pending = max(
                    0, len(mine) - past - (found["on_time"] + found["late"] - found["periodic_past"])
                )
            else:
                missing, pending = found["decisions_missing"], found["decisions_pending"]
            cell = Cell(on_time=found["on_time"], late=found["late"], missing=missing, pending=pending)
            cell.due = cell.on_time + cell.late + cell.missing
            row.cells.append(cell)
            row.missing += missing
        rows.append(row)
    return items, rows


# --- the public page -----------------------------------------------------------------------------------------


def public_publications(unit: OrgUnit, *, words: str = "", period: Period | None = None):
    """What `unit` publicised (published rows only), newest first, searched by words without accents and by the
    period the publication day falls in."""
    rows = Publication.objects.filter(unit=unit, published_on__isnull=False)
    folded = fold(words)
    if folded:
        for word in folded.split()[:8]:
            rows = rows.filter(search_key__contains=word)
    if period is not None:
        rows = rows.filter(published_on__gte=period.start, published_on__lte=period.end)
    return rows.select_related("item").prefetch_related("channels").order_by("-published_on", "-id")


def public_unit(pk) -> OrgUnit:
    """A commune of the public pages (any commune: what it publicises is public)."""
    return get_object_or_404(OrgUnit.objects.select_related("parent"), pk=pk, kind=OrgUnit.Kind.COMMUNE)


def public_publication(pk) -> Publication:
    return get_object_or_404(Publication.objects.exclude(file=""), pk=pk, published_on__isnull=False)
