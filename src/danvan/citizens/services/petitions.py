"""Registering a petition (binding interface for every topic that creates one: the register's form, the API, a
reception, public feedback, the demo). The steps after the receipt are `services.workflow` (the petitions helper)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed, messages_of
from danvan.core.text import clean_text, fold
from danvan.core.uploads import check_upload
from danvan.orgunits.models import OrgUnit

from ..clocks import deadline
from ..models import Attachment, Petition, PetitionStep, SealedIdentity, Sender
from .access import can_handle

SUBJECT_MAX = Petition._meta.get_field("subject").max_length
SEALED_LABEL = "Người tố cáo (được giữ bí mật)"
ANONYMOUS_LABEL = "Đơn nặc danh"
MAX_FILES = 10


def sender_label(senders: list[dict], *, is_group: bool, signers: int) -> str:
    """How lists name the senders: the representative's name, "và N người" for a group."""
    if not senders:
        return _(ANONYMOUS_LABEL)
    first = next((s for s in senders if s.get("is_representative")), senders[0])
    others = max(signers, len(senders)) - 1
    if is_group and others > 0:
        return _("%(name)s và %(count)d người") % {"name": first["name"], "count": others}
    return first["name"]


def petition_snapshot(petition: Petition) -> dict:
    return snapshot(petition, exclude=("content",))


def _next_number(unit: OrgUnit, year: int) -> int:
    # The unit's row is locked first, so two petitions registered at once get two numbers.
    OrgUnit.objects.select_for_update().filter(pk=unit.pk).first()
    top = Petition.objects.filter(unit=unit, year=year).aggregate(top=Max("number"))["top"]
    return (top or 0) + 1


PARTY_LEADER_ROLES = ("bi_thu", "pho_bi_thu")  # Reception.leader_role of a party committee's leader


def party_reception_date(petition: Petition) -> datetime.date | None:
    """The day of the party leader's reception a kiến nghị or phản ánh was received at (Quy định 11-QĐi/TW: it is
    answered within 10 working days of it), else None."""
    reception = petition.reception
    if reception is None or petition.kind not in (Petition.Kind.KIEN_NGHI, Petition.Kind.PHAN_ANH):
        return None
    return reception.date if reception.leader_role in PARTY_LEADER_ROLES else None


def initial_clock(petition: Petition) -> tuple[str, datetime.date, datetime.date | None]:
    """The first clock (step, counted from, due): the answer to a party leader's reception, the denunciation's
    initial processing, or every other petition's processing (xử lý đơn)."""
    reception_day = party_reception_date(petition)
    if reception_day is not None:
        step, start = "tiep_cong_dan_dang.tra_loi", reception_day
    elif petition.kind == Petition.Kind.TO_CAO:
        step, start = "to_cao.xu_ly_ban_dau", petition.received_on
    else:
        step, start = "xu_ly_don", petition.received_on
    due = deadline(step, start, verify=petition.needs_verification).due
    return step, start, due


def _check_previous(previous, *, unit: OrgUnit, kind: str, errors: dict) -> None:
    """A second complaint's first complaint: the same unit's first complaint, already resolved."""
    if previous is None:
        return
    if kind != Petition.Kind.KHIEU_NAI_2:
        errors.setdefault("previous", []).append(
            _("Chỉ đơn khiếu nại lần hai mới gắn với đơn khiếu nại lần đầu.")
        )
    elif not isinstance(previous, Petition) or previous.unit_id != unit.pk:
        errors.setdefault("previous", []).append(
            _("Đơn khiếu nại lần đầu phải thuộc sổ đơn của cùng đơn vị.")
        )
    elif previous.kind != Petition.Kind.KHIEU_NAI_1:
        errors.setdefault("previous", []).append(
            _("Đơn số %(number)s không phải đơn khiếu nại lần đầu.") % {"number": previous_number(previous)}
        )
    elif previous.resolved_on is None:
        errors.setdefault("previous", []).append(
            _("Đơn khiếu nại lần đầu số %(number)s chưa được giải quyết: chưa thể khiếu nại lần hai.")
            % {"number": previous_number(previous)}
        )


def previous_number(petition: Petition) -> str:
    return f"{petition.number}/{petition.year}"


def _clean_people(people: list[dict], prefix: str, errors: dict) -> list[dict]:
    cleaned = []
    for index, person in enumerate(people):
        if not isinstance(person, dict):
            errors.setdefault(f"{prefix}-{index}-name", []).append(_("Hãy nhập họ và tên."))
            continue
        key = f"{prefix}-{index}"
        name = clean_text(
            person.get("name"), f"{key}-name", errors, required_message=_("Hãy nhập họ và tên."), limit=150
        )
        row = {"name": name, "is_representative": bool(person.get("is_representative"))}
        for field, limit in (("address", 300), ("phone", 30), ("id_number", 20), ("email", 254)):
            row[field] = clean_text(person.get(field), f"{key}-{field}", errors, limit=limit)
        if row["email"]:
            try:
                validate_email(row["email"])
            except ValidationError:
                errors.setdefault(f"{key}-email", []).append(_("Địa chỉ thư điện tử không hợp lệ."))
        cleaned.append(row)
    return cleaned


def _signers(value, errors: dict) -> int:
    try:
        signers = int(value or 1)
    except (TypeError, ValueError):
        signers = 0
    if not 1 <= signers <= 100_000:
        errors.setdefault("signers", []).append(_("Số người ký đơn phải là số nguyên từ 1 đến 100.000."))
    return signers


def _checked_files(files, field: str, errors: dict) -> list:
    checked = []
    for uploaded in files or ():
        try:
            checked.append((uploaded, check_upload(uploaded, field)))
        except ValidationError as error:
            for message in messages_of(error).get(field, []):
                errors.setdefault(field, []).append(f"{getattr(uploaded, 'name', '')[:80]}: {message}")
    if len(checked) > MAX_FILES:
        errors.setdefault(field, []).append(_("Tối đa %(count)d tệp một lần.") % {"count": MAX_FILES})
    return checked


def save_attachments(petition: Petition, checked) -> list[Attachment]:
    """Stores checked uploads as the petition's files (never a sealed denouncer's scan: that is `SealedScan`)."""
    saved = []
    for uploaded, info in checked:
        attachment = Attachment(
            petition=petition, original_name=info.name, content_type=info.content_type, size=info.size
        )
        attachment.file.save(f"tep{info.extension}", uploaded, save=False)
        attachment.save()
        saved.append(attachment)
    return saved


@transaction.atomic
def create_petition(
    actor,
    *,
    unit: OrgUnit,
    data: dict,
    senders: list[dict] = (),
    sealed: list[dict] = (),
    reception=None,
    public: bool = False,
) -> Petition:
    """Registers a petition in `unit`'s register: its number, its senders (a denunciation's denouncers sealed apart),
    the receipt step, the first clock, its files (`data["attachments"]`: uploads, checked), the change log. `data`
    holds the Petition's own fields (kind, channel, subject, field, content, received_on, is_group, signers,
    previous, …). `public` is the feedback page's call, without an actor. An anonymous denunciation is registered
    as information (phản ánh). Errors are keyed by field (`senders-0-name`, `sealed-0-name`, `attachments`, …)."""
    if not public and not can_handle(actor, unit):
        raise NotAllowed(_("Bạn không có quyền nhận đơn cho %(unit)s.") % {"unit": unit.name})
    errors: dict[str, list[str]] = {}
    kind = data.get("kind")
    if kind not in Petition.Kind.values:
        errors.setdefault("kind", []).append(_("Hãy chọn loại đơn."))
    channel = data.get("channel")
    if channel not in Petition.Channel.values:
        errors.setdefault("channel", []).append(_("Hãy chọn nguồn đơn."))
    if data.get("field") not in Petition.Field.values:
        errors.setdefault("field", []).append(_("Hãy chọn lĩnh vực."))
    subject = clean_text(
        data.get("subject"), "subject", errors, required_message=_("Hãy nhập trích yếu."), limit=SUBJECT_MAX
    )
    content = clean_text(data.get("content"), "content", errors, required_message=_("Hãy nhập nội dung đơn."))
    forwarded_by = clean_text(data.get("forwarded_by"), "forwarded_by", errors, limit=300)
    if channel == Petition.Channel.FORWARDED and not forwarded_by and "forwarded_by" not in errors:
        errors.setdefault("forwarded_by", []).append(_("Hãy ghi cơ quan đã chuyển đơn đến."))
    forwarded_reference = clean_text(
        data.get("forwarded_reference"), "forwarded_reference", errors, limit=100
    )
    received_on = data.get("received_on") or timezone.localdate()
    if not isinstance(received_on, datetime.date):
        errors.setdefault("received_on", []).append(_("Ngày nhận đơn không hợp lệ."))
    elif received_on > timezone.localdate():
        errors.setdefault("received_on", []).append(_("Ngày nhận đơn không được sau hôm nay."))
    signers = _signers(data.get("signers"), errors)
    plain_senders = _clean_people(list(senders), "senders", errors)
    sealed_people = _clean_people(list(sealed), "sealed", errors)
    if sealed_people and kind in Petition.Kind.values and kind != Petition.Kind.TO_CAO:
        errors.setdefault("sealed", []).append(_("Chỉ đơn tố cáo mới có người tố cáo được giữ bí mật."))
    if sum(person["is_representative"] for person in plain_senders) > 1:
        errors.setdefault("senders", []).append(_("Đơn tập thể chỉ có một người đại diện."))
    elif data.get("is_group") and plain_senders and not any(p["is_representative"] for p in plain_senders):
        plain_senders[0]["is_representative"] = True  # the first named speaks for the group
    previous = data.get("previous")
    _check_previous(previous, unit=unit, kind=kind, errors=errors)
    checked_files = _checked_files(data.get("attachments"), "attachments", errors)
    if errors:
        raise ValidationError(errors)

    people = [*plain_senders, *sealed_people]
    received_as = ""
    anonymous = not people
    if kind == Petition.Kind.TO_CAO and anonymous:
        kind, received_as = Petition.Kind.PHAN_ANH, Petition.Kind.TO_CAO
    is_group = bool(data.get("is_group"))
    signers = max(signers, len(people) or 1)
    if kind == Petition.Kind.TO_CAO:
        # Whoever signed a denunciation is a denouncer: sealed, whichever list the caller put them in.
        sealed_people, plain_senders = people, []
        label = _(SEALED_LABEL)
    else:
        label = sender_label(plain_senders, is_group=is_group, signers=signers)

    petition = Petition(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.path.strip("/").split("/")[0],
        year=received_on.year,
        number=_next_number(unit, received_on.year),
        kind=kind,
        received_as=received_as,
        channel=channel,
        forwarded_by=forwarded_by,
        forwarded_reference=forwarded_reference,
        is_group=is_group,
        signers=signers,
        anonymous=anonymous,
        sender_label=label[:300],
        subject=subject,
        field=data["field"],
        content=content,
        received_on=received_on,
        received_by=actor if getattr(actor, "is_authenticated", False) else None,
        reception=reception,
        previous=previous,
        complex_case=bool(data.get("complex_case")),
        very_complex=bool(data.get("very_complex")),
        remote_area=bool(data.get("remote_area")),
        needs_verification=bool(data.get("needs_verification")),
        tracking_code=data.get("tracking_code") or None,
        answer_public=data.get("answer_public", True),
        service_due_on=data.get("service_due_on"),
    )
    petition.search_key = petition_search_key(petition)
    petition.clock_step, petition.clock_from, petition.due_on = initial_clock(petition)
    petition.save()
    for person in plain_senders:
        Sender.objects.create(
            petition=petition,
            name=person["name"],
            address=person["address"],
            phone=person["phone"],
            email=person["email"],
            id_number=person["id_number"],
            is_representative=person["is_representative"],
            name_key=fold(person["name"])[:150],
        )
    for person in sealed_people:
        SealedIdentity.objects.create(
            petition=petition,
            name=person["name"],
            address=person["address"],
            phone=person["phone"],
            email=person["email"],
            id_number=person["id_number"],
            name_key=fold(person["name"])[:150],
        )
    save_attachments(petition, checked_files)
    PetitionStep.objects.create(
        petition=petition,
        action=PetitionStep.Action.RECEIVE,
        on=received_on,
        by=petition.received_by,
        by_name=by_name(petition.received_by),
    )
    record_change(actor, "create", petition, None, petition_snapshot(petition), unit=unit)
    return petition


def by_name(user) -> str:
    """How a step names who took it: the full name, else the user name (empty for the public page)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return (getattr(user, "full_name", "") or user.get_username())[:150]


def petition_search_key(petition: Petition) -> str:
    """What a list's search matches: number, subject, the sender as lists show it (never a sealed name)."""
    return fold(f"{petition.number}/{petition.year} {petition.subject} {petition.sender_label}")[:800]
