"""Reads of the petition register, always through the user's scope (a petition of another unit outside it is a 404),
and the clock as a page shows it (due date, days left, overdue)."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from danvan.accounts.scope import visible_q
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtrees_q

from ..clocks import due_soon_until, petition_deadline
from ..models import Attachment, Petition

# What each clock's step is called on a petition's page (the rule table's codes).
CLOCK_LABELS = {
    "xu_ly_don": _("Xử lý đơn"),
    "khieu_nai_lan_1.thu_ly": _("Thụ lý khiếu nại lần đầu"),
    "khieu_nai_lan_1.giai_quyet": _("Giải quyết khiếu nại lần đầu"),
    "khieu_nai_lan_2.thu_ly": _("Thụ lý khiếu nại lần hai"),
    "khieu_nai_lan_2.giai_quyet": _("Giải quyết khiếu nại lần hai"),
    "to_cao.xu_ly_ban_dau": _("Xử lý ban đầu đơn tố cáo"),
    "to_cao.thong_bao_thu_ly": _("Thông báo thụ lý tố cáo"),
    "to_cao.giai_quyet": _("Giải quyết tố cáo"),
    "tiep_cong_dan_dang.tra_loi": _("Trả lời kiến nghị tại buổi tiếp công dân của cấp ủy"),
}


def petitions_visible_to(user) -> QuerySet:
    """The petitions of the units in the user's scope."""
    return Petition.objects.filter(visible_q(user, "unit_path"))


def register_of(user, unit: OrgUnit | None) -> QuerySet:
    """A unit's register and its subtree's (and the units it was formed from), within the user's scope; everything
    in scope without a unit."""
    petitions = petitions_visible_to(user)
    return petitions.filter(subtrees_q(lineage_paths(unit), "unit_path")) if unit is not None else petitions


def get_petition_for(user, pk) -> Petition:
    return get_object_or_404(
        petitions_visible_to(user).select_related(
            "unit", "received_by", "assignee", "previous", "merged_into"
        ),
        pk=pk,
    )


def attachments_visible_to(user) -> QuerySet:
    return Attachment.objects.filter(petition__in=petitions_visible_to(user))


@dataclass(frozen=True)
class Clock:
    step: str
    label: str
    start: datetime.date
    due: datetime.date
    days: int
    day_type: str
    days_left: int
    days_late: int
    overdue: bool
    due_soon: bool
    due_soon_until: datetime.date


def clock_of(petition: Petition, today: datetime.date) -> Clock | None:
    """The clock running on a petition, as its page shows it; None when no clock runs (or while suspended)."""
    if petition.due_on is None or not petition.clock_step:
        return None
    running = petition_deadline(petition)
    if running is None:
        return None
    left = (running.due - today).days
    soon = due_soon_until(today)
    return Clock(
        step=running.step,
        label=str(CLOCK_LABELS.get(running.step, running.step)),
        start=running.start,
        due=running.due,
        days=running.days,
        day_type=running.day_type,
        days_left=left,
        days_late=max(0, -left),
        overdue=left < 0,
        due_soon=today <= running.due <= soon,
        due_soon_until=soon,
    )


def followups_of(petition: Petition) -> QuerySet:
    """The second complaints linked to a first one."""
    return petition.followups.only("id", "number", "year", "subject", "stage")
