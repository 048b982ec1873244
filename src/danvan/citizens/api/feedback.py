"""Public feedback through the API, without authentication: `POST /api/v1/public/feedback` (JSON, attachments as
base64) → 201 {"tracking_code"}; `GET /api/v1/public/feedback/{code}` → the status, subject and public answer. The
same services and limits as the page /gop-y/; never any personal data in an answer."""

import base64
import binascii
import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from danvan.orgunits.models import OrgUnit

from .. import antispam, selectors, services
from ..models import Petition
from ..services.feedback import MAX_ATTACHMENTS

router = Router(tags=["Góp ý công khai"])


class AttachmentIn(Schema):
    name: str = Field(..., max_length=255, description="Tên tệp, có đuôi .jpg, .jpeg, .png, .pdf hoặc .docx.")
    content_base64: str = Field(..., description="Nội dung tệp mã hóa base64 (tổng yêu cầu không quá 5 MB).")


class FeedbackIn(Schema):
    unit: int = Field(..., description="Mã (id) cơ quan, đơn vị nhận góp ý; phải là đơn vị đang nhận góp ý.")
    kind: Literal["kien_nghi", "phan_anh"] = Field(
        ..., description="kien_nghi (kiến nghị) hoặc phan_anh (phản ánh)."
    )
    subject: str = Field(..., max_length=300)
    field: str = Field(..., description="Lĩnh vực: " + ", ".join(Petition.Field.values))
    content: str = Field(..., max_length=10_000)
    name: str = Field("", max_length=150, description="Không bắt buộc; không bao giờ được công bố.")
    phone: str = Field("", max_length=30, description="Không bắt buộc; không bao giờ được công bố.")
    email: str = Field("", max_length=254, description="Không bắt buộc; không bao giờ được công bố.")
    answer_public: bool = Field(
        True, description="false: câu trả lời chỉ gửi riêng người gửi (cần số điện thoại hoặc thư điện tử)."
    )
    attachments: list[AttachmentIn] = Field(
        default_factory=list, description=f"Tối đa {MAX_ATTACHMENTS} tệp, mỗi tệp không quá 10 MB."
    )
    website: str = Field("", description="Để trống (ô bẫy thư rác).")


class TrackingOut(Schema):
    tracking_code: str


class FeedbackStatusOut(Schema):
    status: Literal["received", "in_progress", "answered", "closed"]
    status_label: str
    subject: str
    received_on: datetime.date
    service_due_on: datetime.date | None
    answered_on: datetime.date | None
    answer: str | None = Field(
        None, description="Câu trả lời công khai; null khi chưa trả lời hoặc không công khai."
    )
    answer_note: str = Field("", description="Khi câu trả lời được gửi riêng cho người gửi.")


def _files(items: list[AttachmentIn]) -> list[ContentFile]:
    if len(items) > MAX_ATTACHMENTS:
        raise ValidationError({"attachments": [f"Chỉ gửi được tối đa {MAX_ATTACHMENTS} tệp đính kèm."]})
    files = []
    for index, item in enumerate(items):
        try:
            content = base64.b64decode(item.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError(
                {f"attachments.{index}.content_base64": ["Nội dung tệp không phải base64 hợp lệ."]}
            ) from None
        files.append(ContentFile(content, name=item.name))
    return files


@router.post(
    "/feedback",
    auth=None,
    response={201: TrackingOut},
    summary="Gửi kiến nghị, phản ánh (không cần tài khoản)",
    description=(
        "Ghi góp ý vào sổ đơn thư của đơn vị (nguồn: trực tuyến) và trả về mã tra cứu. Tệp đính kèm gửi trong JSON "
        "dưới dạng base64 (tối đa 3 tệp JPG, PNG, PDF, DOCX, mỗi tệp ≤ 10 MB, cả yêu cầu ≤ 5 MB). Giới hạn số lần "
        "gửi theo địa chỉ IP: vượt quá trả 429."
    ),
)
def send_feedback(request, payload: FeedbackIn):
    if antispam.request_over_limit(request, "feedback_send"):
        raise HttpError(429, antispam.limited_message("feedback_send"))
    if antispam.trapped(payload.model_dump()):
        raise ValidationError({"website": [antispam.trap_message()]})
    unit = OrgUnit.objects.filter(pk=payload.unit).first() if payload.unit > 0 else None
    data = payload.model_dump(exclude={"unit", "attachments", "website"})
    petition = services.submit_feedback(unit=unit, data=data, files=_files(payload.attachments))
    return Status(201, {"tracking_code": petition.tracking_code})


@router.get(
    "/feedback/{code}",
    auth=None,
    response=FeedbackStatusOut,
    summary="Tra cứu góp ý bằng mã",
    description="Tình trạng (received, in_progress, answered, closed), tiêu đề và câu trả lời công khai. Không có "
    "thông tin cá nhân. Mã không phân biệt chữ hoa, chữ thường, dấu gạch.",
)
def get_feedback(request, code: str):
    if antispam.request_over_limit(request, "feedback_lookup"):
        raise HttpError(429, antispam.limited_message("feedback_lookup"))
    try:
        item = selectors.public_view(selectors.feedback_by_code(code))
    except Http404:
        raise HttpError(404, "Không có góp ý nào mang mã này.") from None
    return {
        "status": item.status,
        "status_label": item.status_label,
        "subject": item.subject,
        "received_on": item.received_on,
        "service_due_on": item.service_due_on,
        "answered_on": item.answered_on,
        "answer": item.answer or None,
        "answer_note": item.private_answer_note,
    }
