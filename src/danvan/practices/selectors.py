"""Reads of the register, always through the reader's scope; the counts come from the yearly fact rows."""

import datetime

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from danvan.core.scope import history_paths, visible_q
from danvan.orgunits.models import OrgUnit, UnitGroup, subtree_q

from .models import Campaign, Field, Practice, PracticeYear, PracticeYearField, Status

DIMENSIONS = ("level", "field", "kind", "group", "status")


def practices_visible_to(user):
    return Practice.objects.filter(visible_q(user, "owner_path"))


def get_practice_for(user, pk) -> Practice:
    return get_object_or_404(
        practices_visible_to(user).select_related("owner", "recognised_by", "replicated_from"), pk=pk
    )


def fields_for(unit: OrgUnit | None):
    """The four standard fields plus those local to the unit's ancestors (or to it)."""
    q = Q(owner__isnull=True)
    if unit is not None:
        q |= Q(owner_id__in=[*unit.ancestor_ids, unit.pk])
    return Field.objects.filter(q, is_active=True).order_by("position", "name")


def counted_paths(unit: OrgUnit) -> list[str]:
    """The unit's subtree and those of the same-kind units it was formed from: the 2024 figure of a province made in
    2025 is the sum of its predecessors'."""
    return [unit.path, *history_paths([unit.path])]


def _paths_q(paths: list[str], field: str = "owner_path") -> Q:
    q = Q()
    for path in paths:
        q |= subtree_q(path, field)
    return q


def facts_for(unit: OrgUnit, year: int):
    """The practice-years counted for a unit and year (scope is checked by the caller on `unit`)."""
    return PracticeYear.objects.filter(_paths_q(counted_paths(unit)), year=year)


def stats(unit: OrgUnit, year: int, by: list[str]) -> dict:
    """{"total": N, "rows": [{dimension: value, ..., "count": n}]} for the unit's subtree and year.

    A practice with two fields counts once in the total and once under each field; "group" counts the practices of
    the units of each khối that the unit has set up (a hamlet's practice counts in its commune's khối).
    """
    by = [d for d in DIMENSIONS if d in by]
    paths = counted_paths(unit)
    base = PracticeYear.objects.filter(_paths_q(paths), year=year)
    total = base.count()
    if not by:
        return {"total": total, "rows": []}
    if "field" in by:
        source = PracticeYearField.objects.filter(_paths_q(paths), year=year)
        columns = ["field_id" if d == "field" else d for d in by if d != "group"]
    else:
        source = base
        columns = [d for d in by if d != "group"]
    rows = []
    if "group" in by:
        for group in UnitGroup.objects.filter(owner_id__in=_unit_and_predecessor_ids(unit)).prefetch_related(
            "members"
        ):
            member_paths = [member.path for member in group.members.all()]
            if not member_paths:
                continue
            grouped = source.filter(_paths_q(member_paths))
            for row in _grouped(grouped, columns):
                rows.append({"group": group.name, "group_id": group.pk, **row})
    else:
        rows = list(_grouped(source, columns))
    if "field" in by:
        names = dict(Field.objects.values_list("pk", "name"))
        codes = dict(Field.objects.values_list("pk", "code"))
        for row in rows:
            field_id = row.pop("field_id")
            row["field"] = codes.get(field_id)
            row["field_name"] = names.get(field_id)
    return {"total": total, "rows": rows}


def _grouped(queryset, columns):
    if not columns:
        yield {"count": queryset.count()}
        return
    for row in queryset.values(*columns).annotate(count=Count("id")).order_by(*columns):
        yield row


def _unit_and_predecessor_ids(unit: OrgUnit) -> list[int]:
    paths = counted_paths(unit)
    return list(OrgUnit.objects.filter(path__in=paths).values_list("pk", flat=True))


def campaign_completion(campaign: Campaign) -> dict:
    """Expected units of the campaign, those that registered a practice that year, and those that have not."""
    year_start, year_end = datetime.date(campaign.year, 1, 1), datetime.date(campaign.year, 12, 31)
    expected = OrgUnit.objects.filter(subtree_q(campaign.unit.path)).exclude(pk=campaign.unit_id)
    expected = expected.filter(
        (Q(valid_from__isnull=True) | Q(valid_from__lte=year_end))
        & (Q(valid_to__isnull=True) | Q(valid_to__gte=year_start))
    )
    scope = Q()
    if campaign.expected_kinds:
        scope |= Q(kind__in=campaign.expected_kinds)
    group_ids = list(campaign.expected_groups.values_list("pk", flat=True))
    if group_ids:
        scope |= Q(groups__in=group_ids)
    expected = expected.filter(scope).distinct()
    registered_ids = set(
        PracticeYear.objects.filter(subtree_q(campaign.unit.path, "owner_path"), year=campaign.year)
        .values_list("owner_id", flat=True)
        .distinct()
    )
    expected_list = list(expected.order_by("sort_key").values("pk", "name", "kind"))
    done = [u for u in expected_list if u["pk"] in registered_ids]
    missing = [u for u in expected_list if u["pk"] not in registered_ids]
    share = round(100 * len(done) / len(expected_list), 1) if expected_list else 0.0
    return {
        "expected": len(expected_list),
        "registered": len(done),
        "percent": share,
        "missing": missing,
        "done": done,
    }


def recognised_for_showcase():
    """Recognised (and replicated) models for the public page: no scope, no personal contact data."""
    return (
        Practice.objects.filter(status__in=[Status.RECOGNISED, Status.REPLICATED])
        .select_related("owner", "recognised_by")
        .prefetch_related("fields")
        .order_by("-recognition_date", "-id")
    )
