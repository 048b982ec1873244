"""Reading the notification centre: each user reads only their own notifications."""

from .models import Notification

STATES = ("unread", "read", "all")


def notifications_of(user, state: str = "all"):
    rows = Notification.objects.filter(recipient=user)
    if state == "unread":
        rows = rows.filter(read_at__isnull=True)
    elif state == "read":
        rows = rows.filter(read_at__isnull=False)
    return rows
