"""The officials an article names, as people of the register holding their posts on the event's date.

A name is matched folded (no accents, any case) among the people kept by the organiser's area — the units above the
organiser and the subtree of its administrative unit (a Ban Dân vận's meeting is attended by the Thành ủy's
leaders) — that the actor may name. Found: each post the article gives that the person is not known to hold that
day is added, or an existing post of the same title is stretched to cover the day. Not found: the person is created,
kept by the organiser's administrative unit, with those posts. The article tells that a post was held on its date
only, so a new post runs from that day to that day (`valid_from` = `valid_to`); each article read later stretches
it, and an editor who knows better corrects it on the person's page."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.activities import services as activity_services
from danvan.activities.models import Person
from danvan.activities.selectors.people import held_on_q, people_pickable_by
from danvan.core.text import fold
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import path_ids, subtree_q


def administrative_unit(unit: OrgUnit) -> OrgUnit:
    """The unit itself, or for an agency the administrative unit it belongs to (the district of a Ban Dân vận)."""
    while unit.kind == OrgUnit.Kind.AGENCY and unit.parent_id:
        unit = unit.parent
    return unit


def _area_q(organizer: OrgUnit) -> Q:
    area = administrative_unit(organizer)
    return Q(unit_id__in=path_ids(organizer.path)) | subtree_q(area.path, "unit_path")


def find_person(actor, name: str, organizer: OrgUnit) -> Person | None:
    """The one person of that name in the organiser's area the actor may name (the first by id when the register
    holds two of the same name there: the older record)."""
    pickable = people_pickable_by(actor) if actor is not None else Person.objects.all()
    return pickable.filter(_area_q(organizer), search_key=fold(name)[:300]).order_by("id").first()


def _keeping_unit(actor, organizer: OrgUnit) -> OrgUnit:
    area = administrative_unit(organizer)
    return area if activity_services.can_edit(actor, area) or actor is None else organizer


def _ensure_posts(actor, person: Person, titles: list[str], day: datetime.date) -> None:
    posts = list(person.posts.all())
    held = {fold(post.title) for post in person.posts.filter(held_on_q(day))}
    for title in titles:
        folded = fold(title)
        if folded in held:
            continue
        same = [post for post in posts if fold(post.title) == folded]
        if same:
            post = same[0]
            activity_services.update_post(
                actor,
                post,
                valid_from=min(post.valid_from, day) if post.valid_from else None,
                valid_to=max(post.valid_to, day) if post.valid_to else None,
            )
        else:
            activity_services.add_post(actor, person, title=title, valid_from=day, valid_to=day)
        held.add(folded)


def attendees(actor, people: list[dict], organizer: OrgUnit, day: datetime.date, source: str) -> list[dict]:
    """The set_attendance entries of the article's people, each matched or created, with their posts that day.
    Returns [{"role": "member", "person": Person}], and on each person `created` (True when new)."""
    entries = []
    for entry in people:
        person = find_person(actor, entry["name"], organizer)
        if person is None:
            person = activity_services.create_person(
                actor,
                unit=_keeping_unit(actor, organizer),
                name=entry["name"],
                note=_("Ghi từ tin “%(source)s”.") % {"source": source[:300]},
            )
            person.created = True
        else:
            person.created = False
        _ensure_posts(actor, person, entry["titles"], day)
        entries.append({"role": "member", "person": person})
    return entries
