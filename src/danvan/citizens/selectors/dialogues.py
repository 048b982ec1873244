"""Reads of dialogues: the counts for the figures, the lists, the yearly count per commune."""

from django.db.models import Q

from ..models import Dialogue


def dialogues_held(paths_q: Q, start, end) -> int:
    """How many dialogues were held in `[start, end]` by the units `paths_q` (a `Q` on `unit_path`) selects."""
    return Dialogue.objects.filter(
        paths_q, status=Dialogue.Status.HELD, date__gte=start, date__lte=end
    ).count()
