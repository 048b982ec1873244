"""A unit's report for a period as a clean page to print (A4): heading, every section's figures with their labels,
the narrative, the status and who submitted and approved it when. Reading only: a report not started prints empty."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .. import selectors, services
from ..grid import build_grid
from ..models import NARRATIVE_KEYS, NARRATIVE_OUTLINE, Submission
from .common import report_target


@login_required
def entry_print(request, form_id, unit_id, period):
    form, unit, period = report_target(request.user, form_id, unit_id, period)
    submission = (
        Submission.objects.filter(form=form, unit=unit, period=period.code)
        .select_related("submitted_by", "approved_by")
        .first()
    )
    sections = selectors.form_structure(form)
    indicators = [item.indicator for section in sections for item in section.items.all()]
    figures = services.report_figures(form, indicators, selectors.values_of(submission) if submission else {})
    texts = submission.narrative if submission else {}
    narrative = [
        {"heading": heading, "depth": depth, "has_text": key in NARRATIVE_KEYS, "text": texts.get(key, "")}
        for key, heading, depth in NARRATIVE_OUTLINE
    ]
    context = {
        "form": form,
        "unit": unit,
        "period": period,
        "deadline": period.deadline(form.deadline_days),
        "submission": submission,
        "grid": build_grid(sections, figures.values, False, figures.computed),
        "narrative": narrative if form.has_narrative else [],
        "printed_on": timezone.localdate(),
    }
    return render(request, "reporting/entry/print.html", context)
