"""People and the posts they held: the title of a person on a given day, as every record that names them shows it;
the people a user may see, and whose contact details they may read."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from danvan.accounts.models import Role
from danvan.accounts.scope import has_role_on, role_paths, visible_paths, visible_q
from danvan.orgunits.lineage import predecessor_paths
from danvan.orgunits.tree import path_ids, subtrees_q

from ..models import Attendance, CalendarEntry, InspectionMember, Person, Post


def held_on_q(day: datetime.date, prefix: str = "") -> Q:
    """Posts held on `day`: begun on or before it (or start unknown), not ended before it, and at a unit still
    open that day — a post at a district that closed on 30/06/2025 ends with it, though nobody wrote its end."""
    return (
        (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day}))
        & (Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day}))
        & (
            Q(**{f"{prefix}unit__isnull": True})
            | Q(**{f"{prefix}unit__valid_to__isnull": True})
            | Q(**{f"{prefix}unit__valid_to__gte": day})
        )
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


def people_visible_to(user):
    """The people kept by the units in the user's scope (the register's list, a person's page, the API)."""
    queryset = Person.objects.select_related("unit")
    return queryset if visible_paths(user) is None else queryset.filter(visible_q(user, "unit_path"))


def get_person_for(user, pk) -> Person:
    """The person, or 404 when they do not exist or are kept by a unit outside the user's scope."""
    return get_object_or_404(people_visible_to(user), pk=pk)


def get_post_for(user, pk) -> Post:
    """A post of a person the user may see, or 404."""
    return get_object_or_404(
        Post.objects.select_related("person", "person__unit", "unit").filter(
            person__in=people_visible_to(user)
        ),
        pk=pk,
    )


def contact_checker(user):
    """A function telling, for a person, whether `user` may read their phone and e-mail: the users of the unit that
    keeps them (or of the units it was formed from) and the approvers of that unit and above. Everyone else in scope
    sees the name and the posts only. The user's roles are read once, whatever the number of people asked about."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return lambda person: True
    own = role_paths(user, Role.VIEWER)
    own_units = set(own) | set(predecessor_paths(own))

    def may_see(person: Person) -> bool:
        return person.unit_path in own_units or has_role_on(user, Role.APPROVER, person.unit_path)

    return may_see


def can_see_contact(user, person: Person) -> bool:
    return contact_checker(user)(person)


@dataclass(frozen=True)
class ShownTitles:
    """What a list shows of a person's posts: the titles held on the day, else the last ones held (`current`
    False), with the dates they ran."""

    text: str
    current: bool
    valid_from: datetime.date | None
    valid_to: datetime.date | None


def effective_end(post: Post) -> datetime.date | None:
    """The last day of a post: its own end, or the day its unit closed when that came first (or no end written)."""
    unit_end = post.unit.valid_to if post.unit_id and post.unit else None
    if unit_end is None:
        return post.valid_to
    return unit_end if post.valid_to is None else min(post.valid_to, unit_end)


def shown_titles(person_ids, day: datetime.date) -> dict[int, ShownTitles]:
    """For each person, the posts held on `day` (joined in their order), or if none, the posts that ended last:
    "Trưởng Ban Dân vận (đến 30/06/2025)". One query for all the people of a page."""
    posts_by_person: dict[int, list[Post]] = defaultdict(list)
    for post in (
        Post.objects.filter(person_id__in=set(person_ids))
        .select_related("unit")
        .order_by("person_id", "position", "valid_from", "id")
    ):
        posts_by_person[post.person_id].append(post)
    shown: dict[int, ShownTitles] = {}
    for person_id, posts in posts_by_person.items():
        held = [post for post in posts if _held(post, day)]
        if held:
            shown[person_id] = ShownTitles(
                ", ".join(post.title for post in held),
                True,
                max((post.valid_from for post in held if post.valid_from), default=None),
                None,
            )
            continue
        ended = [post for post in posts if (end := effective_end(post)) is not None and end < day]
        if not ended:
            continue  # only posts to come
        last_end = max(effective_end(post) for post in ended)
        last = [post for post in ended if effective_end(post) == last_end]
        shown[person_id] = ShownTitles(
            ", ".join(post.title for post in last),
            False,
            min((post.valid_from for post in last if post.valid_from), default=None),
            last_end,
        )
    return shown


def _held(post: Post, day: datetime.date) -> bool:
    end = effective_end(post)
    return (post.valid_from is None or post.valid_from <= day) and (end is None or end >= day)


def posts_of(person: Person) -> list[Post]:
    """A person's posts, the current and the latest first."""
    posts = list(person.posts.select_related("unit"))
    far = datetime.date.max
    return sorted(
        posts,
        key=lambda post: (
            -(effective_end(post) or far).toordinal(),
            post.position,
            -(post.valid_from or datetime.date.min).toordinal(),
            post.pk,
        ),
    )


def title_from(posts: list[Post], day: datetime.date | None) -> str:
    """The titles held on `day` among `posts` (already read), in their order: titles_on without a query."""
    if day is None:
        return ""
    held = sorted(
        (post for post in posts if _held(post, day)),
        key=lambda p: (p.position, p.valid_from or datetime.date.min, p.pk),
    )
    return ", ".join(post.title for post in held)


@dataclass(frozen=True)
class Appearance:
    """One record naming the person: a meeting attended, an inspection team, a calendar entry; with the title the
    person held that day."""

    kind: str  # "meeting", "inspection", "calendar"
    day: datetime.date | None
    label: str
    role: str
    unit_name: str
    pk: int
    title: str


def appearances(user, person: Person, posts: list[Post], limit: int = 50) -> list[Appearance]:
    """Where the person appears among the records the user may see (those organised by units in their scope),
    the latest first, each with the title the person held that day (from `posts`, the person's posts)."""
    everything = visible_paths(user) is None
    rows: list[Appearance] = []
    attendances = (
        Attendance.objects.filter(person=person)
        .filter(Q() if everything else visible_q(user, "meeting__organizer_path"))
        .select_related("meeting", "meeting__organizer")
        .order_by("-meeting__starts_at", "-id")[:limit]
    )
    for attendance in attendances:
        meeting = attendance.meeting
        day = timezone.localtime(meeting.starts_at).date()
        rows.append(
            Appearance(
                "meeting",
                day,
                meeting.title,
                attendance.get_role_display(),
                meeting.organizer.name,
                meeting.pk,
                attendance.title or title_from(posts, day),
            )
        )
    memberships = (
        InspectionMember.objects.filter(person=person)
        .filter(Q() if everything else visible_q(user, "inspection__organizer_path"))
        .select_related("inspection", "inspection__organizer")
        .order_by("-inspection__starts_on", "-id")[:limit]
    )
    for membership in memberships:
        inspection = membership.inspection
        rows.append(
            Appearance(
                "inspection",
                inspection.starts_on,
                inspection.title,
                membership.get_role_display(),
                inspection.organizer.name,
                inspection.pk,
                title_from(posts, inspection.starts_on),
            )
        )
    entries = (
        CalendarEntry.objects.filter(person=person)
        .filter(Q() if everything else visible_q(user, "unit_path"))
        .select_related("unit")
        .order_by("-starts_at", "-id")[:limit]
    )
    for entry in entries:
        day = timezone.localtime(entry.starts_at).date()
        rows.append(
            Appearance("calendar", day, entry.title, "", entry.unit.name, entry.pk, title_from(posts, day))
        )
    rows.sort(key=lambda row: row.day or datetime.date.min, reverse=True)
    return rows
