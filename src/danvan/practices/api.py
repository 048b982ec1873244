"""API of the "Dân vận khéo" register under /api/v1/practices: the list with the pages' filters, registration,
edits, the lifecycle, and the counts (DESIGN §4: scope on every read, services for every write, Vietnamese errors).

Ids outside the caller's scope (a practice, an owner, a recognising unit) answer 404, as if they did not exist.
"""

import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils import timezone
from ninja import Field as SchemaField
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.core.errors import ValidationError
from danvan.core.schemas import choices, model_text, year
from danvan.orgunits.selectors import get_unit_for

from . import selectors, services
from .filters import PracticeFilter
from .models import Field, Level, Practice, PracticeResult
from .models import Status as PracticeStatus

router = Router(tags=["Dân vận khéo"])

TEXT_FIELDS = (
    "kind",
    "name",
    "summary",
    "method",
    "participants",
    "person_name",
    "person_position",
    "contact_name",
    "contact_phone",
    "contact_email",
)
STEPS = ("implement", "recognise", "not_recognise", "stop")


# --- schemas --------------------------------------------------------------------------------------------------------


class FieldOut(Schema):
    id: int
    code: str
    name: str


class ResultOut(Schema):
    indicator: str
    unit_of_measure: str
    value: float


class PracticeListOut(Schema):
    id: int
    kind: str
    name: str
    owner_id: int
    owner_name: str = SchemaField(..., alias="owner.name")
    level: str
    province_code: str
    registration_year: int
    years: list[int]
    status: str
    fields: list[FieldOut]
    person_name: str
    recognition_decision: str
    recognition_date: datetime.date | None
    recognition_level: str

    @staticmethod
    def resolve_years(obj):
        return sorted(row.year for row in obj.years.all())

    @staticmethod
    def resolve_fields(obj):
        return list(obj.fields.all())


class PracticeOut(PracticeListOut):
    owner_path: str
    person_position: str
    summary: str
    method: str
    participants: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    contact_name: str
    contact_phone: str
    contact_email: str
    recognised_by_id: int | None
    replicated_from_id: int | None
    status_reason: str
    results: list[ResultOut]
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_results(obj):
        return list(obj.results.all())


class ResultIn(Schema):
    indicator: str = model_text(PracticeResult, "indicator")
    unit_of_measure: str = model_text(PracticeResult, "unit_of_measure", "")
    value: float | str = SchemaField(..., description="Số; chuỗi có dấu phẩy thập phân (“3,5”) cũng được.")


FIELDS_HELP = (
    "Lĩnh vực: danh sách mã (chuỗi, ví dụ `kinh-te`, `van-hoa-xa-hoi`, `quoc-phong-an-ninh`, "
    "`xay-dung-he-thong-chinh-tri`, hoặc mã lĩnh vực riêng của đơn vị cấp trên) hoặc id (số nguyên)."
)


KIND_HELP = "`model` (mô hình tập thể) hoặc `exemplar` (điển hình cá nhân)."


class PracticeIn(Schema):
    owner: int = SchemaField(..., description="Id đơn vị thực hiện (trong phạm vi người dùng).")
    kind: str = SchemaField("model", description=KIND_HELP, json_schema_extra=choices(Practice.Kind.values))
    name: str = model_text(Practice, "name")
    fields: list[int | str] = SchemaField(..., description=FIELDS_HELP)
    registration_year: int = year()
    summary: str = ""
    method: str = ""
    participants: str = ""
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    person_name: str = model_text(Practice, "person_name", "")
    person_position: str = model_text(Practice, "person_position", "")
    contact_name: str = model_text(Practice, "contact_name", "")
    contact_phone: str = model_text(Practice, "contact_phone", "")
    contact_email: str = model_text(Practice, "contact_email", "")
    results: list[ResultIn] = []


class PracticePatch(Schema):
    owner: int | None = None
    kind: str | None = SchemaField(
        None, description=KIND_HELP, json_schema_extra=choices(Practice.Kind.values)
    )
    name: str | None = model_text(Practice, "name", None)
    fields: list[int | str] | None = SchemaField(None, description=FIELDS_HELP)
    registration_year: int | None = year(None)
    summary: str | None = None
    method: str | None = None
    participants: str | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    person_name: str | None = model_text(Practice, "person_name", None)
    person_position: str | None = model_text(Practice, "person_position", None)
    contact_name: str | None = model_text(Practice, "contact_name", None)
    contact_phone: str | None = model_text(Practice, "contact_phone", None)
    contact_email: str | None = model_text(Practice, "contact_email", None)
    results: list[ResultIn] | None = None


class TransitionIn(Schema):
    action: str = SchemaField(
        ...,
        description="`implement`, `recognise`, `not_recognise` hoặc `stop`.",
        json_schema_extra=choices(STEPS),
    )
    date: datetime.date | None = SchemaField(None, description="Ngày của bước (mặc định hôm nay).")
    note: str = SchemaField("", description="Ghi chú; bắt buộc (lý do) với `not_recognise` và `stop`.")
    decision: str = model_text(
        Practice, "recognition_decision", "", description="Số quyết định công nhận (với `recognise`)."
    )
    recognised_by: int | None = SchemaField(None, description="Id đơn vị công nhận (với `recognise`).")


class ReplicateIn(Schema):
    owner: int = SchemaField(..., description="Id đơn vị nhận nhân rộng.")
    registration_year: int = year()
    name: str = model_text(Practice, "name", "", description="Tên mới (mặc định giữ tên mô hình gốc).")


class ReconfirmIn(Schema):
    year: int = year()


class StatsRow(Schema):
    level: str | None = None
    kind: str | None = None
    status: str | None = None
    field: str | None = None
    field_id: int | None = None
    field_name: str | None = None
    group: str | None = None
    group_id: int | None = None
    count: int


class StatsOut(Schema):
    unit_id: int | None = SchemaField(..., description="Trống khi là số liệu toàn quốc.")
    unit_name: str
    year: int
    by: list[str]
    total: int = SchemaField(..., description="Số mô hình, điển hình (mỗi cái tính một lần).")
    rows: list[StatsRow]


class PracticeQuery(Schema):
    q: str | None = SchemaField(
        None, description="Tìm theo tên mô hình, người, đơn vị (không dấu cũng được)."
    )
    unit: int | None = SchemaField(None, description="Đơn vị: cả cấp dưới và các đơn vị trước sắp xếp.")
    year: int | None = year(None, description="Năm được tính (đăng ký hoặc xác nhận tiếp tục).")
    field: int | None = SchemaField(None, description="Id lĩnh vực.")
    kind: str | None = SchemaField(None, json_schema_extra=choices(Practice.Kind.values))
    level: str | None = SchemaField(
        None,
        description="`province`, `district`, `commune`, `hamlet`.",
        json_schema_extra=choices(Level.values),
    )
    status: str | None = SchemaField(None, json_schema_extra=choices(PracticeStatus.values))
    group: int | None = SchemaField(None, description="Id khối.")


# --- helpers --------------------------------------------------------------------------------------------------------


def _practice(pk: int) -> Practice:
    return Practice.objects.select_related("owner").prefetch_related("fields", "years", "results").get(pk=pk)


def _resolve_fields(values, owner) -> list[Field]:
    """Codes or ids → the fields usable for the owner (standard, or local to it or an ancestor); 422 otherwise."""
    available = sorted(
        selectors.fields_for(owner).select_related("owner"),
        key=lambda f: f.owner.depth if f.owner_id else -1,
    )
    by_id = {field.pk: field for field in available}
    by_code = {field.code: field for field in available}  # the nearest unit's local field wins a shared code
    found, unknown = [], []
    for value in values:
        field = by_id.get(value) if isinstance(value, int) else by_code.get(str(value).strip())
        if field is None:
            unknown.append(str(value))
        elif field not in found:
            found.append(field)
    if unknown:
        raise ValidationError(
            {
                "fields": [
                    f"Lĩnh vực “{value}” không tồn tại hoặc không dùng được cho {owner.name}."
                    for value in unknown
                ]
            }
        )
    return found


def _check_email(value: str | None) -> None:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError:
            raise ValidationError({"contact_email": ["Thư điện tử liên hệ không hợp lệ."]}) from None


def _results(rows) -> list[dict]:
    return [row.model_dump() for row in rows]


def _check_year(year: int, name: str = "year") -> None:
    last = timezone.localdate().year + 1
    if not services.FIRST_YEAR <= year <= last:
        raise ValidationError({name: [f"Năm phải từ {services.FIRST_YEAR} đến {last}."]})


# --- list and read --------------------------------------------------------------------------------------------------


@router.get(
    "",
    response=list[PracticeListOut],
    summary="Danh sách mô hình, điển hình trong phạm vi người dùng",
    description="Cùng bộ lọc với trang danh sách: `q`, `unit`, `year`, `field`, `kind`, `level`, `status`, `group`. "
    "Đơn vị ngoài phạm vi: 404. Phân trang: `limit`, `offset`.",
)
@paginate(LimitOffsetPagination)
def list_practices(request, filters: Query[PracticeQuery]):
    if filters.unit is not None:
        get_unit_for(request.user, filters.unit)
    queryset = (
        selectors.practices_visible_to(request.user)
        .select_related("owner")
        .prefetch_related("fields", "years")
    )
    filterset = PracticeFilter(request.GET, queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError({field: list(errors) for field, errors in filterset.errors.items()})
    return filterset.qs.order_by("-registration_year", "id")


@router.get(
    "/stats",
    response=StatsOut,
    exclude_unset=True,
    summary="Thống kê mô hình, điển hình theo đơn vị và năm",
    description=(
        "Số mô hình, điển hình của đơn vị (cả cấp dưới, cả các đơn vị trước sắp xếp: số năm 2024 của một tỉnh "
        "mới là tổng của các tỉnh cũ hợp thành) trong năm `year`, chia theo `by`: một hoặc nhiều trong "
        "`level`, `field`, `kind`, `group` (khối), `status`, cách nhau bởi dấu phẩy. `total` đếm mỗi mô hình "
        "một lần; khi chia theo lĩnh vực, mô hình có hai lĩnh vực được tính ở cả hai dòng. "
        "Bỏ trống `unit`: số liệu toàn quốc (chỉ quản trị hệ thống)."
    ),
)
def practice_stats(request, year: int | None = None, unit: int | None = None, by: str = ""):
    errors: dict[str, list[str]] = {}
    dimensions = [part.strip() for part in by.split(",") if part.strip()]
    unknown = [d for d in dimensions if d not in selectors.DIMENSIONS]
    if unknown:
        errors["by"] = [
            f"Không có chiều thống kê “{', '.join(unknown)}”: dùng {', '.join(selectors.DIMENSIONS)}."
        ]
    year = timezone.localdate().year if year is None else year
    last = timezone.localdate().year + 1
    if not services.FIRST_YEAR <= year <= last:
        errors["year"] = [f"Năm phải từ {services.FIRST_YEAR} đến {last}."]
    if unit is None and not request.user.is_superuser:
        errors["unit"] = ["Hãy chọn đơn vị (unit): chỉ quản trị hệ thống mới xem số liệu toàn quốc."]
    if unit is None and "group" in dimensions:
        errors.setdefault("by", []).append("Thống kê theo khối (group) cần chọn đơn vị (unit).")
    if errors:
        raise ValidationError(errors)
    chosen = get_unit_for(request.user, unit) if unit is not None else None
    result = selectors.stats(chosen, year, dimensions)
    return {
        "unit_id": chosen.pk if chosen else None,
        "unit_name": chosen.name if chosen else "Toàn quốc",
        "year": year,
        "by": [d for d in selectors.DIMENSIONS if d in dimensions],
        **result,
    }


@router.get("/{int:practice_id}", response=PracticeOut, summary="Một mô hình, điển hình")
def get_practice(request, practice_id: int):
    selectors.get_practice_for(request.user, practice_id)
    return _practice(practice_id)


# --- writes ---------------------------------------------------------------------------------------------------------


@router.post("", response={201: PracticeOut}, summary="Đăng ký mô hình, điển hình")
def create_practice(request, payload: PracticeIn):
    owner = get_unit_for(request.user, payload.owner)
    data = payload.model_dump(exclude={"owner", "fields", "results"})
    _check_email(data.get("contact_email"))
    practice = services.register_practice(
        request.user,
        owner=owner,
        fields=_resolve_fields(payload.fields, owner),
        results=_results(payload.results),
        **data,
    )
    return Status(201, _practice(practice.pk))


@router.patch("/{int:practice_id}", response=PracticeOut, summary="Sửa mô hình, điển hình")
def update_practice(request, practice_id: int, payload: PracticePatch):
    practice = selectors.get_practice_for(request.user, practice_id)
    changes = payload.model_dump(exclude_unset=True)
    fields = changes.pop("fields", None)
    results = changes.pop("results", None)
    if "owner" in changes:
        if changes["owner"] is None:
            raise ValidationError({"owner": ["Hãy chọn đơn vị thực hiện."]})
        changes["owner"] = get_unit_for(request.user, changes["owner"])
    for name in TEXT_FIELDS:
        if name in changes and changes[name] is None:
            changes[name] = ""
    _check_email(changes.get("contact_email"))
    owner = changes.get("owner", practice.owner)
    services.update_practice(
        request.user,
        practice,
        fields=_resolve_fields(fields, owner) if fields is not None else None,
        results=results,
        **changes,
    )
    return _practice(practice.pk)


@router.post(
    "/{int:practice_id}/transitions",
    response=PracticeOut,
    summary="Chuyển bước: thực hiện, công nhận, không công nhận, dừng",
    description="Công nhận và không công nhận do người phê duyệt của đơn vị cấp trên làm; "
    "các bước khác do người nhập liệu của đơn vị.",
)
def transition_practice(request, practice_id: int, payload: TransitionIn):
    practice = selectors.get_practice_for(request.user, practice_id)
    if payload.action not in STEPS:
        raise ValidationError({"action": [f"Bước “{payload.action}” không hợp lệ: dùng {', '.join(STEPS)}."]})
    details = {}
    if payload.action == "recognise":
        details["decision"] = payload.decision
        details["recognised_by"] = (
            get_unit_for(request.user, payload.recognised_by) if payload.recognised_by is not None else None
        )
    services.transition(
        request.user, practice, payload.action, date=payload.date, note=payload.note, **details
    )
    return _practice(practice.pk)


@router.post(
    "/{int:practice_id}/replicate",
    response={201: PracticeOut},
    summary="Nhân rộng mô hình đã được công nhận sang đơn vị khác",
    description="Trả về mô hình mới (liên kết với mô hình gốc).",
)
def replicate_practice(request, practice_id: int, payload: ReplicateIn):
    practice = selectors.get_practice_for(request.user, practice_id)
    owner = get_unit_for(request.user, payload.owner)
    replica = services.replicate(
        request.user,
        practice,
        owner=owner,
        registration_year=payload.registration_year,
        name=payload.name,
    )
    return Status(201, _practice(replica.pk))


@router.post(
    "/{int:practice_id}/reconfirm",
    response=PracticeOut,
    summary="Xác nhận mô hình tiếp tục thực hiện trong một năm mới",
)
def reconfirm_practice(request, practice_id: int, payload: ReconfirmIn):
    practice = selectors.get_practice_for(request.user, practice_id)
    _check_year(payload.year)
    services.reconfirm(request.user, practice, payload.year)
    return _practice(practice.pk)
