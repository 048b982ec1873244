"""What the front page /don-thu/ shows of a unit's subtree: the register's clocks and this year's work, in a fixed
number of queries."""

import datetime

from django.db.models import Count, Q

from danvan.accounts.scope import visible_q
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtree_q

from ..clocks import due_soon_until
from ..models import Consultation, Dialogue, Petition, Reception
from .figures import OPEN, overdue_q


def front_counts(user, unit: OrgUnit, today: datetime.date) -> dict[str, int]:
    """The subtree's open petitions, overdue, due within three working days, received this year, online feedback not
    yet answered; this year's receptions and held dialogues; consultations open today."""
    scope = visible_q(user, "unit_path") & subtree_q(unit.path, "unit_path")
    year_start = today.replace(month=1, day=1)
    soon = due_soon_until(today)
    petitions = Petition.objects.filter(scope).aggregate(
        open=Count("pk", filter=OPEN),
        overdue=Count("pk", filter=overdue_q(today)),
        due_soon=Count("pk", filter=OPEN & Q(due_on__gte=today, due_on__lte=soon)),
        received=Count("pk", filter=Q(received_on__gte=year_start, received_on__lte=today)),
        unanswered=Count("pk", filter=OPEN & Q(tracking_code__isnull=False, answered_on__isnull=True)),
    )
    return {
        **petitions,
        "receptions": Reception.objects.filter(scope, date__gte=year_start, date__lte=today).count(),
        "dialogues": Dialogue.objects.filter(
            scope, status=Dialogue.Status.HELD, date__gte=year_start, date__lte=today
        ).count(),
        "consultations": Consultation.objects.filter(scope, status=Consultation.Status.OPEN).count(),
    }
