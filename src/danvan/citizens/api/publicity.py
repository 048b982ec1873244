"""API of the publicity checklist: `GET /api/v1/citizens/publicity?unit=&period=` (scoped: a commune's checklist, or
for a unit above the communes its communes' counts) and the public `GET /api/v1/public/publicity/{unit_id}` (what a
commune publicised, no sign-in)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from ninja import Field as SchemaField
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.accounts.scope import visible_q
from danvan.core.errors import ValidationError
from danvan.core.periods import Period, PeriodType
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import get_unit_for
from danvan.orgunits.tree import subtree_q

from ..selectors import publicity as selectors
from .schemas import UnitRefOut

router = Router()
public_router = Router()
# The public reads answer 404 for what is not public (a draft, a unit that is no commune): documented here, since
# the API documents 404 by itself only for the signed-in operations.
NOT_FOUND = {
    "responses": {
        404: {
            "description": "Không tìm thấy, hoặc chưa công khai.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    }
}


class CountsOut(Schema):
    due: int = SchemaField(
        ..., description="Đã đến hạn hoặc đã công khai = đúng hạn + chậm + chưa công khai."
    )
    on_time: int
    late: int
    missing: int


class ChannelOut(Schema):
    channel: str = SchemaField(
        ..., description="`niem_yet`, `trang_tin`, `loa`, `hoi_nghi_thon`, `tai_lieu` hoặc `mang_xa_hoi`."
    )
    label: str
    started_on: datetime.date
    ended_on: datetime.date | None
    broadcast_days: list[datetime.date] = SchemaField(..., description="Loa truyền thanh: ba ngày phát.")
    address: str


class PublicationOut(Schema):
    id: int
    title: str
    reference: str
    decision_on: datetime.date | None
    published_on: datetime.date | None
    has_file: bool
    channels: list[ChannelOut]


class EntryOut(Schema):
    item: str = SchemaField(..., description="Mã nội dung trong danh mục (Điều 11).")
    item_title: str
    period: str = SchemaField(..., description="Mã kỳ của nội dung định kỳ; năm của văn bản.")
    due_on: datetime.date
    status: str = SchemaField(
        ..., description="`on_time`, `late`, `missing` (quá hạn) hoặc `pending` (chưa đến hạn)."
    )
    publication: PublicationOut | None


class CommuneCountsOut(Schema):
    unit: UnitRefOut
    counts: CountsOut


class ChecklistOut(Schema):
    unit: UnitRefOut
    period: str
    counts: CountsOut
    entries: list[EntryOut] = SchemaField(
        ..., description="Danh mục của một xã, phường; trống với đơn vị cấp trên."
    )
    communes: list[CommuneCountsOut] = SchemaField(..., description="Các xã, phường của đơn vị cấp trên.")


class PublicPublicationOut(Schema):
    id: int
    item: str
    item_title: str
    title: str
    reference: str
    period: str
    published_on: datetime.date
    channels: list[str]
    file_url: str | None

    @staticmethod
    def resolve_item(obj) -> str:
        return obj.item.code

    @staticmethod
    def resolve_item_title(obj) -> str:
        return obj.item.title

    @staticmethod
    def resolve_channels(obj) -> list[str]:
        return [channel.channel for channel in obj.channels.all()]

    @staticmethod
    def resolve_file_url(obj) -> str | None:
        return reverse("citizens_public:public_publication_file", args=[obj.pk]) if obj.file else None


class PublicQuery(Schema):
    q: str = SchemaField("", max_length=200, description="Từ tìm, không dấu cũng được.")
    period: str = SchemaField("", max_length=8, description="Kỳ công khai: 2026, 2026H1, 2026Q1.")


def _period(code: str, default: PeriodType = PeriodType.YEAR) -> Period:
    if not code:
        return Period.containing(default, timezone.localdate())
    try:
        return Period.parse(code)
    except ValueError as error:
        raise ValidationError({"period": [str(error)]}) from None


def publication_out(publication) -> dict | None:
    if publication is None:
        return None
    return {
        "id": publication.pk,
        "title": publication.title,
        "reference": publication.reference,
        "decision_on": publication.decision_on,
        "published_on": publication.published_on,
        "has_file": bool(publication.file),
        "channels": [
            {
                "channel": channel.channel,
                "label": channel.get_channel_display(),
                "started_on": channel.started_on,
                "ended_on": channel.ended_on,
                "broadcast_days": channel.broadcast_days if channel.channel == "loa" else [],
                "address": channel.address,
            }
            for channel in publication.channels.all()
        ],
    }


def _summed(cells) -> dict:
    counts = {"due": 0, "on_time": 0, "late": 0, "missing": 0}
    for cell in cells:
        for key in counts:
            counts[key] += getattr(cell, key)
    return counts


@router.get(
    "/publicity",
    response=ChecklistOut,
    summary="Danh mục công khai của xã, phường trong kỳ",
    description="`unit`: một xã, phường (danh mục từng nội dung) hoặc đơn vị cấp trên (số liệu từng xã, phường). "
    "`period`: 2026, 2026H1, 2026Q3 (mặc định năm nay); một nội dung thuộc kỳ khi hạn công khai của nó trong kỳ.",
)
def publicity_checklist(request, unit: int, period: str = ""):
    chosen = get_unit_for(request.user, unit)
    parsed = _period(period[:16])
    if chosen.kind == OrgUnit.Kind.COMMUNE:
        entries = selectors.checklist(chosen, parsed)
        totals = selectors.checklist_totals(entries)
        counts = {key: totals[key] for key in ("on_time", "late", "missing")}
        counts["due"] = sum(counts.values())
        return {
            "unit": chosen,
            "period": parsed.code,
            "counts": counts,
            "entries": [
                {
                    "item": entry.item.code,
                    "item_title": entry.item.title,
                    "period": entry.period_code,
                    "due_on": entry.due_on,
                    "status": entry.status,
                    "publication": publication_out(entry.publication),
                }
                for entry in entries
            ],
            "communes": [],
        }
    _items, rows = selectors.communes_matrix(chosen, parsed)
    scope = subtree_q(chosen.path, "unit_path") & visible_q(request.user, "unit_path")
    return {
        "unit": chosen,
        "period": parsed.code,
        "counts": selectors.publicity_counts(scope, parsed.start, parsed.end),
        "entries": [],
        "communes": [
            {"unit": {"id": row.unit.pk, "name": row.unit.name}, "counts": _summed(row.cells)} for row in rows
        ],
    }


@public_router.get(
    "/publicity/{int:unit_id}",
    response=list[PublicPublicationOut],
    auth=None,
    openapi_extra=NOT_FOUND,
    summary="Nội dung một xã, phường đã công khai (không cần đăng nhập)",
    description="Mới nhất trước. `q`: từ tìm (không dấu cũng được); `period`: kỳ chứa ngày công khai. "
    "Phân trang: `limit`, `offset`.",
)
@paginate(LimitOffsetPagination)
def public_publicity(request, unit_id: int, filters: Query[PublicQuery]):
    unit = selectors.public_unit(unit_id)
    period = _period(filters.period) if filters.period else None
    return selectors.public_publications(unit, words=filters.q, period=period)
