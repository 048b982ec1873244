"""API of the activities: inspections and supervisions (`/api/v1/activities/inspections`). The team's titles are those
each member held on the inspection's first day; the tasks carry their status today. An inspection is read by the
organiser's scope and by the users of the inspected units; any other id answers 404."""

import datetime

from django.utils import timezone
from ninja import Field as SchemaField
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.core.errors import ValidationError
from danvan.core.schemas import choices, year
from danvan.orgunits.selectors import get_unit_for

from ..filters.oversight import InspectionFilter
from ..models import Inspection
from ..selectors import oversight as selectors

router = Router()


class InspectionUnitOut(Schema):
    id: int
    name: str


class InspectionMemberOut(Schema):
    id: int = SchemaField(..., description="Id người (cán bộ).")
    name: str
    title: str = SchemaField(..., description="Chức vụ giữ vào ngày bắt đầu kiểm tra.")
    role: str = SchemaField(..., description="`leader`, `deputy`, `member` hoặc `secretary`.")


class InspectionTaskOut(Schema):
    id: int
    title: str
    lead_unit: InspectionUnitOut
    deadline: datetime.date
    progress: int
    status: str = SchemaField(
        ...,
        description="`done_on_time`, `done_late`, `in_progress`, `overdue` hoặc `cancelled` (tính đến hôm nay).",
    )


class InspectionRecheckOut(Schema):
    date: datetime.date
    result: str
    closes: bool


class InspectionListOut(Schema):
    id: int
    kind: str
    status: str
    title: str
    organizer: InspectionUnitOut
    decision_number: str
    decision_date: datetime.date | None
    starts_on: datetime.date
    ends_on: datetime.date | None
    inspected_units: list[InspectionUnitOut]
    leader: str = SchemaField(..., description="Họ tên trưởng đoàn.")

    @staticmethod
    def resolve_inspected_units(obj):
        if isinstance(obj, dict):
            return obj["inspected_units"]
        return [{"id": row.unit_id, "name": row.unit.name} for row in obj.inspected_units.all()]

    @staticmethod
    def resolve_leader(obj):
        if isinstance(obj, dict):
            return obj["leader"]
        return ", ".join(member.person.name for member in obj.leaders)


class InspectionOut(InspectionListOut):
    plan_id: int | None
    period_from: datetime.date | None
    period_to: datetime.date | None
    content: str
    findings: str
    conclusion: str
    recommendations: str
    conclusion_number: str
    conclusion_date: datetime.date | None
    closed_on: datetime.date | None
    team: list[InspectionMemberOut]
    tasks: list[InspectionTaskOut]
    rechecks: list[InspectionRecheckOut]


class InspectionQuery(Schema):
    unit: int | None = SchemaField(None, description="Đơn vị kiểm tra hoặc được kiểm tra (cả cấp dưới).")
    year: int | None = year(None, description="Năm bắt đầu kiểm tra.")
    kind: str | None = SchemaField(None, json_schema_extra=choices(Inspection.Kind.values))
    status: str | None = SchemaField(None, json_schema_extra=choices(Inspection.Status.values))
    q: str | None = SchemaField(None, max_length=200, description="Tìm theo tên, số quyết định, đơn vị.")


@router.get(
    "/inspections",
    response=list[InspectionListOut],
    summary="Danh sách cuộc kiểm tra, giám sát",
    description="Trong phạm vi người dùng: do đơn vị trong phạm vi tiến hành, hoặc kiểm tra đơn vị trong phạm vi. "
    "Lọc: `unit`, `year`, `kind`, `status`, `q`. Phân trang: `limit`, `offset`.",
)
@paginate(LimitOffsetPagination)
def list_inspections(request, filters: Query[InspectionQuery]):
    if filters.unit is not None:
        get_unit_for(request.user, filters.unit)
    params = {key: value for key, value in filters.model_dump().items() if value is not None}
    filterset = InspectionFilter(params, queryset=selectors.inspection_list(request.user))
    if not filterset.is_valid():
        raise ValidationError({field: list(errors) for field, errors in filterset.errors.items()})
    return filterset.qs.order_by("-starts_on", "-id")


@router.get("/inspections/{int:inspection_id}", response=InspectionOut, summary="Một cuộc kiểm tra, giám sát")
def get_inspection(request, inspection_id: int):
    selectors.get_inspection_for(request.user, inspection_id)
    inspection = selectors.inspection_list(request.user).get(pk=inspection_id)
    data = InspectionListOut.from_orm(inspection).model_dump()
    names = ("plan_id", "period_from", "period_to", "content", "findings", "conclusion", "recommendations")
    names += ("conclusion_number", "conclusion_date", "closed_on")
    data.update({name: getattr(inspection, name) for name in names})
    data["team"] = selectors.team_of(inspection)
    data["tasks"] = [
        {
            "id": task.pk,
            "title": task.title,
            "lead_unit": {"id": task.lead_unit_id, "name": task.lead_unit.name},
            "deadline": task.deadline,
            "progress": task.progress,
            "status": task.computed_status.value,
        }
        for task in selectors.tasks_of(inspection, timezone.localdate())
    ]
    data["rechecks"] = list(inspection.rechecks.values("date", "result", "closes"))
    return data
