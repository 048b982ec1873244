"""Who is told what about reports, through the notification centre (`danvan.notifications.services.notify`):

- a report submitted → the approvers of the parent unit (the nearest unit above holding approvers);
- returned (with the comment), approved, reopened → the unit's editors and whoever submitted it;
- a deadline in a few days, a deadline passed (reporting/reminders.py) and a superior's *Nhắc nhở*
  (services/nudges.py) → the editors of each unit that has not submitted.

`announced` wraps the workflow's one `transition` function: once the step's transaction commits, the people
concerned are told (nothing is said about a step that was rolled back)."""

import functools

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from danvan.accounts.models import ROLE_RANK, Role, UnitRole, User
from danvan.core.periods import Period
from danvan.core.templatetags.vn import vndate
from danvan.notifications.models import Kind
from danvan.notifications.services import notify
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import path_ids

from .models import Form, Submission

ENTERING_ROLES = [role for role, rank in ROLE_RANK.items() if rank >= ROLE_RANK[Role.EDITOR]]
APPROVING_ROLES = [role for role, rank in ROLE_RANK.items() if rank >= ROLE_RANK[Role.APPROVER]]


def unit_editors(unit_ids) -> dict[int, list[User]]:
    """{unit id: the active users who enter its reports (editor or above on the unit itself)}."""
    found: dict[int, list[User]] = {}
    roles = UnitRole.objects.filter(
        unit_id__in=list(unit_ids), role__in=ENTERING_ROLES, user__is_active=True
    ).select_related("user")
    for held in roles.order_by("unit_id", "user__username"):
        found.setdefault(held.unit_id, []).append(held.user)
    return found


def parent_approvers(unit: OrgUnit) -> list[User]:
    """The approvers of the nearest unit above `unit` that has any (its parent's, as a rule)."""
    for ancestor in reversed(path_ids(unit.path)[:-1]):
        roles = UnitRole.objects.filter(unit_id=ancestor, role__in=APPROVING_ROLES, user__is_active=True)
        users = [held.user for held in roles.select_related("user").order_by("user__username")]
        if users:
            return users
    return []


def entry_link(form: Form, unit: OrgUnit, period: str) -> str:
    return reverse("reporting:entry", args=[form.pk, unit.pk, period])


def report_name(form: Form, unit: OrgUnit, period: str) -> str:
    """“Báo cáo sơ kết … 6 tháng (kỳ 6 tháng đầu năm 2026) của Phường Thục Phán”: the period apart, as form names
    often end with their own period type ("… 6 tháng")."""
    return _("%(form)s (kỳ %(period)s) của %(unit)s") % {
        "form": form.name,
        "period": Period.parse(period).label,
        "unit": unit.name,
    }


def _message(submission: Submission, action: str, actor, comment: str) -> tuple[str, str, str, list[User]]:
    """(kind, title, body, recipients) of a workflow step."""
    form, unit = submission.form, submission.unit
    name = report_name(form, unit, submission.period)
    who = getattr(actor, "display_name", "") or _("hệ thống")
    editors = unit_editors([unit.pk]).get(unit.pk, [])
    submitter = [submission.submitted_by] if submission.submitted_by_id else []
    if action == "submit":
        return (
            Kind.REPORT_SUBMITTED,
            _("Chờ duyệt: %(name)s") % {"name": name},
            _("%(who)s đã nộp %(name)s. Báo cáo chờ anh/chị duyệt hoặc trả lại.")
            % {"who": who, "name": name},
            parent_approvers(unit),
        )
    if action == "return":
        return (
            Kind.REPORT_RETURNED,
            _("Bị trả lại: %(name)s") % {"name": name},
            _("%(who)s đã trả lại %(name)s.\nLý do: %(comment)s\nHãy sửa và nộp lại báo cáo.")
            % {"who": who, "name": name, "comment": comment},
            editors + submitter,
        )
    if action == "approve":
        body = _("%(who)s đã duyệt %(name)s.") % {"who": who, "name": name}
        if comment:
            body += "\n" + _("Ý kiến: %(comment)s") % {"comment": comment}
        return Kind.REPORT_APPROVED, _("Đã duyệt: %(name)s") % {"name": name}, body, editors + submitter
    return (
        Kind.REPORT_REOPENED,
        _("Được mở lại: %(name)s") % {"name": name},
        _("%(who)s đã mở lại %(name)s để sửa, đến hết ngày %(until)s.\nLý do: %(comment)s")
        % {"who": who, "name": name, "until": vndate(submission.unlocked_until), "comment": comment},
        editors + submitter,
    )


def announce(submission_id: int, action: str, actor_id: int | None, comment: str = "") -> None:
    """Tells the people concerned by a workflow step (never the one who took it)."""
    submission = Submission.objects.select_related("form", "unit", "submitted_by").get(pk=submission_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    with translation.override(settings.LANGUAGE_CODE):  # in the site's language, whatever the actor's
        kind, title, body, recipients = _message(submission, action, actor, comment)
    link = entry_link(submission.form, submission.unit, submission.period)
    notify([user for user in recipients if user.pk != actor_id], kind, title, body, link)


def announced(transition):
    """The workflow's `transition`, telling the people concerned once the step has committed."""

    @functools.wraps(transition)
    def announcing(actor, submission, action, *, comment=""):
        done = transition(actor, submission, action, comment=comment)
        actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
        transaction.on_commit(functools.partial(announce, done.pk, action, actor_id, comment))
        return done

    return announcing
