"""The reporting home: the reports of the user's unit, and the forms reported to it with their completeness."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.periods import recent_periods
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtree_q

from .. import selectors, services
from ..models import Submission
from .completeness import completeness_root
from .entry import status_row


def _unit_reports(user, unit: OrgUnit, today: datetime.date) -> list[dict]:
    """The forms the unit reports, each with its recent periods and the unit's report for each."""
    forms = selectors.forms_for_unit(unit)
    rows = []
    periods_of = {}
    for form in forms:
        periods_of[form.pk] = [
            p for p in recent_periods(form.period_type, today) if p.end >= today or unit.is_open_on(p.end)
        ]
    codes = {p.code for periods in periods_of.values() for p in periods}
    submissions = {
        (s.form_id, s.period): s
        for s in Submission.objects.filter(unit=unit, form__in=forms, period__in=codes)
    }
    for form in forms:
        rows.append(
            {
                "form": form,
                "periods": [
                    status_row(form, period, submissions.get((form.pk, period.code)), today)
                    for period in periods_of[form.pk]
                ],
            }
        )
    return rows


def _followed_forms(user, unit: OrgUnit | None, today: datetime.date) -> list[dict]:
    """Forms reported by units below the user's unit, each with completeness figures for its recent periods."""
    found = []
    forms = selectors.forms_visible_to(user).filter(is_active=True).select_related("owner").order_by("name")
    for form in forms[:20]:
        root = completeness_root(user, form, unit)
        below = OrgUnit.objects.filter(subtree_q(root.path), kind__in=form.reporting_kinds or [])
        if not below.exclude(kind=root.kind).exists():
            continue  # nothing reports to this unit (a commune following its own form)
        periods = []
        for period in recent_periods(form.period_type, today):
            figures = selectors.completeness(form, period, root=root)
            # Units below the root, not the root and the same-kind units it was formed from.
            expected = [u for u in figures.expected if u.kind != root.kind]
            if not expected:
                continue
            periods.append(
                {
                    "period": period,
                    "figures": figures,
                    "rate": figures.rate(figures.submitted),
                    "due": today > figures.deadline,
                    "waiting": sum(
                        1 for _u, s in figures.submitted if s.status == Submission.Status.SUBMITTED
                    ),
                }
            )
        if periods:
            found.append({"form": form, "root": root, "periods": periods})
    return found


@login_required
def home(request):
    user, unit = request.user, getattr(request, "current_unit", None)
    today = timezone.localdate()
    context = {
        "unit": unit,
        "today": today,
        "own_reports": _unit_reports(user, unit, today) if unit is not None else [],
        "can_enter": unit is not None and services.can_enter(user, unit),
        "followed": _followed_forms(user, unit, today),
        "crumbs": [(_("Báo cáo"), None)],
        "tab": "unit",
    }
    return render(request, "reporting/entry/home.html", context)
