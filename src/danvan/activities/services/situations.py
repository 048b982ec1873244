"""Situation reports (tình hình nhân dân, dư luận xã hội, dân tộc, tôn giáo, khiếu kiện đông người): periodic, along
the reporting periods, or ad hoc. A *nguy cơ điểm nóng* escalates at once to the approvers of the two levels above
the reporting unit, and every step after it (acknowledged, action, resolved) is timed.

A confidential report is read only by the reporting unit's users and the approvers above it: its title and text are
kept out of the change log (which the unit's whole scope reads) and out of the notifications' e-mails."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import Role, UnitRole
from danvan.accounts.scope import has_role_on, roles_at_least
from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.periods import Period
from danvan.core.text import fold, nfc, nfc_lines
from danvan.notifications.models import Kind
from danvan.notifications.services import notify
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import covers

from ..models import HotspotStep, SituationReport
from .access import can_edit, user_or_none

TEXT_MAX = 20_000
TITLE_MAX = SituationReport._meta.get_field("title").max_length
Severity = SituationReport.Severity
State = SituationReport.HotspotState
Action = HotspotStep.Action
STEPS = (Action.ACKNOWLEDGED, Action.ACTION, Action.RESOLVED)
EDITABLE = ("topic", "severity", "title", "text", "reported_on", "period", "area", "confidential")


def situation_snapshot(report: SituationReport) -> dict:
    """What the change log keeps: a confidential report's title and text stay out of it."""
    exclude = ("search_key", "title", "text") if report.confidential else ("search_key",)
    return snapshot(report, exclude=exclude)


def escalation_units(unit: OrgUnit, day: datetime.date | None = None) -> list[OrgUnit]:
    """The two levels above the unit that a hotspot goes to: its nearest open ancestors, nearest first. After the 2025
    reform a commune's parent is its province (the districts are closed), and a province has no second level: the
    list is then shorter."""
    day = day or timezone.localdate()
    ancestors = [ancestor for ancestor in reversed(unit.ancestors()) if ancestor.is_open_on(day)]
    return ancestors[:2]


def escalation_recipients(unit: OrgUnit) -> list:
    """The approvers (and admins) of the two levels above the unit, each once."""
    levels = escalation_units(unit)
    roles = UnitRole.objects.filter(
        unit__in=levels, role__in=roles_at_least(Role.APPROVER), user__is_active=True
    ).select_related("user")
    return list({role.user_id: role.user for role in roles}.values())


def can_follow_hotspot(user, report: SituationReport) -> bool:
    """An approver of a level above the reporting unit (the ones it was escalated to, or higher); for a unit with no
    level above (a province), its own approvers."""
    parent_path = report.unit_path.rstrip("/").rsplit("/", 1)[0] + "/"
    return has_role_on(user, Role.APPROVER, report.unit_path if parent_path == "/" else parent_path)


def _clean(values: dict, unit: OrgUnit, errors: dict) -> dict:
    title = nfc(str(values.get("title") or ""))
    if "\x00" in title:
        errors.setdefault("title", []).append(_("Tiêu đề chứa ký tự không hợp lệ."))
    elif not title:
        errors.setdefault("title", []).append(_("Hãy nhập tiêu đề."))
    elif len(title) > TITLE_MAX:
        errors.setdefault("title", []).append(_("Tiêu đề dài quá %(max)d ký tự.") % {"max": TITLE_MAX})
    text = nfc_lines(values.get("text") or "")
    if "\x00" in text:
        errors.setdefault("text", []).append(_("Nội dung chứa ký tự không hợp lệ."))
    elif not text:
        errors.setdefault("text", []).append(_("Hãy nhập nội dung báo cáo."))
    elif len(text) > TEXT_MAX:
        errors.setdefault("text", []).append(_("Nội dung dài quá 20.000 ký tự."))
    if values.get("topic") not in SituationReport.Topic.values:
        errors.setdefault("topic", []).append(
            _("Chủ đề không hợp lệ: chọn một trong %(topics)s.")
            % {"topics": ", ".join(str(label) for label in SituationReport.Topic.labels)}
        )
    severity = values.get("severity")
    if severity not in Severity.values:
        errors.setdefault("severity", []).append(_("Mức độ phải từ 1 (ổn định) đến 4 (nguy cơ điểm nóng)."))
    reported_on = values.get("reported_on")
    if reported_on is None:
        errors.setdefault("reported_on", []).append(_("Hãy nhập ngày báo cáo."))
    elif reported_on > timezone.localdate():
        errors.setdefault("reported_on", []).append(_("Ngày báo cáo chưa đến."))
    code = (values.get("period") or "").strip().upper()
    if code:
        try:
            period = Period.parse(code)
        except ValueError as error:
            errors.setdefault("period", []).append(str(error))
        else:
            code = period.code
            if reported_on and reported_on < period.start:
                errors.setdefault("period", []).append(
                    _("Kỳ %(period)s chưa bắt đầu vào ngày báo cáo.") % {"period": period.label}
                )
    area = values.get("area")
    if area is not None and not covers([unit.path], area.path):
        errors.setdefault("area", []).append(
            _("Địa bàn %(area)s không thuộc %(unit)s.") % {"area": area.name, "unit": unit.name}
        )
    return {
        **values,
        "title": title,
        "text": text,
        "period": code,
        "confidential": bool(values.get("confidential")),
    }


def _search_key(report: SituationReport) -> str:
    return fold(" ".join([report.title, report.unit.name, report.area.name if report.area_id else ""]))[:600]


@transaction.atomic
def report_situation(
    actor,
    *,
    unit: OrgUnit,
    topic: str,
    severity: int,
    title: str,
    text: str,
    reported_on: datetime.date,
    period: str = "",
    area: OrgUnit | None = None,
    confidential: bool = False,
    hotspot: bool = False,
) -> SituationReport:
    """A unit's report of the situation in its area; `hotspot` (nguy cơ điểm nóng) escalates it at once."""
    if not can_edit(actor, unit):
        raise NotAllowed(_("Bạn không có quyền báo cáo tình hình thay %(unit)s.") % {"unit": unit.name})
    errors: dict[str, list[str]] = {}
    if hotspot:
        severity = Severity.HOTSPOT
    values = _clean(
        {
            "topic": topic,
            "severity": severity,
            "title": title,
            "text": text,
            "reported_on": reported_on,
            "period": period,
            "area": area,
            "confidential": confidential,
        },
        unit,
        errors,
    )
    if errors:
        raise ValidationError(errors)
    report = SituationReport(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        author=user_or_none(actor),
        **values,
    )
    report.search_key = _search_key(report)
    report.save()
    record_change(actor, "create", report, None, situation_snapshot(report), unit=unit)
    if hotspot or report.severity == Severity.HOTSPOT:
        _escalate(actor, report)
    return report


@transaction.atomic
def update_situation(actor, report: SituationReport, **fields) -> SituationReport:
    """Corrects a report; raising it to *nguy cơ điểm nóng* escalates it then."""
    report = SituationReport.objects.select_for_update(of=("self",)).select_related("unit").get(pk=report.pk)
    if not can_edit(actor, report.unit):
        raise NotAllowed(_("Bạn không có quyền sửa báo cáo của %(unit)s.") % {"unit": report.unit.name})
    hotspot = bool(fields.pop("hotspot", False))
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: [_("Không sửa được trường này.")] for name in sorted(unknown)})
    before = situation_snapshot(report)
    values = {name: getattr(report, name) for name in EDITABLE}
    values.update(fields)
    if hotspot:
        values["severity"] = Severity.HOTSPOT
    errors: dict[str, list[str]] = {}
    values = _clean(values, report.unit, errors)
    if report.hotspot and values["severity"] != Severity.HOTSPOT:
        errors.setdefault("severity", []).append(
            _("Báo cáo đã báo nguy cơ điểm nóng: mức độ giữ nguyên, cấp trên đánh dấu khi đã giải quyết.")
        )
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(report, name, value)
    report.search_key = _search_key(report)
    report.save()
    # Once confidential, the log's earlier rows stay as they were; from now on it keeps no title or text.
    record_change(
        actor,
        "update",
        report,
        before if not report.confidential else None,
        situation_snapshot(report),
        unit=report.unit,
    )
    if not report.hotspot and report.severity == Severity.HOTSPOT:
        _escalate(actor, report)
    return report


def _escalate(actor, report: SituationReport) -> None:
    """Marks the report an open hotspot, times it, and tells the approvers of the two levels above once the
    transaction commits."""
    report.hotspot = State.OPEN
    report.save(update_fields=["hotspot", "updated_at"])
    HotspotStep.objects.create(report=report, action=Action.ESCALATED, by=user_or_none(actor))
    recipients = escalation_recipients(report.unit)
    title, body = hotspot_notice(report)
    link = reverse("activities:situation_detail", args=[report.pk])
    transaction.on_commit(lambda: notify(recipients, Kind.HOTSPOT, title, body, link))


def hotspot_notice(report: SituationReport) -> tuple[str, str]:
    """The notification's title and body: a confidential report's title and text are never in them (an e-mail
    leaves the system), only the unit, the topic and the day."""
    unit, topic, day = report.unit.name, report.get_topic_display(), f"{report.reported_on:%d/%m/%Y}"
    if report.confidential:
        return (
            _("Nguy cơ điểm nóng tại %(unit)s (báo cáo mật)") % {"unit": unit},
            _(
                "%(unit)s báo cáo nguy cơ điểm nóng về %(topic)s ngày %(day)s. Báo cáo được đánh dấu mật: "
                "hãy đăng nhập để đọc nội dung."
            )
            % {"unit": unit, "topic": topic.lower(), "day": day},
        )
    return (
        _("Nguy cơ điểm nóng tại %(unit)s: %(title)s") % {"unit": unit, "title": report.title},
        _("%(unit)s báo cáo nguy cơ điểm nóng về %(topic)s ngày %(day)s.")
        % {"unit": unit, "topic": topic.lower(), "day": day}
        + "\n"
        + report.text[:1000],
    )


def _tell_reporter(actor, report: SituationReport, step: HotspotStep) -> None:
    """The one who reported the hotspot learns that the level above has it in hand, or that it is resolved (the
    report's name only when it is not confidential)."""
    author = report.author
    if step.action == Action.ACTION or author is None or author == user_or_none(actor):
        return
    subject = _("báo cáo mật") if report.confidential else report.title
    title = _("%(step)s: %(report)s") % {"step": step.get_action_display(), "report": subject}
    body = "" if report.confidential else step.text[:1000]
    link = reverse("activities:situation_detail", args=[report.pk])
    transaction.on_commit(lambda: notify([author], Kind.HOTSPOT, title, body, link))


@transaction.atomic
def hotspot_step(actor, report: SituationReport, action: str, text: str = "") -> HotspotStep:
    """A timed step of an open hotspot: `acknowledged` (the level above has it in hand), `action` (a measure
    taken), `resolved` (closes it: it leaves the dashboards). Acknowledging and resolving are for the approvers
    above; a measure may be recorded by them or by the reporting unit's editors."""
    report = SituationReport.objects.select_for_update(of=("self",)).select_related("unit").get(pk=report.pk)
    above = can_follow_hotspot(actor, report)
    if action not in STEPS:
        raise ValidationError(
            {
                "action": [
                    _("Bước “%(action)s” không hợp lệ: dùng acknowledged, action hoặc resolved.")
                    % {"action": action}
                ]
            }
        )
    if not (above or (action == Action.ACTION and can_edit(actor, report.unit))):
        raise NotAllowed(_("Chỉ người phê duyệt của cấp trên mới xác nhận, kết thúc xử lý điểm nóng."))
    errors: dict[str, list[str]] = {}
    if report.hotspot != State.OPEN:
        errors.setdefault("action", []).append(_("Điểm nóng này không còn đang xử lý."))
    elif action == Action.ACKNOWLEDGED and report.hotspot_steps.filter(action=Action.ACKNOWLEDGED).exists():
        errors.setdefault("action", []).append(_("Cấp trên đã xác nhận nắm tình hình rồi."))
    text = nfc_lines(text or "")
    if "\x00" in text:
        errors.setdefault("text", []).append(_("Nội dung chứa ký tự không hợp lệ."))
    elif len(text) > TEXT_MAX:
        errors.setdefault("text", []).append(_("Nội dung dài quá 20.000 ký tự."))
    elif action in (Action.ACTION, Action.RESOLVED) and not text:
        errors.setdefault("text", []).append(
            _("Hãy ghi biện pháp đã làm.") if action == Action.ACTION else _("Hãy ghi kết quả giải quyết.")
        )
    if errors:
        raise ValidationError(errors)
    step = HotspotStep.objects.create(report=report, action=action, by=user_or_none(actor), text=text)
    _tell_reporter(actor, report, step)
    if action == Action.RESOLVED:
        before = situation_snapshot(report)
        report.hotspot, report.resolved_at = State.RESOLVED, step.at
        report.save(update_fields=["hotspot", "resolved_at", "updated_at"])
        record_change(actor, "update", report, before, situation_snapshot(report), unit=report.unit)
    else:
        exclude = ("text",) if report.confidential else ()
        record_change(actor, "create", step, None, snapshot(step, exclude=exclude), unit=report.unit)
    return step
