"""Task reminders, sent by `danvan send_reminders` with the reports' (reporting/reminders.py): to the users of each
open task's lead unit, once when its deadline is TASK_DUE_SOON_DAYS days away or less, and once when it has passed.
Each is keyed by the task and its deadline (notifications.SentReminder), so running again sends nothing twice and an
extension granted re-arms both. A deadline passed more than OVERDUE_WINDOW_DAYS ago is not reminded of (a new
installation does not remind of years of old tasks)."""

import datetime
from collections import Counter

from django.utils.translation import gettext as _

from danvan.core.templatetags.vn import vndate
from danvan.notifications.models import Kind
from danvan.notifications.services import notify_once

from .models import Task
from .services.task_notices import task_link, unit_users

TASK_DUE_SOON_DAYS = 3
OVERDUE_WINDOW_DAYS = 30


def reminder_key(task: Task) -> str:
    return f"task:{task.pk}:{task.deadline.isoformat()}"


def _texts(kind: str, task: Task) -> tuple[str, str]:
    values = {"title": task.title, "deadline": vndate(task.deadline), "assigner": task.assigner.name}
    if kind == Kind.TASK_DUE_SOON:
        return (
            _("Sắp đến hạn: %(title)s") % values,
            _(
                "Nhiệm vụ “%(title)s” do %(assigner)s giao có hạn hoàn thành ngày %(deadline)s. Hãy hoàn thành "
                "và báo cáo tiến độ đúng hạn."
            )
            % values,
        )
    return (
        _("Quá hạn: %(title)s") % values,
        _(
            "Nhiệm vụ “%(title)s” do %(assigner)s giao đã quá hạn (hạn %(deadline)s) mà chưa hoàn thành. Hãy báo "
            "cáo tiến độ, hoặc đề nghị gia hạn."
        )
        % values,
    )


def send_task_reminders(today: datetime.date) -> Counter:
    """Sends the task reminders due today that were not sent before; returns how many people were told, by kind."""
    sent: Counter = Counter()
    soon = today + datetime.timedelta(days=TASK_DUE_SOON_DAYS)
    oldest = today - datetime.timedelta(days=OVERDUE_WINDOW_DAYS)
    tasks = list(
        Task.objects.filter(state=Task.State.OPEN, deadline__gte=oldest, deadline__lte=soon)
        .select_related("assigner")
        .order_by("deadline", "id")
    )
    users = unit_users({task.lead_unit_id for task in tasks})
    for task in tasks:
        recipients = users.get(task.lead_unit_id)
        if not recipients:
            continue
        kind = Kind.TASK_DUE_SOON if task.deadline >= today else Kind.TASK_OVERDUE
        title, body = _texts(kind, task)
        told = notify_once(recipients, kind, reminder_key(task), title, body, task_link(task))
        sent[kind] += len(told)
    return sent
