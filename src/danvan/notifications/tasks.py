"""Background work of the notification centre, run by `danvan db_worker`; in tests the immediate backend runs each
task as soon as it is enqueued."""

from django.tasks import task

from .mail import send_emails


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """The e-mails of notifications just made (those whose recipients want that kind by e-mail)."""
    return send_emails(notification_ids)
