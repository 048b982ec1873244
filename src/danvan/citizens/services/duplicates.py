"""Possible duplicates of a petition: in the same unit's register, the same sender (their folded name; for a
denunciation the sealed denouncer's, compared here only and never shown) and similar content (the folded words of
the subject and content overlapping). The pages show only the other petition's number and subject."""

import re

from danvan.core.text import fold

from ..models import Petition, SealedIdentity, Sender

SIMILAR = 0.6  # share of the shorter text's words found in the other
CANDIDATES = 50
_WORD = re.compile(r"[a-z0-9]{2,}")


def words(petition: Petition) -> set[str]:
    return set(_WORD.findall(fold(f"{petition.subject} {petition.content}")))


def similar(first: set[str], second: set[str]) -> bool:
    if not first or not second:
        return False
    return len(first & second) / min(len(first), len(second)) >= SIMILAR


def _sender_keys(petition: Petition) -> set[str]:
    keys = set(Sender.objects.filter(petition=petition).values_list("name_key", flat=True))
    keys |= set(SealedIdentity.objects.filter(petition=petition).values_list("name_key", flat=True))
    return keys - {""}


def possible_duplicates(petition: Petition) -> list[Petition]:
    """The same unit's other petitions (not merged away) from a sender of this one, with similar content, oldest
    first; each loaded with its number, year and subject only."""
    keys = _sender_keys(petition)
    if not keys:
        return []
    same_unit = Petition.objects.filter(unit_id=petition.unit_id).exclude(pk=petition.pk)
    same_unit = same_unit.exclude(stage=Petition.Stage.MERGED)
    ids = set(
        Sender.objects.filter(petition__in=same_unit, name_key__in=keys).values_list(
            "petition_id", flat=True
        )[:CANDIDATES]
    )
    ids |= set(
        SealedIdentity.objects.filter(petition__in=same_unit, name_key__in=keys).values_list(
            "petition_id", flat=True
        )[:CANDIDATES]
    )
    if not ids:
        return []
    mine = words(petition)
    candidates = Petition.objects.filter(pk__in=ids).only(
        "id", "number", "year", "subject", "content", "unit_id"
    )
    return [other for other in candidates.order_by("received_on", "id") if similar(mine, words(other))]
