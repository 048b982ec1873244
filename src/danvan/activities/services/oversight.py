"""Inspections and supervision (kiểm tra, giám sát): a unit's plan for the year, each inspection with its decision,
team and inspected units, its conclusion whose recommendations become tasks of the inspected units, and the
re-checks until one closes it. Status: planned → ongoing → concluded → closed."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed, messages_of
from danvan.core.text import fold, nfc, nfc_lines
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import covers

from ..models import InspectedUnit, Inspection, InspectionMember, InspectionPlan, Person, Recheck, Task
from ..selectors.people import people_pickable_by
from .access import can_edit, user_or_none
from .tasks import assign_task

FIRST_YEAR = 2000
TEXT_MAX = 20_000
Status = Inspection.Status
Role = InspectionMember.Role
# The fields `update_inspection` may change, besides the team and the inspected units.
EDITABLE = (
    "title",
    "kind",
    "plan",
    "decision_number",
    "decision_date",
    "starts_on",
    "ends_on",
    "period_from",
    "period_to",
    "content",
    "source_note",
)


def inspection_snapshot(inspection: Inspection) -> dict:
    data = snapshot(inspection, exclude=("search_key",))
    if inspection.pk:
        data["inspected_units"] = sorted(inspection.inspected_units.values_list("unit_id", flat=True))
        data["members"] = [
            [person_id, role] for person_id, role in inspection.members.values_list("person_id", "role")
        ]
    return data


def _line(value, field: str, label: str, max_length: int, errors: dict, required: bool = False) -> str:
    """A one-line text: NFC, no NUL, within its column; `label` names it in the message."""
    text = nfc(str(value or ""))
    if "\x00" in text:
        errors.setdefault(field, []).append(_("%(label)s chứa ký tự không hợp lệ.") % {"label": label})
    elif required and not text:
        errors.setdefault(field, []).append(_("Hãy nhập %(label)s.") % {"label": label.lower()})
    elif len(text) > max_length:
        errors.setdefault(field, []).append(
            _("%(label)s dài quá %(max)d ký tự.") % {"label": label, "max": max_length}
        )
    return text


def _paragraphs(value, field: str, label: str, errors: dict, required: bool = False) -> str:
    """A text of several paragraphs: NFC lines, no NUL, at most TEXT_MAX characters."""
    text = nfc_lines(value or "")
    if "\x00" in text:
        errors.setdefault(field, []).append(_("%(label)s chứa ký tự không hợp lệ.") % {"label": label})
    elif required and not text:
        errors.setdefault(field, []).append(_("Hãy nhập %(label)s.") % {"label": label.lower()})
    elif len(text) > TEXT_MAX:
        errors.setdefault(field, []).append(
            _("%(label)s dài quá %(max)s ký tự.") % {"label": label, "max": f"{TEXT_MAX:,}".replace(",", ".")}
        )
    return text


def _max(field: str) -> int:
    return Inspection._meta.get_field(field).max_length


def _day(value: datetime.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


# --- plans ----------------------------------------------------------------------------------------------------------


@transaction.atomic
def create_plan(
    actor, *, unit: OrgUnit, year: int, title: str, number: str = "", issued_on=None, note: str = ""
):
    """The unit's programme of inspections and supervisions for `year`."""
    if not can_edit(actor, unit):
        raise NotAllowed(_("Bạn không có quyền lập kế hoạch kiểm tra của %(unit)s.") % {"unit": unit.name})
    errors: dict[str, list[str]] = {}
    title = _line(
        title, "title", _("Tên kế hoạch"), InspectionPlan._meta.get_field("title").max_length, errors, True
    )
    number = _line(
        number, "number", _("Số văn bản"), InspectionPlan._meta.get_field("number").max_length, errors
    )
    note = _paragraphs(note, "note", _("Ghi chú"), errors)
    last = timezone.localdate().year + 1
    if not isinstance(year, int) or not FIRST_YEAR <= year <= last:
        errors.setdefault("year", []).append(
            _("Năm phải từ %(first)d đến %(last)d.") % {"first": FIRST_YEAR, "last": last}
        )
    elif issued_on is not None and issued_on.year > year:
        errors.setdefault("issued_on", []).append(
            _("Ngày ban hành (%(day)s) sau năm của kế hoạch.") % {"day": _day(issued_on)}
        )
    if errors:
        raise ValidationError(errors)
    plan = InspectionPlan.objects.create(
        unit=unit, unit_path=unit.path, year=year, title=title, number=number, issued_on=issued_on, note=note
    )
    record_change(actor, "create", plan, None, snapshot(plan), unit=unit)
    return plan


# --- inspections ----------------------------------------------------------------------------------------------------


def _check_dates(values: dict, errors: dict) -> None:
    starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
    if starts_on is None:
        errors.setdefault("starts_on", []).append(_("Hãy nhập ngày bắt đầu."))
    elif ends_on is not None and ends_on < starts_on:
        errors.setdefault("ends_on", []).append(
            _("Ngày kết thúc (%(end)s) trước ngày bắt đầu (%(start)s).")
            % {"end": _day(ends_on), "start": _day(starts_on)}
        )
    period_from, period_to = values.get("period_from"), values.get("period_to")
    if period_from and period_to and period_to < period_from:
        errors.setdefault("period_to", []).append(
            _("Thời kỳ kiểm tra: ngày cuối (%(end)s) trước ngày đầu (%(start)s).")
            % {"end": _day(period_to), "start": _day(period_from)}
        )
    if starts_on and period_from and period_from > starts_on:
        errors.setdefault("period_from", []).append(
            _("Thời kỳ được kiểm tra phải bắt đầu trước ngày tiến hành kiểm tra.")
        )
    decision_date = values.get("decision_date")
    if starts_on and decision_date and decision_date > starts_on:
        errors.setdefault("decision_date", []).append(
            _("Ngày quyết định (%(day)s) sau ngày bắt đầu kiểm tra (%(start)s).")
            % {"day": _day(decision_date), "start": _day(starts_on)}
        )


def _check_units(organizer: OrgUnit, units, errors: dict) -> list[OrgUnit]:
    units = list(dict.fromkeys(units))
    if not units:
        errors.setdefault("inspected_units", []).append(_("Hãy chọn ít nhất một đơn vị được kiểm tra."))
    for unit in units:
        if unit.pk == organizer.pk or not covers([organizer.path], unit.path):
            errors.setdefault("inspected_units", []).append(
                _("%(unit)s không trực thuộc %(organizer)s: chỉ kiểm tra, giám sát đơn vị cấp dưới.")
                % {"unit": unit.name, "organizer": organizer.name}
            )
    return units


def _check_members(actor, members, errors: dict) -> list[tuple[Person, str]]:
    members = [(person, role or Role.MEMBER) for person, role in members]
    seen: set[int] = set()
    for person, role in members:
        if role not in Role.values:
            errors.setdefault("members", []).append(_("Vai trò “%(role)s” không hợp lệ.") % {"role": role})
        if person.pk in seen:
            errors.setdefault("members", []).append(
                _("%(name)s có tên hai lần trong đoàn.") % {"name": person.name}
            )
        seen.add(person.pk)
    leaders = [person for person, role in members if role == Role.LEADER]
    if len(leaders) != 1:
        errors.setdefault("members", []).append(
            _("Đoàn phải có đúng một trưởng đoàn (đang có %(count)d).") % {"count": len(leaders)}
        )
    if actor is not None and seen:
        pickable = set(people_pickable_by(actor).filter(pk__in=seen).values_list("pk", flat=True))
        for person, _role in members:
            if person.pk not in pickable:
                errors.setdefault("members", []).append(
                    _("%(name)s không có trong danh sách cán bộ bạn được chọn.") % {"name": person.name}
                )
    return members


def _clean(actor, organizer: OrgUnit, values: dict, errors: dict) -> dict:
    values["title"] = _line(
        values.get("title"), "title", _("Tên cuộc kiểm tra, giám sát"), _max("title"), errors, True
    )
    values["decision_number"] = _line(
        values.get("decision_number"), "decision_number", _("Số quyết định"), _max("decision_number"), errors
    )
    values["source_note"] = _line(
        values.get("source_note"), "source_note", _("Nguồn"), _max("source_note"), errors
    )
    values["content"] = _paragraphs(values.get("content"), "content", _("Nội dung"), errors)
    if values.get("kind") not in Inspection.Kind.values:
        errors.setdefault("kind", []).append(_("Hình thức phải là kiểm tra hoặc giám sát."))
    plan = values.get("plan")
    if plan is not None:
        if plan.unit_id != organizer.pk:
            errors.setdefault("plan", []).append(
                _("Kế hoạch “%(plan)s” không phải của %(unit)s.")
                % {"plan": plan.title, "unit": organizer.name}
            )
        elif values.get("starts_on") and values["starts_on"].year != plan.year:
            errors.setdefault("plan", []).append(
                _("Kế hoạch năm %(year)d không gồm cuộc kiểm tra bắt đầu năm %(other)d.")
                % {"year": plan.year, "other": values["starts_on"].year}
            )
    _check_dates(values, errors)
    return values


def _search_key(inspection: Inspection, units) -> str:
    return fold(" ".join([inspection.title, inspection.decision_number, *(unit.name for unit in units)]))[
        :600
    ]


def _save_team(inspection: Inspection, units, members) -> None:
    inspection.inspected_units.all().delete()
    InspectedUnit.objects.bulk_create(
        InspectedUnit(inspection=inspection, unit=unit, unit_path=unit.path) for unit in units
    )
    inspection.members.all().delete()
    InspectionMember.objects.bulk_create(
        InspectionMember(inspection=inspection, person=person, role=role, position=position)
        for position, (person, role) in enumerate(members, start=1)
    )


@transaction.atomic
def create_inspection(
    actor,
    *,
    organizer: OrgUnit,
    title: str,
    starts_on: datetime.date,
    kind: str = Inspection.Kind.INSPECTION,
    ends_on: datetime.date | None = None,
    plan: InspectionPlan | None = None,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    period_from: datetime.date | None = None,
    period_to: datetime.date | None = None,
    content: str = "",
    inspected_units=(),
    members=(),
    source_note: str = "",
) -> Inspection:
    """An inspection or supervision by `organizer` of units of its subtree, by a team with exactly one leader.
    Planned while it has not begun, ongoing from its first day."""
    if not can_edit(actor, organizer):
        raise NotAllowed(_("Bạn không có quyền ghi cuộc kiểm tra của %(unit)s.") % {"unit": organizer.name})
    errors: dict[str, list[str]] = {}
    values = _clean(
        actor,
        organizer,
        {
            "title": title,
            "kind": kind,
            "plan": plan,
            "decision_number": decision_number,
            "decision_date": decision_date,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "period_from": period_from,
            "period_to": period_to,
            "content": content,
            "source_note": source_note,
        },
        errors,
    )
    units = _check_units(organizer, inspected_units, errors)
    members = _check_members(actor, members, errors)
    if errors:
        raise ValidationError(errors)
    status = Status.PLANNED if starts_on > timezone.localdate() else Status.ONGOING
    inspection = Inspection(
        organizer=organizer,
        organizer_path=organizer.path,
        province_code=organizer.province_code,
        status=status,
        **values,
    )
    inspection.search_key = _search_key(inspection, units)
    inspection.save()
    _save_team(inspection, units, members)
    record_change(actor, "create", inspection, None, inspection_snapshot(inspection), unit=organizer)
    return inspection


def _locked(inspection: Inspection) -> Inspection:
    return (
        Inspection.objects.select_for_update(of=("self",)).select_related("organizer").get(pk=inspection.pk)
    )


@transaction.atomic
def update_inspection(
    actor, inspection: Inspection, *, inspected_units=None, members=None, **fields
) -> Inspection:
    """Changes the decision, dates, content, team or inspected units of an inspection not yet closed. A planned one
    whose first day has come is ongoing."""
    inspection = _locked(inspection)
    organizer = inspection.organizer
    if not can_edit(actor, organizer):
        raise NotAllowed(_("Bạn không có quyền sửa cuộc kiểm tra của %(unit)s.") % {"unit": organizer.name})
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: [_("Không sửa được trường này.")] for name in sorted(unknown)})
    if inspection.status == Status.CLOSED:
        raise ValidationError({"status": [_("Cuộc kiểm tra đã kết thúc, không sửa được nữa.")]})
    before = inspection_snapshot(inspection)
    errors: dict[str, list[str]] = {}
    values = {name: getattr(inspection, name) for name in EDITABLE}
    values.update(fields)
    values = _clean(actor, organizer, values, errors)
    units = list(inspection_units(inspection)) if inspected_units is None else inspected_units
    units = _check_units(organizer, units, errors)
    if members is not None:
        members = _check_members(actor, members, errors)
    if inspection.status == Status.CONCLUDED and inspected_units is not None:
        leads = set(inspection.tasks.values_list("lead_unit_id", flat=True))
        dropped = leads - {unit.pk for unit in units}
        if dropped:
            errors.setdefault("inspected_units", []).append(
                _("Không bỏ được đơn vị đã được giao nhiệm vụ từ kết luận kiểm tra.")
            )
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(inspection, name, value)
    if inspection.status == Status.PLANNED and inspection.starts_on <= timezone.localdate():
        inspection.status = Status.ONGOING
    inspection.search_key = _search_key(inspection, units)
    inspection.save()
    if inspected_units is not None or members is not None:
        if members is None:
            members = list(
                (member.person, member.role) for member in inspection.members.select_related("person")
            )
        _save_team(inspection, units, members)
    record_change(actor, "update", inspection, before, inspection_snapshot(inspection), unit=organizer)
    return inspection


def inspection_units(inspection: Inspection):
    return OrgUnit.objects.filter(inspections_received__inspection=inspection).order_by("sort_key", "id")


@transaction.atomic
def start_inspection(actor, inspection: Inspection) -> Inspection:
    """A planned inspection begins (the team is at work)."""
    inspection = _locked(inspection)
    if not can_edit(actor, inspection.organizer):
        raise NotAllowed(_("Bạn không có quyền sửa cuộc kiểm tra này."))
    if inspection.status != Status.PLANNED:
        raise ValidationError({"status": [_("Chỉ cuộc kiểm tra theo kế hoạch mới bắt đầu được.")]})
    before = inspection_snapshot(inspection)
    inspection.status = Status.ONGOING
    inspection.save(update_fields=["status", "updated_at"])
    record_change(
        actor, "update", inspection, before, inspection_snapshot(inspection), unit=inspection.organizer
    )
    return inspection


@transaction.atomic
def conclude_inspection(
    actor,
    inspection: Inspection,
    *,
    findings: str,
    conclusion: str,
    recommendations: str,
    conclusion_date: datetime.date,
    conclusion_number: str = "",
    tasks=(),
) -> Inspection:
    """Records the findings, the conclusion and the recommendations; each task (the keyword arguments of
    `assign_task` but the assigner and the source) goes to an inspected unit, assigned by the organizer."""
    inspection = _locked(inspection)
    organizer = inspection.organizer
    if not can_edit(actor, organizer):
        raise NotAllowed(
            _("Bạn không có quyền kết luận cuộc kiểm tra của %(unit)s.") % {"unit": organizer.name}
        )
    if inspection.status not in (Status.PLANNED, Status.ONGOING):
        raise ValidationError({"status": [_("Cuộc kiểm tra đã có kết luận.")]})
    errors: dict[str, list[str]] = {}
    findings = _paragraphs(findings, "findings", _("Kết quả, ưu điểm, hạn chế"), errors)
    conclusion = _paragraphs(conclusion, "conclusion", _("Kết luận"), errors, required=True)
    recommendations = _paragraphs(recommendations, "recommendations", _("Kiến nghị"), errors)
    conclusion_number = _line(
        conclusion_number, "conclusion_number", _("Số thông báo kết luận"), _max("conclusion_number"), errors
    )
    if conclusion_date is None:
        errors.setdefault("conclusion_date", []).append(_("Hãy nhập ngày kết luận."))
    elif conclusion_date < inspection.starts_on:
        errors.setdefault("conclusion_date", []).append(
            _("Ngày kết luận (%(day)s) trước ngày bắt đầu kiểm tra (%(start)s).")
            % {"day": _day(conclusion_date), "start": _day(inspection.starts_on)}
        )
    inspected = set(inspection.inspected_units.values_list("unit_id", flat=True))
    tasks = [dict(task) for task in tasks]
    for number, task in enumerate(tasks, start=1):
        lead = task.get("lead_unit")
        if lead is None or lead.pk not in inspected:
            errors.setdefault("tasks", []).append(
                _(
                    "Dòng %(row)d: %(unit)s không phải đơn vị được kiểm tra; kiến nghị chỉ giao cho đơn vị được kiểm tra."
                )
                % {"row": number, "unit": lead.name if lead is not None else _("(chưa chọn đơn vị)")}
            )
        for name in ("assigner", "source", "inspection", "meeting"):
            if name in task:
                errors.setdefault("tasks", []).append(
                    _("Dòng %(row)d: không đặt được “%(name)s”.") % {"row": number, "name": name}
                )
    if errors:
        raise ValidationError(errors)
    before = inspection_snapshot(inspection)
    inspection.findings, inspection.conclusion, inspection.recommendations = (
        findings,
        conclusion,
        recommendations,
    )
    inspection.conclusion_number, inspection.conclusion_date = conclusion_number, conclusion_date
    inspection.status = Status.CONCLUDED
    inspection.save()
    reference = " ".join(part for part in (conclusion_number, _day(conclusion_date)) if part)
    for number, task in enumerate(tasks, start=1):
        task.setdefault("source_reference", reference or inspection.title[:200])
        try:
            assign_task(
                actor, assigner=organizer, source=Task.Source.INSPECTION, inspection=inspection, **task
            )
        except ValidationError as error:
            raise ValidationError(
                {
                    "tasks": [
                        _("Dòng %(row)d: %(message)s") % {"row": number, "message": message}
                        for messages in messages_of(error).values()
                        for message in messages
                    ]
                }
            ) from None
    record_change(actor, "update", inspection, before, inspection_snapshot(inspection), unit=organizer)
    return inspection


@transaction.atomic
def add_recheck(
    actor, inspection: Inspection, *, date: datetime.date, result: str, closes: bool = False
) -> Recheck:
    """A re-check of how the inspected units carried out the recommendations; `closes` ends the follow-up."""
    inspection = _locked(inspection)
    organizer = inspection.organizer
    if not can_edit(actor, organizer):
        raise NotAllowed(_("Bạn không có quyền ghi kiểm tra lại của %(unit)s.") % {"unit": organizer.name})
    errors: dict[str, list[str]] = {}
    if inspection.status != Status.CONCLUDED:
        errors.setdefault("status", []).append(
            _("Chỉ kiểm tra lại cuộc kiểm tra đã có kết luận và chưa kết thúc.")
        )
    result = _paragraphs(result, "result", _("Kết quả kiểm tra lại"), errors, required=True)
    if date is None:
        errors.setdefault("date", []).append(_("Hãy nhập ngày kiểm tra lại."))
    elif inspection.conclusion_date and date < inspection.conclusion_date:
        errors.setdefault("date", []).append(
            _("Ngày kiểm tra lại (%(day)s) trước ngày kết luận (%(conclusion)s).")
            % {"day": _day(date), "conclusion": _day(inspection.conclusion_date)}
        )
    elif date > timezone.localdate():
        errors.setdefault("date", []).append(_("Ngày kiểm tra lại chưa đến."))
    if errors:
        raise ValidationError(errors)
    recheck = Recheck.objects.create(
        inspection=inspection, date=date, result=result, closes=bool(closes), created_by=user_or_none(actor)
    )
    record_change(actor, "create", recheck, None, snapshot(recheck), unit=organizer)
    if closes:
        before = inspection_snapshot(inspection)
        inspection.status, inspection.closed_on = Status.CLOSED, date
        inspection.save(update_fields=["status", "closed_on", "updated_at"])
        record_change(actor, "update", inspection, before, inspection_snapshot(inspection), unit=organizer)
    return recheck
