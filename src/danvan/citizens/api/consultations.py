"""API of the consultations: `GET /api/v1/citizens/consultations` and `/consultations/{id}` (scoped), and the public
`GET /api/v1/public/consultations/{id}` (the draft, the comments under the names their authors chose to show, the
result once concluded)."""

import datetime

from ninja import Field as SchemaField
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.core.errors import ValidationError
from danvan.core.schemas import choices
from danvan.orgunits.selectors import get_unit_for

from ..filters import ConsultationFilter
from ..models import Consultation
from ..selectors import consultations as selectors
from .publicity import NOT_FOUND
from .schemas import UnitRefOut

router = Router()
public_router = Router()


class ConsultationListOut(Schema):
    id: int
    unit: UnitRefOut
    kind: str = SchemaField(
        ..., description="`decide` (Nhân dân bàn và quyết định) hoặc `comment` (tham gia ý kiến)."
    )
    title: str
    opens_on: datetime.date
    closes_on: datetime.date
    status: str = SchemaField(..., description="`draft`, `open`, `closed` hoặc `concluded`.")
    comment_count: int


class ResultOut(Schema):
    households: int
    agree: int
    disagree: int
    abstain: int
    agree_rate: float = SchemaField(
        ..., description="Tỷ lệ hộ tán thành trên số hộ của các thôn đã báo cáo (%)."
    )
    passed: bool = SchemaField(..., description="Quá nửa số hộ tán thành.")
    hamlets_reported: int
    hamlets: int
    comments: int


class CommentOut(Schema):
    author_kind: str
    name: str
    shown_name: str
    text: str
    received_on: datetime.date
    from_public_page: bool


class BallotOut(Schema):
    hamlet: UnitRefOut
    households: int
    agree: int
    disagree: int
    abstain: int


class ConsultationOut(ConsultationListOut):
    text: str
    summary: str
    concluded_on: datetime.date | None
    result: ResultOut
    ballots: list[BallotOut]
    comments: list[CommentOut]


class PublicCommentOut(Schema):
    shown_name: str = SchemaField(
        ..., description="Tên người góp ý chọn hiển thị, hoặc “Người dân”, “Tổ chức”."
    )
    text: str
    received_on: datetime.date


class PublicConsultationOut(Schema):
    id: int
    unit: UnitRefOut
    kind: str
    title: str
    text: str
    opens_on: datetime.date
    closes_on: datetime.date
    status: str
    open_for_comments: bool
    summary: str
    result: ResultOut | None = SchemaField(..., description="Chỉ khi đã có kết quả.")
    comments: list[PublicCommentOut]


class ConsultationQuery(Schema):
    unit: int | None = SchemaField(None, description="Đơn vị (cả cấp dưới).")
    status: str | None = SchemaField(None, json_schema_extra=choices(Consultation.Status.values))
    kind: str | None = SchemaField(None, json_schema_extra=choices(Consultation.Kind.values))
    q: str | None = SchemaField(None, max_length=200)


def result_out(consultation) -> dict:
    result = selectors.consultation_result(consultation)
    return {
        "households": result.households,
        "agree": result.agree,
        "disagree": result.disagree,
        "abstain": result.abstain,
        "agree_rate": round(result.agree_rate, 1),
        "passed": result.passed,
        "hamlets_reported": result.hamlets_reported,
        "hamlets": result.hamlets,
        "comments": result.comments,
    }


@router.get(
    "/consultations",
    response=list[ConsultationListOut],
    summary="Danh sách cuộc lấy ý kiến Nhân dân",
    description="Lọc: `unit`, `status`, `kind`, `q`. Phân trang: `limit`, `offset`.",
)
@paginate(LimitOffsetPagination)
def list_consultations(request, filters: Query[ConsultationQuery]):
    if filters.unit is not None:
        get_unit_for(request.user, filters.unit)
    params = {key: value for key, value in filters.model_dump().items() if value is not None}
    queryset = selectors.consultations_visible_to(request.user).select_related("unit")
    filterset = ConsultationFilter(params, queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError({field: list(errors) for field, errors in filterset.errors.items()})
    return filterset.qs.order_by("-opens_on", "-id")


@router.get("/consultations/{int:consultation_id}", response=ConsultationOut, summary="Một cuộc lấy ý kiến")
def get_consultation(request, consultation_id: int):
    consultation = selectors.get_consultation_for(request.user, consultation_id)
    comments = list(selectors.comments_of(consultation))
    return {
        **{
            name: getattr(consultation, name)
            for name in (
                "id",
                "kind",
                "title",
                "text",
                "opens_on",
                "closes_on",
                "status",
                "summary",
                "concluded_on",
            )
        },
        "unit": consultation.unit,
        "comment_count": len(comments),
        "result": result_out(consultation),
        "ballots": [
            {
                "hamlet": {"id": ballot.hamlet_id, "name": ballot.hamlet.name},
                "households": ballot.households,
                "agree": ballot.agree,
                "disagree": ballot.disagree,
                "abstain": ballot.abstain,
            }
            for ballot in selectors.ballots_of(consultation)
        ],
        "comments": comments,
    }


@public_router.get(
    "/consultations/{int:consultation_id}",
    response=PublicConsultationOut,
    auth=None,
    openapi_extra=NOT_FOUND,
    summary="Dự thảo lấy ý kiến Nhân dân và kết quả (không cần đăng nhập)",
)
def public_consultation(request, consultation_id: int):
    consultation = selectors.public_consultation(consultation_id)
    concluded = consultation.status == Consultation.Status.CONCLUDED
    return {
        **{
            name: getattr(consultation, name)
            for name in ("id", "kind", "title", "text", "opens_on", "closes_on", "status")
        },
        "unit": consultation.unit,
        "open_for_comments": selectors.open_for_comments(consultation),
        "summary": consultation.summary if concluded else "",
        "result": result_out(consultation) if concluded else None,
        "comments": [
            {
                "shown_name": comment.shown_name or str(comment.get_author_kind_display()),
                "text": comment.text,
                "received_on": comment.received_on,
            }
            for comment in selectors.comments_of(consultation)
        ],
    }
