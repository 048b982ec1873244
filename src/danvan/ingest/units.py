"""A unit named in a news text, found in the unit tree as it stood on the event's date.

A 2022 "huyện Cầu Kè" is the district that existed then (closed on 30/06/2025), not a unit of today; it is linked to
today's units by lineage (`successors_today`). The name is compared folded (`core.text.fold`: no accents, lower
case) with the names of the units open on that day:

1. the same name ("Ban Dân vận Thành ủy Cao Bằng");
2. a name that starts with it ("Ban Dân vận Tỉnh ủy" → "Ban Dân vận Tỉnh ủy Cao Bằng"), when the text leaves out
   the place;
3. the party committee of a place read as that place's administrative unit ("Ban Dân vận Huyện ủy Hòa An" →
   "Huyện Hòa An", "Thường trực Thị ủy" → the thị xã), when no agency of that name is recorded.

Several candidates are narrowed to those inside `within` (the importing unit's subtree and the units it was formed
from) and to the level the text gives (tỉnh, huyện, xã); if several remain the text is ambiguous and nothing is
chosen: the caller asks the user.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Q

from danvan.core.text import fold
from danvan.orgunits.lineage import predecessor_paths
from danvan.orgunits.models import LineageLink, OrgUnit
from danvan.orgunits.tree import covers, open_on_q, subtree_q, subtrees_q

MAX_CANDIDATES = 50
# A party committee named in a text → the words starting its place's administrative name.
COMMITTEE_PLACES = {
    "tinh uy": ("tinh", "thanh pho"),
    "thanh uy": ("thanh pho",),
    "thi uy": ("thi xa",),
    "huyen uy": ("huyen",),
    "quan uy": ("quan",),
    "dang uy xa": ("xa",),
    "dang uy phuong": ("phuong",),
    "dang uy thi tran": ("thi tran",),
}
_COMMITTEE = re.compile(r"\b(" + "|".join(COMMITTEE_PLACES) + r")\b\s*(.*)$")
# Words before the body's name that do not name a unit: "Thường trực Thị ủy" is held by the Thị ủy.
_LEADING = re.compile(r"^(thuong truc|ban thuong vu|thuong vu|lanh dao)\s+")
LEVEL_KINDS = {
    "tinh": (OrgUnit.Kind.PROVINCE,),
    "huyen": (OrgUnit.Kind.DISTRICT,),
    "xa": (OrgUnit.Kind.COMMUNE,),
}


@dataclass
class UnitMatch:
    unit: OrgUnit | None
    candidates: list[OrgUnit] = field(default_factory=list)

    @property
    def ambiguous(self) -> bool:
        return self.unit is None and len(self.candidates) > 1


def within_paths(unit: OrgUnit | None) -> list[str] | None:
    """The subtrees a text read by `unit` most likely speaks of: the unit's own and those of the units it was formed
    from (a 2022 article read in by today's Vĩnh Long speaks of Trà Vinh). None: anywhere."""
    if unit is None:
        return None
    return [unit.path, *predecessor_paths([unit.path])]


def _level_of(unit: OrgUnit) -> str:
    """tinh, huyen or xa: the administrative level of the unit or of the unit an agency belongs to."""
    if unit.kind == OrgUnit.Kind.AGENCY:
        parent = unit.parent
        while parent is not None and parent.kind == OrgUnit.Kind.AGENCY:
            parent = parent.parent
        unit = parent or unit
    for level, kinds in LEVEL_KINDS.items():
        if unit.kind in kinds:
            return level
    return ""


def _open_named(on: datetime.date, q: Q, within: list[str] | None = None) -> list[OrgUnit]:
    """Units open on `on` matching `q`: those inside `within` when there are any (so that a name every province
    bears finds the importing unit's before the limit cuts the list), else any."""
    units = OrgUnit.objects.filter(open_on_q(on)).filter(q).select_related("parent", "parent__parent")
    if within is not None:
        inside = list(units.filter(subtrees_q(within))[:MAX_CANDIDATES])
        if inside:
            return inside
    return list(units[:MAX_CANDIDATES])


def _narrow(candidates: list[OrgUnit], within, level: str) -> list[OrgUnit]:
    """The candidates inside `within` if any are, then those of the level if any are."""
    if within is not None:
        inside = [unit for unit in candidates if covers(within, unit.path)]
        candidates = inside or candidates
    if level in LEVEL_KINDS:
        at_level = [unit for unit in candidates if _level_of(unit) == level]
        candidates = at_level or candidates
    return candidates


def _by_name(folded: str, on: datetime.date, within) -> tuple[list[OrgUnit], list[OrgUnit]]:
    """(units of exactly that name, units whose name starts with it) open on `on`."""
    found = _open_named(on, Q(search_key__startswith=folded), within)
    exact = [unit for unit in found if fold(unit.name) == folded]
    longer = [unit for unit in found if fold(unit.name).startswith(folded + " ")]
    return exact, longer


def _committee_places(folded: str, on: datetime.date, within) -> list[OrgUnit]:
    """ "ban dan van huyen uy hoa an" → the units named "huyen hoa an"; without a place ("thuong truc thi uy"), the
    thị xã inside `within`."""
    match = _COMMITTEE.search(folded)
    if not match:
        return []
    words, place = COMMITTEE_PLACES[match[1]], match[2].strip()
    if place:
        names = [f"{word} {place}" for word in words]
        found = [unit for name in names for unit in _open_named(on, Q(search_key__startswith=name), within)]
        return [unit for unit in found if fold(unit.name) in names]
    if within is None:
        return []
    found = []
    for path in within:
        found += [
            unit
            for unit in _open_named(on, subtree_q(path) & Q(kind__in=OrgUnit.ADMINISTRATIVE_KINDS))
            if any(fold(unit.name).startswith(word + " ") for word in words)
        ]
    return found


def match_unit(
    name: str, on: datetime.date, *, within: list[str] | None = None, level: str = ""
) -> UnitMatch:
    """The unit `name` designates on `on` (see the module's notes), or the candidates when the name is ambiguous."""
    folded = _LEADING.sub("", fold(name or ""))
    if not folded:
        return UnitMatch(None)
    exact, longer = _by_name(folded, on, within)
    for candidates in (exact, longer, _committee_places(folded, on, within)):
        if not candidates:
            continue
        narrowed = _narrow(list(dict.fromkeys(candidates)), within, level)
        if len(narrowed) == 1:
            return UnitMatch(narrowed[0], narrowed)
        return UnitMatch(None, narrowed)
    return UnitMatch(None)


def successors_today(unit: OrgUnit, today: datetime.date) -> list[OrgUnit]:
    """The units open today that `unit` became, following the lineage forward (merges, renamings): the old
    Ban Dân vận Tỉnh ủy Trà Vinh → the Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Long. Empty when it is still open
    or the lineage does not say."""
    if unit.valid_to is None or unit.valid_to >= today:
        return []
    seen, frontier, found = {unit.pk}, [unit.pk], []
    for _step in range(6):
        events = LineageLink.objects.filter(unit_id__in=frontier, role=LineageLink.Role.PREDECESSOR).values(
            "event_id"
        )
        nexts = list(
            OrgUnit.objects.filter(
                lineage_links__event_id__in=events, lineage_links__role=LineageLink.Role.SUCCESSOR
            ).exclude(pk__in=seen)
        )
        if not nexts:
            break
        seen.update(unit.pk for unit in nexts)
        found += [unit for unit in nexts if unit.valid_to is None or unit.valid_to >= today]
        frontier = [unit.pk for unit in nexts if unit.valid_to is not None and unit.valid_to < today]
        if not frontier:
            break
    return found
