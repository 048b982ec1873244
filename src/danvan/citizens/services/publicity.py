"""Recording what a commune publicised (Luật Thực hiện dân chủ ở cơ sở 2022, articles 11–13): a periodic item's
period or a decision, then each channel used with its evidence. The publication's date is the first channel's day;
a posting at the headquarters lasts at least 30 days, the loudspeaker runs three consecutive days."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.periods import Period
from danvan.core.text import clean_text, fold
from danvan.core.uploads import check_upload
from danvan.orgunits.models import OrgUnit

from ..models import Publication, PublicationChannel, PublicityItem
from ..models.publicity import BROADCAST_DAYS, HQ_POSTING_DAYS
from .access import can_handle

Channel = PublicationChannel.Channel
TITLE_MAX = Publication._meta.get_field("title").max_length
REFERENCE_MAX = Publication._meta.get_field("reference").max_length
ADDRESS_MAX = PublicationChannel._meta.get_field("address").max_length


def publication_snapshot(publication: Publication) -> dict:
    return snapshot(publication)


def user_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _check_commune(actor, unit: OrgUnit) -> None:
    if not can_handle(actor, unit):
        raise NotAllowed(_("Bạn không có quyền ghi việc công khai của %(unit)s.") % {"unit": unit.name})
    if unit.kind != OrgUnit.Kind.COMMUNE:
        raise ValidationError({"unit": [_("Chỉ xã, phường, đặc khu ghi việc công khai theo Điều 11.")]})


def clean_day(value, field: str, errors: dict, *, required: str = "", not_after: datetime.date | None = None):
    if value in (None, ""):
        if required:
            errors.setdefault(field, []).append(required)
        return None
    if not isinstance(value, datetime.date):
        errors.setdefault(field, []).append(_("Ngày không hợp lệ: hãy nhập dạng dd/mm/yyyy."))
        return None
    if not_after is not None and value > not_after:
        errors.setdefault(field, []).append(_("Ngày %(day)s chưa đến.") % {"day": f"{value:%d/%m/%Y}"})
    return value


def store_file(target, uploaded, field: str) -> None:
    checked = check_upload(uploaded, field)
    target.file.save(uploaded.name, uploaded, save=False)
    target.original_name, target.content_type, target.size = checked.name, checked.content_type, checked.size


def _search_key(publication: Publication) -> str:
    parts = [publication.title, publication.reference, publication.item.title, publication.note[:200]]
    return fold(" ".join(parts))[:600]


@transaction.atomic
def record_publication(
    actor,
    *,
    unit: OrgUnit,
    item: PublicityItem,
    period: str = "",
    decision_on: datetime.date | None = None,
    title: str = "",
    reference: str = "",
    note: str = "",
    file=None,
) -> Publication:
    """Records a periodic item's period (`period`: 2026, 2026H1, 2026Q3 — its frequency's kind) or a decision
    (`decision_on`) that `unit` must publicise; its deadline follows the item's rule."""
    _check_commune(actor, unit)
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if not item.active:
        errors.setdefault("item", []).append(_("Nội dung này không còn trong danh mục."))
    parsed = None
    if item.periodic:
        try:
            parsed = Period.parse(period)
        except ValueError as error:
            errors.setdefault("period", []).append(str(error))
        else:
            if parsed.type != item.period_type:
                errors.setdefault("period", []).append(
                    _("Nội dung “%(item)s” công khai theo kỳ %(kind)s: hãy nhập mã kỳ đúng loại.")
                    % {"item": item.title, "kind": item.get_frequency_display().lower()}
                )
            elif Publication.objects.filter(
                unit=unit, item=item, period=parsed.code, decision_on__isnull=True
            ).exists():
                errors.setdefault("period", []).append(_("Kỳ này đã được ghi nhận: hãy mở bản đã có."))
        decision_on = None
    else:
        decision_on = clean_day(
            decision_on, "decision_on", errors, required=_("Hãy nhập ngày ban hành văn bản."), not_after=today
        )
    title = clean_text(title, "title", errors, limit=TITLE_MAX)
    if not title:
        if parsed is not None:
            title = f"{item.title} ({parsed.label})"[:TITLE_MAX]
        else:
            errors.setdefault("title", []).append(_("Hãy nhập tên văn bản, tài liệu công khai."))
    reference = clean_text(reference, "reference", errors, limit=REFERENCE_MAX)
    note = clean_text(note, "note", errors)
    if errors:
        raise ValidationError(errors)
    publication = Publication(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        item=item,
        period=parsed.code if parsed else str(decision_on.year),
        decision_on=decision_on,
        reference=reference,
        title=title,
        note=note,
        due_on=item.due_for(parsed) if parsed else item.due_after(decision_on),
        author=user_or_none(actor),
    )
    if file is not None:
        store_file(publication, file, "file")
    publication.search_key = _search_key(publication)
    publication.save()
    record_change(actor, "create", publication, None, publication_snapshot(publication), unit=unit)
    return publication


def _locked(publication: Publication) -> Publication:
    return (
        Publication.objects.select_for_update(of=("self",))
        .select_related("unit", "item")
        .get(pk=publication.pk)
    )


@transaction.atomic
def update_publication(
    actor, publication: Publication, *, title: str, reference: str = "", note: str = "", file=None
) -> Publication:
    """Corrects what was published (its name, number, note, file); the item, period and dates stay."""
    publication = _locked(publication)
    _check_commune(actor, publication.unit)
    before = publication_snapshot(publication)
    errors: dict[str, list[str]] = {}
    publication.title = clean_text(
        title,
        "title",
        errors,
        required_message=_("Hãy nhập tên văn bản, tài liệu công khai."),
        limit=TITLE_MAX,
    )
    publication.reference = clean_text(reference, "reference", errors, limit=REFERENCE_MAX)
    publication.note = clean_text(note, "note", errors)
    if errors:
        raise ValidationError(errors)
    if file is not None:
        store_file(publication, file, "file")
    publication.search_key = _search_key(publication)
    publication.save()
    record_change(
        actor, "update", publication, before, publication_snapshot(publication), unit=publication.unit
    )
    return publication


def _check_channel(publication, values: dict, errors: dict, today: datetime.date) -> None:
    channel = values["channel"]
    if channel not in Channel.values:
        errors.setdefault("channel", []).append(_("Hãy chọn hình thức công khai."))
        return
    started = clean_day(
        values["started_on"],
        "started_on",
        errors,
        required=_("Hãy nhập ngày bắt đầu công khai."),
        not_after=today,
    )
    if started and publication.decision_on and started < publication.decision_on:
        errors.setdefault("started_on", []).append(
            _("Ngày công khai không được trước ngày ban hành văn bản.")
        )
    if channel == Channel.HEADQUARTERS:
        ended = clean_day(
            values["ended_on"], "ended_on", errors, required=_("Hãy nhập ngày kết thúc niêm yết.")
        )
        if started and ended and (ended - started).days + 1 < HQ_POSTING_DAYS:
            errors.setdefault("ended_on", []).append(
                _("Niêm yết tại trụ sở ít nhất %(days)d ngày (Điều 13).") % {"days": HQ_POSTING_DAYS}
            )
    else:
        values["ended_on"] = None
    if channel == Channel.LOUDSPEAKER:
        second = clean_day(
            values["second_on"], "second_on", errors, required=_("Hãy nhập ngày phát thứ hai.")
        )
        third = clean_day(values["third_on"], "third_on", errors, required=_("Hãy nhập ngày phát thứ ba."))
        if started and second and third:
            expected = [started + datetime.timedelta(days=offset) for offset in range(BROADCAST_DAYS)]
            if [started, second, third] != expected:
                errors.setdefault("third_on", []).append(
                    _("Loa truyền thanh phát ba ngày liên tiếp: %(days)s.")
                    % {"days": ", ".join(f"{day:%d/%m/%Y}" for day in expected)}
                )
            elif third > today:
                errors.setdefault("third_on", []).append(_("Ngày phát thứ ba chưa đến."))
    else:
        values["second_on"] = values["third_on"] = None
    if channel == Channel.WEBSITE and not values["address"]:
        errors.setdefault("address", []).append(_("Hãy nhập đường dẫn bài đăng trên trang thông tin của xã."))
    if values["address"] and not values["address"].startswith(("http://", "https://")):
        errors.setdefault("address", []).append(_("Đường dẫn phải bắt đầu bằng http:// hoặc https://."))
    needs_evidence = channel in (Channel.HAMLET_MEETING, Channel.DOCUMENTS, Channel.SOCIAL)
    if needs_evidence and not values["note"] and values["file"] is None:
        errors.setdefault("note", []).append(_("Hãy ghi minh chứng: ghi chú hoặc tệp kèm theo."))


@transaction.atomic
def add_channel(
    actor,
    publication: Publication,
    *,
    channel: str,
    started_on: datetime.date | None,
    ended_on: datetime.date | None = None,
    second_on: datetime.date | None = None,
    third_on: datetime.date | None = None,
    address: str = "",
    note: str = "",
    file=None,
) -> PublicationChannel:
    """One channel the publication used, with its evidence; the publication's date becomes its first channel's."""
    publication = _locked(publication)
    _check_commune(actor, publication.unit)
    errors: dict[str, list[str]] = {}
    values = {
        "channel": channel,
        "started_on": started_on,
        "ended_on": ended_on,
        "second_on": second_on,
        "third_on": third_on,
        "address": clean_text(address, "address", errors, limit=ADDRESS_MAX),
        "note": clean_text(note, "note", errors),
        "file": file,
    }
    _check_channel(publication, values, errors, timezone.localdate())
    if errors:
        raise ValidationError(errors)
    values.pop("file")
    found = PublicationChannel(publication=publication, added_by=user_or_none(actor), **values)
    if file is not None:
        store_file(found, file, "file")
    found.save()
    record_change(actor, "create", found, None, snapshot(found), unit=publication.unit)
    _refresh_published_on(actor, publication)
    return found


def _refresh_published_on(actor, publication: Publication) -> None:
    first = publication.channels.order_by("started_on").values_list("started_on", flat=True).first()
    if first != publication.published_on:
        before = publication_snapshot(publication)
        publication.published_on = first
        publication.save(update_fields=["published_on", "updated_at"])
        record_change(
            actor, "update", publication, before, publication_snapshot(publication), unit=publication.unit
        )


@transaction.atomic
def remove_channel(actor, found: PublicationChannel) -> None:
    """Removes a channel entered by mistake; the publication's date follows its remaining channels."""
    publication = _locked(found.publication)
    _check_commune(actor, publication.unit)
    record_change(actor, "delete", found, snapshot(found), None, unit=publication.unit)
    found.delete()
    _refresh_published_on(actor, publication)
