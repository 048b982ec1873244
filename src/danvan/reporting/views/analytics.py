"""The aggregation page (pivot, chart) and its Excel export; the logic is in `reporting.analytics`."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import analytics as pivot


@login_required
def analytics(request):
    """The pivot of a form's figures for a unit (or the country) and periods: units × indicators with drill-down,
    or indicators × periods with the change; a chart; the lineage notes for periods before the 2025 reform."""
    return render(request, "reporting/analytics/pivot.html", pivot.page_context(request))


@login_required
def analytics_export(request):
    """The same tables as an .xlsx."""
    return pivot.export_response(request)
