"""Who is told what about petitions, through the notification centre, once the step has committed
(`transaction.on_commit`): an assignment → the officer assigned; a transfer → the editors of the unit receiving it.
A notice names a petition by its number and subject only, never by a sender (a denouncer is never named)."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.accounts.models import ROLE_RANK, Role, UnitRole
from danvan.notifications.models import Kind
from danvan.notifications.services import notify

from ..models import Petition

TOLD_ROLES = [role for role, rank in ROLE_RANK.items() if rank >= ROLE_RANK[Role.EDITOR]]


def _named(petition: Petition) -> str:
    return _("đơn số %(number)s/%(year)s “%(subject)s”") % {
        "number": petition.number,
        "year": petition.year,
        "subject": petition.subject[:150],
    }


def announce_assignment(petition: Petition, assignee) -> None:
    title = _("Bạn được giao xác minh %(petition)s") % {"petition": _named(petition)}
    body = _("Đơn vị giải quyết: %(unit)s.") % {"unit": petition.unit.name}
    link = reverse("citizens:petition_detail", args=[petition.pk])
    transaction.on_commit(lambda: notify([assignee], Kind.PETITION_ASSIGNED, title, body, link))


def announce_transfer(petition: Petition, from_unit) -> None:
    users = [
        held.user
        for held in UnitRole.objects.filter(unit=petition.unit, role__in=TOLD_ROLES, user__is_active=True)
        .select_related("user")
        .order_by("user__username")
    ]
    title = _("%(unit)s chuyển đến %(petition)s") % {"unit": from_unit.name, "petition": _named(petition)}
    link = reverse("citizens:petition_detail", args=[petition.pk])
    transaction.on_commit(lambda: notify(users, Kind.PETITION_TRANSFERRED, title, "", link))
