"""API of the activities: meetings (`/api/v1/activities/meetings`). People are shown with the titles they held on the
meeting's date; ids outside the caller's scope answer 404."""

import datetime

from django.db import transaction
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from danvan.core.errors import ValidationError
from danvan.core.schemas import choices, model_text, year
from danvan.orgunits.selectors import get_unit_for

from ..filters.meetings import MeetingFilter
from ..forms.meetings import host_units
from ..models import Attendance, Meeting
from ..selectors import meetings as meeting_selectors
from ..services import meetings as meeting_services

router = Router(tags=["Hội nghị, giao ban"])
MAX_LIMIT = 500


class MeetingUnitOut(Schema):
    id: int
    name: str


class MeetingPersonOut(Schema):
    name: str
    title: str


class MeetingAbsentOut(Schema):
    name: str
    title: str
    reason: str


class MeetingItemOut(Schema):
    id: int
    date: datetime.date = Field(..., description="Ngày họp (yyyy-mm-dd, giờ Việt Nam).")
    type: str
    title: str
    organizer: MeetingUnitOut
    chair: list[MeetingPersonOut] = Field(..., description="Chủ trì, với chức vụ giữ vào ngày họp.")
    attendees: list[MeetingPersonOut] = Field(
        ..., description="Thư ký, người dự và khách mời, với chức vụ giữ vào ngày họp."
    )
    period: str
    tasks: int = Field(..., description="Số nhiệm vụ giao từ kết luận.")


class MeetingListOut(Schema):
    items: list[MeetingItemOut]
    count: int


class MeetingDetailOut(MeetingItemOut):
    status: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    host: MeetingUnitOut | None
    place: str
    online: bool
    connection_points: list[str]
    absent: list[MeetingAbsentOut]
    agenda: str
    minutes: str
    conclusions: str
    conclusion_number: str
    conclusion_date: datetime.date | None


class MeetingQuery(Schema):
    unit: int | None = Field(None, description="Đơn vị tổ chức: cả cấp dưới và các đơn vị trước sắp xếp.")
    year: int | None = year(None, description="Năm họp.")
    type: str | None = Field(None, json_schema_extra=choices(Meeting.Type.values))
    status: str | None = Field(None, json_schema_extra=choices(Meeting.Status.values))
    q: str | None = Field(None, description="Tìm theo tên hội nghị, địa điểm, đơn vị (không dấu cũng được).")
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10_000_000)


class MeetingAttendeeIn(Schema):
    role: str = Field(..., json_schema_extra=choices(Attendance.Role.values))
    person: int | None = Field(None, description="Id người trong danh sách cán bộ.")
    name: str = model_text(Attendance, "name", "", description="Họ và tên, khi không có trong danh sách.")
    title: str = model_text(Attendance, "title", "")
    absence_reason: str = model_text(Attendance, "absence_reason", "")


class MeetingIn(Schema):
    organizer: int
    type: str = Field(..., json_schema_extra=choices(Meeting.Type.values))
    title: str = model_text(Meeting, "title")
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None = None
    host: int | None = None
    place: str = model_text(Meeting, "place", "")
    online: bool = False
    period: str = model_text(Meeting, "period", "", description="Mã kỳ báo cáo, ví dụ 2021H1.")
    agenda: str = Field("", max_length=50_000)
    minutes: str = Field("", max_length=50_000)
    conclusions: str = Field("", max_length=50_000)
    conclusion_number: str = model_text(Meeting, "conclusion_number", "")
    conclusion_date: datetime.date | None = None
    source_note: str = model_text(Meeting, "source_note", "")
    status: str = Field("planned", json_schema_extra=choices([Meeting.Status.PLANNED, Meeting.Status.HELD]))
    attendees: list[MeetingAttendeeIn] = Field(default_factory=list, max_length=500)
    connection_points: list[str] = Field(default_factory=list, max_length=500)


def _unit(unit) -> dict | None:
    return {"id": unit.pk, "name": unit.name} if unit is not None else None


def _people(rows) -> list[dict]:
    return [{"name": a.name, "title": a.title} for a in rows]


def _item(meeting: Meeting, attendance: meeting_selectors.AttendanceList) -> dict:
    return {
        "id": meeting.pk,
        "date": timezone.localtime(meeting.starts_at).date(),
        "type": meeting.type,
        "title": meeting.title,
        "organizer": _unit(meeting.organizer),
        "chair": _people(attendance.chairs),
        "attendees": _people([*attendance.secretaries, *attendance.members, *attendance.guests]),
        "period": meeting.period,
        "tasks": meeting.task_count,
    }


@router.get(
    "/meetings",
    response=MeetingListOut,
    summary="Hội nghị, giao ban trong phạm vi người dùng",
    description="Lọc: `unit`, `year`, `type`, `status`, `q`; trang: `limit` (tối đa 500), `offset`. Chủ trì và người "
    "dự kèm chức vụ giữ vào ngày họp. Đơn vị ngoài phạm vi: 404.",
)
def list_meetings(request, filters: Query[MeetingQuery]):
    if filters.unit is not None:
        get_unit_for(request.user, filters.unit)
    queryset = meeting_selectors.with_task_counts(meeting_selectors.meetings_visible_to(request.user))
    data = filters.model_dump(exclude={"limit", "offset"}, exclude_none=True)
    filterset = MeetingFilter(data, queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError({field: list(errors) for field, errors in filterset.errors.items()})
    rows = filterset.qs.order_by("-starts_at", "-id")
    count = rows.count()
    page = list(rows[filters.offset : filters.offset + filters.limit])
    attendance = meeting_selectors.attendance_by_meeting(page)
    return {"items": [_item(m, attendance[m.pk]) for m in page], "count": count}


def _detail(user, pk: int) -> dict:
    meeting = meeting_selectors.with_task_counts(meeting_selectors.meetings_visible_to(user)).get(pk=pk)
    attendance = meeting_selectors.attendance_of(meeting)
    return {
        **_item(meeting, attendance),
        "status": meeting.status,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "host": _unit(meeting.host),
        "place": meeting.place,
        "online": meeting.online,
        "connection_points": list(meeting.connection_points.values_list("name", flat=True)),
        "absent": [{"name": a.name, "title": a.title, "reason": a.absence_reason} for a in attendance.absent],
        "agenda": meeting.agenda,
        "minutes": meeting.minutes,
        "conclusions": meeting.conclusions,
        "conclusion_number": meeting.conclusion_number,
        "conclusion_date": meeting.conclusion_date,
    }


@router.get("/meetings/{int:meeting_id}", response=MeetingDetailOut, summary="Một hội nghị, giao ban")
def get_meeting(request, meeting_id: int):
    meeting_selectors.get_meeting_for(request.user, meeting_id)
    return _detail(request.user, meeting_id)


@router.post(
    "/meetings",
    response={201: MeetingDetailOut},
    summary="Ghi một hội nghị cùng thành phần tham dự",
    description="`attendees`: mỗi người `{role, person}` (id trong danh sách cán bộ) hoặc `{role, name, title}`; "
    "vai trò `chair`, `secretary`, `member`, `guest`, `absent` (kèm `absence_reason`).",
)
def create_meeting(request, payload: MeetingIn):
    organizer = get_unit_for(request.user, payload.organizer)
    host = None
    if payload.host is not None:
        host = host_units(request.user).filter(pk=payload.host).first()
        if host is None:
            raise ValidationError({"host": ["Đơn vị chủ trì không tồn tại hoặc nằm ngoài phạm vi của bạn."]})
    data = payload.model_dump(exclude={"organizer", "host", "attendees", "connection_points"})
    with transaction.atomic():
        meeting = meeting_services.create_meeting(request.user, organizer=organizer, host=host, **data)
        if payload.attendees:
            meeting_services.set_attendance(
                request.user,
                meeting,
                [row.model_dump(exclude_none=True) for row in payload.attendees],
            )
        if payload.connection_points:
            meeting_services.set_connection_points(request.user, meeting, payload.connection_points)
    return Status(201, _detail(request.user, meeting.pk))
