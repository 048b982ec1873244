"""*Nhắc nhở*: a superior reminds, in one click, every unit below it that has not submitted a form's report for a
period (in the app and by e-mail), logged in the change log."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.periods import Period
from danvan.notifications.models import Kind, Nudge
from danvan.notifications.services import notify
from danvan.orgunits.models import OrgUnit

from ..models import Form
from ..notices import entry_link, report_name, unit_editors
from ..selectors import completeness
from .access import can_enter


def units_to_nudge(form: Form, period: Period, root: OrgUnit) -> list[OrgUnit]:
    """The units below `root` expected to report the form for the period that have not submitted it (no report,
    a draft, or a report returned to them)."""
    return [
        unit
        for unit, _submission in completeness(form, period, root=root).not_submitted
        if unit.pk != root.pk
    ]


def can_nudge(actor, root: OrgUnit) -> bool:
    """An editor (or above) of the unit following the reports, i.e. of the province or the parent unit."""
    return can_enter(actor, root)


@transaction.atomic
def nudge_missing(actor, form: Form, period: Period, root: OrgUnit) -> Nudge:
    """Reminds the editors of every unit below `root` that has not submitted; the notifications go once the
    change is committed. Returns the logged Nudge (its `units`: the names reminded)."""
    if not can_nudge(actor, root):
        raise NotAllowed(
            _("Chỉ cán bộ nhập liệu, quản trị của %(unit)s mới nhắc nhở được.") % {"unit": root.name}
        )
    units = units_to_nudge(form, period, root)
    if not units:
        raise ValidationError(_("Mọi đơn vị đã nộp báo cáo kỳ này: không có đơn vị nào cần nhắc."))
    editors = unit_editors(unit.pk for unit in units)
    nudge = Nudge.objects.create(
        sender=actor,
        unit=root,
        subject=f"{form.name} – {period.label}",
        units=[unit.name for unit in units],
        recipients=sum(len(users) for users in editors.values()),
    )
    record_change(
        actor,
        "create",
        nudge,
        None,
        {
            _("biểu mẫu"): form.name,
            _("kỳ báo cáo"): period.label,
            _("đơn vị được nhắc"): nudge.units,
            _("số người nhận"): nudge.recipients,
        },
        unit=root,
    )
    sender = getattr(actor, "display_name", "")

    def send():
        with translation.override(settings.LANGUAGE_CODE):  # in the site's language, whatever the sender's
            tell_units()

    def tell_units():
        for unit in units:
            name = report_name(form, unit, period.code)
            notify(
                editors.get(unit.pk, []),
                Kind.NUDGE,
                _("Nhắc nộp báo cáo: %(name)s") % {"name": name},
                _(
                    "%(root)s nhắc: đơn vị chưa nộp %(name)s (hạn nộp %(deadline)s). Đề nghị hoàn thành và nộp "
                    "báo cáo.\nNgười nhắc: %(sender)s"
                )
                % {
                    "root": root.name,
                    "name": name,
                    "deadline": period.deadline(form.deadline_days).strftime("%d/%m/%Y"),
                    "sender": sender,
                },
                entry_link(form, unit, period.code),
            )

    transaction.on_commit(send)
    return nudge
