"""Direct dialogues of the heads of the Party committee and the government with the people: the plan and the
invitation, the leaders and citizens attending, the questions and answers, the status (planned, held, cancelled with
a reason). Commitments become tasks through `services.receptions.add_commitment`."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.activities.models import Person
from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.text import clean_text, fold
from danvan.core.uploads import check_upload
from danvan.orgunits.models import OrgUnit

from ..models import Dialogue, DialogueQuestion
from .access import can_handle

Status = Dialogue.Status
TITLE_MAX = Dialogue._meta.get_field("title").max_length


def dialogue_snapshot(dialogue: Dialogue) -> dict:
    return snapshot(dialogue, exclude=("search_key",))


def _leaders(leaders, errors: dict) -> list[Person]:
    leaders = list(leaders or ())
    seen: set[int] = set()
    for leader in leaders:
        if not isinstance(leader, Person):
            errors.setdefault("leaders", []).append(_("Hãy chọn lãnh đạo trong danh sách cán bộ."))
            return []
        if leader.pk in seen:
            errors.setdefault("leaders", []).append(_("%(name)s được chọn hai lần.") % {"name": leader.name})
        seen.add(leader.pk)
    return leaders


@transaction.atomic
def save_dialogue(
    actor, *, unit: OrgUnit, data: dict, leaders=(), invitation_file=None, dialogue: Dialogue | None = None
) -> Dialogue:
    """Plans (or changes) a dialogue of `unit`: `data` holds title, date, place, status, plan, invitation, citizens,
    citizens_count, cancel_reason, notes; `leaders` the Persons attending; `invitation_file` an upload."""
    if not can_handle(actor, unit) or (dialogue is not None and not can_handle(actor, dialogue.unit)):
        raise NotAllowed(_("Bạn không có quyền ghi cuộc đối thoại của %(unit)s.") % {"unit": unit.name})
    errors: dict[str, list[str]] = {}
    values = {
        "title": clean_text(
            data.get("title"),
            "title",
            errors,
            required_message=_("Hãy nhập chủ đề đối thoại."),
            limit=TITLE_MAX,
        ),
        "place": clean_text(data.get("place"), "place", errors, limit=300),
        "plan": clean_text(data.get("plan"), "plan", errors),
        "invitation": clean_text(data.get("invitation"), "invitation", errors),
        "citizens": clean_text(data.get("citizens"), "citizens", errors),
        "notes": clean_text(data.get("notes"), "notes", errors),
        "cancel_reason": clean_text(data.get("cancel_reason"), "cancel_reason", errors, limit=500),
    }
    status = data.get("status") or Status.PLANNED
    day = data.get("date")
    if status not in Status.values:
        errors.setdefault("status", []).append(_("Tình trạng không hợp lệ."))
    if not isinstance(day, datetime.date):
        errors.setdefault("date", []).append(_("Hãy nhập ngày đối thoại (dd/mm/yyyy)."))
    elif status == Status.HELD and day > timezone.localdate():
        errors.setdefault("date", []).append(_("Cuộc đối thoại chưa diễn ra thì chưa thể ghi là đã tổ chức."))
    if status == Status.CANCELLED and not values["cancel_reason"]:
        errors.setdefault("cancel_reason", []).append(_("Hãy nêu lý do hủy cuộc đối thoại."))
    if status != Status.CANCELLED:
        values["cancel_reason"] = ""
    count = data.get("citizens_count") or 0
    if not isinstance(count, int) or count < 0:
        errors.setdefault("citizens_count", []).append(_("Số người dân dự không hợp lệ."))
    people = _leaders(leaders, errors)
    if invitation_file is not None:
        try:
            check_upload(invitation_file, "invitation_file")
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    before = None
    if dialogue is not None:
        dialogue = Dialogue.objects.select_for_update(of=("self",)).get(pk=dialogue.pk)
        before = dialogue_snapshot(dialogue)
    else:
        dialogue = Dialogue(author=actor)
    for name, value in values.items():
        setattr(dialogue, name, value)
    dialogue.unit, dialogue.unit_path = unit, unit.path
    dialogue.province_code = unit.path.strip("/").split("/")[0]
    dialogue.status, dialogue.date, dialogue.citizens_count = status, day, count
    if invitation_file is not None:
        dialogue.invitation_file = invitation_file
    dialogue.search_key = fold(" ".join([values["title"], values["place"], *(p.name for p in people)]))[:600]
    dialogue.save()
    dialogue.leaders.set(people)
    record_change(
        actor, "update" if before else "create", dialogue, before, dialogue_snapshot(dialogue), unit=unit
    )
    return dialogue


@transaction.atomic
def add_question(actor, dialogue: Dialogue, *, data: dict) -> DialogueQuestion:
    """A question raised at a dialogue (who asked, the question) and its answer (given by one of the leaders)."""
    if not can_handle(actor, dialogue.unit):
        raise NotAllowed(
            _("Bạn không có quyền ghi cuộc đối thoại của %(unit)s.") % {"unit": dialogue.unit.name}
        )
    errors: dict[str, list[str]] = {}
    asked_by = clean_text(
        data.get("asked_by"), "asked_by", errors, required_message=_("Hãy nhập người hỏi."), limit=200
    )
    question = clean_text(data.get("question"), "question", errors, required_message=_("Hãy nhập câu hỏi."))
    answer = clean_text(data.get("answer"), "answer", errors)
    answered_by = data.get("answered_by")
    if answered_by is not None and not dialogue.leaders.filter(pk=answered_by.pk).exists():
        errors.setdefault("answered_by", []).append(_("Người trả lời phải là lãnh đạo dự đối thoại."))
    if answer and answered_by is None:
        errors.setdefault("answered_by", []).append(_("Hãy chọn lãnh đạo trả lời."))
    if errors:
        raise ValidationError(errors)
    position = dialogue.questions.count()
    row = DialogueQuestion.objects.create(
        dialogue=dialogue,
        asked_by=asked_by,
        question=question,
        answer=answer,
        answered_by=answered_by,
        position=position,
    )
    record_change(actor, "create", row, None, snapshot(row), unit=dialogue.unit)
    return row
