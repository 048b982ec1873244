"""Petition reminders, sent by `danvan send_reminders` with the reports' and the tasks': to the editors (and above)
of each open petition's handling unit, once when its clock is due within DUE_SOON_WORKING_DAYS working days, and
once when it has passed. Each is keyed by the petition and its due date (notifications.SentReminder), so running
again sends nothing twice and a due date moved (an extension, a suspension, a calendar change) re-arms both. A due
date passed more than OVERDUE_WINDOW_DAYS ago is not reminded of. The texts name the petition by its number, subject
and step, never its sender."""

import datetime
from collections import Counter

from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.activities.services.task_notices import unit_users
from danvan.core.templatetags.vn import vndate
from danvan.notifications.models import Kind
from danvan.notifications.services import notify_once

from .clock_rules import STEP_NAMES
from .clocks import DUE_SOON_WORKING_DAYS, ClockBook
from .models import Petition

OVERDUE_WINDOW_DAYS = 30


def reminder_key(petition: Petition) -> str:
    return f"petition:{petition.pk}:{petition.due_on.isoformat()}"


def petition_link(petition: Petition) -> str:
    """The petition's page in the register (`/don-thu/don/<id>/`)."""
    return reverse("citizens:petition_detail", args=[petition.pk])


def _texts(kind: str, petition: Petition) -> tuple[str, str]:
    values = {
        "number": f"{petition.number}/{petition.year}",
        "subject": petition.subject,
        "step": STEP_NAMES.get(petition.clock_step, petition.clock_step),
        "due": vndate(petition.due_on),
    }
    if kind == Kind.PETITION_DUE_SOON:
        return (
            _("Đơn số %(number)s sắp đến hạn") % values,
            _("Đơn số %(number)s “%(subject)s”: thời hạn %(step)s hết ngày %(due)s.") % values,
        )
    return (
        _("Đơn số %(number)s đã quá hạn") % values,
        _("Đơn số %(number)s “%(subject)s”: thời hạn %(step)s đã hết ngày %(due)s mà chưa xong.") % values,
    )


def send_petition_reminders(today: datetime.date) -> Counter:
    """Sends the petition reminders due today that were not sent before; returns how many people were told, by
    kind."""
    sent: Counter = Counter()
    soon = ClockBook().add_working_days(today, DUE_SOON_WORKING_DAYS)
    oldest = today - datetime.timedelta(days=OVERDUE_WINDOW_DAYS)
    petitions = list(
        Petition.objects.filter(stage__in=Petition.OPEN_STAGES, due_on__gte=oldest, due_on__lte=soon)
        .only("pk", "unit_id", "number", "year", "subject", "clock_step", "due_on")
        .order_by("due_on", "id")
    )
    users = unit_users({petition.unit_id for petition in petitions})
    for petition in petitions:
        recipients = users.get(petition.unit_id)
        if not recipients:
            continue
        kind = Kind.PETITION_DUE_SOON if petition.due_on >= today else Kind.PETITION_OVERDUE
        title, body = _texts(kind, petition)
        told = notify_once(recipients, kind, reminder_key(petition), title, body, petition_link(petition))
        sent[kind] += len(told)
    return sent
