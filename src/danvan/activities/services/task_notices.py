"""Who is told what about tasks, through the notification centre (`notifications.services.notify`), once the
change has committed (`transaction.on_commit`, so nobody hears of a change that was rolled back):

- a task assigned → the users of the lead unit and of the supporting units;
- progress reported → the users of the assigning unit;
- an extension asked → the assigning unit; decided → the lead unit;
- due in a few days, overdue (activities/reminders.py) → the lead unit, once each.

"The users of a unit" are those holding a role of editor or above on the unit itself, as for the reports' notices
(reporting/notices.py `unit_editors`, which this app, below reporting, cannot import)."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.accounts.models import ROLE_RANK, Role, UnitRole, User
from danvan.core.templatetags.vn import vndate
from danvan.notifications.models import Kind
from danvan.notifications.services import notify

from ..models import Task, TaskExtension, TaskProgress

TOLD_ROLES = [role for role, rank in ROLE_RANK.items() if rank >= ROLE_RANK[Role.EDITOR]]


def unit_users(unit_ids) -> dict[int, list[User]]:
    """{unit id: the active users holding editor or above on the unit itself}."""
    found: dict[int, list[User]] = {}
    roles = UnitRole.objects.filter(
        unit_id__in=list(unit_ids), role__in=TOLD_ROLES, user__is_active=True
    ).select_related("user")
    for held in roles.order_by("unit_id", "user__username"):
        found.setdefault(held.unit_id, []).append(held.user)
    return found


def users_of(*unit_ids) -> list[User]:
    return [user for users in unit_users(unit_ids).values() for user in users]


def task_link(task: Task) -> str:
    return reverse("activities:task_detail", args=[task.pk])


def _who(actor) -> str:
    return getattr(actor, "display_name", "") or getattr(actor, "username", "") or _("hệ thống")


def announce_assigned(actor, task: Task) -> None:
    def send():
        units = [task.lead_unit_id, *task.supporting_units.values_list("pk", flat=True)]
        notify(
            users_of(*units),
            Kind.TASK_ASSIGNED,
            _("Nhiệm vụ mới: %(title)s") % {"title": task.title},
            _("%(assigner)s giao %(lead)s chủ trì nhiệm vụ “%(title)s”, hạn hoàn thành %(deadline)s.")
            % {
                "assigner": task.assigner.name,
                "lead": task.lead_unit.name,
                "title": task.title,
                "deadline": vndate(task.deadline),
            },
            task_link(task),
        )

    transaction.on_commit(send)


def announce_progress(actor, task: Task, report: TaskProgress) -> None:
    def send():
        if report.completes:
            title = _("Đã hoàn thành: %(title)s") % {"title": task.title}
        else:
            title = _("Tiến độ %(percent)s%%: %(title)s") % {"percent": report.percent, "title": task.title}
        notify(
            users_of(task.assigner_id),
            Kind.TASK_PROGRESS,
            title,
            _("%(who)s (%(lead)s) báo cáo tiến độ %(percent)s%% ngày %(day)s: %(text)s")
            % {
                "who": _who(actor),
                "lead": task.lead_unit.name,
                "percent": report.percent,
                "day": vndate(report.reported_on),
                "text": report.text,
            },
            task_link(task),
        )

    transaction.on_commit(send)


def announce_extension_request(actor, extension: TaskExtension) -> None:
    task = extension.task

    def send():
        notify(
            users_of(task.assigner_id),
            Kind.TASK_EXTENSION,
            _("Đề nghị gia hạn: %(title)s") % {"title": task.title},
            _(
                "%(lead)s đề nghị gia hạn nhiệm vụ “%(title)s” từ %(deadline)s đến %(requested)s. Lý do: %(reason)s"
            )
            % {
                "lead": task.lead_unit.name,
                "title": task.title,
                "deadline": vndate(task.deadline),
                "requested": vndate(extension.requested_deadline),
                "reason": extension.reason,
            },
            task_link(task),
        )

    transaction.on_commit(send)


def announce_extension_decision(actor, extension: TaskExtension) -> None:
    task = extension.task

    def send():
        if extension.decision == TaskExtension.Decision.GRANTED:
            title = _("Đồng ý gia hạn: %(title)s") % {"title": task.title}
            body = _("%(assigner)s đồng ý gia hạn nhiệm vụ “%(title)s” đến %(deadline)s (%(reference)s).") % {
                "assigner": task.assigner.name,
                "title": task.title,
                "deadline": vndate(extension.requested_deadline),
                "reference": extension.decision_reference,
            }
        else:
            title = _("Không đồng ý gia hạn: %(title)s") % {"title": task.title}
            body = _("%(assigner)s không đồng ý gia hạn nhiệm vụ “%(title)s”; hạn vẫn là %(deadline)s.") % {
                "assigner": task.assigner.name,
                "title": task.title,
                "deadline": vndate(task.deadline),
            }
        if extension.decision_note:
            body += " " + _("Ý kiến: %(note)s") % {"note": extension.decision_note}
        notify(users_of(task.lead_unit_id), Kind.TASK_EXTENSION, title, body, task_link(task))

    transaction.on_commit(send)
