"""Split by topic, re-exported here."""

from .clocks import calendar_months, calendar_year, rule_table

__all__ = ["calendar_months", "calendar_year", "rule_table"]
