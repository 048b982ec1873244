"""Public feedback (góp ý trực tuyến, issue #12 §4): a citizen sends a kiến nghị or phản ánh without an account and
follows it by its tracking code; the unit answers within the service level it set; the sender may say once that
the answer did not resolve it. The register's entry is `create_petition(None, …, public=True)`."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.text import clean_text
from danvan.core.uploads import check_upload
from danvan.orgunits.models import OrgUnit

from .. import antispam, tracking
from ..clocks import add_working_days
from ..models import Attachment, FeedbackSetting, Petition, PetitionStep
from .access import can_decide, can_handle
from .petitions import SUBJECT_MAX, create_petition, petition_snapshot

MAX_ATTACHMENTS = 3
PUBLIC_KINDS = (Petition.Kind.KIEN_NGHI, Petition.Kind.PHAN_ANH)
CONTENT_MAX = 10_000
ANSWER_MAX = 10_000
NAMELESS = "Người gửi không ghi tên"
_PHONE = re.compile(r"^\+?[0-9 .()-]{8,20}$")


def accepts_feedback(unit: OrgUnit) -> bool:
    return FeedbackSetting.objects.filter(unit=unit, accepts_feedback=True).exists()


def _contact(data: dict, errors: dict) -> tuple[str, str, str]:
    name = clean_text(data.get("name"), "name", errors, limit=150)
    phone = clean_text(data.get("phone"), "phone", errors, limit=30)
    if phone and not _PHONE.match(phone):
        errors.setdefault("phone", []).append(
            _("Số điện thoại chỉ gồm chữ số (8–20 ký tự), có thể có dấu +.")
        )
    email = clean_text(data.get("email"), "email", errors, limit=254)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.setdefault("email", []).append(_("Địa chỉ thư điện tử không hợp lệ."))
    return name, phone, email


def _check_files(files, errors: dict) -> list:
    files = [f for f in (files or ()) if f is not None]
    if len(files) > MAX_ATTACHMENTS:
        errors.setdefault("attachments", []).append(
            _("Chỉ gửi được tối đa %(count)d tệp đính kèm.") % {"count": MAX_ATTACHMENTS}
        )
        return []
    checked = []
    for uploaded in files:
        try:
            checked.append((uploaded, check_upload(uploaded, "attachments")))
        except ValidationError as error:
            for message in error.message_dict.get("attachments", []):
                errors.setdefault("attachments", []).append(
                    _("Tệp “%(name)s”: %(problem)s")
                    % {"name": getattr(uploaded, "name", ""), "problem": message}
                )
    return checked


@transaction.atomic
def submit_feedback(*, unit: OrgUnit | None, data: dict, files=()) -> Petition:
    """Registers a public feedback in `unit`'s register (channel online) with a new tracking code and the unit's
    service due date. `data`: kind (kiến nghị or phản ánh), subject, content, field, name, phone, email,
    answer_public. Errors name the field."""
    errors: dict[str, list[str]] = {}
    setting = None
    if unit is None:
        errors.setdefault("unit", []).append(_("Hãy chọn cơ quan, đơn vị nhận góp ý."))
    else:
        setting = FeedbackSetting.objects.filter(unit=unit, accepts_feedback=True).first()
        if setting is None:
            errors.setdefault("unit", []).append(_("Đơn vị này chưa nhận góp ý trực tuyến."))
    kind = data.get("kind")
    if kind not in PUBLIC_KINDS:
        errors.setdefault("kind", []).append(_("Hãy chọn kiến nghị hoặc phản ánh."))
    clean_text(
        data.get("subject"), "subject", errors, required_message=_("Hãy nhập tiêu đề."), limit=SUBJECT_MAX
    )
    if data.get("field") not in Petition.Field.values:
        errors.setdefault("field", []).append(_("Hãy chọn lĩnh vực."))
    content = clean_text(
        data.get("content"),
        "content",
        errors,
        required_message=_("Hãy nhập nội dung góp ý."),
        limit=CONTENT_MAX,
    )
    if antispam.too_many_links(content):
        errors.setdefault("content", []).append(antispam.links_message())
    name, phone, email = _contact(data, errors)
    answer_public = data.get("answer_public", True) is not False
    if not answer_public and not (phone or email):
        errors.setdefault("phone", []).append(
            _("Để nhận câu trả lời riêng, hãy để lại số điện thoại hoặc thư điện tử.")
        )
    checked = _check_files(files, errors)
    if errors:
        raise ValidationError(errors)

    received = timezone.localdate()
    code = tracking.new_code()
    while Petition.objects.filter(tracking_code=code).exists():
        code = tracking.new_code()
    senders = []
    if name or phone or email:
        senders = [{"name": name or _(NAMELESS), "phone": phone, "email": email, "is_representative": True}]
    petition_data = {
        **_petition_data(data, kind, content),
        "received_on": received,
        "tracking_code": code,
        "answer_public": answer_public,
        "service_due_on": add_working_days(received, setting.answer_within_working_days),
    }
    petition = create_petition(None, unit=unit, data=petition_data, senders=senders, public=True)
    for uploaded, upload in checked:
        attachment = Attachment(
            petition=petition, original_name=upload.name, content_type=upload.content_type, size=upload.size
        )
        uploaded.seek(0)
        attachment.file.save(f"gop-y{upload.extension}", uploaded, save=False)
        attachment.save()
    return petition


def _petition_data(data: dict, kind, content: str) -> dict:
    return {
        "kind": kind,
        "channel": Petition.Channel.ONLINE,
        "subject": data.get("subject"),
        "field": data.get("field"),
        "content": content,
    }


def _locked(petition: Petition) -> Petition:
    return Petition.objects.select_for_update(of=("self",)).get(pk=petition.pk)


@transaction.atomic
def answer_feedback(actor, petition: Petition, *, answer: str, public: bool = True) -> Petition:
    """The unit's answer to a public feedback: stored, dated, a step ANSWER, logged. Public only when the sender did
    not ask to keep it private and the official publishes it. Nothing is sent outside: the tracking page shows it."""
    petition = _locked(petition)
    if not can_handle(actor, petition.unit):
        raise NotAllowed(_("Bạn không có quyền trả lời góp ý của %(unit)s.") % {"unit": petition.unit.name})
    if not petition.tracking_code:
        raise ValidationError({"answer": [_("Đơn này không phải góp ý trực tuyến.")]})
    errors: dict[str, list[str]] = {}
    answer = clean_text(
        answer, "answer", errors, required_message=_("Hãy nhập nội dung trả lời."), limit=ANSWER_MAX
    )
    if errors:
        raise ValidationError(errors)
    before = petition_snapshot(petition)
    petition.answer = answer
    petition.answered_on = timezone.localdate()
    petition.answer_public = bool(public) and petition.answer_public
    petition.save(update_fields=["answer", "answered_on", "answer_public", "updated_at"])
    PetitionStep.objects.create(
        petition=petition,
        action=PetitionStep.Action.ANSWER,
        on=petition.answered_on,
        note=answer,
        details={"public": petition.answer_public},
        by=actor,
        by_name=getattr(actor, "full_name", "") or actor.get_username(),
    )
    record_change(actor, "update", petition, before, petition_snapshot(petition), unit=petition.unit)
    return petition


def reopen_request(petition: Petition) -> PetitionStep | None:
    """The sender's request that the case be looked at again, if they made it."""
    return next(
        (
            step
            for step in petition.steps.all()
            if step.action == PetitionStep.Action.REOPEN and step.details.get("by") == "sender"
        ),
        None,
    )


@transaction.atomic
def request_reopen(petition: Petition, *, reason: str) -> PetitionStep:
    """The sender says, from the tracking page, that the answer did not resolve it: once per feedback, after an
    answer; recorded as a step REOPEN shown to the officials."""
    petition = _locked(petition)
    if petition.answered_on is None:
        raise ValidationError({"reason": [_("Đơn vị chưa trả lời góp ý này.")]})
    if reopen_request(petition) is not None:
        raise ValidationError({"reason": [_("Bạn đã đề nghị xem xét lại góp ý này rồi.")]})
    errors: dict[str, list[str]] = {}
    reason = clean_text(
        reason,
        "reason",
        errors,
        required_message=_("Hãy cho biết vì sao vấn đề chưa được giải quyết."),
        limit=2000,
    )
    if errors:
        raise ValidationError(errors)
    return PetitionStep.objects.create(
        petition=petition,
        action=PetitionStep.Action.REOPEN,
        on=timezone.localdate(),
        note=reason,
        details={"by": "sender", "answered_on": petition.answered_on.isoformat()},
        by_name=_("Người gửi góp ý"),
    )


@transaction.atomic
def set_feedback_setting(
    actor, unit: OrgUnit, *, accepts_feedback: bool, answer_within_working_days
) -> FeedbackSetting:
    """The unit's approver opens or closes public feedback and sets the working days within which it answers."""
    if not can_decide(actor, unit):
        raise NotAllowed(
            _("Chỉ người phê duyệt của %(unit)s đặt được cam kết trả lời.") % {"unit": unit.name}
        )
    try:
        days = int(answer_within_working_days)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= 90:
        raise ValidationError({"answer_within_working_days": [_("Số ngày làm việc phải từ 1 đến 90.")]})
    setting = FeedbackSetting.objects.select_for_update().filter(unit=unit).first()
    before = snapshot(setting) if setting else None
    if setting is None:
        setting = FeedbackSetting(unit=unit)
    setting.unit_path = unit.path
    setting.province_code = unit.path.strip("/").split("/")[0]
    setting.accepts_feedback = bool(accepts_feedback)
    setting.answer_within_working_days = days
    setting.updated_by = actor
    setting.save()
    record_change(actor, "update" if before else "create", setting, before, snapshot(setting), unit=unit)
    return setting
