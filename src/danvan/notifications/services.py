"""Every write of the notification centre. `notify` is the one way any module tells people something: a line in
each recipient's in-app list and, unless they turned that kind off, an e-mail through Django's mail framework.

Modules call it once their own transaction has committed (`transaction.on_commit`), so nobody is told about a change
that was rolled back; the e-mails are sent by a background task (`tasks.send_notification_emails`), so a slow mail
server never holds a page or a lock."""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.core.changelog import record_change
from danvan.core.text import nfc, nfc_lines

from . import tasks
from .models import EmailPreference, Kind, Notification, SentReminder

log = logging.getLogger(__name__)


def email_wanted(users: list[User], kind: str) -> list[User]:
    """Those of `users` with an address who have not turned e-mail of this kind off."""
    off = set(
        EmailPreference.objects.filter(user__in=users, kind=kind, email=False).values_list(
            "user_id", flat=True
        )
    )
    return [user for user in users if user.email and user.pk not in off]


def notify(
    recipients: Iterable[User], kind: str, title: str, body: str = "", link: str = "", ics: str = ""
) -> list[Notification]:
    """Tells each active recipient (once, however often named): in the app, and by e-mail unless they turned the
    kind off. `link` is a path of the site; `ics` an iCalendar text the e-mail carries as `invite.ics` (a meeting's
    invitation). Returns the in-app notifications. A mail server that fails is logged,
    never raised: the in-app notification stays."""
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    users = list({user.pk: user for user in recipients if user is not None and user.is_active}.values())
    if not users:
        return []
    title, body = nfc(title)[:300], nfc_lines(body)
    with transaction.atomic():
        made = Notification.objects.bulk_create(
            Notification(recipient=user, kind=kind, title=title, body=body, link=link[:500], ics=ics)
            for user in users
        )
        User.objects.filter(pk__in=[user.pk for user in users]).update(
            unread_notifications=F("unread_notifications") + 1
        )
    wanted = {user.pk for user in email_wanted(users, kind)}
    mailed = [note.pk for note in made if note.recipient_id in wanted]
    if mailed:
        _enqueue_emails(mailed)
    return made


def _enqueue_emails(notification_ids: list[int]) -> None:
    """The e-mails go out in the background (`danvan db_worker`): a page never waits for the mail server."""
    try:
        tasks.send_notification_emails.enqueue(notification_ids)
    except Exception:  # the queue itself failed: the notifications stay in the app
        log.exception("notification e-mails %s not queued", notification_ids)


def notify_once(
    recipients: Iterable[User], kind: str, key: str, title: str, body: str = "", link: str = ""
) -> list[User]:
    """`notify`, but each user is told of (`kind`, `key`) only once ever (SentReminder): what a reminder command
    run every hour calls. Returns the users told now."""
    users = [user for user in recipients if user is not None and user.is_active]
    with transaction.atomic():
        told = set(
            SentReminder.objects.filter(kind=kind, key=key, user__in=users).values_list("user_id", flat=True)
        )
        fresh = list({user.pk: user for user in users if user.pk not in told}.values())
        # A second run at the same moment meets the unique constraint and skips what the first one recorded.
        SentReminder.objects.bulk_create(
            [SentReminder(kind=kind, key=key, user=user) for user in fresh], ignore_conflicts=True
        )
    notify(fresh, kind, title, body, link)
    return fresh


def _recount(user: User) -> None:
    user.unread_notifications = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    User.objects.filter(pk=user.pk).update(unread_notifications=user.unread_notifications)


@transaction.atomic
def mark_read(user: User, notification: Notification) -> Notification:
    """Marks one of the user's own notifications read (the view finds it among the user's)."""
    if notification.recipient_id != user.pk:
        raise ValueError("not the recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    _recount(user)
    return notification


@transaction.atomic
def mark_all_read(user: User) -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    _recount(user)
    return marked


@transaction.atomic
def set_email_preferences(user: User, wanted: dict[str, bool]) -> dict[str, bool]:
    """Saves, per kind, whether the user wants it by e-mail too; logged as a change of the user."""
    before = email_preferences(user)
    after = {kind: bool(wanted.get(kind, before[kind])) for kind in Kind.values}
    for kind, email in after.items():
        EmailPreference.objects.update_or_create(user=user, kind=kind, defaults={"email": email})
    if after != before:
        words = {True: _("có thư"), False: _("không thư")}
        record_change(
            user,
            "update",
            user,
            {str(Kind(k).label): words[v] for k, v in before.items() if after[k] != v},
            {str(Kind(k).label): words[v] for k, v in after.items() if before[k] != v},
        )
    return after


def email_preferences(user: User) -> dict[str, bool]:
    """{kind: whether it comes by e-mail} for every kind (on unless turned off)."""
    chosen = dict(EmailPreference.objects.filter(user=user).values_list("kind", "email"))
    return {kind: chosen.get(kind, True) for kind in Kind.values}
