"""API of the petition register (`/api/v1/citizens/petitions…`): the list (the list page's filters, paginated),
registering, one petition — a denunciation's denouncers masked unless a keeper asks with `reveal=true` and a
`reason` — and its steps through the same `transition` as the pages.

Ids outside the caller's scope answer 404, as if they did not exist; a refused write 403; bad input 422 naming the
field."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from ninja import Field as SchemaField
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.core.errors import ValidationError
from danvan.core.schemas import choices, model_text
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import get_unit_for

from .. import selectors, services
from ..filters import PetitionFilter
from ..models import Petition, PetitionStep
from ..services.identity import reveal_identities
from ..services.petitions import SEALED_LABEL

router = Router(tags=["Đơn thư"])

CLOCK_HELP = "Thời hạn: `overdue` (quá hạn), `due_soon` (đến hạn trong 3 ngày tới)."


class PetitionUnitOut(Schema):
    id: int
    name: str


class PetitionOut(Schema):
    id: int
    number: int
    year: int
    unit: PetitionUnitOut
    kind: str
    received_as: str
    channel: str
    field: str
    stage: str
    subject: str
    sender_label: str = SchemaField(
        ..., description="Người gửi như danh sách hiển thị; đơn tố cáo: được giữ bí mật."
    )
    is_group: bool
    signers: int
    anonymous: bool
    received_on: datetime.date
    clock_step: str = SchemaField(
        ..., description="Bước đang tính hạn (rỗng khi không có thời hạn đang tính)."
    )
    clock_from: datetime.date | None
    due_on: datetime.date | None
    days_left: int | None = SchemaField(None, description="Số ngày còn lại đến hạn (âm: đã quá hạn).")

    @staticmethod
    def resolve_sender_label(obj):
        return SEALED_LABEL if obj.kind == Petition.Kind.TO_CAO else obj.sender_label

    @staticmethod
    def resolve_days_left(obj):
        return (obj.due_on - timezone.localdate()).days if obj.due_on else None


class PetitionSenderOut(Schema):
    name: str
    address: str
    phone: str
    email: str
    is_representative: bool


class PetitionDenouncerOut(Schema):
    name: str
    address: str
    phone: str
    email: str
    id_number: str


class PetitionStepOut(Schema):
    id: int
    action: str
    on: datetime.date
    by_name: str
    note: str
    reference: str
    details: dict


class PetitionTransferOut(Schema):
    from_unit: PetitionUnitOut
    to_unit: PetitionUnitOut
    on: datetime.date
    reason: str


class PetitionSuspensionOut(Schema):
    start: datetime.date
    end: datetime.date | None
    reason: str
    reference: str


class PetitionExtensionOut(Schema):
    decided_on: datetime.date
    reference: str
    reason: str


class PetitionAttachmentOut(Schema):
    id: int
    original_name: str
    size: int


class PetitionRefOut(Schema):
    id: int
    number: int
    year: int
    subject: str


class PetitionDetailOut(PetitionOut):
    content: str
    forwarded_by: str
    forwarded_reference: str
    processing: str
    processed_on: datetime.date | None
    accepted_on: datetime.date | None
    acceptance_reference: str
    refusal_reason: str
    resolved_on: datetime.date | None
    decision_reference: str
    outcome: str
    answer: str
    closed_on: datetime.date | None
    suspended_since: datetime.date | None
    complex_case: bool
    very_complex: bool
    remote_area: bool
    previous_id: int | None
    merged_into_id: int | None
    senders: list[PetitionSenderOut] = SchemaField(
        ..., description="Người gửi; rỗng với đơn tố cáo (được giữ bí mật)."
    )
    denouncers: list[PetitionDenouncerOut] | None = SchemaField(
        None,
        description="Chỉ khi người được giao xem danh tính gọi với `reveal=true` và `reason`; lần xem được ghi.",
    )
    steps: list[PetitionStepOut]
    transfers: list[PetitionTransferOut]
    suspensions: list[PetitionSuspensionOut]
    extensions: list[PetitionExtensionOut]
    attachments: list[PetitionAttachmentOut]
    duplicates: list[PetitionRefOut] = SchemaField(..., description="Có thể trùng: số và trích yếu.")
    allowed_actions: list[str]

    @staticmethod
    def resolve_senders(obj):
        return [] if obj.is_denunciation else list(obj.senders.all())

    @staticmethod
    def resolve_denouncers(obj):
        return getattr(obj, "revealed", None)

    @staticmethod
    def resolve_steps(obj):
        return list(obj.steps.all())

    @staticmethod
    def resolve_transfers(obj):
        return list(obj.transfers.all())

    @staticmethod
    def resolve_suspensions(obj):
        return list(obj.suspensions.all())

    @staticmethod
    def resolve_extensions(obj):
        return list(obj.extensions.all())

    @staticmethod
    def resolve_attachments(obj):
        return list(obj.attachments.all())

    @staticmethod
    def resolve_duplicates(obj):
        return [] if obj.stage == Petition.Stage.MERGED else services.possible_duplicates(obj)

    @staticmethod
    def resolve_allowed_actions(obj):
        return [str(action) for action in services.allowed_actions(obj)]


class PetitionQuery(Schema):
    unit: int | None = SchemaField(None, description="Đơn vị: đơn của đơn vị và cấp dưới.")
    kind: str | None = SchemaField(None, json_schema_extra=choices(Petition.Kind.values))
    channel: str | None = SchemaField(None, json_schema_extra=choices(Petition.Channel.values))
    field: str | None = SchemaField(None, json_schema_extra=choices(Petition.Field.values))
    stage: str | None = SchemaField(None, json_schema_extra=choices(Petition.Stage.values))
    year: int | None = SchemaField(None, ge=1000, le=9999)
    clock: str | None = SchemaField(
        None, description=CLOCK_HELP, json_schema_extra=choices(["overdue", "due_soon"])
    )
    q: str | None = SchemaField(
        None, max_length=200, description="Tìm theo số, trích yếu, người gửi (không dấu cũng được)."
    )


class PetitionPersonIn(Schema):
    name: str = SchemaField(..., max_length=150)
    address: str = SchemaField("", max_length=300)
    phone: str = SchemaField("", max_length=30)
    email: str = SchemaField("", max_length=254)
    id_number: str = SchemaField("", max_length=20)
    is_representative: bool = False


class PetitionIn(Schema):
    unit: int = SchemaField(..., description="Id đơn vị nhận đơn (người dùng là cán bộ nhập liệu trở lên).")
    kind: str = SchemaField(..., json_schema_extra=choices(Petition.Kind.values))
    channel: str = SchemaField(..., json_schema_extra=choices(Petition.Channel.values))
    field: str = SchemaField(..., json_schema_extra=choices(Petition.Field.values))
    subject: str = model_text(Petition, "subject")
    content: str = SchemaField(..., max_length=50_000)
    received_on: datetime.date | None = SchemaField(None, description="Ngày nhận đơn (mặc định hôm nay).")
    forwarded_by: str = model_text(Petition, "forwarded_by", "")
    forwarded_reference: str = model_text(Petition, "forwarded_reference", "")
    is_group: bool = False
    signers: int = SchemaField(1, ge=1, le=100_000)
    previous: int | None = SchemaField(None, description="Id đơn khiếu nại lần đầu (với khiếu nại lần hai).")
    complex_case: bool = False
    remote_area: bool = False
    needs_verification: bool = False
    senders: list[PetitionPersonIn] = SchemaField(
        [], max_length=50, description="Người gửi (không dùng cho đơn tố cáo)."
    )
    sealed: list[PetitionPersonIn] = SchemaField(
        [], max_length=10, description="Người tố cáo: lưu riêng, được giữ bí mật (chỉ với đơn tố cáo)."
    )


class PetitionTransitionIn(Schema):
    action: str = SchemaField(
        ..., json_schema_extra=choices([a for a in PetitionStep.Action.values if a != "receive"])
    )
    on: datetime.date = SchemaField(
        ..., description="Ngày thực hiện (không sau hôm nay, không trước bước trước)."
    )
    processing: str | None = SchemaField(None, json_schema_extra=choices(Petition.Processing.values))
    to_body: str | None = SchemaField(
        None, max_length=300, description="Cơ quan có thẩm quyền (khi chuyển đơn)."
    )
    reference: str | None = SchemaField(None, max_length=100)
    note: str | None = SchemaField(None, max_length=10_000)
    reason: str | None = SchemaField(None, max_length=10_000)
    complex_case: bool | None = None
    very_complex: bool | None = None
    remote_area: bool | None = None
    assignee: int | None = SchemaField(None, description="Id cán bộ của đơn vị giải quyết (giao xác minh).")
    outcome: str | None = SchemaField(None, json_schema_extra=choices(Petition.Outcome.values))
    answer: str | None = SchemaField(None, max_length=10_000)
    to_unit: int | None = SchemaField(None, description="Id đơn vị nhận đơn chuyển.")
    whole: bool | None = SchemaField(None, description="Rút toàn bộ đơn (mặc định) hay một phần.")
    withdrawn: str | None = SchemaField(
        None, max_length=10_000, description="Nội dung được rút (rút một phần)."
    )
    into: int | None = SchemaField(None, description="Id đơn được gộp vào (gộp đơn trùng).")


def _detail(petition: Petition, denouncers=None) -> Petition:
    petition = (
        Petition.objects.select_related("unit")
        .prefetch_related("steps", "transfers__from_unit", "transfers__to_unit", "suspensions", "extensions")
        .get(pk=petition.pk)
    )
    petition.revealed = denouncers
    return petition


@router.get(
    "/petitions",
    response=list[PetitionOut],
    summary="Sổ theo dõi đơn trong phạm vi người dùng",
    description="Bộ lọc: `unit`, `kind`, `channel`, `field`, `stage`, `year`, `clock`, `q`. Người gửi đơn tố cáo luôn "
    "được giữ bí mật. Phân trang: `limit`, `offset`.",
)
@paginate(LimitOffsetPagination)
def list_petitions(request, filters: Query[PetitionQuery]):
    unit = get_unit_for(request.user, filters.unit) if filters.unit is not None else None
    filterset = PetitionFilter(request.GET, queryset=selectors.register_of(request.user, unit))
    if not filterset.is_valid():
        raise ValidationError({field: list(errors) for field, errors in filterset.errors.items()})
    return filterset.qs.select_related("unit").order_by("-received_on", "-id")


@router.post("/petitions", response={201: PetitionDetailOut}, summary="Nhận đơn, vào sổ theo dõi đơn")
@sensitive_variables()  # a crash while registering: no sender's or denouncer's data in the error report
def register_petition(request, payload: PetitionIn):
    user = request.user
    unit = get_unit_for(user, payload.unit)
    data = payload.dict(exclude={"unit", "senders", "sealed", "previous"})
    if payload.previous is not None:
        data["previous"] = selectors.petitions_visible_to(user).filter(pk=payload.previous).first()
        if data["previous"] is None:
            raise ValidationError({"previous": ["Không tìm thấy đơn khiếu nại lần đầu này."]})
    petition = services.create_petition(
        user,
        unit=unit,
        data=data,
        senders=[person.dict() for person in payload.senders],
        sealed=[person.dict() for person in payload.sealed],
    )
    return Status(201, _detail(petition))


@router.get(
    "/petitions/{int:petition_id}",
    response=PetitionDetailOut,
    summary="Một đơn: các bước, thời hạn, người gửi",
    description="Người tố cáo được giữ bí mật. Người được giao xem danh tính của đơn vị giải quyết thêm `reveal=true` "
    "và `reason` (lý do xem) để nhận `denouncers`; mỗi lần xem được ghi lại.",
)
@sensitive_variables()
def get_petition(request, response: HttpResponse, petition_id: int, reveal: bool = False, reason: str = ""):
    petition = selectors.get_petition_for(request.user, petition_id)
    denouncers = None
    if reveal:
        if not petition.is_denunciation:
            raise ValidationError({"reveal": ["Đơn này không có người tố cáo được giữ bí mật."]})
        if not reason.strip():
            raise ValidationError({"reason": ["Hãy nêu lý do cần xem danh tính."]})
        denouncers = reveal_identities(request.user, petition, reason=reason, via="api")
        response["Cache-Control"] = "no-store"
    return _detail(petition, denouncers)


def _resolve_ids(petition: Petition, payload: PetitionTransitionIn) -> dict:
    details = payload.dict(exclude={"action", "on"}, exclude_none=True)
    if "assignee" in details:
        details["assignee"] = services.assignable_users(petition.unit).filter(pk=details["assignee"]).first()
    if "to_unit" in details:
        details["to_unit"] = OrgUnit.objects.filter(pk=details["to_unit"]).first()
    if "into" in details:
        details["into"] = Petition.objects.filter(pk=details["into"], unit_id=petition.unit_id).first()
    return details


@router.post(
    "/petitions/{int:petition_id}/transitions",
    response={201: PetitionDetailOut},
    summary="Một bước xử lý đơn",
    description="`action`: process (kèm `processing`, `to_body` khi chuyển đơn), accept (`reference`), refuse "
    "(`reason`), assign (`assignee`), verify (`note`), resolve (`reference`, `outcome`, `answer`), answer, close, "
    "transfer (`to_unit`, `reason`), suspend (`reason`), resume, extend (`reference`, chỉ đơn tố cáo), withdraw "
    "(`whole`, `withdrawn`), merge (`into`), reopen (`reason`). Bước mà tình trạng đơn không cho phép: 422.",
)
def petition_transition(request, petition_id: int, payload: PetitionTransitionIn):
    petition = selectors.get_petition_for(request.user, petition_id)
    services.transition(
        request.user, petition, payload.action, on=payload.on, **_resolve_ids(petition, payload)
    )
    return Status(201, _detail(petition))
