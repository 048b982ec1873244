"""The shapes of the reporting API's requests and answers (`api.py`), with the help texts its OpenAPI document shows."""

import datetime
from typing import Any

from ninja import Field as SchemaField
from ninja import Schema

from danvan.core.periods import Period
from danvan.core.schemas import choices, model_text

from . import selectors, services
from .models import Indicator, Submission, Value

PERIOD_HELP = (
    "Mã kỳ báo cáo: `2026` (năm), `2026H1`, `2026H2` (6 tháng đầu, cuối năm), `2026Q3` (quý III), "
    "`2026M07` (tháng 7), `2026N9` (9 tháng đầu năm)."
)


class OptionOut(Schema):
    code: str
    name: str


class CategoryOut(Schema):
    code: str
    name: str
    options: list[OptionOut]

    @staticmethod
    def resolve_options(obj):
        return list(obj.options.all())


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    description: str
    value_type: str = SchemaField(..., description="`integer`, `decimal`, `percentage`, `boolean`, `text`.")
    aggregation: str = SchemaField(..., description="`sum`, `average`, `min`, `max`, `last`, `none`.")
    measure: str = SchemaField(..., description="Đơn vị tính.")
    expression: str = SchemaField(..., description="Công thức (chỉ tiêu tính toán); trống với chỉ tiêu nhập.")
    source: str = SchemaField(..., description="Nguồn số liệu trong hệ thống; trống nếu nhập tay.")
    owner_id: int | None
    categories: list[CategoryOut]
    category_keys: list[str] = SchemaField(
        ...,
        description="Các giá trị hợp lệ của `category` khi ghi số liệu: mã các giá trị phân tổ nối bằng dấu phẩy "
        '(theo thứ tự các phân tổ); `""` với chỉ tiêu không phân tổ.',
    )

    @staticmethod
    def resolve_categories(obj):
        return list(obj.categories.all())

    @staticmethod
    def resolve_category_keys(obj):
        return [key for key, _label in selectors.category_keys(obj)]


class SectionOut(Schema):
    id: int
    title: str
    position: int
    indicators: list[str] = SchemaField(..., description="Mã các chỉ tiêu, theo thứ tự.")
    required: list[str] = SchemaField(
        ..., description="Mã các chỉ tiêu bắt buộc nhập (mọi ô phải có số liệu thì mới nộp được)."
    )

    @staticmethod
    def resolve_indicators(obj):
        return [item.indicator.code for item in obj.items.all()]

    @staticmethod
    def resolve_required(obj):
        return [item.indicator.code for item in obj.items.all() if item.required]


class FormOut(Schema):
    id: int
    code: str
    name: str
    owner_id: int
    owner_name: str = SchemaField(..., alias="owner.name")
    period_type: str = SchemaField(..., description="`month`, `quarter`, `half_year`, `nine_months`, `year`.")
    reporting_kinds: list[str]
    deadline_days: int
    lock_days: int | None
    has_narrative: bool
    required_narrative: list[str] = SchemaField(
        ..., description="Các mục phần lời bắt buộc (mã theo đề cương: `1.1`, `2.6`, `4`…)."
    )
    is_active: bool
    sections: list[SectionOut]

    @staticmethod
    def resolve_sections(obj):
        return list(obj.sections.all())


class ValueOut(Schema):
    unit: int
    period: str
    indicator: str
    category: str
    value: bool | int | float | str | None
    origin: str = SchemaField(..., description="`entered`, `system`, `overridden`, `imported`.")
    reason: str
    updated_at: datetime.datetime


class ValueIn(Schema):
    unit: int | str | None = SchemaField(None, description="Id đơn vị.")
    period: str | int | None = SchemaField(None, description=PERIOD_HELP)
    indicator: str | None = model_text(Indicator, "code", None, description="Mã chỉ tiêu.")
    category: str | None = model_text(
        Value, "category", "", description="Mã phân tổ (xem `category_keys` của chỉ tiêu)."
    )
    value: Any = SchemaField(
        None,
        description="Số (12, 2.5, hoặc chuỗi kiểu Việt Nam “1.759”, “2,5”), true/false hoặc “Có”/“Không”, văn bản; "
        "null hoặc “” để xóa.",
    )
    reason: str | None = model_text(
        Value, "reason", "", description="Lý do, bắt buộc khi sửa số liệu lấy từ hệ thống."
    )
    expected: Any = SchemaField(
        None,
        description="Tùy chọn: giá trị ô mà bên gửi đã đọc (null hoặc “” là ô trống). Có trường này mà ô đã bị "
        "người khác sửa thành giá trị khác thì cả lần ghi bị từ chối (409), không ghi đè. Không có: ghi đè.",
    )


class WriteOut(Schema):
    written: int = SchemaField(..., description="Số ô đã ghi (mới hoặc thay đổi).")
    unchanged: int = SchemaField(..., description="Số ô giữ nguyên (giá trị gửi lên trùng giá trị đã có).")


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class EventOut(Schema):
    action: str
    comment: str
    actor: str
    at: datetime.datetime

    @staticmethod
    def resolve_actor(obj):
        return obj.actor.display_name if obj.actor else ""


class SubmissionOut(Schema):
    id: int
    form_id: int
    form_code: str = SchemaField(..., alias="form.code")
    unit_id: int
    unit_name: str = SchemaField(..., alias="unit.name")
    period: str
    period_label: str
    status: str = SchemaField(..., description="`draft`, `submitted`, `approved`, `returned`.")
    deadline: datetime.date
    submitted_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    unlocked_until: datetime.date | None

    @staticmethod
    def resolve_period_label(obj):
        return Period.parse(obj.period).label

    @staticmethod
    def resolve_deadline(obj):
        return Period.parse(obj.period).deadline(obj.form.deadline_days)


class SubmissionDetailOut(SubmissionOut):
    locked: str = SchemaField(..., description="Lý do không sửa được số liệu lúc này; trống nếu sửa được.")
    narrative: dict[str, str]
    events: list[EventOut]

    @staticmethod
    def resolve_locked(obj):
        return services.lock_reason(obj)

    @staticmethod
    def resolve_events(obj):
        return list(selectors.submission_events(obj))


class CommentIn(Schema):
    comment: str = SchemaField("", description="Ý kiến; bắt buộc khi trả lại hoặc mở lại.")


class SubmissionQuery(Schema):
    form: int | None = SchemaField(None, description="Id biểu mẫu.")
    period: str | None = SchemaField(None, description=PERIOD_HELP)
    unit: int | None = SchemaField(None, description="Id đơn vị: báo cáo của đơn vị và các đơn vị cấp dưới.")
    status: str | None = SchemaField(
        None,
        description="`draft`, `submitted`, `approved`, `returned`.",
        json_schema_extra=choices(Submission.Status.values),
    )


class AnalyticsRow(Schema):
    indicator: str
    unit: int | None = SchemaField(..., description="Id đơn vị; null với tổng toàn quốc.")
    period: str
    category: str = SchemaField(..., description='`""`: tổng của chỉ tiêu; khác: một tổ hợp phân tổ.')
    value: int | float


class CoverageOut(Schema):
    expected: int = SchemaField(
        ..., description="Số báo cáo phải có: đơn vị phải báo cáo × kỳ, theo các biểu mẫu."
    )
    counted: int = SchemaField(
        ..., description="Số báo cáo trong số đó được tính vào số tổng hợp (theo `status`)."
    )


class AnalyticsOut(Schema):
    status: str = SchemaField(..., description="`approved`, `submitted` hoặc `all`: báo cáo nào được tính.")
    coverage: CoverageOut
    rows: list[AnalyticsRow]
