"""Reads of dialogues: the counts for the figures, the scoped list, a dialogue's page, the yearly count per
commune."""

from collections import defaultdict

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404

from danvan.accounts.scope import units_visible_to, visible_q
from danvan.activities.selectors.people import titles_on
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtree_q

from ..models import Dialogue


def dialogues_held(paths_q: Q, start, end) -> int:
    """How many dialogues were held in `[start, end]` by the units `paths_q` (a `Q` on `unit_path`) selects."""
    return Dialogue.objects.filter(
        paths_q, status=Dialogue.Status.HELD, date__gte=start, date__lte=end
    ).count()


def dialogue_list(user):
    return Dialogue.objects.filter(visible_q(user, "unit_path")).select_related("unit")


def get_dialogue_for(user, pk) -> Dialogue:
    """The dialogue, or 404 outside the user's scope."""
    return get_object_or_404(dialogue_list(user), pk=pk)


def dialogue_detail(dialogue: Dialogue) -> dict:
    leaders = list(dialogue.leaders.all())
    titles = titles_on([p.pk for p in leaders], dialogue.date)
    return {
        "leaders": [(person, titles.get(person.pk, "")) for person in leaders],
        "questions": list(dialogue.questions.select_related("answered_by")),
        "commitments": list(dialogue.commitments.select_related("task", "task__lead_unit")),
    }


def yearly_counts(user, unit: OrgUnit, years: list[int]) -> list[tuple[OrgUnit, list[tuple[int, int]]]]:
    """The communes of `unit`'s subtree (or `unit` itself when it is one) × `years`: (year, dialogues held) for each,
    counting those of the units under it. Two queries: the communes and one aggregate over the dialogues."""
    communes = list(
        units_visible_to(user)
        .filter(subtree_q(unit.path), kind=OrgUnit.Kind.COMMUNE)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__year__gte=min(years)))
        .order_by("sort_key", "id")
    )
    if not communes:
        return []
    counts: dict[tuple[str, int], int] = defaultdict(int)
    rows = (
        Dialogue.objects.filter(
            visible_q(user, "unit_path"),
            subtree_q(unit.path, "unit_path"),
            status=Dialogue.Status.HELD,
            date__year__gte=min(years),
            date__year__lte=max(years),
        )
        .annotate(year=ExtractYear("date"))
        .values("unit_path", "year")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[(row["unit_path"], row["year"])] += row["n"]
    table = []
    for commune in communes:
        cells = [
            (y, sum(n for (path, year), n in counts.items() if year == y and path.startswith(commune.path)))
            for y in years
        ]
        table.append((commune, cells))
    return table
