"""API of the activities: situation reports (`/api/v1/activities/situations`). Every answer starts from
`situations_visible_to`: a confidential report is listed, read and counted in the table only for the reporting
unit's users and the approvers above it; to anyone else its id answers 404 as if it did not exist."""

import datetime

from django.utils import timezone
from ninja import Field as SchemaField
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.core.errors import ValidationError
from danvan.core.periods import Period, PeriodType
from danvan.core.schemas import choices, model_text
from danvan.orgunits.selectors import get_unit_for

from .. import services
from ..filters.situations import SituationFilter
from ..models import HotspotStep, SituationReport
from ..selectors import situations as selectors

router = Router()
TOPICS_HELP = (
    "`people` (tình hình nhân dân), `opinion` (dư luận xã hội), `ethnic` (dân tộc), `religion` (tôn giáo), "
)
TOPICS_HELP += "`mass_complaint` (khiếu kiện đông người)."


class SituationUnitOut(Schema):
    id: int
    name: str


class SituationStepOut(Schema):
    action: str = SchemaField(..., description="`escalated`, `acknowledged`, `action` hoặc `resolved`.")
    at: datetime.datetime
    by: str = SchemaField(..., description="Tên người ghi bước.")
    text: str
    minutes_since_escalated: int | None


class SituationListOut(Schema):
    id: int
    unit: SituationUnitOut
    area: SituationUnitOut | None
    topic: str
    period: str = SchemaField(..., description="Mã kỳ; trống với báo cáo đột xuất.")
    reported_on: datetime.date
    severity: int = SchemaField(
        ..., description="1 ổn định, 2 cần theo dõi, 3 phức tạp, 4 nguy cơ điểm nóng."
    )
    title: str
    confidential: bool
    hotspot: str = SchemaField(..., description="Trống, `open` (đang xử lý) hoặc `resolved`.")


class SituationOut(SituationListOut):
    text: str
    resolved_at: datetime.datetime | None
    steps: list[SituationStepOut]


class SituationIn(Schema):
    unit: int = SchemaField(..., description="Id đơn vị báo cáo (người dùng là người nhập liệu của đơn vị).")
    topic: str = SchemaField(
        ..., description=TOPICS_HELP, json_schema_extra=choices(SituationReport.Topic.values)
    )
    severity: int = SchemaField(
        1, ge=1, le=4, description="1 ổn định, 2 cần theo dõi, 3 phức tạp, 4 nguy cơ điểm nóng."
    )
    title: str = model_text(SituationReport, "title")
    text: str = SchemaField(..., max_length=20000)
    reported_on: datetime.date | None = SchemaField(None, description="Mặc định hôm nay.")
    period: str = SchemaField("", max_length=8, description="Mã kỳ (2026M07, 2026Q3…); trống: đột xuất.")
    area: int | None = SchemaField(None, description="Id địa bàn (đơn vị trực thuộc đơn vị báo cáo).")
    confidential: bool = False
    hotspot: bool = SchemaField(
        False, description="Nguy cơ điểm nóng: báo ngay người phê duyệt hai cấp trên."
    )


class SituationStepIn(Schema):
    action: str = SchemaField(..., json_schema_extra=choices(["acknowledged", "action", "resolved"]))
    text: str = SchemaField("", max_length=20000)


class SituationQuery(Schema):
    unit: int | None = SchemaField(None, description="Đơn vị (cả cấp dưới).")
    period: str | None = SchemaField(
        None, max_length=8, description="Mã kỳ: định kỳ của kỳ và đột xuất trong kỳ."
    )
    topic: str | None = SchemaField(None, json_schema_extra=choices(SituationReport.Topic.values))
    severity: int | None = SchemaField(None, ge=1, le=4)
    hotspot: str | None = SchemaField(None, json_schema_extra=choices(["open", "resolved"]))
    q: str | None = SchemaField(None, max_length=200)


class SituationCellOut(Schema):
    severity: int
    label: str
    count: int


class SituationRowOut(Schema):
    unit: SituationUnitOut
    own: bool = SchemaField(..., description="Báo cáo của chính đơn vị được chọn (không gồm cấp dưới).")
    cells: dict[str, SituationCellOut] = SchemaField(
        ..., description="Theo chủ đề; chủ đề không có báo cáo thì vắng."
    )


class SituationTableOut(Schema):
    unit: SituationUnitOut
    period: str
    rows: list[SituationRowOut]


def _detail(report: SituationReport) -> dict:
    data = SituationListOut.from_orm(report).model_dump()
    data["text"], data["resolved_at"] = report.text, report.resolved_at
    data["steps"] = [
        {
            "action": step.action,
            "at": step.at,
            "by": (step.by.full_name or step.by.username) if step.by_id else "",
            "text": step.text,
            "minutes_since_escalated": int(step.since_escalated.total_seconds() // 60)
            if step.since_escalated is not None
            else None,
        }
        for step in selectors.steps_of(report)
    ]
    return data


@router.get(
    "/situations",
    response=list[SituationListOut],
    summary="Danh sách báo cáo tình hình",
    description="Lọc: `unit`, `period`, `topic`, `severity`, `hotspot`, `q`. Báo cáo mật chỉ hiện với đơn vị báo "
    "cáo và người phê duyệt cấp trên. Phân trang: `limit`, `offset`.",
)
@paginate(LimitOffsetPagination)
def list_situations(request, filters: Query[SituationQuery]):
    if filters.unit is not None:
        get_unit_for(request.user, filters.unit)
    params = {key: value for key, value in filters.model_dump().items() if value is not None}
    queryset = selectors.situations_visible_to(request.user).select_related("unit", "area")
    filterset = SituationFilter(params, queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError({field: list(errors) for field, errors in filterset.errors.items()})
    return filterset.qs.order_by("-reported_on", "-id")


@router.get(
    "/situations/table",
    response=SituationTableOut,
    summary="Bảng đơn vị × chủ đề: mức độ cao nhất trong kỳ",
    description="Mỗi dòng một đơn vị trực thuộc `unit` (cả cấp dưới của nó), cộng một dòng báo cáo của chính `unit`; "
    "mỗi ô là mức độ cao nhất và số báo cáo người dùng được xem. `period` mặc định tháng này.",
)
def situation_table(request, unit: int, period: str = ""):
    chosen = get_unit_for(request.user, unit)
    today = timezone.localdate()
    try:
        parsed = Period.parse(period[:16]) if period else Period.containing(PeriodType.MONTH, today)
    except ValueError as error:
        raise ValidationError({"period": [str(error)]}) from None
    rows = selectors.severity_table(request.user, chosen, parsed, today)
    return {
        "unit": chosen,
        "period": parsed.code,
        "rows": [
            {"unit": {"id": row.unit.pk, "name": row.unit.name}, "own": row.own, "cells": row.cells}
            for row in rows
        ],
    }


@router.get("/situations/{int:report_id}", response=SituationOut, summary="Một báo cáo tình hình")
def get_situation(request, report_id: int):
    return _detail(selectors.get_situation_for(request.user, report_id))


@router.post(
    "/situations",
    response={201: SituationOut},
    summary="Gửi báo cáo tình hình",
    description="`hotspot: true` báo ngay người phê duyệt của hai cấp trên (trong ứng dụng và qua thư).",
)
def create_situation(request, payload: SituationIn):
    unit = get_unit_for(request.user, payload.unit)
    area = get_unit_for(request.user, payload.area) if payload.area is not None else None
    data = payload.model_dump(exclude={"unit", "area", "reported_on"})
    report = services.report_situation(
        request.user, unit=unit, area=area, reported_on=payload.reported_on or timezone.localdate(), **data
    )
    return Status(201, _detail(selectors.get_situation_for(request.user, report.pk)))


@router.post(
    "/situations/{int:report_id}/steps",
    response={201: SituationOut},
    summary="Ghi một bước xử lý điểm nóng",
    description="`acknowledged` (cấp trên đã nắm) và `resolved` (đã giải quyết): người phê duyệt cấp trên; "
    "`action` (biện pháp): cả người nhập liệu của đơn vị báo cáo.",
)
def add_situation_step(request, report_id: int, payload: SituationStepIn):
    report = selectors.get_situation_for(request.user, report_id)
    if payload.action not in HotspotStep.Action.values:
        raise ValidationError({"action": ["Bước không hợp lệ: dùng acknowledged, action hoặc resolved."]})
    services.hotspot_step(request.user, report, payload.action, payload.text)
    return Status(201, _detail(selectors.get_situation_for(request.user, report.pk)))
