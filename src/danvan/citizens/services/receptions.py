"""Citizen receptions (tiếp công dân): recording one with the citizens received, the petitions they handed in, and
what the leader promised (a task of the activities module); a unit's published schedule; who must receive.

Online reception is lawful only from 1/7/2026 (Luật 136/2025/QH15)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.activities.models import Person, Task
from danvan.activities.services.tasks import assign_task
from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.text import clean_text, fold
from danvan.orgunits.models import OrgUnit

from ..models import (
    ONLINE_FROM,
    Commitment,
    LeaderRole,
    Petition,
    Reception,
    ReceptionCitizen,
    ReceptionDuty,
    ReceptionSchedule,
)
from .access import can_decide, can_handle
from .petitions import create_petition

Kind = Reception.Kind
Mode = Reception.Mode


def reception_snapshot(reception: Reception) -> dict:
    return snapshot(reception, exclude=("search_key",))


def _province(unit: OrgUnit) -> str:
    return unit.path.strip("/").split("/")[0]


def _clean_citizens(citizens, errors: dict) -> list[dict]:
    rows = []
    for index, row in enumerate(citizens):
        name = clean_text(
            row.get("name"),
            f"citizens-{index}-name",
            errors,
            required_message=_("Hãy nhập họ và tên."),
            limit=150,
        )
        matter = clean_text(
            row.get("matter"),
            f"citizens-{index}-matter",
            errors,
            required_message=_("Hãy nhập nội dung công dân trình bày."),
        )
        rows.append(
            {
                "name": name,
                "address": clean_text(row.get("address"), f"citizens-{index}-address", errors, limit=300),
                "matter": matter,
                "answer": clean_text(row.get("answer"), f"citizens-{index}-answer", errors),
            }
        )
    return rows


def _check(unit: OrgUnit, data: dict, errors: dict, reception: Reception | None) -> None:
    day = data.get("date")
    if data.get("kind") not in Kind.values:
        errors.setdefault("kind", []).append(_("Hãy chọn hình thức tiếp (định kỳ hoặc đột xuất)."))
    if data.get("mode") not in Mode.values:
        errors.setdefault("mode", []).append(_("Hãy chọn cách thức tiếp (trực tiếp hoặc trực tuyến)."))
    if not isinstance(day, datetime.date):
        errors.setdefault("date", []).append(_("Hãy nhập ngày tiếp (dd/mm/yyyy)."))
        return
    if day > timezone.localdate():
        errors.setdefault("date", []).append(_("Ngày tiếp không được sau hôm nay."))
    if data.get("mode") == Mode.ONLINE and day < ONLINE_FROM:
        errors.setdefault("mode", []).append(
            _("Tiếp công dân trực tuyến chỉ được thực hiện từ ngày %(day)s (Luật 136/2025/QH15).")
            % {"day": f"{ONLINE_FROM:%d/%m/%Y}"}
        )
    role = data.get("leader_role") or ""
    if role and role not in LeaderRole.values:
        errors.setdefault("leader_role", []).append(_("Cương vị không hợp lệ."))
    leader = data.get("leader")
    if leader is not None:
        if not isinstance(leader, Person):
            errors.setdefault("leader", []).append(_("Hãy chọn lãnh đạo tiếp trong danh sách cán bộ."))
            return
        twice = Reception.objects.filter(unit=unit, date=day, leader=leader)
        if reception is not None:
            twice = twice.exclude(pk=reception.pk)
        if twice.exists():
            errors.setdefault("leader", []).append(
                _("%(name)s đã có buổi tiếp công dân ngày %(day)s tại %(unit)s.")
                % {"name": leader.name, "day": f"{day:%d/%m/%Y}", "unit": unit.name}
            )
    elif role:
        errors.setdefault("leader", []).append(_("Hãy chọn lãnh đạo tiếp với cương vị đã nêu."))


@transaction.atomic
def save_reception(actor, *, unit: OrgUnit, data: dict, citizens=None, reception: Reception | None = None):
    """Records (or changes) a reception of `unit`: `data` holds kind, mode, date, place, leader (a Person),
    leader_role, citizens_count, notes; `citizens` the people received ({name, address, matter, answer}), replacing
    the former list when given."""
    if not can_handle(actor, unit) or (reception is not None and not can_handle(actor, reception.unit)):
        raise NotAllowed(_("Bạn không có quyền ghi buổi tiếp công dân của %(unit)s.") % {"unit": unit.name})
    errors: dict[str, list[str]] = {}
    place = clean_text(data.get("place"), "place", errors, limit=300)
    notes = clean_text(data.get("notes"), "notes", errors)
    rows = _clean_citizens(citizens or (), errors)
    _check(unit, data, errors, reception)
    count = data.get("citizens_count") or 0
    if not isinstance(count, int) or count < 0:
        errors.setdefault("citizens_count", []).append(_("Số lượt công dân không hợp lệ."))
    if errors:
        raise ValidationError(errors)
    before = None
    if reception is not None:
        reception = Reception.objects.select_for_update(of=("self",)).get(pk=reception.pk)
        before = reception_snapshot(reception)
    else:
        reception = Reception(author=actor)
    reception.unit = unit
    reception.unit_path = unit.path
    reception.province_code = _province(unit)
    reception.kind = data["kind"]
    reception.mode = data["mode"]
    reception.date = data["date"]
    reception.place = place
    reception.leader = data.get("leader")
    reception.leader_role = data.get("leader_role") or ""
    reception.notes = notes
    if citizens is not None:
        reception.citizens_count = max(count, len(rows))
    else:
        reception.citizens_count = count
    leader_name = reception.leader.name if reception.leader else ""
    reception.search_key = fold(" ".join([leader_name, place, notes, *(r["name"] for r in rows)]))[:600]
    reception.save()
    if citizens is not None:
        reception.citizens.all().delete()
        ReceptionCitizen.objects.bulk_create(
            ReceptionCitizen(reception=reception, position=i, **row) for i, row in enumerate(rows)
        )
    record_change(
        actor, "update" if before else "create", reception, before, reception_snapshot(reception), unit=unit
    )
    return reception


@transaction.atomic
def receive_petition(actor, reception: Reception, *, data: dict, senders=()) -> Petition:
    """A petition handed in at a reception enters the unit's register (channel: trực tiếp), received that day."""
    data = {**data, "channel": Petition.Channel.RECEPTION, "received_on": reception.date}
    return create_petition(actor, unit=reception.unit, data=data, senders=senders, reception=reception)


@transaction.atomic
def add_commitment(
    actor,
    *,
    text: str,
    deadline,
    reception: Reception | None = None,
    dialogue=None,
    lead_unit: OrgUnit | None = None,
) -> Commitment:
    """What a leader promised at a reception or a dialogue: a task of the unit (source: citizen commitment), due by
    `deadline`, followed in the activities module."""
    source = reception or dialogue
    if source is None or (reception is not None and dialogue is not None):
        raise ValueError("a commitment comes from one reception or one dialogue")
    if not can_handle(actor, source.unit):
        raise NotAllowed(_("Bạn không có quyền ghi cam kết của %(unit)s.") % {"unit": source.unit.name})
    errors: dict[str, list[str]] = {}
    text = clean_text(text, "text", errors, required_message=_("Hãy nhập nội dung cam kết."), limit=500)
    if not isinstance(deadline, datetime.date):
        errors.setdefault("deadline", []).append(_("Hãy nhập hạn thực hiện cam kết (dd/mm/yyyy)."))
    elif deadline < source.date:
        errors.setdefault("deadline", []).append(
            _("Hạn thực hiện (%(deadline)s) trước ngày cam kết (%(day)s).")
            % {"deadline": f"{deadline:%d/%m/%Y}", "day": f"{source.date:%d/%m/%Y}"}
        )
    if errors:
        raise ValidationError(errors)
    if reception is not None:
        reference = _("Tiếp công dân ngày %(day)s") % {"day": f"{reception.date:%d/%m/%Y}"}
    else:
        reference = _("Đối thoại ngày %(day)s") % {"day": f"{dialogue.date:%d/%m/%Y}"}
    task = assign_task(
        actor,
        assigner=source.unit,
        lead_unit=lead_unit or source.unit,
        title=text,
        deadline=deadline,
        source=Task.Source.CITIZENS,
        source_reference=reference[:200],
        assigned_on=source.date,
    )
    commitment = Commitment.objects.create(reception=reception, dialogue=dialogue, text=text, task=task)
    record_change(actor, "create", commitment, None, snapshot(commitment), unit=source.unit)
    return commitment


@transaction.atomic
def save_schedule(actor, *, unit: OrgUnit, data: dict, schedule: ReceptionSchedule | None = None):
    """A unit's fixed reception days, published on its public page: set by an approver of the unit."""
    if not can_decide(actor, unit):
        raise NotAllowed(_("Chỉ người phê duyệt của %(unit)s đặt lịch tiếp công dân.") % {"unit": unit.name})
    errors: dict[str, list[str]] = {}
    values = {
        "days": clean_text(
            data.get("days"), "days", errors, required_message=_("Hãy nhập ngày tiếp định kỳ."), limit=200
        ),
        "hours": clean_text(data.get("hours"), "hours", errors, limit=100),
        "place": clean_text(data.get("place"), "place", errors, limit=300),
        "note": clean_text(data.get("note"), "note", errors),
        "leader_role": data.get("leader_role") or "",
        "published": bool(data.get("published", True)),
    }
    if values["leader_role"] and values["leader_role"] not in LeaderRole.values:
        errors.setdefault("leader_role", []).append(_("Cương vị không hợp lệ."))
    if errors:
        raise ValidationError(errors)
    before = snapshot(schedule) if schedule else None
    schedule = schedule or ReceptionSchedule(unit=unit)
    for name, value in values.items():
        setattr(schedule, name, value)
    schedule.unit_path, schedule.province_code = unit.path, _province(unit)
    schedule.save()
    record_change(actor, "update" if before else "create", schedule, before, snapshot(schedule), unit=unit)
    return schedule


@transaction.atomic
def save_duty(actor, *, unit: OrgUnit, data: dict) -> ReceptionDuty:
    """Who must receive citizens for `unit`, in which capacity, from when (the compliance table's rows)."""
    if not can_decide(actor, unit):
        raise NotAllowed(_("Chỉ người phê duyệt của %(unit)s phân công tiếp công dân.") % {"unit": unit.name})
    errors: dict[str, list[str]] = {}
    person, role = data.get("person"), data.get("leader_role")
    start, end = data.get("valid_from"), data.get("valid_to")
    if not isinstance(person, Person):
        errors.setdefault("person", []).append(_("Hãy chọn lãnh đạo."))
    if role not in LeaderRole.values:
        errors.setdefault("leader_role", []).append(_("Hãy chọn cương vị."))
    if not isinstance(start, datetime.date):
        errors.setdefault("valid_from", []).append(_("Hãy nhập ngày bắt đầu (dd/mm/yyyy)."))
    elif end is not None and end < start:
        errors.setdefault("valid_to", []).append(_("Ngày kết thúc trước ngày bắt đầu."))
    if errors:
        raise ValidationError(errors)
    duty = ReceptionDuty.objects.create(
        unit=unit,
        unit_path=unit.path,
        province_code=_province(unit),
        person=person,
        leader_role=role,
        valid_from=start,
        valid_to=end,
    )
    record_change(actor, "create", duty, None, snapshot(duty), unit=unit)
    return duty
