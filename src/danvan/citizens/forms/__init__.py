"""Split by topic, re-exported here."""

from .clocks import CalendarYearForm, RuleVersionForm

__all__ = ["CalendarYearForm", "RuleVersionForm"]
