"""What every reporting page shares."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.core.errors import ValidationError
from danvan.core.periods import Period, form_period
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import get_unit_for

from .. import selectors
from ..models import Form


def crumbs(*tail) -> list[tuple[str, str | None]]:
    """Breadcrumbs under the reporting home."""
    return [(_("Báo cáo"), reverse("reporting:home")), *tail]


def report_target(user, form_id, unit_id, period_code) -> tuple[Form, OrgUnit, Period]:
    """The form, unit and period of a unit's report URL (the grid, its print view, its offline form): 404 out of the
    user's scope, for a unit whose kind does not report the form, and for a code that is not a period of its type."""
    form = selectors.get_form_for(user, form_id)
    unit = get_unit_for(user, unit_id)
    try:
        period = form_period(form, period_code)
    except ValidationError:
        raise Http404 from None
    if unit.kind not in (form.reporting_kinds or []):
        raise Http404
    return form, unit, period
