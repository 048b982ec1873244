"""Inspections and plans through the user's scope: an inspection is read by the organizer's scope and by the users
of the units it inspected (a commune sees the province's inspection of it)."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404

from danvan.accounts.scope import visible_paths, visible_q

from ..models import InspectedUnit, Inspection, InspectionMember, InspectionPlan, Task
from .people import titles_on
from .tasks import STATUS_LABELS, status_of


def inspections_visible_to(user):
    """Inspections organised in the user's scope, or of a unit in it."""
    if visible_paths(user) is None:
        return Inspection.objects.all()
    inspected = InspectedUnit.objects.filter(inspection=OuterRef("pk")).filter(visible_q(user, "unit_path"))
    return Inspection.objects.filter(visible_q(user, "organizer_path") | Q(Exists(inspected)))


def plans_visible_to(user):
    if visible_paths(user) is None:
        return InspectionPlan.objects.all()
    return InspectionPlan.objects.filter(visible_q(user, "unit_path"))


def inspection_list(user):
    """The list's rows, with what the list shows, in a fixed number of queries."""
    return (
        inspections_visible_to(user)
        .select_related("organizer", "plan")
        .prefetch_related(
            Prefetch(
                "inspected_units",
                queryset=InspectedUnit.objects.select_related("unit").order_by("unit__sort_key"),
            ),
            Prefetch(
                "members",
                queryset=InspectionMember.objects.filter(role=InspectionMember.Role.LEADER).select_related(
                    "person"
                ),
                to_attr="leaders",
            ),
        )
    )


def get_inspection_for(user, pk) -> Inspection:
    """The inspection, or 404 outside the user's scope."""
    return get_object_or_404(inspections_visible_to(user).select_related("organizer", "plan"), pk=pk)


def team_of(inspection: Inspection) -> list[dict]:
    """The team in order, each with the titles held on the inspection's first day."""
    members = list(inspection.members.select_related("person", "person__unit"))
    titles = titles_on([member.person_id for member in members], inspection.starts_on)
    return [
        {
            "id": member.person_id,
            "name": member.person.name,
            "unit": member.person.unit.name if member.person.unit_id else "",
            "role": member.role,
            "role_label": member.get_role_display(),
            "title": titles.get(member.person_id, ""),
        }
        for member in members
    ]


def tasks_of(inspection: Inspection, today: datetime.date) -> list[Task]:
    """The tasks the conclusion directed, each with its status today (`computed_status`)."""
    tasks = list(
        Task.objects.filter(inspection=inspection).select_related("lead_unit").order_by("deadline", "id")
    )
    for task in tasks:
        task.computed_status = status_of(task, today)
        task.status_label = STATUS_LABELS[task.computed_status]
    return tasks
