"""The citizens' front page /don-thu/: the unit's clocks and this year's work, and the way to every topic."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.activities.views.common import anchor_unit

from .. import selectors, services


@login_required
def home(request):
    unit = anchor_unit(request)
    today = timezone.localdate()
    context = {
        "unit": unit,
        "today": today,
        "counts": selectors.front_counts(request.user, unit, today) if unit is not None else None,
        "can_register": unit is not None and services.can_handle(request.user, unit),
        "crumbs": [(_("Đơn thư, tiếp công dân"), None)],
    }
    return render(request, "citizens/home.html", context)
