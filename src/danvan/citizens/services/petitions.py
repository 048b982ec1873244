"""Registering a petition (binding interface for every topic that creates one: the register's form, the API, a
reception, public feedback, the demo). The steps after the receipt are `services.workflow` (the petitions helper)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.text import clean_text, fold
from danvan.orgunits.models import OrgUnit

from ..clocks import deadline
from ..models import Petition, PetitionStep, SealedIdentity, Sender
from .access import can_handle

SUBJECT_MAX = Petition._meta.get_field("subject").max_length
SEALED_LABEL = "Người tố cáo (được giữ bí mật)"
ANONYMOUS_LABEL = "Đơn nặc danh"


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


def initial_clock(petition: Petition) -> tuple[str, datetime.date | None]:
    """The first clock: the denunciation's initial processing or every other petition's processing (xử lý đơn)."""
    step = "to_cao.xu_ly_ban_dau" if petition.kind == Petition.Kind.TO_CAO else "xu_ly_don"
    due = deadline(step, petition.received_on, verify=petition.needs_verification).due
    return step, due


@sensitive_variables()  # a crash while registering leaves no sender's or denouncer's data in the error report
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
    the receipt step, the first clock, the change log. `data` holds the Petition's own fields (kind, channel,
    subject, field, content, received_on, is_group, signers, …). `public` is the feedback page's call, without an
    actor. An anonymous denunciation is registered as information (phản ánh)."""
    if not public and not can_handle(actor, unit):
        raise NotAllowed(_("Bạn không có quyền nhận đơn cho %(unit)s.") % {"unit": unit.name})
    errors: dict[str, list[str]] = {}
    kind = data.get("kind")
    if kind not in Petition.Kind.values:
        errors.setdefault("kind", []).append(_("Hãy chọn loại đơn."))
    if data.get("channel") not in Petition.Channel.values:
        errors.setdefault("channel", []).append(_("Hãy chọn nguồn đơn."))
    if data.get("field") not in Petition.Field.values:
        errors.setdefault("field", []).append(_("Hãy chọn lĩnh vực."))
    subject = clean_text(
        data.get("subject"), "subject", errors, required_message=_("Hãy nhập trích yếu."), limit=SUBJECT_MAX
    )
    content = clean_text(data.get("content"), "content", errors, required_message=_("Hãy nhập nội dung đơn."))
    received_on = data.get("received_on") or timezone.localdate()
    if not isinstance(received_on, datetime.date):
        errors.setdefault("received_on", []).append(_("Ngày nhận đơn không hợp lệ."))
    elif received_on > timezone.localdate():
        errors.setdefault("received_on", []).append(_("Ngày nhận đơn không được sau hôm nay."))
    people = []
    for index, sender in enumerate([*senders, *sealed]):
        name = clean_text(
            sender.get("name"),
            f"senders-{index}-name",
            errors,
            required_message=_("Hãy nhập họ và tên."),
            limit=150,
        )
        people.append({**sender, "name": name})
    if errors:
        raise ValidationError(errors)

    received_as = ""
    anonymous = not people
    if kind == Petition.Kind.TO_CAO and anonymous:
        kind, received_as = Petition.Kind.PHAN_ANH, Petition.Kind.TO_CAO
    is_group = bool(data.get("is_group"))
    signers = max(int(data.get("signers") or 1), len(people) or 1)
    plain_senders = people[: len(senders)]
    sealed_people = people[len(senders) :]
    if kind == Petition.Kind.TO_CAO:
        # Whoever signed a denunciation is a denouncer: sealed, whichever list the caller put them in.
        sealed_people, plain_senders = [*plain_senders, *sealed_people], []
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
        channel=data["channel"],
        forwarded_by=clean_text(data.get("forwarded_by"), "forwarded_by", errors, limit=300),
        forwarded_reference=clean_text(
            data.get("forwarded_reference"), "forwarded_reference", errors, limit=100
        ),
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
        previous=data.get("previous"),
        complex_case=bool(data.get("complex_case")),
        very_complex=bool(data.get("very_complex")),
        remote_area=bool(data.get("remote_area")),
        needs_verification=bool(data.get("needs_verification")),
        tracking_code=data.get("tracking_code") or None,
        answer_public=data.get("answer_public", True),
        service_due_on=data.get("service_due_on"),
    )
    petition.search_key = petition_search_key(petition)
    petition.clock_step, petition.due_on = initial_clock(petition)
    petition.clock_from = received_on
    petition.save()
    for person in plain_senders:
        Sender.objects.create(
            petition=petition,
            name=person["name"],
            address=person.get("address", "")[:300],
            phone=person.get("phone", "")[:30],
            email=person.get("email", ""),
            id_number=person.get("id_number", "")[:20],
            is_representative=bool(person.get("is_representative")),
            name_key=fold(person["name"])[:150],
        )
    for person in sealed_people:
        SealedIdentity.objects.create(
            petition=petition,
            name=person["name"],
            address=person.get("address", "")[:300],
            phone=person.get("phone", "")[:30],
            email=person.get("email", ""),
            id_number=person.get("id_number", "")[:20],
            name_key=fold(person["name"])[:150],
        )
    PetitionStep.objects.create(
        petition=petition,
        action=PetitionStep.Action.RECEIVE,
        on=received_on,
        by=petition.received_by,
        by_name=getattr(petition.received_by, "username", "") or "",
    )
    record_change(actor, "create", petition, None, petition_snapshot(petition), unit=unit)
    return petition


def petition_search_key(petition: Petition) -> str:
    """What a list's search matches: number, subject, the sender as lists show it (never a sealed name)."""
    return fold(f"{petition.number}/{petition.year} {petition.subject} {petition.sender_label}")[:800]
