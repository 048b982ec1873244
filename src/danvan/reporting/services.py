"""Every write to the reporting data: indicators, forms, values (one cell or in bulk), the submission workflow and
report documents. Checked, atomic, logged (the cells' history is `ValueChange`, the rest the change log)."""

import contextlib
import datetime
import math
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.scope import Role, has_role_on, units_visible_to
from danvan.core.changelog import record_change, snapshot
from danvan.core.context import current_request_id
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.figures import REPORTING, bump_figures_version
from danvan.core.text import nfc, nfc_lines, parse_number, vn_number
from danvan.orgunits.lineage import lineage_paths as counted_paths
from danvan.orgunits.models import OrgUnit
from danvan.practices.models import Level, Status
from danvan.practices.selectors import facts_for, stats

from . import expressions
from .models import (
    Category,
    CategoryOption,
    Form,
    Indicator,
    Section,
    SectionIndicator,
    Source,
    Submission,
    SubmissionEvent,
    ValidationRule,
    Value,
    ValueChange,
    ValueType,
)
from .periods import Period, PeriodType

REOPEN_DAYS = 10
MAX_BULK_VALUES = 200_000
_OPERATORS = {
    "==": lambda a, b: math.isclose(a, b, abs_tol=1e-9),
    "!=": lambda a, b: not math.isclose(a, b, abs_tol=1e-9),
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b + 1e-9,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a + 1e-9 >= b,
}


# --- permissions -----------------------------------------------------------------------------------------------------


def can_define(user, owner: OrgUnit | None) -> bool:
    """Indicators and forms are defined by an admin of the issuing unit; national ones by a superuser."""
    if owner is None:
        return bool(getattr(user, "is_superuser", False))
    return has_role_on(user, Role.ADMIN, owner.path)


def can_enter(user, unit: OrgUnit) -> bool:
    return has_role_on(user, Role.EDITOR, unit.path)


def can_approve(user, unit: OrgUnit) -> bool:
    """An approver of the parent unit (or above) approves, returns and reopens a unit's report."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    parent = unit.parent
    return parent is not None and has_role_on(user, Role.APPROVER, parent.path)


# --- indicators ------------------------------------------------------------------------------------------------------

INDICATOR_FIELDS = (
    "code",
    "name",
    "short_name",
    "description",
    "value_type",
    "aggregation",
    "measure",
    "expression",
    "source",
    "owner",
)


def _validate_indicator(indicator: Indicator, categories: list[Category]) -> None:
    errors: dict[str, list[str]] = {}

    def add(name, message):
        errors.setdefault(name, []).append(message)

    if not expressions.CODE_PATTERN.match(indicator.code or ""):
        add(
            "code",
            _(
                "Mã chỉ tiêu chỉ gồm chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ (tối đa 40 ký tự)."
            ),
        )
    elif Indicator.objects.filter(code=indicator.code).exclude(pk=indicator.pk).exists():
        add("code", _("Đã có chỉ tiêu mã “%(code)s”.") % {"code": indicator.code})
    if not indicator.name:
        add("name", _("Chưa nhập tên chỉ tiêu."))
    if indicator.expression:
        if indicator.source:
            add("source", _("Chỉ tiêu tính theo công thức không lấy số liệu từ nguồn khác."))
        if categories:
            add("categories", _("Chỉ tiêu tính theo công thức không có phân tổ."))
        if indicator.value_type in (ValueType.TEXT, ValueType.BOOLEAN):
            add("value_type", _("Chỉ tiêu tính theo công thức phải có kiểu số."))
        others = dict(
            Indicator.objects.exclude(pk=indicator.pk)
            .exclude(expression="")
            .values_list("code", "expression")
        )
        others[indicator.code] = indicator.expression
        known = set(Indicator.objects.exclude(pk=indicator.pk).values_list("code", flat=True)) | {
            indicator.code
        }
        problems = expressions.check_definitions(others, known)
        if indicator.code in problems:
            add("expression", problems[indicator.code])
        elif indicator.code in expressions.codes_in(indicator.expression):
            add("expression", _("Công thức không được dùng chính chỉ tiêu này."))
    if indicator.source:
        if indicator.value_type != ValueType.INTEGER:
            add("value_type", _("Chỉ tiêu lấy từ hệ thống là số nguyên."))
        unsupported = [c.name for c in categories if c.code not in SOURCE_CATEGORIES]
        if unsupported:
            add(
                "categories",
                _("Số liệu hệ thống chỉ phân tổ được theo cấp và lĩnh vực, không theo: %(names)s.")
                % {"names": ", ".join(unsupported)},
            )
    if len(categories) > 2:
        add("categories", _("Mỗi chỉ tiêu có tối đa hai phân tổ."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_indicator(actor, indicator: Indicator | None = None, *, categories=(), **data) -> Indicator:
    categories = list(categories)
    creating = indicator is None
    indicator = Indicator() if creating else Indicator.objects.select_for_update().get(pk=indicator.pk)
    before = None if creating else snapshot(indicator)
    for name, value in data.items():
        if name in INDICATOR_FIELDS:
            setattr(indicator, name, nfc(value).strip() if isinstance(value, str) else value)
    if not can_define(actor, indicator.owner):
        raise NotAllowed()
    if (
        not creating
        and before["code"] != indicator.code
        and Value.objects.filter(indicator=indicator).exists()
    ):
        raise ValidationError({"code": [_("Chỉ tiêu đã có số liệu: không đổi được mã.")]})
    _validate_indicator(indicator, categories)
    indicator.save()
    indicator.categories.set(categories)
    record_change(
        actor, "create" if creating else "update", indicator, before, snapshot(indicator), indicator.owner
    )
    return indicator


# --- categories ------------------------------------------------------------------------------------------------------


def _category_state(category: Category) -> dict:
    return {
        **snapshot(category),
        "options": [f"{o.code}: {o.name}" for o in category.options.order_by("position", "code")],
    }


@transaction.atomic
def save_category(
    actor, category: Category | None = None, *, code: str, name: str, position: int = 100, options
) -> Category:
    """A disaggregation and its options [(code, name)] in order. Categories are shared by every form, so only a
    superuser defines them; an option already used by an indicator is never removed (its cells would be lost)."""
    if not can_define(actor, None):
        raise NotAllowed()
    creating = category is None
    category = Category() if creating else Category.objects.select_for_update().get(pk=category.pk)
    before = None if creating else _category_state(category)
    category.code, category.name, category.position = (code or "").strip(), nfc(name or ""), position
    options = [((c or "").strip(), nfc(n or "")) for c, n in options]
    errors: dict[str, list[str]] = {}
    if not expressions.CODE_PATTERN.match(category.code):
        errors["code"] = [
            _("Mã phân tổ chỉ gồm chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ.")
        ]
    elif Category.objects.filter(code=category.code).exclude(pk=category.pk).exists():
        errors["code"] = [_("Đã có phân tổ mã “%(code)s”.") % {"code": category.code}]
    if not category.name:
        errors["name"] = [_("Chưa nhập tên phân tổ.")]
    problems = []
    seen = set()
    for number, (option_code, option_name) in enumerate(options, start=1):
        if not expressions.CODE_PATTERN.match(option_code) or not option_name:
            problems.append(
                _("Dòng %(n)s: cần mã (chữ thường không dấu, số, dấu gạch dưới) và tên.") % {"n": number}
            )
        elif option_code in seen:
            problems.append(_("Dòng %(n)s: mã “%(code)s” bị lặp.") % {"n": number, "code": option_code})
        seen.add(option_code)
    if not options:
        problems.append(_("Phân tổ cần ít nhất một giá trị."))
    if not creating and category.indicators.exists():
        removed = sorted(set(category.options.values_list("code", flat=True)) - seen)
        if removed:
            problems.append(
                _("Phân tổ đang được chỉ tiêu dùng: không bỏ được giá trị %(codes)s.")
                % {"codes": ", ".join(removed)}
            )
    if problems:
        errors["options"] = problems
    if errors:
        raise ValidationError(errors)
    category.save()
    existing = {option.code: option for option in category.options.all()}
    for position_, (option_code, option_name) in enumerate(options, start=1):
        option = existing.pop(option_code, None) or CategoryOption(category=category, code=option_code)
        option.name, option.position = option_name, position_
        option.save()
    for option in existing.values():
        option.delete()
    record_change(actor, "create" if creating else "update", category, before, _category_state(category))
    return category


# --- forms -----------------------------------------------------------------------------------------------------------

FORM_FIELDS = (
    "code",
    "name",
    "owner",
    "period_type",
    "reporting_kinds",
    "deadline_days",
    "lock_days",
    "has_narrative",
    "document_title",
    "is_active",
)


@transaction.atomic
def save_form(actor, form: Form | None = None, *, groups=None, **data) -> Form:
    creating = form is None
    form = Form() if creating else Form.objects.select_for_update().get(pk=form.pk)
    before = None if creating else snapshot(form)
    for name, value in data.items():
        if name in FORM_FIELDS:
            setattr(form, name, nfc(value).strip() if isinstance(value, str) else value)
    if not can_define(actor, form.owner):
        raise NotAllowed()
    errors = {}
    if not expressions.CODE_PATTERN.match((form.code or "").replace("-", "_")):
        errors["code"] = [_("Mã biểu mẫu chỉ gồm chữ thường không dấu, số, dấu gạch.")]
    elif Form.objects.filter(code=form.code).exclude(pk=form.pk).exists():
        errors["code"] = [_("Đã có biểu mẫu mã “%(code)s”.") % {"code": form.code}]
    if not form.name:
        errors["name"] = [_("Chưa nhập tên biểu mẫu.")]
    if form.period_type not in PeriodType.__members__.values():
        errors["period_type"] = [_("Chưa chọn loại kỳ báo cáo.")]
    kinds = [k for k in form.reporting_kinds or [] if k in OrgUnit.Kind.values]
    if not kinds or len(kinds) != len(form.reporting_kinds or []):
        errors["reporting_kinds"] = [_("Chọn ít nhất một loại đơn vị báo cáo.")]
    if form.lock_days is not None and form.lock_days < form.deadline_days:
        errors["lock_days"] = [_("Ngày khóa nhập liệu phải sau hạn nộp.")]
    groups = list(groups) if groups is not None else None
    if groups and form.owner and any(g.owner_id != form.owner_id for g in groups):
        errors["reporting_groups"] = [_("Chỉ chọn khối do đơn vị ban hành lập.")]
    if errors:
        raise ValidationError(errors)
    form.save()
    if groups is not None:
        form.reporting_groups.set(groups)
    record_change(actor, "create" if creating else "update", form, before, snapshot(form), form.owner)
    return form


@transaction.atomic
def save_section(actor, form: Form, section: Section | None = None, *, title: str, indicators) -> Section:
    """A section's title and its indicators in order (replacing the previous list)."""
    if not can_define(actor, form.owner):
        raise NotAllowed()
    indicators = list(indicators)
    title = nfc(title or "").strip()
    if not title:
        raise ValidationError({"title": [_("Chưa nhập tên phần.")]})
    in_other_sections = set(
        SectionIndicator.objects.filter(section__form=form)
        .exclude(section=section)
        .values_list("indicator_id", flat=True)
    )
    repeated = [i.code for i in indicators if i.pk in in_other_sections]
    if repeated:
        raise ValidationError(
            {
                "indicators": [
                    _("Chỉ tiêu đã có ở phần khác của biểu mẫu: %(codes)s.") % {"codes": ", ".join(repeated)}
                ]
            }
        )
    creating = section is None
    if creating:
        section = Section(form=form, position=form.sections.count() + 1)
    before = None if creating else {"section": section.title, "indicators": section_codes(section)}
    section.title = title
    section.save()
    SectionIndicator.objects.filter(section=section).delete()
    SectionIndicator.objects.bulk_create(
        SectionIndicator(section=section, indicator=indicator, position=position)
        for position, indicator in enumerate(indicators, start=1)
    )
    record_change(
        actor,
        "create" if creating else "update",
        form,
        before,
        {"section": section.title, "indicators": [i.code for i in indicators]},
        form.owner,
    )
    return section


def section_codes(section: Section) -> list[str]:
    return list(section.items.order_by("position").values_list("indicator__code", flat=True))


@transaction.atomic
def delete_section(actor, section: Section) -> None:
    form = section.form
    if not can_define(actor, form.owner):
        raise NotAllowed()
    before = {"section": section.title, "indicators": section_codes(section)}
    section.delete()
    record_change(actor, "delete", form, before, None, form.owner)


@transaction.atomic
def move_section(actor, section: Section, offset: int) -> None:
    """Moves a section up (-1) or down (+1) among the form's sections; positions are renumbered 1, 2, 3…"""
    form = section.form
    if not can_define(actor, form.owner):
        raise NotAllowed()
    sections = list(Section.objects.select_for_update().filter(form=form).order_by("position", "id"))
    before = [s.title for s in sections]
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    target = index + (1 if offset > 0 else -1)
    if not 0 <= target < len(sections):
        return
    sections[index], sections[target] = sections[target], sections[index]
    for position, item in enumerate(sections, start=1):
        item.position = position
    Section.objects.bulk_update(sections, ["position"])
    record_change(
        actor, "update", form, {"sections": before}, {"sections": [s.title for s in sections]}, form.owner
    )


def _form_codes(form: Form) -> set[str]:
    return set(SectionIndicator.objects.filter(section__form=form).values_list("indicator__code", flat=True))


@transaction.atomic
def save_rule(actor, form: Form, rule: ValidationRule | None = None, **data) -> ValidationRule:
    if not can_define(actor, form.owner):
        raise NotAllowed()
    creating = rule is None
    rule = ValidationRule(form=form) if creating else rule
    before = None if creating else snapshot(rule)
    for name in ("left", "operator", "right", "importance", "message"):
        if name in data:
            value = data[name]
            setattr(rule, name, nfc(value).strip() if isinstance(value, str) else value)
    errors: dict[str, list[str]] = {}
    codes = _form_codes(form)
    for side in ("left", "right"):
        try:
            unknown = sorted(expressions.codes_in(getattr(rule, side)) - codes)
        except ValidationError as error:
            errors[side] = error.messages
            continue
        if unknown:
            errors[side] = [
                _("Mã chỉ tiêu không có trong biểu mẫu: %(codes)s.") % {"codes": ", ".join(unknown)}
            ]
    if rule.operator not in ValidationRule.Operator.values:
        errors["operator"] = [_("Chưa chọn phép so sánh.")]
    if not rule.message:
        errors["message"] = [_("Chưa nhập thông báo khi vi phạm.")]
    if errors:
        raise ValidationError(errors)
    rule.save()
    record_change(actor, "create" if creating else "update", rule, before, snapshot(rule), form.owner)
    return rule


@transaction.atomic
def delete_rule(actor, rule: ValidationRule) -> None:
    if not can_define(actor, rule.form.owner):
        raise NotAllowed()
    before = snapshot(rule)
    record_change(actor, "delete", rule, before, None, rule.form.owner)
    rule.delete()


# --- values: parsing -------------------------------------------------------------------------------------------------

_YES = {"có", "co", "x", "1", "yes", "true", "đạt"}
_NO = {"không", "khong", "0", "no", "false", ""}


def parse_value(indicator: Indicator, raw) -> tuple[float | None, str]:
    """(number, text) to store for a raw input; (None, "") clears the cell. ValidationError names the indicator."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, ""
    name = indicator.name
    if indicator.value_type == ValueType.TEXT:
        text = nfc(str(raw)).strip()
        if len(text) > 2000:
            raise ValidationError(_("“%(name)s”: tối đa 2.000 ký tự.") % {"name": name})
        return None, text
    if indicator.value_type == ValueType.BOOLEAN:
        if isinstance(raw, bool):
            return (1.0 if raw else 0.0), ""
        word = str(raw).strip().lower()
        if word in _YES:
            return 1.0, ""
        if word in _NO:
            return 0.0, ""
        raise ValidationError(_("“%(name)s”: nhập Có hoặc Không.") % {"name": name})
    try:
        number = (
            float(raw)
            if isinstance(raw, int | float) and not isinstance(raw, bool)
            else float(parse_number(str(raw)))  # None (not a number) raises TypeError
        )
        if not math.isfinite(number):
            raise ValueError(raw)
    except (TypeError, ValueError):
        raise ValidationError(
            _("“%(name)s”: “%(raw)s” không phải là số.") % {"name": name, "raw": raw}
        ) from None
    if abs(number) >= 1e15:
        raise ValidationError(_("“%(name)s”: số quá lớn.") % {"name": name})
    if indicator.value_type == ValueType.INTEGER:
        if number != int(number):
            raise ValidationError(_("“%(name)s”: phải là số nguyên.") % {"name": name})
        if number < 0:
            raise ValidationError(_("“%(name)s”: không được âm.") % {"name": name})
    if indicator.value_type == ValueType.PERCENTAGE and not 0 <= number <= 100:
        raise ValidationError(_("“%(name)s”: tỷ lệ phần trăm từ 0 đến 100.") % {"name": name})
    return number, ""


def display(indicator: Indicator, number: float | None, text: str = "") -> str:
    """A stored value as the grid shows it and a user types it: 1.759 / 2,5 / Có."""
    if indicator.value_type == ValueType.TEXT:
        return text
    if number is None:
        return ""
    if indicator.value_type == ValueType.BOOLEAN:
        return _("Có") if number else _("Không")
    return vn_number(number, 4)


# --- values: locks ---------------------------------------------------------------------------------------------------


def lock_reason(submission: Submission, today: datetime.date | None = None) -> str:
    """Why the unit's figures for this report cannot be changed now ("" if they can)."""
    today = today or timezone.localdate()
    period = Period.parse(submission.period)
    if submission.status == Submission.Status.SUBMITTED:
        return _("Báo cáo đã nộp, đang chờ duyệt: chỉ sửa được khi cấp trên trả lại.")
    if submission.status == Submission.Status.APPROVED:
        return _("Báo cáo đã được duyệt: số liệu bị khóa cho đến khi cấp trên mở lại.")
    if period.start > today:
        return _("Kỳ báo cáo %(period)s chưa bắt đầu.") % {"period": period.label}
    lock_days = submission.form.lock_days
    if lock_days is not None:
        closes = period.end + datetime.timedelta(days=lock_days)
        if today > closes and not (submission.unlocked_until and submission.unlocked_until >= today):
            return _("Đã hết hạn nhập số liệu (%(date)s): đề nghị cấp trên mở lại báo cáo.") % {
                "date": closes.strftime("%d/%m/%Y")
            }
    return ""


def _check_period(form: Form, code: str) -> Period:
    try:
        period = Period.parse(code)
    except ValueError as error:
        raise ValidationError({"period": [str(error)]}) from None
    if period.type != form.period_type:
        raise ValidationError(
            {
                "period": [
                    _("Biểu mẫu này báo cáo theo kỳ %(type)s.") % {"type": PeriodType(form.period_type).label}
                ]
            }
        )
    return period


def report_problem(
    form: Form, unit: OrgUnit, period: Period, members: set[int] | None = None, lineage: dict | None = None
) -> str:
    """Why the unit does not report the form for the period ("" when it does): the form's period type, the kinds
    (and khối) it names, the issuing unit's subtree (through lineage), and the unit open at the end of the period.
    The grid, the bulk write and the reports' creation all ask this. `members`: the ids of the form's khối members,
    when the caller has them already; `lineage`: a cache of the units' `counted_paths` for a caller asking often."""
    if period.type != form.period_type:
        return _("Biểu mẫu “%(form)s” báo cáo theo kỳ %(type)s.") % {
            "form": form.name,
            "type": PeriodType(form.period_type).label.lower(),
        }
    outside = _("%(unit)s không thuộc đối tượng báo cáo biểu mẫu này.") % {"unit": unit.name}
    if unit.kind not in (form.reporting_kinds or []):
        return outside
    owner = form.owner.path
    if not unit.path.startswith(owner):
        lineage = {} if lineage is None else lineage
        if unit.id not in lineage:
            lineage[unit.id] = counted_paths(unit)
        if not any(path.startswith(owner) or owner.startswith(path) for path in lineage[unit.id]):
            return outside
    if members is None and form.reporting_groups.exists():
        members = set(form.reporting_groups.values_list("members", flat=True))
    if members is not None and unit.id not in members:
        return outside
    if not unit.is_open_on(period.end):
        return _("%(unit)s không hoạt động vào cuối kỳ %(period)s.") % {
            "unit": unit.name,
            "period": period.label,
        }
    return ""


def _lock_units(unit_ids) -> None:
    """Locks the units' rows (in id order): held while a value is written for a report not created yet, and while a
    report is created, so that the two cannot race (see `_lock_reports`)."""
    ids = sorted(set(unit_ids))
    for start in range(0, len(ids), 500):
        list(
            OrgUnit.objects.select_for_update(no_key=True)
            .filter(pk__in=ids[start : start + 500])
            .order_by("pk")
            .values_list("pk", flat=True)
        )


@transaction.atomic
def open_submission(actor, form: Form, unit: OrgUnit, period_code: str) -> Submission:
    """The unit's report for the period, created as a draft on first opening and filled from the system."""
    period = _check_period(form, period_code)
    problem = report_problem(form, unit, period)
    if problem:
        raise ValidationError({"unit": [problem]})
    submission = Submission.objects.filter(form=form, unit=unit, period=period.code).first()
    if submission is not None:
        return submission
    if not can_enter(actor, unit):
        raise NotAllowed(_("Bạn không có quyền nhập báo cáo của %(unit)s.") % {"unit": unit.name})
    _lock_units([unit.pk])  # a bulk write for this report may be under way: wait for it, then look again
    submission = Submission.objects.filter(form=form, unit=unit, period=period.code).first()
    if submission is not None:
        return submission
    submission = Submission.objects.create(form=form, unit=unit, unit_path=unit.path, period=period.code)
    record_change(actor, "create", submission, None, snapshot(submission), unit)
    if not lock_reason(submission):
        fill_from_system(actor, submission)
    return submission


# --- values: the system's own figures ------------------------------------------------------------------------------

# The two categories the practice register can fill (a migration creates them; see SOURCE_CATEGORIES).
STANDARD_CATEGORIES = [
    (
        "cap",
        "Cấp",
        1,
        [
            ("province", "Cấp tỉnh"),
            ("district", "Cấp huyện"),
            ("commune", "Cấp xã, phường"),
            ("hamlet", "Cấp thôn, tổ dân phố"),
        ],
    ),
    (
        "linh_vuc",
        "Lĩnh vực",
        2,
        [
            ("kinh_te", "Kinh tế"),
            ("van_hoa_xa_hoi", "Văn hóa – xã hội"),
            ("quoc_phong_an_ninh", "Quốc phòng – an ninh"),
            ("xay_dung_he_thong_chinh_tri", "Xây dựng hệ thống chính trị"),
        ],
    ),
]


def ensure_standard_categories() -> None:
    """The standard categories and their options (restores them after a test database is flushed)."""
    for code, name, position, options in STANDARD_CATEGORIES:
        category, _created = Category.objects.get_or_create(
            code=code, defaults={"name": name, "position": position}
        )
        for number, (option_code, option_name) in enumerate(options, start=1):
            CategoryOption.objects.get_or_create(
                category=category, code=option_code, defaults={"name": option_name, "position": number}
            )


# Categories the practice register can break its counts down by, and the option codes they use.
SOURCE_CATEGORIES = {"cap": "level", "linh_vuc": "field"}
_STATUSES = {
    Source.PRACTICES_REGISTERED: None,
    Source.PRACTICES_RECOGNISED: {Status.RECOGNISED, Status.REPLICATED},
    Source.PRACTICES_REPLICATED: {Status.REPLICATED},
}


def system_values(indicator: Indicator, unit: OrgUnit, period: Period) -> dict[str, float]:
    """{category key: number} the system knows for the indicator, unit and period (counts of the unit's subtree)."""
    dimensions = [SOURCE_CATEGORIES[c.code] for c in indicator.categories.all()]
    if indicator.source == Source.PRACTICES_UNITS:
        return _registering_units(unit, period.year, dimensions)
    statuses = _STATUSES[indicator.source]
    by = [*dimensions, *(["status"] if statuses else [])]
    result = stats(unit, period.year, by)
    values: dict[str, float] = {}
    if not dimensions:
        if statuses is None:
            return {"": float(result["total"])}
        return {"": float(sum(row["count"] for row in result["rows"] if row["status"] in statuses))}
    for key in category_keys_for(indicator):
        values[key] = 0.0
    for row in result["rows"]:
        if statuses is not None and row["status"] not in statuses:
            continue
        key = ",".join(_option_code(row, dimension) for dimension in dimensions)
        if key in values:
            values[key] += row["count"]
    return values


def _option_code(row: dict, dimension: str) -> str:
    return row["field"].replace("-", "_") if dimension == "field" else row[dimension]


def category_keys_for(indicator: Indicator) -> list[str]:
    from .selectors import category_keys

    return [key for key, _label in category_keys(indicator)]


def _registering_units(unit: OrgUnit, year: int, dimensions: list[str]) -> dict[str, float]:
    rows = facts_for(unit, year)
    if "level" in dimensions:
        values = dict.fromkeys(Level.values, 0.0)
        for level, _owner in rows.values_list("level", "owner_id").distinct():
            values[level] = values.get(level, 0.0) + 1
        return values
    return {"": float(rows.values("owner_id").distinct().count())}


@transaction.atomic
def fill_from_system(actor, submission: Submission) -> int:
    """Fills the report's bound indicators from the system; overridden cells keep their figure. Returns how many
    cells changed."""
    submission = _locked_for_update(submission)[0]
    if lock_reason(submission):
        return 0
    from .selectors import form_indicators

    period = Period.parse(submission.period)
    bound = [i for i in form_indicators(submission.form) if i.source]
    existing = {
        (v.indicator_id, v.category): v
        for v in Value.objects.filter(unit=submission.unit, period=submission.period, indicator__in=bound)
    }
    changes = []
    for indicator in bound:
        for category, number in system_values(indicator, submission.unit, period).items():
            current = existing.get((indicator.pk, category))
            if current is not None and (
                current.origin == Value.Origin.OVERRIDDEN or current.number == number
            ):
                continue
            changes.append(
                _Write(indicator, submission.unit, period.code, category, number, "", Value.Origin.SYSTEM, "")
            )
    _apply(actor, changes)
    return len(changes)


# --- values: writing -------------------------------------------------------------------------------------------------


@dataclass
class _Write:
    indicator: Indicator
    unit: OrgUnit
    period: str
    category: str
    number: float | None
    text: str
    origin: str
    reason: str
    row: int = 0  # the row number of a bulk write, for its messages


def _apply(actor, writes: list[_Write], before: dict[tuple, tuple] | None = None) -> int:
    """Upserts the cells and appends their history, in plain SQL (`executemany`): a bulk import must take tens of
    thousands of values a second, which one ORM object per row cannot. The caller holds the lock of the cells'
    reports, so `before` (the cells as they are, read under that lock) is what each change replaces."""
    if not writes:
        return 0
    bump_figures_version(REPORTING)
    user_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    before = _current(writes) if before is None else before
    value_rows, change_rows = [], []
    request_id = current_request_id()
    for w in writes:
        unit_id, indicator_id = w.unit.id, w.indicator.id
        old = before.get((unit_id, w.period, indicator_id, w.category))
        if (
            old is not None
            and old[0] == w.number
            and old[1] == w.text
            and old[2] == w.origin
            and not w.reason
        ):
            continue
        new = display(w.indicator, w.number, w.text)
        value_rows.append(
            (
                indicator_id,
                unit_id,
                w.unit.path,
                w.unit.province_code,
                w.period,
                w.category,
                w.number,
                w.text,
                w.origin,
                w.reason,
                now,
                user_id,
            )
        )
        change_rows.append(
            (
                indicator_id,
                unit_id,
                w.period,
                w.category,
                display(w.indicator, old[0], old[1]) if old else "",
                new,
                w.origin,
                w.reason,
                user_id,
                request_id,
                now,
            )
        )
    value, change = Value._meta.db_table, ValueChange._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(value_rows) > COPY_ABOVE:
            _copy_and_upsert(cursor, value_rows, change_rows)
            return len(value_rows)
        cursor.executemany(
            f"INSERT INTO {value} ({VALUE_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            f"{_UPSERT}",
            value_rows,
        )
        cursor.executemany(
            f"INSERT INTO {change} ({CHANGE_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            change_rows,
        )
    return len(value_rows)


# Above this many cells, PostgreSQL is sent the rows by COPY: its executemany is one statement per row, a few
# thousand rows a second, where a bulk import needs tens of thousands.
COPY_ABOVE = 1000
VALUE_COLUMNS = (
    "indicator_id, unit_id, unit_path, province_code, period, category, number, text, origin, reason, updated_at,"
    " updated_by_id"
)
CHANGE_COLUMNS = (
    "indicator_id, unit_id, period, category, old_value, new_value, origin, reason, user_id, request_id, at"
)
_UPSERT = (
    " ON CONFLICT (period, unit_id, indicator_id, category) DO UPDATE SET number = excluded.number,"
    " text = excluded.text, origin = excluded.origin, reason = excluded.reason,"
    " updated_at = excluded.updated_at, updated_by_id = excluded.updated_by_id"
)


def _copy_and_upsert(cursor, value_rows: list[tuple], change_rows: list[tuple]) -> None:
    """The cells COPYed into a temporary table, then upserted by one INSERT … SELECT … ON CONFLICT; their history
    COPYed straight into its table (PostgreSQL)."""
    value, change, load = Value._meta.db_table, ValueChange._meta.db_table, "reporting_value_load"
    # One row per cell (ON CONFLICT cannot touch a row twice in one statement): the last write of a cell wins, as
    # with executemany.
    cells = {(row[1], row[4], row[0], row[5]): row for row in value_rows}
    with transaction.atomic():
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{load}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {load} ON COMMIT DROP AS SELECT {VALUE_COLUMNS} FROM {value} WITH NO DATA"
        )
        with cursor.copy(f"COPY {load} ({VALUE_COLUMNS}) FROM STDIN") as copy:
            for row in cells.values():
                copy.write_row(row)
        cursor.execute(f"INSERT INTO {value} ({VALUE_COLUMNS}) SELECT {VALUE_COLUMNS} FROM {load}{_UPSERT}")
        cursor.execute(f"DROP TABLE {load}")
        with cursor.copy(f"COPY {change} ({CHANGE_COLUMNS}) FROM STDIN") as copy:
            for row in change_rows:
                copy.write_row(row)


def _current(writes: list[_Write]) -> dict[tuple, tuple]:
    """{(unit id, period, indicator id, category): (number, text, origin)} of the cells about to be written."""
    wanted = {(w.unit.id, w.period, w.indicator.id, w.category) for w in writes}
    units = sorted({key[0] for key in wanted})
    periods = sorted({key[1] for key in wanted})
    indicators = sorted({key[2] for key in wanted})
    found = {}
    for start in range(0, len(units), 500):
        rows = Value.objects.filter(
            unit_id__in=units[start : start + 500], period__in=periods, indicator_id__in=indicators
        ).values_list("unit_id", "period", "indicator_id", "category", "number", "text", "origin")
        for unit_id, period, indicator_id, category, number, text, origin in rows:
            key = (unit_id, period, indicator_id, category)
            if key in wanted:
                found[key] = (number, text, origin)
    return found


@dataclass
class CellResult:
    value: Value | None
    shown: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Conflict(ValidationError):
    """The cell was changed by someone else since the user (or client) read it: nothing was written."""


def _conflict(indicator: Indicator, current: Value | None, expected, name_who: bool = True) -> str:
    """The message when the cell no longer holds what the writer started from ("" when it still does). Both sides
    are compared as the grid shows them, so "1.759", 1759 and "1759" are the same figure. `name_who=False`: the
    message does not say who changed it nor when (`current` need not be a saved row)."""
    shown = display(indicator, current.number, current.text) if current else ""
    try:
        started_from = display(indicator, *parse_value(indicator, expected))
    except ValidationError:
        started_from = None
    if started_from == shown:
        return ""
    user = current.updated_by if name_who and current and current.updated_by_id else None
    at = timezone.localtime(current.updated_at) if name_who and current and current.updated_at else None
    if at is None:
        when = "—"
    elif at.date() == timezone.localdate():
        when = at.strftime("%H:%M")
    else:
        when = at.strftime("%H:%M %d/%m/%Y")
    return _("Ô này vừa được %(user)s sửa thành “%(value)s” lúc %(time)s; tải lại để xem.") % {
        "user": user.display_name if user else _("hệ thống"),
        "value": shown or _("(trống)"),
        "time": when,
    }


def _lock_cell_reports(submission: Submission, indicator: Indicator) -> Submission:
    """Locks, in id order, the report and the unit's other reports of the period that hold the indicator (a cell
    shared by two forms is written under both locks); returns the report, read under its lock."""
    ids = set(
        Submission.objects.filter(
            unit_id=submission.unit_id, period=submission.period, form__sections__items__indicator=indicator
        ).values_list("pk", flat=True)
    ) | {submission.pk}
    locked = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("form", "unit")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    return next(s for s in locked if s.pk == submission.pk)


_NOT_GIVEN = object()


@transaction.atomic
def save_value(
    actor,
    submission: Submission,
    indicator: Indicator,
    category: str,
    raw,
    reason: str = "",
    expected=_NOT_GIVEN,
) -> CellResult:
    """Saves one cell of a report as the user leaves it: checked, then the form's rules and the unit's history.
    The report is locked first, so a submit or another save of the cell waits for this one. `expected`: the
    figure the user started from; when the cell holds something else by now, Conflict says who changed it."""
    submission = _lock_cell_reports(submission, indicator)
    if not can_enter(actor, submission.unit):
        raise NotAllowed(_("Bạn không có quyền nhập báo cáo của %(unit)s.") % {"unit": submission.unit.name})
    locked = lock_reason(submission)
    if locked:
        raise ValidationError(locked)
    from .selectors import form_indicators

    if indicator.pk not in {i.pk for i in form_indicators(submission.form)} or indicator.expression:
        raise ValidationError(
            _("Chỉ tiêu “%(name)s” không nhập được trong biểu mẫu này.") % {"name": indicator.name}
        )
    if category not in category_keys_for(indicator):
        raise ValidationError(
            _("“%(name)s”: phân tổ “%(category)s” không có.") % {"name": indicator.name, "category": category}
        )
    number, text = parse_value(indicator, raw)
    current = (
        Value.objects.filter(
            unit=submission.unit, period=submission.period, indicator=indicator, category=category
        )
        .select_related("updated_by")
        .first()
    )
    if expected is not _NOT_GIVEN:
        changed = _conflict(indicator, current, expected)
        if changed:
            raise Conflict(changed)
    reason = nfc(reason or "").strip()[:300]
    origin = Value.Origin.ENTERED
    if indicator.source:
        system = system_values(indicator, submission.unit, Period.parse(submission.period)).get(category)
        if number == system:
            origin, reason = Value.Origin.SYSTEM, ""
        elif not reason:
            raise ValidationError(
                _("“%(name)s” lấy từ hệ thống (%(value)s): ghi lý do khi sửa số liệu này.")
                % {"name": indicator.name, "value": display(indicator, system)}
            )
        else:
            origin = Value.Origin.OVERRIDDEN
    key = (submission.unit.id, submission.period, indicator.id, category)
    _apply(
        actor,
        [_Write(indicator, submission.unit, submission.period, category, number, text, origin, reason)],
        before={key: (current.number, current.text, current.origin)} if current else {},
    )
    value = Value.objects.filter(
        unit=submission.unit, period=submission.period, indicator=indicator, category=category
    ).first()
    result = CellResult(value=value, shown=display(indicator, number, text))
    for violation in check_rules(submission, involving={indicator.code}):
        (result.errors if violation.blocking else result.warnings).append(violation.message)
    outlier = outlier_warning(indicator, submission.unit, Period.parse(submission.period), category, number)
    if outlier:
        result.warnings.append(outlier)
    return result


def outlier_warning(
    indicator: Indicator, unit: OrgUnit, period: Period, category: str, number: float | None
) -> str:
    """A warning when the figure is far outside the unit's own figures of the last periods of the same type: more
    than three times the highest, or under a third of the lowest (with at least two earlier figures)."""
    if number is None or indicator.value_type not in (ValueType.INTEGER, ValueType.DECIMAL):
        return ""
    from .selectors import unit_history

    history = unit_history(unit, indicator, category, period)
    if len(history) < 2:
        return ""
    low, high = min(history), max(history)
    if number > 3 * max(high, 3) or (low > 3 and number < low / 3):
        return _(
            "“%(name)s” = %(value)s khác xa số liệu các kỳ trước của đơn vị (từ %(low)s đến %(high)s): kiểm tra lại."
        ) % {
            "name": indicator.name,
            "value": display(indicator, number),
            "low": display(indicator, low),
            "high": display(indicator, high),
        }
    return ""


# --- validation rules ------------------------------------------------------------------------------------------------


@dataclass
class Violation:
    rule: ValidationRule
    left: float
    right: float

    @property
    def blocking(self) -> bool:
        return self.rule.importance == "blocking"

    @property
    def message(self) -> str:
        operator = self.rule.get_operator_display()
        return f"{self.rule.message} ({vn_number(self.left, 2)} {operator} {vn_number(self.right, 2)})"


def unit_values(unit: OrgUnit, period: str) -> dict[tuple[str, str], float]:
    """{(indicator code, category): number} of the unit's own numeric cells for the period."""
    rows = Value.objects.filter(unit=unit, period=period, number__isnull=False).values_list(
        "indicator__code", "category", "number"
    )
    return {(code, category): number for code, category, number in rows}


def check_rules(submission: Submission, involving: set[str] | None = None) -> list[Violation]:
    """The form's rules broken by the unit's own figures (a side with a missing figure is not checked)."""
    values = unit_values(submission.unit, submission.period)
    computed = dict(Indicator.objects.exclude(expression="").values_list("code", "expression"))
    cache: dict = {}

    def lookup(reference: expressions.Reference):
        if reference in cache:
            return cache[reference]
        cache[reference] = None  # a cycle yields no value rather than endless recursion
        if not reference.option and reference.code in computed:
            result = expressions.evaluate(computed[reference.code], lookup)
        else:
            found = [
                number
                for (code, category), number in values.items()
                if code == reference.code
                and (not reference.option or reference.option in category.split(","))
            ]
            result = sum(found) if found else None
        cache[reference] = result
        return result

    violations = []
    for rule in submission.form.rules.all():
        if involving is not None:
            used = expressions.codes_in(rule.left) | expressions.codes_in(rule.right)
            if not used & _expanded(involving, computed):
                continue
        left, right = expressions.evaluate(rule.left, lookup), expressions.evaluate(rule.right, lookup)
        if left is None or right is None:
            continue
        if not _OPERATORS[rule.operator](left, right):
            violations.append(Violation(rule, left, right))
    return violations


def _expanded(codes: set[str], computed: dict[str, str]) -> set[str]:
    """The codes plus the computed indicators that use them, transitively."""
    result = set(codes)
    changed = True
    while changed:
        changed = False
        for code, text in computed.items():
            if code not in result and expressions.codes_in(text) & result:
                result.add(code)
                changed = True
    return result


# --- bulk write (API) ------------------------------------------------------------------------------------------------


@transaction.atomic
def write_values(actor, rows: list[dict]) -> dict:
    """Writes many values at once (`[{"unit", "period", "indicator", "category", "value", "reason"?,
    "expected"?}]`): every row is checked first — as the grid checks a cell: the unit reports a form holding the
    indicator, for a period of that form's type, open at its end — and one bad or forbidden row writes nothing.
    The reports the cells belong to are locked (in id order) before their state is read; a row with `expected`
    is refused when its cell no longer holds that figure. Returns {"written": n, "unchanged": m}."""
    if len(rows) > MAX_BULK_VALUES:
        raise ValidationError(_("Tối đa %(n)s số liệu mỗi lần.") % {"n": vn_number(MAX_BULK_VALUES)})
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(code__in={str(r.get("indicator")) for r in rows}).prefetch_related(
            "categories__options"
        )
    }
    forms_of = _forms_of([i.id for i in indicators.values()])
    unit_ids = set()
    for row in rows:
        with contextlib.suppress(TypeError, ValueError):
            unit_ids.add(int(row.get("unit")))
    # Only what the checks and the rows need: a bulk write names thousands of units. Only the writer's visible units:
    # one outside their scope is answered like one that does not exist, never named.
    units = (
        units_visible_to(actor)
        .only("id", "name", "kind", "path", "province_code", "parent_id", "valid_from", "valid_to")
        .in_bulk(list(unit_ids))
    )
    errors: dict[str, list[str]] = {}
    forbidden: set[str] = set()
    writes: list[_Write] = []
    # Per write: the (unit id, period, form id) of the reports holding its cell.
    reports_of: list[list[tuple]] = []
    expected: dict[int, object] = {}  # write index → the figure the client started from
    keys_of: dict[int, set[str]] = {}
    seen = set()
    # What every row of a unit, a period or an indicator shares is worked out once, and ids are read as `.id`, not
    # `.pk` (a property): an import of 100,000 values spends a few µs a row here.
    allowed: dict[int, bool] = {}
    periods: dict[str, tuple[Period | None, str]] = {}  # given code → (period, error)
    # (unit id, period, the indicator's forms) → report keys, or why none; the units' lineage, read once each.
    reporting: dict[tuple, list[tuple] | str] = {}
    lineage: dict[int, list[str]] = {}
    form_ids = {indicator_id: tuple(f.id for f in forms) for indicator_id, forms in forms_of.items()}
    for index, row in enumerate(rows, start=1):
        problems = []
        try:
            unit = units.get(int(row.get("unit")))
        except (TypeError, ValueError):
            unit = None
        if unit is None:
            problems.append(_("không có đơn vị “%(unit)s”") % {"unit": row.get("unit")})
        else:
            allowed_here = allowed.get(unit.id)
            if allowed_here is None:
                allowed_here = allowed[unit.id] = can_enter(actor, unit)
            if not allowed_here:
                forbidden.add(unit.name)
                continue
        indicator = indicators.get(str(row.get("indicator")))
        if indicator is None:
            problems.append(_("không có chỉ tiêu “%(code)s”") % {"code": row.get("indicator")})
        elif indicator.expression:
            problems.append(
                _("chỉ tiêu “%(code)s” tính theo công thức, không nhập") % {"code": indicator.code}
            )
        elif indicator.id not in keys_of:
            keys_of[indicator.id] = set(category_keys_for(indicator))
        given = str(row.get("period") or "")
        if given not in periods:
            try:
                periods[given] = (Period.parse(given), "")
            except ValueError as error:
                periods[given] = (None, str(error))
        period, problem = periods[given]
        if problem:
            problems.append(problem)
        category = row.get("category") or ""
        if indicator is not None and not indicator.expression and category not in keys_of[indicator.id]:
            problems.append(
                _("chỉ tiêu “%(code)s” không có phân tổ “%(category)s”")
                % {"code": indicator.code, "category": category}
            )
        reports: list[tuple] = []
        if unit is not None and indicator is not None and period is not None and not problems:
            shared = (unit.id, period.code, form_ids.get(indicator.id) or ("none", indicator.id))
            found = reporting.get(shared)
            if found is None:
                found = reporting[shared] = _reports_for(
                    forms_of.get(indicator.id, []), unit, period, indicator, lineage
                )
            if isinstance(found, str):
                problems.append(found)
            else:
                reports = found
        number = text = None
        if indicator is not None and not problems:
            try:
                number, text = parse_value(indicator, row.get("value"))
            except ValidationError as error:
                problems.extend(error.messages)
        if not problems:
            key = (unit.id, period.code, indicator.id, category)
            if key in seen:
                problems.append(_("trùng ô số liệu với một dòng trước"))
            seen.add(key)
        if problems:
            errors[_("Dòng %(n)s") % {"n": index}] = problems
            continue
        if "expected" in row:
            expected[len(writes)] = row["expected"]
        reason = nfc(str(row["reason"])).strip()[:300] if row.get("reason") else ""
        origin = Value.Origin.OVERRIDDEN if indicator.source else Value.Origin.IMPORTED
        writes.append(_Write(indicator, unit, period.code, category, number, text, origin, reason, index))
        reports_of.append(reports)
    if forbidden:
        raise NotAllowed(
            _("Bạn không có quyền nhập số liệu của: %(units)s. Không số liệu nào được ghi.")
            % {"units": ", ".join(sorted(forbidden)[:10])}
        )
    if errors:
        raise ValidationError(errors)
    submissions = _lock_reports({key for keys in reports_of for key in keys}, forms_of)
    forms = {form.id: form for fs in forms_of.values() for form in fs}
    locked = _locked_cells(writes, reports_of, submissions, forms)
    if locked:
        raise ValidationError({_("Dòng %(n)s") % {"n": n}: [message] for n, message in locked[:50]})
    before = _current(writes)
    if expected:
        changed = _changed_cells(writes, expected, before)
        if changed:
            raise Conflict({_("Dòng %(n)s") % {"n": n}: [message] for n, message in changed[:50]})
    written = _apply(actor, writes, before)
    return {"written": written, "unchanged": len(writes) - written}


def _forms_of(indicator_ids) -> dict[int, list[Form]]:
    """{indicator id: the forms holding it}, each form with its owner and its khối members read once."""
    pairs = list(
        SectionIndicator.objects.filter(indicator_id__in=indicator_ids).values_list(
            "indicator_id", "section__form_id"
        )
    )
    forms = (
        Form.objects.select_related("owner")
        .prefetch_related("reporting_groups__members")
        .in_bulk({form_id for _i, form_id in pairs})
    )
    for form in forms.values():
        groups = list(form.reporting_groups.all())
        form.members = {unit.pk for group in groups for unit in group.members.all()} if groups else None
    result: dict[int, list[Form]] = {}
    for indicator_id, form_id in pairs:
        result.setdefault(indicator_id, []).append(forms[form_id])
    return result


def _reports_for(
    forms: list[Form], unit: OrgUnit, period: Period, indicator: Indicator, lineage: dict
) -> list[tuple] | str:
    """The (unit id, period, form id) of the reports a cell of the indicator belongs to: the forms holding it, of
    the period's type, that the unit reports (`report_problem`); or why there is none."""
    of_type = [form for form in forms if form.period_type == period.type]
    if not of_type:
        return _("chỉ tiêu “%(code)s” không thuộc biểu mẫu nào báo cáo theo kỳ %(type)s") % {
            "code": indicator.code,
            "type": PeriodType(period.type).label.lower(),
        }
    problems = [report_problem(form, unit, period, form.members, lineage) for form in of_type]
    if all(problems):
        return problems[0]
    return [
        (unit.id, period.code, form.id)
        for form, problem in zip(of_type, problems, strict=True)
        if not problem
    ]


def _lock_reports(keys: set[tuple], forms_of: dict[int, list[Form]]) -> dict[tuple, Submission]:
    """Locks the existing reports of these (unit id, period, form id) keys, in id order, and returns them by key.
    For a report not created yet its unit's row is locked first (`open_submission` takes the same lock before it
    creates one), so no report can appear, be submitted and miss these values while they are written."""
    if not keys:
        return {}
    forms = {form.id: form for fs in forms_of.values() for form in fs}

    def existing(wanted: set[tuple]) -> dict[tuple, int]:
        found = {}
        units = sorted({k[0] for k in wanted})
        for start in range(0, len(units), 500):
            rows = Submission.objects.filter(
                unit_id__in=units[start : start + 500],
                period__in={k[1] for k in wanted},
                form_id__in={k[2] for k in wanted},
            ).values_list("unit_id", "period", "form_id", "pk")
            found.update({(u, p, f): pk for u, p, f, pk in rows if (u, p, f) in wanted})
        return found

    ids = existing(keys)
    missing = keys - set(ids)
    if missing:
        _lock_units(k[0] for k in missing)
        ids.update(existing(missing))
    key_of = {pk: key for key, pk in ids.items()}
    result = {}
    pks = sorted(key_of)
    for start in range(0, len(pks), 500):
        for submission in (
            Submission.objects.select_for_update(of=("self",))
            .filter(pk__in=pks[start : start + 500])
            .order_by("pk")
        ):
            submission.form = forms[submission.form_id]
            result[key_of[submission.pk]] = submission
    return result


def _locked_cells(
    writes: list[_Write], reports_of: list[list[tuple]], submissions: dict, forms: dict[int, Form]
) -> list[tuple[int, str]]:
    """(row number, reason) of the writes that fall in a submitted, approved or expired report (read under lock)."""
    today = timezone.localdate()
    reasons: dict[tuple, str] = {}  # one report's lock holds for all its cells
    locked = []
    for w, keys in zip(writes, reports_of, strict=True):
        for key in keys:
            if key not in reasons:
                submission = submissions.get(key)
                if submission is None:
                    # A report not opened yet is locked or not by its form and period alone: one check for all.
                    blank = (key[1], key[2])
                    if blank not in reasons:
                        reasons[blank] = lock_reason(Submission(form=forms[key[2]], period=key[1]), today)
                    reasons[key] = reasons[blank]
                else:
                    reasons[key] = lock_reason(submission, today)
            if reasons[key]:
                locked.append((w.row, reasons[key]))
                break
    return locked


def _changed_cells(writes: list[_Write], expected: dict[int, object], before: dict) -> list[tuple[int, str]]:
    """(row number, message) of the rows whose cell no longer holds the `expected` figure the client sent (read
    under the reports' lock); who changed it is read for the first 50 only."""
    changed = []
    for index, raw in expected.items():
        w = writes[index]
        old = before.get((w.unit.id, w.period, w.indicator.id, w.category))
        current = Value(number=old[0], text=old[1]) if old else None
        if not _conflict(w.indicator, current, raw, name_who=False):
            continue
        if len(changed) < 50:
            current = (
                Value.objects.filter(
                    unit_id=w.unit.id, period=w.period, indicator_id=w.indicator.id, category=w.category
                )
                .select_related("updated_by")
                .first()
            )
        changed.append((w.row, _conflict(w.indicator, current, raw)))
    return changed


# --- workflow --------------------------------------------------------------------------------------------------------


def _transition(actor, submission: Submission, action: str, comment: str = "") -> Submission:
    SubmissionEvent.objects.create(
        submission=submission,
        action=action,
        comment=comment,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    return submission


def _locked_for_update(submission: Submission) -> tuple[Submission, dict]:
    # Only the submission row is locked: PostgreSQL refuses FOR UPDATE across the outer join to the parent unit.
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("form", "unit", "unit__parent")
        .get(pk=submission.pk)
    )
    return submission, snapshot(submission)


@transaction.atomic
def save_narrative(actor, submission: Submission, texts: dict[str, str]) -> Submission:
    from .models import NARRATIVE_KEYS

    submission, before = _locked_for_update(submission)
    if not can_enter(actor, submission.unit):
        raise NotAllowed()
    locked = lock_reason(submission)
    if locked:
        raise ValidationError(locked)
    narrative = dict(submission.narrative or {})
    for key, text in texts.items():
        if key not in NARRATIVE_KEYS:
            raise ValidationError({key: [_("Không có mục này trong đề cương báo cáo.")]})
        text = nfc_lines(text)
        if len(text) > 20000:
            raise ValidationError({key: [_("Tối đa 20.000 ký tự mỗi mục.")]})
        narrative[key] = text
    submission.narrative = {k: v for k, v in narrative.items() if v}
    submission.save(update_fields=["narrative", "updated_at"])
    record_change(actor, "update", submission, before, snapshot(submission), submission.unit)
    return submission


@transaction.atomic
def submit(actor, submission: Submission) -> Submission:
    submission, before = _locked_for_update(submission)
    if not can_enter(actor, submission.unit):
        raise NotAllowed(_("Bạn không có quyền nộp báo cáo của %(unit)s.") % {"unit": submission.unit.name})
    if submission.status not in (Submission.Status.DRAFT, Submission.Status.RETURNED):
        raise ValidationError(
            _("Báo cáo đang ở trạng thái “%(status)s”, không nộp được.")
            % {"status": submission.get_status_display()}
        )
    locked = lock_reason(submission)
    if locked:
        raise ValidationError(locked)
    blocking = [v for v in check_rules(submission) if v.blocking]
    if blocking:
        raise ValidationError(
            [_("Chưa nộp được: số liệu vi phạm quy tắc kiểm tra.")] + [v.message for v in blocking]
        )
    submission.status = Submission.Status.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.submitted_by = actor
    submission.save()
    _transition(actor, submission, SubmissionEvent.Action.SUBMIT)
    record_change(actor, "update", submission, before, snapshot(submission), submission.unit)
    return submission


def _require_approver(actor, submission: Submission) -> None:
    if not can_approve(actor, submission.unit):
        raise NotAllowed(
            _("Chỉ người phê duyệt của đơn vị cấp trên mới duyệt, trả lại hoặc mở lại báo cáo này.")
        )


@transaction.atomic
def approve(actor, submission: Submission, comment: str = "") -> Submission:
    submission, before = _locked_for_update(submission)
    _require_approver(actor, submission)
    if submission.status != Submission.Status.SUBMITTED:
        raise ValidationError(_("Chỉ duyệt được báo cáo đã nộp."))
    submission.status = Submission.Status.APPROVED
    submission.approved_at = timezone.now()
    submission.approved_by = actor
    submission.save()
    _transition(actor, submission, SubmissionEvent.Action.APPROVE, nfc(comment or "").strip())
    record_change(actor, "update", submission, before, snapshot(submission), submission.unit)
    return submission


@transaction.atomic
def return_submission(actor, submission: Submission, comment: str) -> Submission:
    submission, before = _locked_for_update(submission)
    _require_approver(actor, submission)
    comment = nfc(comment or "").strip()
    if submission.status != Submission.Status.SUBMITTED:
        raise ValidationError(_("Chỉ trả lại được báo cáo đã nộp, chưa duyệt."))
    if not comment:
        raise ValidationError({"comment": [_("Ghi rõ lý do trả lại để đơn vị sửa.")]})
    submission.status = Submission.Status.RETURNED
    submission.save()
    _transition(actor, submission, SubmissionEvent.Action.RETURN, comment)
    record_change(actor, "update", submission, before, snapshot(submission), submission.unit)
    return submission


@transaction.atomic
def reopen(actor, submission: Submission, comment: str) -> Submission:
    """Unlocks an approved report (or one past its entry deadline) for REOPEN_DAYS days."""
    submission, before = _locked_for_update(submission)
    _require_approver(actor, submission)
    comment = nfc(comment or "").strip()
    if not comment:
        raise ValidationError({"comment": [_("Ghi rõ lý do mở lại báo cáo.")]})
    if submission.status == Submission.Status.SUBMITTED:
        raise ValidationError(_("Báo cáo đang chờ duyệt: trả lại thay vì mở lại."))
    if submission.status in (Submission.Status.DRAFT, Submission.Status.RETURNED) and not lock_reason(
        submission
    ):
        raise ValidationError(_("Báo cáo đang mở, không cần mở lại."))
    submission.status = Submission.Status.RETURNED
    submission.approved_at = None
    submission.approved_by = None
    submission.unlocked_until = timezone.localdate() + datetime.timedelta(days=REOPEN_DAYS)
    submission.save()
    _transition(actor, submission, SubmissionEvent.Action.REOPEN, comment)
    record_change(actor, "update", submission, before, snapshot(submission), submission.unit)
    return submission
