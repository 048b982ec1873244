"""Deadline reminders, sent by `danvan send_reminders` (run hourly by cron or a systemd timer): to the editors of
each unit that has not submitted a report, once when its deadline is DEADLINE_SOON_DAYS days away or less, and once
when it has passed. Each reminder is recorded (notifications.SentReminder), so running again sends nothing twice.

Which periods: the last two ended periods of each active form, deadlines from the form (`Period.deadline`); a
deadline that passed more than OVERDUE_WINDOW_DAYS ago is not reminded of (a new installation does not remind of
years of old reports)."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from danvan.core.periods import Period, last_ended_period
from danvan.core.templatetags.vn import vndate
from danvan.notifications.models import Kind
from danvan.notifications.services import notify_once

from .models import Form
from .notices import entry_link, report_name, unit_editors
from .selectors import completeness

DEADLINE_SOON_DAYS = 3
OVERDUE_WINDOW_DAYS = 30


@dataclass(frozen=True)
class Due:
    kind: str
    form: Form
    period: Period
    deadline: datetime.date


def reminders_due(today: datetime.date) -> list[Due]:
    """The (kind, form, period) whose reminders are due today."""
    due = []
    for form in Form.objects.filter(is_active=True).select_related("owner").order_by("pk"):
        ended = last_ended_period(form.period_type, today)
        for period in (ended, ended.previous()):
            deadline = period.deadline(form.deadline_days)
            days_left = (deadline - today).days
            if 0 <= days_left <= DEADLINE_SOON_DAYS:
                due.append(Due(Kind.DEADLINE_SOON, form, period, deadline))
            elif -OVERDUE_WINDOW_DAYS <= days_left < 0:
                due.append(Due(Kind.DEADLINE_PASSED, form, period, deadline))
    return due


def reminder_key(form: Form, unit_id: int, period: Period) -> str:
    return f"{form.pk}:{unit_id}:{period.code}"


def _texts(due: Due, name: str) -> tuple[str, str]:
    if due.kind == Kind.DEADLINE_SOON:
        return (
            _("Sắp đến hạn: %(name)s") % {"name": name},
            _(
                "Hạn nộp %(name)s là ngày %(deadline)s. Đơn vị chưa nộp báo cáo: hãy hoàn thành và nộp đúng hạn."
            )
            % {"name": name, "deadline": vndate(due.deadline)},
        )
    return (
        _("Quá hạn: %(name)s") % {"name": name},
        _("Hạn nộp %(name)s là ngày %(deadline)s, đã qua. Đơn vị chưa nộp báo cáo: hãy nộp ngay.")
        % {"name": name, "deadline": vndate(due.deadline)},
    )


def send_reminders(today: datetime.date) -> Counter:
    """Sends the reminders due today that were not sent before; returns how many people were told, by kind."""
    sent: Counter = Counter()
    for due in reminders_due(today):
        missing = [unit for unit, _submission in completeness(due.form, due.period).not_submitted]
        editors = unit_editors(unit.pk for unit in missing)
        for unit in missing:
            if unit.pk not in editors:
                continue
            title, body = _texts(due, report_name(due.form, unit, due.period.code))
            told = notify_once(
                editors[unit.pk],
                due.kind,
                reminder_key(due.form, unit.pk, due.period),
                title,
                body,
                entry_link(due.form, unit, due.period.code),
            )
            sent[due.kind] += len(told)
    return sent
