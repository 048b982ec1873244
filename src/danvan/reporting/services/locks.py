"""Whether a unit's report can take figures now (`lock_reason`), whether the unit reports the form at all
(`report_problem`), and the row locks that writes of values and reports take, always in id order."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.changelog import snapshot
from danvan.core.periods import Period, PeriodType
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import intersect_paths

from ..models import (
    Form,
    Submission,
)


def lock_reason(submission: Submission, today: datetime.date | None = None) -> str:
    """Why the unit's figures for this report cannot be changed now ("" if they can)."""
    today = today or timezone.localdate()
    period = Period.parse(submission.period)
    if submission.status == Submission.Status.SUBMITTED:
        return _("Báo cáo đã nộp, đang chờ duyệt: chỉ sửa được khi cấp trên trả lại.")
    if submission.status == Submission.Status.APPROVED:
        return _("Báo cáo đã được duyệt: số liệu bị khóa cho đến khi cấp trên mở lại.")
    if period.start > today:
        return _("Kỳ báo cáo %(period)s chưa bắt đầu.") % {"period": period.label}
    lock_days = submission.form.lock_days
    if lock_days is not None:
        closes = period.end + datetime.timedelta(days=lock_days)
        if today > closes and not (submission.unlocked_until and submission.unlocked_until >= today):
            return _("Đã hết hạn nhập số liệu (%(date)s): đề nghị cấp trên mở lại báo cáo.") % {
                "date": closes.strftime("%d/%m/%Y")
            }
    return ""


def report_problem(
    form: Form, unit: OrgUnit, period: Period, members: set[int] | None = None, lineage: dict | None = None
) -> str:
    """Why the unit does not report the form for the period ("" when it does): the form's period type, the kinds
    (and khối) it names, the issuing unit's subtree (through lineage), and the unit open at the end of the period.
    The grid, the bulk write and the reports' creation all ask this. `members`: the ids of the form's khối members,
    when the caller has them already; `lineage`: a cache of the units' `lineage_paths` for a caller asking often."""
    problem = why_not_reported(form, unit, period, members, lineage)
    if problem == "type":
        return _("Biểu mẫu “%(form)s” báo cáo theo kỳ %(type)s.") % {
            "form": form.name,
            "type": PeriodType(form.period_type).label.lower(),
        }
    if problem == "outside":
        return _("%(unit)s không thuộc đối tượng báo cáo biểu mẫu này.") % {"unit": unit.name}
    if problem == "closed":
        return _("%(unit)s không hoạt động vào cuối kỳ %(period)s.") % {
            "unit": unit.name,
            "period": period.label,
        }
    return ""


def why_not_reported(
    form: Form, unit: OrgUnit, period: Period, members: set[int] | None = None, lineage: dict | None = None
) -> str:
    """`report_problem`'s answer as a word, "type", "outside" or "closed" ("" when the unit reports the form),
    without its message: a bulk write asks it for every unit and form (most of its answers never shown)."""
    if period.type != form.period_type:
        return "type"
    if unit.kind not in (form.reporting_kinds or []):
        return "outside"
    owner = form.owner.path
    if not unit.path.startswith(owner):
        lineage = {} if lineage is None else lineage
        if unit.id not in lineage:
            lineage[unit.id] = lineage_paths(unit)
        if not intersect_paths(lineage[unit.id], [owner]):
            return "outside"
    if members is None and form.reporting_groups.exists():
        members = set(form.reporting_groups.values_list("members", flat=True))
    if members is not None and unit.id not in members:
        return "outside"
    if not unit.is_open_on(period.end):
        return "closed"
    return ""


def lock_units(unit_ids) -> None:
    """Locks the units' rows (in id order): held while a value is written for a report not created yet, and while a
    report is created, so that the two cannot race (see `bulk._lock_reports`)."""
    ids = sorted(set(unit_ids))
    for start in range(0, len(ids), 500):
        list(
            OrgUnit.objects.select_for_update(no_key=True)
            .filter(pk__in=ids[start : start + 500])
            .order_by("pk")
            .values_list("pk", flat=True)
        )


def locked_for_update(submission: Submission) -> tuple[Submission, dict]:
    # Only the submission row is locked: PostgreSQL refuses FOR UPDATE across the outer join to the parent unit.
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("form", "unit", "unit__parent")
        .get(pk=submission.pk)
    )
    return submission, snapshot(submission)
