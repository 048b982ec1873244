"""People and the posts they held: the title of a person on a given day, as every record that names them shows it."""

import datetime
from collections import defaultdict

from django.db.models import Q

from danvan.accounts.scope import visible_paths
from danvan.orgunits.tree import path_ids, subtrees_q

from ..models import Person, Post


def held_on_q(day: datetime.date, prefix: str = "") -> Q:
    """Posts held on `day`: begun on or before it (or start unknown) and not ended before it."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def titles_on(person_ids, day: datetime.date) -> dict[int, str]:
    """{person id: "UV BTV Thành ủy, Trưởng Ban Dân vận, Chủ tịch UBMTTQ thành phố"}: each person's posts held on
    `day`, in their order, in one query. A person holding no post that day is absent from the answer."""
    titles: dict[int, list[str]] = defaultdict(list)
    posts = (
        Post.objects.filter(person_id__in=set(person_ids))
        .filter(held_on_q(day))
        .order_by("person_id", "position", "valid_from", "id")
        .values_list("person_id", "title")
    )
    for person_id, title in posts:
        titles[person_id].append(title)
    return {person_id: ", ".join(parts) for person_id, parts in titles.items()}


def people_pickable_by(user):
    """The people a user may name in a record (chair, attendee, team member): those of the units in the user's scope,
    and of the units above them — a commune's conference is chaired by the province's leaders. Contacts are not
    part of what picking shows."""
    paths = visible_paths(user)
    if paths is None:
        return Person.objects.select_related("unit")
    above = {unit_id for path in paths for unit_id in path_ids(path)[:-1]}
    return Person.objects.filter(subtrees_q(paths, "unit_path") | Q(unit_id__in=above)).select_related("unit")
