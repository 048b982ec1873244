"""Split by topic, re-exported here."""

from .feedback import (
    PUBLIC_STATUS,
    SERVICE_STATES,
    PublicFeedback,
    accepting_provinces,
    accepting_units,
    feedback_by_code,
    feedback_for,
    feedback_of_unit,
    public_view,
    service_counts,
)

__all__ = [
    "PUBLIC_STATUS",
    "SERVICE_STATES",
    "PublicFeedback",
    "accepting_provinces",
    "accepting_units",
    "feedback_by_code",
    "feedback_for",
    "feedback_of_unit",
    "public_view",
    "service_counts",
]
