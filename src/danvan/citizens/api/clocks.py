"""API of the legal clocks: `GET /citizens/deadlines` (a step's due date from a start day, by the engine every page
uses) and `GET/PUT /citizens/calendar/{year}` (a year's days off and weekend days worked; PUT for superusers)."""

import datetime

from ninja import Field, Query, Router, Schema

from danvan.core.errors import ValidationError

from .. import selectors, services
from ..clocks import deadline
from ..services.clocks import check_year

router = Router()


class DeadlineQuery(Schema):
    step: str = Field(..., max_length=40, description="Bước, ví dụ `khieu_nai_lan_1.giai_quyet`.")
    start: datetime.date = Field(..., alias="from", description="Ngày bắt đầu tính (yyyy-mm-dd).")
    complex: bool = Field(False, description="Vụ việc phức tạp.")
    very_complex: bool = Field(False, description="Vụ việc đặc biệt phức tạp.")
    remote: bool = Field(False, description="Vùng sâu, vùng xa đi lại khó khăn.")
    extensions: int = Field(0, ge=0, le=10, description="Số lần gia hạn (giải quyết tố cáo).")
    verify: bool = Field(False, description="Phải xác minh nhân thân người tố cáo hoặc ở nhiều nơi.")


class DeadlineOut(Schema):
    step: str
    due: datetime.date = Field(..., description="Ngày hết hạn (yyyy-mm-dd).")
    days: int = Field(..., description="Thời hạn, tính cả gia hạn.")
    day_type: str = Field(..., description="`days` (ngày) hoặc `working_days` (ngày làm việc).")


class CalendarOut(Schema):
    year: int
    stored: bool = Field(..., description="Đã được đặt (true) hay tính theo mặc định (false).")
    days_off: list[datetime.date] = Field(..., description="Các ngày thường được nghỉ.")
    working_days: list[datetime.date] = Field(..., description="Các ngày thứ Bảy, Chủ nhật làm bù.")


class CalendarIn(Schema):
    days_off: list[str] = Field(..., max_length=100, description="Ngày thường được nghỉ, yyyy-mm-dd.")
    working_days: list[str] = Field(..., max_length=100, description="Thứ Bảy, Chủ nhật làm bù, yyyy-mm-dd.")


@router.get("/deadlines", response=DeadlineOut, summary="Tính hạn của một bước")
def compute_deadline(request, query: Query[DeadlineQuery]):
    try:
        found = deadline(
            query.step,
            query.start,
            complex_case=query.complex,
            very_complex=query.very_complex,
            remote_area=query.remote,
            extensions=query.extensions,
            verify=query.verify,
        )
    except ValidationError as error:
        errors = {("from" if key == "start" else key): value for key, value in error.message_dict.items()}
        raise ValidationError(errors) from None
    return found


def _calendar(year: int) -> dict:
    found = selectors.calendar_year(year)
    return {
        "year": year,
        "stored": found.stored,
        "days_off": sorted(found.days_off),
        "working_days": sorted(found.working_days),
    }


@router.get("/calendar/{year}", response=CalendarOut, summary="Lịch làm việc của một năm")
def get_calendar(request, year: int):
    check_year(year)
    return _calendar(year)


@router.put("/calendar/{year}", response=CalendarOut, summary="Đặt lịch làm việc của một năm")
def put_calendar(request, year: int, payload: CalendarIn):
    services.set_calendar_year(
        request.user, year, days_off=payload.days_off, working_days=payload.working_days
    )
    return _calendar(year)
