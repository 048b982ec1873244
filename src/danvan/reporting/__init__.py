"""Periodic reports: indicators, forms, periods, values, submissions, aggregation (issue #4, in progress)."""
