"""The background jobs that make report documents, and those lost to a worker stopped mid-way (killed, restarted,
out of memory): such a job stays RUNNING in django-tasks-db and its document "Đang tạo" forever, since nothing will
finish it. A job running for longer than RUNNING_LIMIT is taken as lost: the page says so at once (reading writes
nothing), and `recover_stuck` — run by the worker before each document and by each new request for one — marks the
job and its document failed with a message, so the user can ask again."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks_db.models import DBTaskResult

from .models import ReportDocument

logger = logging.getLogger(__name__)

# Making one document takes seconds; a job running for longer has lost its worker.
RUNNING_LIMIT = datetime.timedelta(minutes=10)
TASK_PATH = "danvan.reporting.tasks.generate_report_document"
RUNNING, FAILED = "RUNNING", "FAILED"  # django-tasks-db's statuses


def _job_of(document_id: int):
    """The latest task result of the document's generation (None when the queue keeps none, e.g. in tests)."""
    return (
        DBTaskResult.objects.filter(task_path=TASK_PATH, args_kwargs__args=[document_id])
        .order_by("-enqueued_at")
        .first()
    )


def is_stuck(document: ReportDocument, now: datetime.datetime | None = None) -> bool:
    """Running for longer than RUNNING_LIMIT (since its job started, else since it was asked for)."""
    if document.state != ReportDocument.State.RUNNING:
        return False
    now = now or timezone.now()
    job = _job_of(document.pk)
    started = (job.started_at if job is not None else None) or document.requested_at
    return started is None or now - started > RUNNING_LIMIT


def recover_stuck(now: datetime.datetime | None = None) -> int:
    """Marks the lost jobs and their documents failed, with a message saying what happened and what to do; returns
    how many documents. Idempotent."""
    now = now or timezone.now()
    recovered = 0
    for document in ReportDocument.objects.filter(state=ReportDocument.State.RUNNING):
        if not is_stuck(document, now):
            continue
        with transaction.atomic():
            locked = ReportDocument.objects.select_for_update().filter(pk=document.pk).first()
            if locked is None or locked.state != ReportDocument.State.RUNNING:
                continue
            with override("vi"):
                ReportDocument.objects.filter(pk=document.pk).update(
                    state=ReportDocument.State.FAILED,
                    progress_note=_("Việc tạo văn bản bị gián đoạn."),
                    error=interrupted_message(),
                )
            DBTaskResult.objects.filter(
                task_path=TASK_PATH, args_kwargs__args=[document.pk], status=RUNNING
            ).update(
                status=FAILED,
                finished_at=now,
                exception_class_path="danvan.reporting.jobs.LostWorker",
                traceback=f"Running for more than {RUNNING_LIMIT}: its worker stopped mid-way.",
            )
        logger.warning("Report document %s: its job was lost to a stopped worker; marked failed", document.pk)
        recovered += 1
    return recovered


def interrupted_message() -> str:
    return _(
        "Tiến trình nền đã dừng giữa chừng (quá %(minutes)s phút chưa xong). Bấm “Lưu và tạo văn bản Word và PDF”"
        " để tạo lại."
    ) % {"minutes": int(RUNNING_LIMIT.total_seconds() // 60)}
