"""Consultations of the people (Luật Thực hiện dân chủ ở cơ sở 2022, articles 15–25): a draft, open for comments
between two dates, then closed, then concluded with its summary; comments of citizens and organisations (entered
by staff, or sent on the public page while open); each hamlet's household ballot, entered by its head."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.text import clean_text, fold, nfc_lines
from danvan.orgunits.models import OrgUnit

from ..models import Consultation, ConsultationComment, HouseholdBallot
from .access import can_handle
from .publicity import clean_day, store_file, user_or_none

Status = Consultation.Status
TITLE_MAX = Consultation._meta.get_field("title").max_length
DRAFT_MAX = 100_000
COMMENT_MAX = 5_000
# action: (from, to)
TRANSITIONS = {
    "open": (Status.DRAFT, Status.OPEN),
    "close": (Status.OPEN, Status.CLOSED),
    "conclude": (Status.CLOSED, Status.CONCLUDED),
}
ACTION_LABELS = {
    "open": gettext_lazy("Mở lấy ý kiến"),
    "close": gettext_lazy("Kết thúc lấy ý kiến"),
    "conclude": gettext_lazy("Công bố kết quả"),
}


def consultation_snapshot(consultation: Consultation) -> dict:
    return snapshot(consultation, exclude=("text",))


def comment_snapshot(comment: ConsultationComment) -> dict:
    """The change log keeps the name shown, never the full name or the contact."""
    return snapshot(comment, exclude=("name", "contact"))


def _check(actor, unit: OrgUnit) -> None:
    if not can_handle(actor, unit):
        raise NotAllowed(_("Bạn không có quyền lấy ý kiến Nhân dân của %(unit)s.") % {"unit": unit.name})


def _clean(values: dict, errors: dict) -> dict:
    if values.get("kind") not in Consultation.Kind.values:
        errors.setdefault("kind", []).append(_("Hãy chọn hình thức lấy ý kiến."))
    title = clean_text(
        values.get("title"), "title", errors, required_message=_("Hãy nhập tên dự thảo."), limit=TITLE_MAX
    )
    text = nfc_lines(values.get("text") or "")
    if "\x00" in text:
        errors.setdefault("text", []).append(_("Nội dung có ký tự không hợp lệ (NUL)."))
    elif not text:
        errors.setdefault("text", []).append(_("Hãy nhập nội dung dự thảo."))
    elif len(text) > DRAFT_MAX:
        errors.setdefault("text", []).append(_("Dài quá %(max)d ký tự.") % {"max": DRAFT_MAX})
    opens = clean_day(
        values.get("opens_on"), "opens_on", errors, required=_("Hãy nhập ngày bắt đầu lấy ý kiến.")
    )
    closes = clean_day(
        values.get("closes_on"), "closes_on", errors, required=_("Hãy nhập ngày kết thúc lấy ý kiến.")
    )
    if opens and closes and closes < opens:
        errors.setdefault("closes_on", []).append(_("Ngày kết thúc phải từ ngày bắt đầu trở đi."))
    return {"kind": values.get("kind"), "title": title, "text": text, "opens_on": opens, "closes_on": closes}


def _search_key(consultation: Consultation) -> str:
    return fold(f"{consultation.title} {consultation.text[:300]}")[:600]


@transaction.atomic
def create_consultation(
    actor, *, unit: OrgUnit, kind: str, title: str, text: str, opens_on, closes_on, file=None
) -> Consultation:
    """A draft to consult the people of a commune on, between `opens_on` and `closes_on` (not yet public)."""
    _check(actor, unit)
    if unit.kind != OrgUnit.Kind.COMMUNE:
        raise ValidationError(
            {"unit": [_("Chỉ xã, phường, đặc khu lấy ý kiến Nhân dân theo Luật THDC ở cơ sở.")]}
        )
    errors: dict[str, list[str]] = {}
    values = _clean(
        {"kind": kind, "title": title, "text": text, "opens_on": opens_on, "closes_on": closes_on}, errors
    )
    if errors:
        raise ValidationError(errors)
    consultation = Consultation(
        unit=unit, unit_path=unit.path, province_code=unit.province_code, author=user_or_none(actor), **values
    )
    if file is not None:
        store_file(consultation, file, "file")
    consultation.search_key = _search_key(consultation)
    consultation.save()
    record_change(actor, "create", consultation, None, consultation_snapshot(consultation), unit=unit)
    return consultation


def _locked(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update(of=("self",)).select_related("unit").get(pk=consultation.pk)


@transaction.atomic
def update_consultation(actor, consultation: Consultation, *, file=None, **fields) -> Consultation:
    """Corrects a draft; once open, what the people read stays as it was."""
    consultation = _locked(consultation)
    _check(actor, consultation.unit)
    if consultation.status != Status.DRAFT:
        raise ValidationError({"__all__": [_("Chỉ sửa được dự thảo chưa mở lấy ý kiến.")]})
    before = consultation_snapshot(consultation)
    errors: dict[str, list[str]] = {}
    current = {
        name: getattr(consultation, name) for name in ("kind", "title", "text", "opens_on", "closes_on")
    }
    values = _clean({**current, **fields}, errors)
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(consultation, name, value)
    if file is not None:
        store_file(consultation, file, "file")
    consultation.search_key = _search_key(consultation)
    consultation.save()
    record_change(
        actor, "update", consultation, before, consultation_snapshot(consultation), unit=consultation.unit
    )
    return consultation


@transaction.atomic
def consultation_transition(
    actor, consultation: Consultation, action: str, *, summary: str = ""
) -> Consultation:
    """draft → open (published on the public page), open → closed, closed → concluded (with the summary)."""
    consultation = _locked(consultation)
    _check(actor, consultation.unit)
    if action not in TRANSITIONS:
        raise ValidationError({"action": [_("Bước không hợp lệ.")]})
    source, target = TRANSITIONS[action]
    if consultation.status != source:
        raise ValidationError(
            {
                "action": [
                    _("Không thể “%(action)s” khi cuộc lấy ý kiến đang ở tình trạng “%(status)s”.")
                    % {"action": ACTION_LABELS[action], "status": consultation.get_status_display()}
                ]
            }
        )
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if action == "open" and consultation.closes_on < today:
        errors.setdefault("closes_on", []).append(
            _("Ngày kết thúc lấy ý kiến đã qua: hãy sửa dự thảo trước.")
        )
    if action == "conclude":
        summary = nfc_lines(summary)
        if "\x00" in summary:
            errors.setdefault("summary", []).append(_("Nội dung có ký tự không hợp lệ (NUL)."))
        elif not summary:
            errors.setdefault("summary", []).append(_("Hãy nhập tổng hợp, kết luận."))
        elif len(summary) > DRAFT_MAX:
            errors.setdefault("summary", []).append(_("Dài quá %(max)d ký tự.") % {"max": DRAFT_MAX})
    if errors:
        raise ValidationError(errors)
    before = consultation_snapshot(consultation)
    consultation.status = target
    if action == "conclude":
        consultation.summary, consultation.concluded_on = summary, today
    consultation.save()
    record_change(
        actor, "update", consultation, before, consultation_snapshot(consultation), unit=consultation.unit
    )
    return consultation


@transaction.atomic
def add_comment(
    actor,
    consultation: Consultation,
    *,
    text: str,
    author_kind: str = ConsultationComment.Author.CITIZEN,
    name: str = "",
    shown_name: str = "",
    contact: str = "",
    received_on: datetime.date | None = None,
    public: bool = False,
) -> ConsultationComment:
    """A comment on the draft. On the public page (`public`, no actor) only while open, dated today; entered by
    staff, received between the opening and the closing day, before the result is published."""
    consultation = _locked(consultation)
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if public:
        received_on = today
        if consultation.status != Status.OPEN or not consultation.opens_on <= today <= consultation.closes_on:
            raise ValidationError({"__all__": [_("Dự thảo này không còn nhận góp ý.")]})
    else:
        _check(actor, consultation.unit)
        if consultation.status not in (Status.OPEN, Status.CLOSED):
            raise ValidationError({"__all__": [_("Chỉ ghi góp ý khi đang hoặc vừa kết thúc lấy ý kiến.")]})
        received_on = clean_day(
            received_on, "received_on", errors, required=_("Hãy nhập ngày nhận."), not_after=today
        )
        if received_on and received_on > consultation.closes_on:
            errors.setdefault("received_on", []).append(
                _("Góp ý nhận sau ngày kết thúc lấy ý kiến (%(day)s).")
                % {"day": f"{consultation.closes_on:%d/%m/%Y}"}
            )
        elif received_on and received_on < consultation.opens_on:
            errors.setdefault("received_on", []).append(_("Góp ý nhận trước ngày bắt đầu lấy ý kiến."))
    if author_kind not in ConsultationComment.Author.values:
        errors.setdefault("author_kind", []).append(_("Hãy chọn người dân hoặc tổ chức."))
    text = clean_text(text, "text", errors, required_message=_("Hãy nhập nội dung góp ý."), limit=COMMENT_MAX)
    name = clean_text(name, "name", errors, limit=200)
    shown_name = clean_text(shown_name, "shown_name", errors, limit=100)
    contact = clean_text(contact, "contact", errors, limit=200)
    if author_kind == ConsultationComment.Author.ORGANISATION and not name:
        errors.setdefault("name", []).append(_("Hãy nhập tên tổ chức."))
    if errors:
        raise ValidationError(errors)
    comment = ConsultationComment.objects.create(
        consultation=consultation,
        author_kind=author_kind,
        name=name,
        shown_name=shown_name,
        contact=contact,
        text=text,
        received_on=received_on,
        from_public_page=public,
        entered_by=None if public else user_or_none(actor),
    )
    record_change(actor, "create", comment, None, comment_snapshot(comment), unit=consultation.unit)
    return comment


def _count(value, field: str, errors: dict) -> int:
    if isinstance(value, bool):
        value = None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        errors.setdefault(field, []).append(_("Hãy nhập một số nguyên không âm."))
        return 0
    if number < 0 or number > 10_000_000:
        errors.setdefault(field, []).append(_("Hãy nhập một số nguyên không âm."))
        return 0
    return number


@transaction.atomic
def record_ballot(
    actor, consultation: Consultation, *, hamlet: OrgUnit, households, agree, disagree, abstain
) -> HouseholdBallot:
    """A hamlet's household ballot (a second entry corrects the first), by its head or the commune's editors."""
    consultation = _locked(consultation)
    if hamlet.parent_id != consultation.unit_id or hamlet.kind != OrgUnit.Kind.HAMLET:
        raise ValidationError(
            {"hamlet": [_("Thôn, tổ dân phố không thuộc %(unit)s.") % {"unit": consultation.unit.name}]}
        )
    if not can_handle(actor, hamlet):
        raise NotAllowed(_("Bạn không có quyền nhập kết quả của %(unit)s.") % {"unit": hamlet.name})
    if consultation.status not in (Status.OPEN, Status.CLOSED):
        raise ValidationError(
            {"__all__": [_("Chỉ nhập kết quả biểu quyết khi đang hoặc vừa kết thúc lấy ý kiến.")]}
        )
    errors: dict[str, list[str]] = {}
    counts = {
        "households": _count(households, "households", errors),
        "agree": _count(agree, "agree", errors),
        "disagree": _count(disagree, "disagree", errors),
        "abstain": _count(abstain, "abstain", errors),
    }
    if not errors and counts["households"] == 0:
        errors.setdefault("households", []).append(_("Hãy nhập số hộ gia đình của thôn."))
    voted = counts["agree"] + counts["disagree"] + counts["abstain"]
    if not errors and voted > counts["households"]:
        errors.setdefault("households", []).append(
            _(
                "Tổng số hộ tán thành, không tán thành và ý kiến khác (%(voted)d) vượt quá số hộ (%(households)d)."
            )
            % {"voted": voted, "households": counts["households"]}
        )
    if errors:
        raise ValidationError(errors)
    ballot = (
        HouseholdBallot.objects.select_for_update().filter(consultation=consultation, hamlet=hamlet).first()
    )
    before = snapshot(ballot) if ballot else None
    if ballot is None:
        ballot = HouseholdBallot(consultation=consultation, hamlet=hamlet)
    for name, value in counts.items():
        setattr(ballot, name, value)
    ballot.entered_by = user_or_none(actor)
    ballot.save()
    record_change(actor, "update" if before else "create", ballot, before, snapshot(ballot), unit=hamlet)
    return ballot
