"""API of the activities: tasks (`/api/v1/activities/tasks…`): the list with its status computed, assigning, one
task with its progress and extensions, a progress report, and a unit's four counts for a period.

Ids outside the caller's scope (a task, a unit) answer 404, as if they did not exist; a refused write 403; bad input
422 with the field named."""

import datetime

from django.utils import timezone
from ninja import Field as SchemaField
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.schemas import choices, model_text
from danvan.orgunits.selectors import get_unit_for

from .. import selectors, services
from ..filters.tasks import TaskFilter
from ..models import Task
from ..selectors.tasks import Status as TaskStatusChoice

router = Router(tags=["Nhiệm vụ"])

STATUS_HELP = (
    "Tình trạng tính theo ngày: `done_on_time` (hoàn thành đúng hạn), `done_late` (hoàn thành quá hạn), "
    "`in_progress` (đang thực hiện trong hạn), `overdue` (quá hạn), `cancelled` (đã hủy)."
)
PERIOD_HELP = "Kỳ: nhiệm vụ có hạn trong kỳ, tính đến cuối kỳ (ví dụ `2026`, `2026H1`, `2026Q3`, `2026M07`)."


class TaskUnitOut(Schema):
    id: int
    name: str


class TaskOut(Schema):
    id: int
    title: str
    expected_result: str
    assigner: TaskUnitOut
    lead_unit: TaskUnitOut
    supporting_units: list[TaskUnitOut]
    source: str
    source_reference: str
    meeting_id: int | None
    inspection_id: int | None
    assigned_on: datetime.date
    deadline: datetime.date
    original_deadline: datetime.date
    state: str
    status: str = SchemaField(..., description=STATUS_HELP)
    progress: int
    completed_on: datetime.date | None

    @staticmethod
    def resolve_supporting_units(obj):
        return list(obj.supporting_units.all())

    @staticmethod
    def resolve_status(obj):
        return getattr(obj, "status", None) or selectors.status_of(obj, timezone.localdate()).value


class TaskEvidenceOut(Schema):
    id: int
    original_name: str
    size: int


class TaskProgressOut(Schema):
    id: int
    reported_on: datetime.date
    percent: int
    text: str
    completes: bool
    evidence: list[TaskEvidenceOut]

    @staticmethod
    def resolve_evidence(obj):
        return list(obj.evidence.all())


class TaskExtensionOut(Schema):
    id: int
    requested_deadline: datetime.date
    reason: str
    decision: str
    decision_reference: str
    decision_note: str


class TaskDetailOut(TaskOut):
    description: str
    cancelled_reason: str
    reopen_reason: str
    progress_reports: list[TaskProgressOut]
    extensions: list[TaskExtensionOut]

    @staticmethod
    def resolve_progress_reports(obj):
        return list(obj.progress_reports.prefetch_related("evidence").order_by("reported_on", "id"))

    @staticmethod
    def resolve_extensions(obj):
        return list(obj.extensions.order_by("requested_at", "id"))


class TaskStatsOut(Schema):
    done_on_time: int
    done_late: int
    in_progress: int
    overdue: int


class TaskQuery(Schema):
    unit: int | None = SchemaField(None, description="Đơn vị: nhiệm vụ do đơn vị và cấp dưới chủ trì.")
    status: str | None = SchemaField(
        None, description=STATUS_HELP, json_schema_extra=choices(TaskStatusChoice)
    )
    period: str | None = SchemaField(None, description=PERIOD_HELP, max_length=10)
    source: str | None = SchemaField(None, json_schema_extra=choices(Task.Source.values))
    q: str | None = SchemaField(None, description="Tìm theo nội dung, đơn vị, văn bản (không dấu cũng được).")


class TaskIn(Schema):
    assigner: int = SchemaField(..., description="Id đơn vị giao (người dùng là cán bộ nhập liệu trở lên).")
    lead_unit: int = SchemaField(..., description="Id đơn vị chủ trì (thuộc đơn vị giao).")
    supporting_units: list[int] = SchemaField([], description="Id các đơn vị phối hợp.")
    title: str = model_text(Task, "title")
    deadline: datetime.date
    source: str = SchemaField("document", json_schema_extra=choices(Task.Source.values))
    source_reference: str = model_text(Task, "source_reference", "")
    assigned_on: datetime.date | None = SchemaField(None, description="Ngày giao (mặc định hôm nay).")
    expected_result: str = model_text(Task, "expected_result", "")
    description: str = SchemaField("", max_length=10_000)


class TaskProgressIn(Schema):
    percent: int = SchemaField(..., ge=0, le=100, description="Tiến độ (%), 0–100; 100 khi `completes`.")
    text: str = SchemaField(..., max_length=10_000, description="Kết quả thực hiện.")
    reported_on: datetime.date | None = SchemaField(None, description="Ngày báo cáo (mặc định hôm nay).")
    completes: bool = SchemaField(False, description="Đã hoàn thành: ngày hoàn thành là ngày báo cáo.")


def _task(pk: int) -> Task:
    return (
        Task.objects.select_related("assigner", "lead_unit").prefetch_related("supporting_units").get(pk=pk)
    )


def _filtered(request, filters: TaskQuery):
    unit = get_unit_for(request.user, filters.unit) if filters.unit is not None else None
    base = selectors.tasks_visible_to(request.user)
    if unit is not None:
        base = selectors.board_tasks(request.user, unit, selectors.Tab.SUBTREE)
    today = timezone.localdate()
    filterset = TaskFilter(request.GET, queryset=base, today=today)
    if not filterset.is_valid():
        raise ValidationError({field: list(errors) for field, errors in filterset.errors.items()})
    day = selectors.status_on_day_for(filterset.chosen_period, today)
    return filterset.qs.annotate(status=selectors.status_expression(day))


@router.get(
    "/tasks",
    response=list[TaskOut],
    summary="Danh sách nhiệm vụ trong phạm vi người dùng",
    description="Bộ lọc: `unit` (đơn vị và cấp dưới chủ trì), `status`, `period`, `source`, `q`. Tình trạng tính "
    "đến hôm nay, hoặc cuối kỳ khi có `period`. Phân trang: `limit`, `offset`.",
)
@paginate(LimitOffsetPagination)
def list_tasks(request, filters: Query[TaskQuery]):
    return (
        _filtered(request, filters)
        .select_related("assigner", "lead_unit")
        .prefetch_related("supporting_units")
        .order_by("deadline", "id")
    )


@router.get(
    "/tasks/stats",
    response=TaskStatsOut,
    summary="Bốn chỉ số nhiệm vụ của một đơn vị",
    description="Số nhiệm vụ do đơn vị và cấp dưới chủ trì: hoàn thành đúng hạn, hoàn thành quá hạn, đang thực hiện "
    "trong hạn, quá hạn (nhiệm vụ đã hủy không tính). " + PERIOD_HELP,
)
def task_stats(request, unit: int, period: str | None = None):
    chosen = get_unit_for(request.user, unit)
    filterset = TaskFilter({"period": period or ""}, queryset=Task.objects.none())
    if not filterset.is_valid():
        raise ValidationError({field: list(errors) for field, errors in filterset.errors.items()})
    return selectors.subtree_stats(chosen, filterset.chosen_period, timezone.localdate())


@router.get("/tasks/{int:task_id}", response=TaskDetailOut, summary="Một nhiệm vụ, tiến độ và gia hạn")
def get_task(request, task_id: int):
    return _task(selectors.get_task_for(request.user, task_id).pk)


@router.post("/tasks", response={201: TaskOut}, summary="Giao nhiệm vụ")
def create_task(request, payload: TaskIn):
    user = request.user
    assigner = get_unit_for(user, payload.assigner)
    if not services.can_edit(user, assigner):
        raise NotAllowed(f"Bạn không có quyền giao nhiệm vụ thay {assigner.name}.")
    lead_unit = get_unit_for(user, payload.lead_unit)
    supporting = [get_unit_for(user, pk) for pk in dict.fromkeys(payload.supporting_units)]
    if payload.source not in Task.Source.values or payload.source in ("meeting", "inspection"):
        raise ValidationError(
            {
                "source": [
                    "Nguồn giao phải là `document`, `report` hoặc `other` (nhiệm vụ từ hội nghị, kiểm tra "
                    "được giao từ kết luận của hội nghị, cuộc kiểm tra)."
                ]
            }
        )
    task = services.assign_task(
        user,
        assigner=assigner,
        lead_unit=lead_unit,
        supporting_units=supporting,
        title=payload.title,
        deadline=payload.deadline,
        source=payload.source,
        source_reference=payload.source_reference,
        assigned_on=payload.assigned_on,
        expected_result=payload.expected_result,
        description=payload.description,
    )
    return Status(201, _task(task.pk))


@router.post(
    "/tasks/{int:task_id}/progress",
    response={201: TaskOut},
    summary="Báo cáo tiến độ nhiệm vụ",
    description="Chỉ cán bộ nhập liệu của đơn vị chủ trì. Tệp minh chứng gửi qua trang nhiệm vụ.",
)
def report_task_progress(request, task_id: int, payload: TaskProgressIn):
    task = selectors.get_task_for(request.user, task_id)
    services.report_progress(
        request.user,
        task,
        percent=payload.percent,
        text=payload.text,
        reported_on=payload.reported_on,
        completes=payload.completes,
    )
    return Status(201, _task(task.pk))
