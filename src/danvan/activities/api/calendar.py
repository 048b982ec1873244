"""API of the activities: the work calendar. `GET /calendar?unit=&week=` gives a unit's (or, with `person`, a
leader's) week: the entries typed in, the meetings and the inspections, times in ISO 8601; `POST /calendar` adds an
entry. A unit or a person outside the caller's scope answers 404."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from danvan.core.errors import ValidationError
from danvan.core.schemas import choices, model_text
from danvan.orgunits.selectors import get_unit_for

from .. import services
from ..models import CalendarEntry
from ..selectors import calendar as selectors
from ..selectors.people import people_pickable_by

router = Router()

PATHS = {selectors.MEETING: "/hoat-dong/hoi-nghi/{pk}/", selectors.INSPECTION: "/hoat-dong/kiem-tra/{pk}/"}


class CalendarPersonOut(Schema):
    id: int
    name: str


class CalendarUnitOut(Schema):
    id: int
    name: str


class CalendarItemOut(Schema):
    kind: str = Field(
        ..., description="`entry` (ghi vào lịch), `meeting` (hội nghị) hoặc `inspection` (kiểm tra)."
    )
    id: int = Field(..., description="Id của mục lịch, của hội nghị hoặc của cuộc kiểm tra, theo `kind`.")
    title: str
    date: datetime.date = Field(..., description="Ngày (đầu tiên trong tuần) của mục.")
    all_day: bool = Field(
        ..., description="Cả ngày (cuộc kiểm tra): `starts_at` trống, xem `starts_on`/`ends_on`."
    )
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    session: str = Field(..., json_schema_extra=choices(["morning", "afternoon", "all_day"]))
    place: str
    participants: str
    preparation: str
    cancelled: bool
    change_reason: str
    sequence: int = Field(..., description="Số lần thay đổi (SEQUENCE của iCalendar).")
    person: CalendarPersonOut | None
    url: str = Field(..., description="Trang của mục trên Dân vận số.")


class CalendarWeekOut(Schema):
    unit: CalendarUnitOut | None
    person: CalendarPersonOut | None
    week: str = Field(..., description="Tuần theo ISO 8601, ví dụ `2026-W49`.")
    starts_on: datetime.date
    ends_on: datetime.date
    items: list[CalendarItemOut]
    count: int


class CalendarQuery(Schema):
    unit: int | None = Field(None, description="Id đơn vị (mặc định: đơn vị của lãnh đạo khi có `person`).")
    person: int | None = Field(None, description="Id cán bộ: lịch riêng của một lãnh đạo.")
    week: str | None = Field(
        None, max_length=20, description="Tuần `2026-W49` hoặc một ngày `2026-12-03`; mặc định tuần này."
    )


class CalendarEntryIn(Schema):
    unit: int = Field(..., description="Id đơn vị có lịch.")
    starts_at: datetime.datetime = Field(
        ..., description="Bắt đầu, ISO 8601 (giờ Việt Nam nếu không ghi múi giờ)."
    )
    ends_at: datetime.datetime | None = None
    title: str = model_text(CalendarEntry, "title")
    place: str = model_text(CalendarEntry, "place", "")
    participants: str = model_text(CalendarEntry, "participants", "")
    preparation: str = model_text(CalendarEntry, "preparation", "")
    person: int | None = Field(None, description="Id cán bộ khi là lịch của một lãnh đạo.")


def _aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def _item_out(item: selectors.CalendarItem) -> dict:
    url = PATHS.get(item.kind, "/hoat-dong/lich/{pk}/lich-su/").format(pk=item.pk)
    return {
        "kind": item.kind,
        "id": item.pk,
        "title": item.title,
        "date": item.day,
        "all_day": item.all_day,
        "starts_at": timezone.localtime(item.starts_at) if item.starts_at else None,
        "ends_at": timezone.localtime(item.ends_at) if item.ends_at else None,
        "starts_on": item.extra.get("starts_on"),
        "ends_on": item.extra.get("ends_on"),
        "session": item.session,
        "place": item.place,
        "participants": item.participants,
        "preparation": item.preparation,
        "cancelled": item.cancelled,
        "change_reason": item.change_reason,
        "sequence": item.sequence,
        "person": {"id": item.person.pk, "name": item.person.name} if item.person else None,
        "url": url,
    }


@router.get(
    "/calendar",
    response=CalendarWeekOut,
    summary="Lịch công tác tuần của một đơn vị hoặc một lãnh đạo",
    description="Mục ghi vào lịch, hội nghị (đơn vị tổ chức hoặc chủ trì) và cuộc kiểm tra (đơn vị kiểm tra hoặc "
    "được kiểm tra), xếp theo ngày và giờ. Với `person`: lịch ghi cho lãnh đạo đó, các hội nghị người đó dự và các "
    "đoàn kiểm tra người đó tham gia. Đơn vị hoặc cán bộ ngoài phạm vi: 404.",
)
def calendar_week_items(request, filters: Query[CalendarQuery]):
    monday = selectors.parse_week(filters.week)
    if monday is None:
        raise ValidationError({"week": ["Tuần không hợp lệ: dùng dạng 2026-W49 hoặc một ngày 2026-12-03."]})
    person = selectors.get_leader_for(request.user, filters.person) if filters.person is not None else None
    if filters.unit is not None:
        unit = get_unit_for(request.user, filters.unit)
    elif person is not None:
        unit = person.unit
    else:
        raise ValidationError({"unit": ["Hãy chọn đơn vị (unit) hoặc cán bộ (person)."]})
    if person is not None:
        items = selectors.leader_week(request.user, person, monday)
    else:
        items = selectors.unit_week(request.user, unit, monday)
    return {
        "unit": {"id": unit.pk, "name": unit.name},
        "person": {"id": person.pk, "name": person.name} if person else None,
        "week": selectors.week_code(monday),
        "starts_on": monday,
        "ends_on": monday + datetime.timedelta(days=6),
        "items": [_item_out(item) for item in items],
        "count": len(items),
    }


@router.post(
    "/calendar",
    response={201: CalendarItemOut},
    summary="Ghi một mục vào lịch công tác",
    description="Người nhập liệu của đơn vị (hoặc cấp trên). Thay đổi, hủy một mục cần lý do: làm trên trang "
    "Lịch công tác.",
)
def add_calendar_entry(request, payload: CalendarEntryIn):
    unit = get_unit_for(request.user, payload.unit)
    person = None
    if payload.person is not None:
        person = get_object_or_404(people_pickable_by(request.user), pk=payload.person)
    entry = services.add_entry(
        request.user,
        unit=unit,
        starts_at=_aware(payload.starts_at),
        ends_at=_aware(payload.ends_at),
        title=payload.title,
        place=payload.place,
        participants=payload.participants,
        preparation=payload.preparation,
        person=person,
    )
    return Status(201, _item_out(selectors.entry_item(entry)))
