"""Reads of citizen receptions: the counts for the figures, the lists, the compliance table."""

from django.db.models import Q

from ..models import Reception


def receptions_held(paths_q: Q, start, end) -> int:
    """How many receptions were held in `[start, end]` by the units `paths_q` (a `Q` on `unit_path`) selects."""
    return Reception.objects.filter(paths_q, date__gte=start, date__lte=end).count()
