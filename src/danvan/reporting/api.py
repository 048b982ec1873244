"""API of periodic reporting under /api/v1/reporting: forms and indicators, data values read and written in bulk,
submissions and their transitions, and live aggregates (DESIGN §4: scope on every read, services for every write,
Vietnamese errors).

Period codes everywhere: `2026` (year), `2026H1`/`2026H2` (half-years), `2026Q3` (quarters), `2026M07` (months),
`2026N9` (the first nine months). Units outside the caller's scope answer 404, as if they did not exist.
"""

from typing import Literal

from django.db.models import Prefetch, Q
from ninja import Body, Query, Router, Status
from ninja.decorators import decorate_view
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.core.body_limit import BULK_MAX_BYTES, larger_body
from danvan.core.errors import ValidationError, messages_of
from danvan.core.periods import Period
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import get_unit_for
from danvan.orgunits.tree import path_ids, subtree_q

from . import selectors, services
from .filters import FormFilter, IndicatorFilter
from .models import (
    Category,
    Indicator,
    Section,
    SectionIndicator,
    Submission,
    Value,
    ValueType,
)
from .schemas import (
    PERIOD_HELP,
    AnalyticsOut,
    CommentIn,
    ErrorOut,
    FormOut,
    IndicatorOut,
    SubmissionDetailOut,
    SubmissionOut,
    SubmissionQuery,
    ValueIn,
    ValueOut,
    WriteOut,
)

router = Router(tags=["Báo cáo định kỳ"])

TRANSITIONS = {
    "submit": "Nộp báo cáo (người nhập liệu của đơn vị); các quy tắc kiểm tra bắt buộc phải đạt.",
    "approve": "Duyệt báo cáo đã nộp (người phê duyệt của đơn vị cấp trên).",
    "return": "Trả lại báo cáo đã nộp để đơn vị sửa (người phê duyệt của đơn vị cấp trên); `comment` bắt buộc.",
    "reopen": "Mở lại báo cáo đã duyệt hoặc đã hết hạn nhập (người phê duyệt của đơn vị cấp trên); "
    "`comment` bắt buộc.",
}


def _codes(text: str | None) -> list[str]:
    return [code.strip() for code in (text or "").split(",") if code.strip()]


def _periods(text: str | None, name: str = "period") -> list[Period]:
    codes = _codes(text)
    if not codes:
        raise ValidationError({name: ["Hãy chọn kỳ báo cáo. " + PERIOD_HELP]})
    periods, errors = [], []
    for code in codes:
        try:
            period = Period.parse(code)
        except ValueError as error:
            errors.append(str(error))
            continue
        if period not in periods:
            periods.append(period)
    if errors:
        raise ValidationError({name: errors})
    return periods


def _indicator_queryset(user):
    return selectors.indicators_visible_to(user).prefetch_related(
        Prefetch("categories", queryset=Category.objects.prefetch_related("options"))
    )


def _filtered(filter_class, request, queryset):
    """The list pages' filter set over the queryset; bad choices answer 422 naming the parameter."""
    filterset = filter_class(request.GET, queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError({name: list(errors) for name, errors in filterset.errors.items()})
    return filterset.qs


def _forms_queryset(user):
    items = SectionIndicator.objects.select_related("indicator").order_by("position", "id")
    sections = Section.objects.prefetch_related(Prefetch("items", queryset=items)).order_by("position", "id")
    return (
        selectors.forms_visible_to(user)
        .select_related("owner")
        .prefetch_related(Prefetch("sections", queryset=sections))
        .order_by("name", "id")
    )


def _resolve_indicators(user, text: str | None) -> list[Indicator] | None:
    """The indicators named (visible ones; 422 naming the unknown codes), None when none are named."""
    codes = _codes(text)
    if not codes:
        return None
    found = {i.code: i for i in _indicator_queryset(user).filter(code__in=codes)}
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise ValidationError(
            {"indicators": [f"Không có chỉ tiêu mã “{code}”." for code in dict.fromkeys(unknown)]}
        )
    return [found[code] for code in dict.fromkeys(codes)]


def _shown_value(indicator: Indicator, value: Value):
    if indicator.value_type == ValueType.TEXT:
        return value.text
    if value.number is None:
        return None
    if indicator.value_type == ValueType.BOOLEAN:
        return bool(value.number)
    if indicator.value_type == ValueType.INTEGER and value.number == int(value.number):
        return int(value.number)
    return value.number


def _number(value: float) -> int | float:
    if abs(value - round(value)) < 1e-9 and abs(value) < 2**53:
        return round(value)
    return round(value, 6)


def _submission(pk: int) -> Submission:
    return Submission.objects.select_related("form", "unit", "unit__parent").get(pk=pk)


@router.get(
    "/forms",
    response=list[FormOut],
    summary="Các biểu mẫu báo cáo người dùng xem được",
    description="Biểu mẫu do đơn vị trong phạm vi người dùng hoặc đơn vị cấp trên ban hành, với các phần và mã "
    "chỉ tiêu của từng phần. Cùng bộ lọc với trang danh sách: `q` (mã, tên; không dấu cũng được), `period_type`, "
    "`owner` (id đơn vị ban hành), `active` (`1` đang dùng, `0` ngừng dùng). Phân trang: `limit`, `offset`.",
)
@paginate(LimitOffsetPagination)
def list_forms(
    request,
    q: str | None = None,
    period_type: str | None = None,
    owner: int | None = None,
    active: str | None = None,
):
    return _filtered(FormFilter, request, _forms_queryset(request.user))


@router.get("/forms/{int:form_id}", response=FormOut, summary="Một biểu mẫu")
def get_form(request, form_id: int):
    found = _forms_queryset(request.user).filter(pk=form_id).first()
    if found is None:
        selectors.get_form_for(request.user, form_id)  # 404
    return found


@router.get(
    "/indicators",
    response=list[IndicatorOut],
    summary="Các chỉ tiêu",
    description="Chỉ tiêu dùng chung toàn quốc, chỉ tiêu của các đơn vị trong phạm vi hoặc cấp trên, và chỉ tiêu "
    "của các biểu mẫu xem được: kiểu giá trị, cách tổng hợp, công thức, nguồn, phân tổ và mã các giá trị phân tổ. "
    "Cùng bộ lọc với trang danh sách: `q` (mã, tên; không dấu cũng được), `value_type`, `kind` (`entered` nhập "
    "liệu, `computed` tính theo công thức, `system` lấy từ hệ thống), `source`, `owner` (id đơn vị định nghĩa, "
    "hoặc `national`: dùng chung toàn quốc). Phân trang: `limit`, `offset`.",
)
@paginate(LimitOffsetPagination)
def list_indicators(
    request,
    q: str | None = None,
    value_type: str | None = None,
    kind: str | None = None,
    source: str | None = None,
    owner: str | None = None,
):
    return _filtered(IndicatorFilter, request, _indicator_queryset(request.user)).order_by("code")


@router.get(
    "/values",
    response=list[ValueOut],
    summary="Số liệu của một đơn vị trong một kỳ",
    description="Số liệu do chính đơn vị nhập (không cộng cấp dưới: dùng `/reporting/analytics` cho số tổng hợp). "
    "`unit`: id đơn vị (ngoài phạm vi: 404); `period`: "
    + PERIOD_HELP
    + " `indicators`: mã chỉ tiêu cách nhau "
    "bởi dấu phẩy (tùy chọn).",
)
def list_values(request, unit: int, period: str, indicators: str | None = None):
    chosen = get_unit_for(request.user, unit)
    code = _periods(period)[0].code
    wanted = _resolve_indicators(request.user, indicators)
    values = Value.objects.filter(unit=chosen, period=code).select_related("indicator")
    if wanted is not None:
        values = values.filter(indicator__in=wanted)
    return [
        {
            "unit": value.unit_id,
            "period": value.period,
            "indicator": value.indicator.code,
            "category": value.category,
            "value": _shown_value(value.indicator, value),
            "origin": value.origin,
            "reason": value.reason,
            "updated_at": value.updated_at,
        }
        for value in values.order_by("indicator__code", "category")
    ]


@router.post(
    "/values",
    response={200: WriteOut, 409: ErrorOut, 422: ErrorOut},
    summary="Ghi nhiều số liệu một lần",
    description='Thân yêu cầu là một danh sách `[{"unit": id, "period": "2026H1", "indicator": "mã", '
    '"category": "", "value": 12, "reason": "...", "expected": 10}]` (tối đa 200.000 dòng, thân yêu cầu tối đa '
    f"{BULK_MAX_BYTES // 1024 // 1024} MB; lớn hơn: 413). " + PERIOD_HELP + " "
    "Mỗi dòng được kiểm tra như khi nhập trên lưới: đơn vị phải báo cáo một biểu mẫu có chỉ tiêu đó, theo kỳ đúng "
    "loại của biểu mẫu, và đang hoạt động vào cuối kỳ. "
    "Tất cả hoặc không: một dòng sai (422, lỗi theo “Dòng n”) hoặc một đơn vị không có quyền nhập (403) thì "
    "không ghi gì. Ô của báo cáo đã nộp, đã duyệt hoặc hết hạn nhập bị từ chối; báo cáo đang được ghi hay nộp "
    "cùng lúc thì chờ nhau (khóa báo cáo), không lọt. `expected` (tùy chọn): giá trị ô bên gửi đã đọc; ô đã bị "
    "sửa khác đi thì trả 409, lỗi theo “Dòng n” nói ai sửa, lúc nào, thành gì. Không gửi `expected` thì lần ghi "
    "sau cùng thắng, lịch sử ô vẫn ghi đúng giá trị cũ. Ghi lại giá trị cũ không tính là thay đổi (`unchanged`).",
)
@decorate_view(larger_body(BULK_MAX_BYTES))
def write_values(request, rows: Body[list[ValueIn]]):
    data = []
    for row in rows:
        fields = row.model_dump()
        if "expected" not in row.model_fields_set:
            del fields["expected"]  # not sent: last write wins
        data.append(fields)
    missing = {}
    for number, row in enumerate(data, start=1):
        absent = [name for name in ("unit", "period", "indicator") if row.get(name) in (None, "")]
        if absent:
            missing[f"Dòng {number}"] = ["thiếu " + ", ".join(f"“{name}”" for name in absent) + "."]
        row["category"] = row.get("category") or ""
        row["reason"] = row.get("reason") or ""
    try:
        return services.write_values(request.user, data)
    except services.Conflict as error:
        errors = messages_of(error)
        detail = "; ".join(f"{label}: " + "; ".join(messages) for label, messages in errors.items())
        return Status(409, {"detail": detail, "errors": errors})
    except ValidationError as error:
        errors = {**messages_of(error), **missing}  # a row missing a field: say which, not "no unit “None”"
        ordered = dict(sorted(errors.items(), key=lambda item: _row_number(item[0])))
        detail = "; ".join(
            (f"{label}: " if label != "__all__" else "") + "; ".join(messages)
            for label, messages in ordered.items()
        )
        return Status(422, {"detail": detail, "errors": ordered})


def _row_number(label: str) -> int:
    digits = "".join(ch for ch in label if ch.isdigit())
    return int(digits) if digits else 0


@router.get(
    "/submissions",
    response=list[SubmissionOut],
    summary="Báo cáo của các đơn vị trong phạm vi",
    description="Lọc: `form` (id), `period` ("
    + PERIOD_HELP
    + "), `unit` (id: đơn vị và cấp dưới; ngoài phạm vi: "
    "404), `status`. Phân trang: `limit`, `offset`.",
)
@paginate(LimitOffsetPagination)
def list_submissions(request, filters: Query[SubmissionQuery]):
    submissions = selectors.submissions_visible_to(request.user).select_related("form", "unit")
    errors: dict[str, list[str]] = {}
    if filters.status and filters.status not in Submission.Status.values:
        errors["status"] = [
            f"Tình trạng “{filters.status}” không hợp lệ: dùng {', '.join(Submission.Status.values)}."
        ]
    if filters.period:
        try:
            submissions = submissions.filter(period=Period.parse(filters.period).code)
        except ValueError as error:
            errors["period"] = [str(error)]
    if errors:
        raise ValidationError(errors)
    if filters.status:
        submissions = submissions.filter(status=filters.status)
    if filters.form is not None:
        submissions = submissions.filter(form=selectors.get_form_for(request.user, filters.form))
    if filters.unit is not None:
        submissions = submissions.filter(
            subtree_q(get_unit_for(request.user, filters.unit).path, "unit_path")
        )
    return submissions.order_by("-period", "unit__sort_key", "form_id", "id")


@router.get("/submissions/{int:submission_id}", response=SubmissionDetailOut, summary="Một báo cáo")
def get_submission(request, submission_id: int):
    return selectors.get_submission_for(request.user, submission_id)


def _transition(action: str):
    def handler(request, submission_id: int, payload: Body[CommentIn | None] = None):
        submission = selectors.get_submission_for(request.user, submission_id)
        comment = payload.comment if payload is not None else ""
        services.transition(request.user, submission, action, comment=comment)
        return _submission(submission.pk)

    handler.__name__ = f"{action}_submission"
    return handler


for _action, _help in TRANSITIONS.items():
    router.post(
        f"/submissions/{{int:submission_id}}/{_action}",
        response=SubmissionDetailOut,
        summary={
            "submit": "Nộp báo cáo",
            "approve": "Duyệt báo cáo",
            "return": "Trả lại báo cáo",
            "reopen": "Mở lại báo cáo",
        }[_action],
        description=_help + ' Thân yêu cầu (tùy chọn): `{"comment": "..."}`. Không có quyền: 403; sai trạng '
        "thái hoặc vi phạm quy tắc: 422.",
    )(_transition(_action))


def default_indicators(user, unit: OrgUnit | None) -> list[Indicator]:
    """The indicators of the forms visible to the user whose issuing unit is the unit, one of its ancestors or a unit
    of its subtree (the whole country: every visible form), in the forms' order; text indicators are not added up."""
    forms = selectors.forms_visible_to(user)
    if unit is not None:
        forms = forms.filter(subtree_q(unit.path, "owner__path") | Q(owner_id__in=path_ids(unit.path)))
    items = (
        SectionIndicator.objects.filter(section__form__in=forms)
        .exclude(indicator__value_type=ValueType.TEXT)
        .select_related("indicator")
        .order_by("section__form__name", "section__form_id", "section__position", "section_id", "position")
    )
    found: dict[int, Indicator] = {}
    for item in items:
        found.setdefault(item.indicator_id, item.indicator)
    return list(found.values())


@router.get(
    "/analytics",
    response=AnalyticsOut,
    summary="Số liệu tổng hợp trực tiếp",
    description=(
        "Tổng hợp tức thời (không chờ chạy lại hằng đêm) các chỉ tiêu trên cả cây đơn vị của `unit` trong các kỳ "
        "`period`. " + PERIOD_HELP + " Có thể ghi nhiều kỳ, cách nhau bởi dấu phẩy (`2024H2,2026H1`). "
        "Mỗi kỳ được cộng theo cây đơn vị có hiệu lực cuối kỳ đó; đơn vị hình thành sau sắp xếp 2025 được cộng cả "
        "số liệu của các đơn vị trước đó (theo quan hệ kế thừa): số năm 2024 của một tỉnh mới là tổng của các tỉnh "
        "cũ hợp thành.\n\n"
        "- Không có `by`: mỗi chỉ tiêu (và mỗi tổ hợp phân tổ) một dòng cho cả cây đơn vị (`unit` là id đơn vị).\n"
        "- `by=child`: một dòng cho mỗi đơn vị trực thuộc có hiệu lực cuối kỳ (trước 1/7/2025 là các huyện, "
        "sau đó là các xã, phường).\n"
        "- `indicators`: mã chỉ tiêu cách nhau bởi dấu phẩy; bỏ trống là mọi chỉ tiêu (trừ văn bản) của các biểu "
        "mẫu người dùng xem được do chính đơn vị, đơn vị cấp trên hoặc đơn vị cấp dưới của nó ban hành.\n"
        "- `unit`: bỏ trống là toàn quốc (chỉ quản trị hệ thống; `by=child` là theo tỉnh); người dùng khác phải "
        "chọn đơn vị (422). Đơn vị ngoài phạm vi: 404.\n\n"
        "- `status`: báo cáo nào được tính: `approved` (mặc định, chỉ báo cáo đã duyệt), `submitted` (đã nộp: "
        "chờ duyệt hoặc đã duyệt) hoặc `all` (tất cả, kể cả báo cáo đang nhập, bị trả lại). `coverage` cho biết "
        "trong số báo cáo phải có (`expected`: đơn vị phải báo cáo × kỳ, theo các biểu mẫu chứa các chỉ tiêu) có "
        "bao nhiêu báo cáo được tính (`counted`).\n\n"
        "Chỉ tiêu tính theo công thức được tính từ số tổng hợp (không cộng tỷ lệ của các đơn vị); chỉ tiêu tổng "
        "hợp kiểu trung bình là trung bình của mọi số liệu trong cây. Dòng có `category` khác trống là một tổ hợp "
        "phân tổ; dòng `category` trống là tổng của chỉ tiêu. Ô không có số liệu không có dòng."
    ),
)
def analytics(
    request,
    period: str | None = None,
    unit: int | None = None,
    indicators: str | None = None,
    by: Literal["", "child"] | None = None,
    status: str | None = None,
):
    user = request.user
    errors: dict[str, list[str]] = {}
    periods: list[Period] = []
    try:
        periods = _periods(period)
    except ValidationError as error:
        errors.update(messages_of(error))
    if by not in (None, "", "child"):
        errors["by"] = [f"Giá trị “{by}” không hợp lệ: bỏ trống hoặc dùng `child`."]
    status = status or selectors.APPROVED
    if status not in selectors.COUNTED_STATUSES:
        errors["status"] = [
            f"Giá trị “{status}” không hợp lệ: dùng `approved` (đã duyệt), `submitted` (đã nộp) hoặc `all` (tất cả)."
        ]
    if unit is None and not user.is_superuser:
        errors["unit"] = ["Hãy chọn đơn vị (unit): chỉ quản trị hệ thống mới xem số liệu toàn quốc."]
    try:
        wanted = _resolve_indicators(user, indicators)
    except ValidationError as error:
        errors.update(messages_of(error))
        wanted = None
    if errors:
        raise ValidationError(errors)
    chosen = get_unit_for(user, unit) if unit is not None else None
    if wanted is None:
        wanted = default_indicators(user, chosen)
    result = selectors.aggregate(
        wanted, chosen, periods, by="child" if by == "child" else None, status=status
    )
    covered = selectors.indicators_coverage([i.pk for i in wanted], chosen, periods, status)
    order_of_unit = {u.pk: n for n, u in enumerate(result["units"])}
    order_of_indicator = {i.code: n for n, i in enumerate(wanted)}
    rows = sorted(
        result["rows"],
        key=lambda row: (
            row["period"],
            order_of_unit.get(row["unit"], -1),
            order_of_indicator.get(row["indicator"], 0),
            row["category"] != "",
            row["category"],
        ),
    )
    return {
        "status": status,
        "coverage": {"expected": covered.expected, "counted": covered.counted},
        "rows": [{**row, "value": _number(row["value"])} for row in rows],
    }
