"""Invitations to a meeting, through the notification centre with an `.ics` attachment (METHOD:REQUEST, or CANCEL
on cancellation; SEQUENCE the meeting's own counter; one UID per meeting).

Who is invited: the users who are the people attending (a `Person` is a user when their e-mail is an active user's
e-mail — the register keeps people, the accounts keep users, and the address is what both know), and the editors
and admins of the connection points' units (they prepare the room and the link). Only a meeting still to come is
announced: recording a meeting after it was held tells nobody. Everything is sent once the transaction commits."""

from django.db import transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import Role, UnitRole, User
from danvan.accounts.scope import roles_at_least
from danvan.notifications.models import Kind
from danvan.notifications.services import notify

from .. import ical
from ..models import Meeting


def invited_users(meeting: Meeting) -> set[int]:
    """Ids of the active users invited to the meeting (see the module's docstring)."""
    emails = {
        email.lower()
        for email in meeting.attendances.filter(person__isnull=False)
        .exclude(person__email="")
        .values_list("person__email", flat=True)
    }
    ids: set[int] = set()
    if emails:
        ids |= set(
            User.objects.filter(is_active=True)
            .annotate(address=Lower("email"))
            .filter(address__in=emails)
            .values_list("pk", flat=True)
        )
    unit_ids = [uid for uid in meeting.connection_points.values_list("unit_id", flat=True) if uid]
    if unit_ids:
        ids |= set(
            UnitRole.objects.filter(
                unit_id__in=unit_ids, role__in=roles_at_least(Role.EDITOR), user__is_active=True
            ).values_list("user_id", flat=True)
        )
    return ids


def _to_come(meeting: Meeting) -> bool:
    return meeting.starts_at > timezone.now()


def ics_of(meeting: Meeting, *, cancel: bool = False) -> str:
    """The meeting as an invitation (REQUEST) or its cancellation (CANCEL)."""
    location = meeting.place or (_("Trực tuyến") if meeting.online else "")
    lines = [meeting.get_type_display(), meeting.organizer.name]
    if meeting.agenda:
        lines += ["", meeting.agenda]
    event = ical.event(
        kind="meeting",
        pk=meeting.pk,
        summary=meeting.title,
        starts=meeting.starts_at,
        ends=meeting.ends_at,
        location=location,
        description="\n".join(lines),
        sequence=meeting.sequence,
        cancelled=cancel,
    )
    return ical.calendar([event], method="CANCEL" if cancel else "REQUEST").decode()


def _when(meeting: Meeting) -> str:
    return timezone.localtime(meeting.starts_at).strftime("%H:%M %d/%m/%Y")


def _send(meeting_id: int, user_ids, *, title: str, body: str, cancel: bool = False) -> None:
    def send():
        users = list(User.objects.filter(pk__in=user_ids, is_active=True))
        if not users:
            return
        meeting = Meeting.objects.select_related("organizer").get(pk=meeting_id)
        notify(
            users,
            Kind.MEETING_INVITATION,
            title,
            body,
            link=reverse("activities:meeting_detail", args=[meeting.pk]),
            ics=ics_of(meeting, cancel=cancel),
        )

    if user_ids:
        transaction.on_commit(send)


def _body(meeting: Meeting, first: str) -> str:
    lines = [
        first,
        _("Thời gian: %(when)s") % {"when": _when(meeting)},
        _("Địa điểm: %(place)s") % {"place": meeting.place or (_("Trực tuyến") if meeting.online else "—")},
        _("Đơn vị tổ chức: %(unit)s") % {"unit": meeting.organizer.name},
    ]
    return "\n".join(lines)


def announce_to_new(meeting: Meeting, before: set[int]) -> None:
    """Invites those added to the meeting since `before` (the ids invited until now)."""
    if meeting.status != Meeting.Status.PLANNED or not _to_come(meeting):
        return
    fresh = invited_users(meeting) - before
    _send(
        meeting.pk,
        fresh,
        title=_("Giấy mời: %(title)s") % {"title": meeting.title},
        body=_body(meeting, _("Kính mời đồng chí dự %(title)s.") % {"title": meeting.title}),
    )


def announce_change(meeting: Meeting, reason: str) -> None:
    """Tells everyone invited of the new time or place (or that a cancelled meeting takes place after all)."""
    if meeting.status != Meeting.Status.PLANNED or not _to_come(meeting):
        return
    first = _("%(title)s có thay đổi. Lý do: %(reason)s") % {"title": meeting.title, "reason": reason}
    _send(
        meeting.pk,
        invited_users(meeting),
        title=_("Thay đổi lịch họp: %(title)s") % {"title": meeting.title},
        body=_body(meeting, first),
    )


def announce_cancel(meeting: Meeting, reason: str) -> None:
    if not _to_come(meeting):
        return
    first = _("%(title)s được hủy. Lý do: %(reason)s") % {"title": meeting.title, "reason": reason}
    _send(
        meeting.pk,
        invited_users(meeting),
        title=_("Hủy họp: %(title)s") % {"title": meeting.title},
        body=_body(meeting, first),
        cancel=True,
    )
