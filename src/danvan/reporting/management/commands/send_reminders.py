"""`danvan send_reminders`: the deadline reminders due now (reporting/reminders.py). Idempotent, so it is safe to
run every hour from cron or a systemd timer (deploy/danvan-reminders.timer, docs/deployment.md)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from danvan.activities.reminders import send_task_reminders
from danvan.citizens.reminders import send_petition_reminders
from danvan.notifications.models import Kind
from danvan.reporting.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Gửi nhắc hạn nộp báo cáo (sắp đến hạn, quá hạn) tới đơn vị chưa nộp, và nhắc hạn nhiệm vụ tới đơn vị "
        "chủ trì, nhắc hạn giải quyết đơn thư tới đơn vị giải quyết; chạy lại không gửi trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="chạy như vào ngày này (yyyy-mm-dd), để thử; mặc định hôm nay")

    def handle(self, *args, date=None, **options):
        today = timezone.localdate()
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"--date phải có dạng yyyy-mm-dd, không phải “{date}”.") from None
        with translation.override("vi"):
            sent = send_reminders(today)
            tasks = send_task_reminders(today)
            petitions = send_petition_reminders(today)
        self.stdout.write(
            f"{today:%d/%m/%Y}: đã nhắc {sent[Kind.DEADLINE_SOON]} người sắp đến hạn, "
            f"{sent[Kind.DEADLINE_PASSED]} người quá hạn."
        )
        self.stdout.write(
            f"Nhiệm vụ: đã nhắc {tasks[Kind.TASK_DUE_SOON]} người sắp đến hạn, "
            f"{tasks[Kind.TASK_OVERDUE]} người quá hạn."
        )
        self.stdout.write(
            f"Đơn thư: đã nhắc {petitions[Kind.PETITION_DUE_SOON]} người sắp đến hạn, "
            f"{petitions[Kind.PETITION_OVERDUE]} người quá hạn."
        )
