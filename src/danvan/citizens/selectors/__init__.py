"""Split by topic, re-exported here."""

from .consultations import consultation_result, consultations_visible_to, get_consultation_for
from .publicity import (
    checklist,
    communes_matrix,
    get_publication_for,
    publications_visible_to,
    publicity_counts,
)

__all__ = [
    "checklist",
    "communes_matrix",
    "consultation_result",
    "consultations_visible_to",
    "get_consultation_for",
    "get_publication_for",
    "publications_visible_to",
    "publicity_counts",
]
