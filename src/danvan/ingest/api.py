"""POST /api/v1/ingest: a news file in (multipart, field `file`: .txt, .html or .docx), the structured event out.
Signed in, like every operation that is not public. A file the reader cannot take (too big, another type, empty,
binary, undecodable, a zip bomb, not Vietnamese news) answers 422 naming it, in Vietnamese."""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import File, Router, Schema, UploadedFile

from .reader import read_news_file
from .reader.extract import check_size

router = Router(tags=["Đọc lại tin đã đăng"])


class PeriodOut(Schema):
    year: int | None
    half: Literal["H1", "H2", "FULL"] | None


class PersonOut(Schema):
    name: str
    title: str


class ModelCountOut(Schema):
    count: int
    scope: str


class FigureOut(Schema):
    value: str
    what: str


class EventOut(Schema):
    source_url: str | None
    title: str
    event_date: datetime.date | None
    event_type: Literal[
        "so_ket", "tong_ket", "kiem_tra", "giao_ban", "hoi_nghi_khac", "doi_thoai", "tap_huan", "khac"
    ]
    organizer: str | None
    organizer_level: Literal["trung_uong", "tinh", "huyen", "xa", "khac"]
    locality: str | None
    period_reviewed: PeriodOut
    people: list[PersonOut]
    model_counts: list[ModelCountOut]
    other_figures: list[FigureOut]
    directed_tasks: list[str]


@router.post(
    "",
    response=EventOut,
    summary="Đọc một tin bài thành sự kiện",
    description=(
        "Gửi một tệp tin bài (.txt, .html hoặc .docx, tối đa 5 MB) ở trường `file` (multipart/form-data); nhận sự "
        "kiện: ngày, loại, đơn vị tổ chức và cấp, địa bàn, kỳ đánh giá, người dự và chức vụ, số mô hình "
        "“Dân vận khéo”, số liệu khác, nhiệm vụ đề ra. Tệp không đọc được hoặc không phải tin bài: 422."
    ),
)
def ingest(request, file: File[UploadedFile]):
    name = file.name or ""
    try:
        check_size(name, file.size or 0)
        data = file.read()
    except OSError:
        raise ValidationError({"file": [_("Không đọc được tệp gửi lên.")]}) from None
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    try:
        return read_news_file(data, name)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
