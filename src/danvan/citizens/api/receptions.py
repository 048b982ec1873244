"""API of receptions and dialogues: `/api/v1/citizens/receptions` and `/api/v1/citizens/dialogues`. Every read starts
from the user's scope (out of scope: 404); every write goes through the services (422 naming the field)."""

import datetime

from ninja import Field as SchemaField
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.activities.selectors.people import people_pickable_by
from danvan.core.errors import ValidationError
from danvan.core.schemas import choices
from danvan.orgunits.selectors import get_unit_for

from .. import services
from ..filters import DialogueFilter, ReceptionFilter
from ..models import Dialogue, LeaderRole, Reception
from ..selectors import dialogues as dialogue_selectors
from ..selectors import receptions as reception_selectors
from .schemas import UnitRefOut

router = Router()


class LeaderOut(Schema):
    id: int
    name: str


class PersonOut(LeaderOut):
    titles: str = SchemaField(..., description="Chức vụ giữ vào ngày của buổi tiếp, cuộc đối thoại.")


class CitizenIO(Schema):
    name: str = SchemaField(..., max_length=150)
    address: str = SchemaField("", max_length=300)
    matter: str = SchemaField(..., description="Nội dung công dân trình bày.")
    answer: str = SchemaField("", description="Trả lời, hướng dẫn tại buổi tiếp.")


class CommitmentOut(Schema):
    text: str
    task: int = SchemaField(..., description="Id nhiệm vụ theo dõi ở phân hệ Hoạt động.")
    deadline: datetime.date


class ReceptionListOut(Schema):
    id: int
    unit: UnitRefOut
    date: datetime.date
    kind: str
    mode: str
    place: str
    leader: LeaderOut | None
    leader_role: str
    citizens_count: int


class ReceptionOut(ReceptionListOut):
    leader: PersonOut | None
    notes: str
    citizens: list[CitizenIO]
    commitments: list[CommitmentOut]


class ReceptionIn(Schema):
    unit: int = SchemaField(..., description="Id đơn vị tiếp (người dùng là người nhập liệu của đơn vị).")
    date: datetime.date
    kind: str = SchemaField("regular", json_schema_extra=choices(Reception.Kind.values))
    mode: str = SchemaField(
        "in_person",
        json_schema_extra=choices(Reception.Mode.values),
        description="`online` chỉ từ ngày 2026-07-01.",
    )
    leader: int | None = SchemaField(None, description="Id cán bộ (activities Person) chủ trì tiếp.")
    leader_role: str = SchemaField("", json_schema_extra=choices(["", *LeaderRole.values]))
    place: str = SchemaField("", max_length=300)
    citizens_count: int = SchemaField(0, ge=0)
    notes: str = SchemaField("", max_length=20000)
    citizens: list[CitizenIO] = SchemaField([], max_length=200)


class ReceptionQuery(Schema):
    unit: int | None = SchemaField(None, description="Đơn vị (cả cấp dưới).")
    year: int | None = SchemaField(None, ge=2000, le=2100)
    kind: str | None = SchemaField(None, json_schema_extra=choices(Reception.Kind.values))
    mode: str | None = SchemaField(None, json_schema_extra=choices(Reception.Mode.values))
    leader_role: str | None = SchemaField(None, json_schema_extra=choices(LeaderRole.values))
    q: str | None = SchemaField(None, max_length=200)


def _person(user, pk: int | None, field: str):
    if pk is None:
        return None
    person = people_pickable_by(user).filter(pk=pk).first()
    if person is None:
        raise ValidationError({field: ["Người được chọn không có trong danh sách cán bộ bạn được xem."]})
    return person


def _filtered(filterset_class, params, queryset):
    filterset = filterset_class(params, queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError({field: list(errors) for field, errors in filterset.errors.items()})
    return filterset.qs.order_by("-date", "-id")


def _reception_row(reception: Reception, titles: dict) -> dict:
    leader = reception.leader
    return {
        "id": reception.pk,
        "unit": reception.unit,
        "date": reception.date,
        "kind": reception.kind,
        "mode": reception.mode,
        "place": reception.place,
        "leader": {"id": leader.pk, "name": leader.name, "titles": titles.get(reception.pk, "")}
        if leader
        else None,
        "leader_role": reception.leader_role,
        "citizens_count": reception.citizens_count,
    }


def _reception_detail(reception: Reception) -> dict:
    detail = reception_selectors.reception_detail(reception)
    data = _reception_row(reception, {reception.pk: detail["leader_titles"]})
    data["notes"] = reception.notes
    data["citizens"] = [
        {"name": c.name, "address": c.address, "matter": c.matter, "answer": c.answer}
        for c in detail["citizens"]
    ]
    data["commitments"] = [
        {"text": c.text, "task": c.task_id, "deadline": c.task.deadline} for c in detail["commitments"]
    ]
    return data


@router.get(
    "/receptions",
    response=list[ReceptionListOut],
    summary="Danh sách buổi tiếp công dân",
    description="Lọc: `unit`, `year`, `kind`, `mode`, `leader_role`, `q`. Phân trang: `limit`, `offset`.",
)
@paginate(LimitOffsetPagination)
def list_receptions(request, filters: Query[ReceptionQuery]):
    if filters.unit is not None:
        get_unit_for(request.user, filters.unit)
    params = {key: value for key, value in filters.model_dump().items() if value is not None}
    return _filtered(ReceptionFilter, params, reception_selectors.reception_list(request.user))


@router.get("/receptions/{int:reception_id}", response=ReceptionOut, summary="Một buổi tiếp công dân")
def get_reception(request, reception_id: int):
    return _reception_detail(reception_selectors.get_reception_for(request.user, reception_id))


@router.post(
    "/receptions",
    response={201: ReceptionOut},
    summary="Ghi buổi tiếp công dân",
    description="Tiếp trực tuyến (`mode: online`) chỉ từ ngày 2026-07-01; một lãnh đạo chỉ một buổi một ngày tại "
    "một đơn vị.",
)
def create_reception(request, payload: ReceptionIn):
    unit = get_unit_for(request.user, payload.unit)
    data = payload.model_dump(exclude={"unit", "leader", "citizens"})
    data["leader"] = _person(request.user, payload.leader, "leader")
    citizens = [c.model_dump() for c in payload.citizens]
    reception = services.save_reception(request.user, unit=unit, data=data, citizens=citizens or None)
    return Status(201, _reception_detail(reception_selectors.get_reception_for(request.user, reception.pk)))


class QuestionOut(Schema):
    asked_by: str
    question: str
    answer: str
    answered_by: str


class DialogueListOut(Schema):
    id: int
    unit: UnitRefOut
    title: str
    date: datetime.date
    place: str
    status: str
    citizens_count: int
    cancel_reason: str


class DialogueOut(DialogueListOut):
    plan: str
    invitation: str
    citizens: str
    leaders: list[PersonOut]
    questions: list[QuestionOut]
    commitments: list[CommitmentOut]


class DialogueIn(Schema):
    unit: int
    title: str = SchemaField(..., max_length=300)
    date: datetime.date
    status: str = SchemaField("planned", json_schema_extra=choices(Dialogue.Status.values))
    place: str = SchemaField("", max_length=300)
    plan: str = SchemaField("", max_length=20000)
    invitation: str = SchemaField("", max_length=20000)
    citizens: str = SchemaField("", max_length=20000)
    citizens_count: int = SchemaField(0, ge=0)
    cancel_reason: str = SchemaField("", max_length=500, description="Bắt buộc khi `status` là `cancelled`.")
    leaders: list[int] = SchemaField([], max_length=50, description="Id cán bộ dự, mỗi người một lần.")


class DialogueQuery(Schema):
    unit: int | None = None
    year: int | None = SchemaField(None, ge=2000, le=2100)
    status: str | None = SchemaField(None, json_schema_extra=choices(Dialogue.Status.values))
    q: str | None = SchemaField(None, max_length=200)


def _dialogue_detail(dialogue: Dialogue) -> dict:
    detail = dialogue_selectors.dialogue_detail(dialogue)
    data = DialogueListOut.from_orm(dialogue).model_dump()
    data.update(plan=dialogue.plan, invitation=dialogue.invitation, citizens=dialogue.citizens)
    data["leaders"] = [{"id": p.pk, "name": p.name, "titles": titles} for p, titles in detail["leaders"]]
    data["questions"] = [
        {
            "asked_by": q.asked_by,
            "question": q.question,
            "answer": q.answer,
            "answered_by": q.answered_by.name if q.answered_by_id else "",
        }
        for q in detail["questions"]
    ]
    data["commitments"] = [
        {"text": c.text, "task": c.task_id, "deadline": c.task.deadline} for c in detail["commitments"]
    ]
    return data


@router.get(
    "/dialogues",
    response=list[DialogueListOut],
    summary="Danh sách cuộc đối thoại",
    description="Lọc: `unit`, `year`, `status`, `q`. Phân trang: `limit`, `offset`.",
)
@paginate(LimitOffsetPagination)
def list_dialogues(request, filters: Query[DialogueQuery]):
    if filters.unit is not None:
        get_unit_for(request.user, filters.unit)
    params = {key: value for key, value in filters.model_dump().items() if value is not None}
    return _filtered(DialogueFilter, params, dialogue_selectors.dialogue_list(request.user))


@router.get("/dialogues/{int:dialogue_id}", response=DialogueOut, summary="Một cuộc đối thoại")
def get_dialogue(request, dialogue_id: int):
    return _dialogue_detail(dialogue_selectors.get_dialogue_for(request.user, dialogue_id))


@router.post("/dialogues", response={201: DialogueOut}, summary="Lập kế hoạch hoặc ghi cuộc đối thoại")
def create_dialogue(request, payload: DialogueIn):
    unit = get_unit_for(request.user, payload.unit)
    ids = payload.leaders
    found = {p.pk: p for p in people_pickable_by(request.user).filter(pk__in=ids)}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise ValidationError({"leaders": [f"Không có cán bộ mã {missing[0]} trong danh sách bạn được xem."]})
    data = payload.model_dump(exclude={"unit", "leaders"})
    dialogue = services.save_dialogue(request.user, unit=unit, data=data, leaders=[found[pk] for pk in ids])
    return Status(201, _dialogue_detail(dialogue_selectors.get_dialogue_for(request.user, dialogue.pk)))
