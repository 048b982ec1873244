"""Background work of periodic reporting, run by `danvan db_worker` (django-tasks-db); in tests the immediate
backend runs each task as soon as it is enqueued."""

from django.tasks import task

from . import jobs
from .documents import generation


@task()
def generate_report_document(document_id: int) -> str:
    """Builds the Word and PDF files of a report document, writing its progress for the page that polls it. A job
    another worker lost (stopped mid-way) is marked failed first, so its page stops waiting."""
    jobs.recover_stuck()
    return generation.generate(document_id)
