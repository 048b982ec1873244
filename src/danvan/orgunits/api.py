import datetime

from django.http import Http404
from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.core.errors import ValidationError

from . import selectors
from .filters import OrgUnitFilter

router = Router(tags=["Đơn vị"])


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    division_type: str
    agency_type: str
    parent_id: int | None
    path: str
    depth: int
    province_code: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class LineageUnitOut(Schema):
    id: int = Field(..., alias="unit.id")
    code: str = Field(..., alias="unit.code")
    name: str = Field(..., alias="unit.name")
    kind: str = Field(..., alias="unit.kind")
    event_kind: str = Field(..., alias="event.kind")
    date: datetime.date = Field(..., alias="event.date")
    partial: bool


class LineageOut(Schema):
    predecessors: list[LineageUnitOut]
    successors: list[LineageUnitOut]


def _filtered(request, queryset):
    units = OrgUnitFilter(request.GET, queryset=queryset)
    if not units.is_valid():
        raise ValidationError({field: list(errors) for field, errors in units.errors.items()})
    return units.qs.vietnamese_order()


@router.get(
    "/units",
    response=list[UnitOut],
    summary="Danh sách đơn vị trong phạm vi của người dùng",
    description="Lọc: `q` (không dấu cũng được), `kind`, `division_type`, `code`, `parent`, `province`, "
    "`as_of` (yyyy-mm-dd: chỉ các đơn vị còn hiệu lực ngày đó). Phân trang: `limit`, `offset`.",
)
@paginate(LimitOffsetPagination)
def list_units(
    request,
    q: str | None = None,
    kind: str | None = None,
    division_type: str | None = None,
    code: str | None = None,
    parent: str | None = None,
    province: str | None = None,
    as_of: str | None = None,
):
    return _filtered(request, selectors.units_visible_to(request.user))


@router.get("/units/{unit_id}", response=UnitOut, summary="Một đơn vị")
def get_unit(request, unit_id: int):
    return selectors.get_unit_for(request.user, unit_id)


@router.get("/units/{unit_id}/children", response=list[UnitOut], summary="Các đơn vị trực thuộc")
@paginate(LimitOffsetPagination)
def unit_children(
    request, unit_id: int, as_of: str | None = None, kind: str | None = None, q: str | None = None
):
    unit = selectors.get_unit_for(request.user, unit_id)
    return _filtered(request, selectors.units_visible_to(request.user).filter(parent=unit))


@router.get("/units/{unit_id}/lineage", response=LineageOut, summary="Đơn vị trước và sau sắp xếp")
def unit_lineage(request, unit_id: int):
    unit = selectors.get_unit_for(request.user, unit_id)
    if unit is None:
        raise Http404
    return selectors.lineage_of(request.user, unit)
