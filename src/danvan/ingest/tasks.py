"""Background work of the archive reader, run by `danvan db_worker` (django-tasks-db); in tests the immediate
backend runs each task as soon as it is enqueued."""

from django.tasks import task

from . import reading


@task()
def read_batch(batch_id: int) -> None:
    """Reads an uploaded batch's files (text, then the event in it), counting progress on the batch."""
    reading.read_batch(batch_id)
