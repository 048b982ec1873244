"""The e-mail of a notification: its Vietnamese wrapping, an absolute link (settings.DANVAN_SITE_URL), and sending
a batch through Django's default mailer in one connection."""

import logging
from email.message import MIMEPart

from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Notification

log = logging.getLogger(__name__)
SUBJECT_PREFIX = "[Dân vận số] "


def absolute_url(path: str) -> str:
    """A link for an e-mail: the site's address (settings.DANVAN_SITE_URL) and the path."""
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.DANVAN_SITE_URL + path


def message_of(note: Notification) -> mail.EmailMessage:
    user = note.recipient
    lines = [_("Kính gửi %(name)s,") % {"name": user.display_name}, "", note.body]
    if note.link:
        lines += ["", _("Xem chi tiết: %(url)s") % {"url": absolute_url(note.link)}]
    lines += [
        "",
        "--",
        _("Dân vận số. Thư gửi tự động, xin đừng trả lời thư này."),
        _("Bật, tắt thư điện tử theo từng loại thông báo: %(url)s")
        % {"url": absolute_url(reverse("notifications:preferences"))},
    ]
    message = mail.EmailMessage(subject=SUBJECT_PREFIX + note.title, body="\n".join(lines), to=[user.email])
    if note.ics:
        message.attach(_ics_part(note.ics))
    return message


def _ics_part(ics: str) -> MIMEPart:
    """The invitation as `invite.ics`, text/calendar with the METHOD it declares (REQUEST or CANCEL), so a mail
    program offers to add, update or remove the event."""
    method = next(
        (line.split(":", 1)[1].strip() for line in ics.splitlines() if line.upper().startswith("METHOD:")),
        "PUBLISH",
    )
    part = MIMEPart()
    part.set_content(
        ics, subtype="calendar", charset="utf-8", disposition="attachment", filename="invite.ics"
    )
    part.set_param("method", method)
    return part


def send_emails(notification_ids: list[int]) -> int:
    """Sends the e-mails of these notifications (to recipients still active, with an address); returns how many
    went. A mail server that fails is logged, not raised: the notifications stay in the app."""
    notes = Notification.objects.filter(pk__in=notification_ids).select_related("recipient").order_by("pk")
    with translation.override(settings.LANGUAGE_CODE):
        messages = [message_of(n) for n in notes if n.recipient.is_active and n.recipient.email]
    if not messages:
        return 0
    try:
        return mail.mailers.default.send_messages(messages) or 0
    except (OSError, ValueError) as error:  # smtplib's errors are OSErrors, a bad header a ValueError
        log.warning("notification e-mails %s not sent: %s", notification_ids, error)
        return 0
