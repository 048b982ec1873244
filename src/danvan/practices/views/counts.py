"""Counts of the register by level, field, kind, khối and status: the page (its logic is in stats.py) and its .xlsx."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..stats import export_response, page_context


@login_required
def stats(request):
    """Counts for a unit (or the country) and year: cards, the cross-tab with drill-down links, the chart."""
    return render(request, "practices/stats.html", page_context(request))


@login_required
def stats_export(request):
    """The same cross-tab as an .xlsx."""
    return export_response(request)
