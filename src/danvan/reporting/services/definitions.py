"""Definitions: indicators, categories (disaggregations), forms and their sections. Checked, atomic,
logged in the change log."""

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.periods import PeriodType
from danvan.core.text import nfc
from danvan.orgunits.models import OrgUnit

from .. import expressions
from ..models import (
    NARRATIVE_KEYS,
    Category,
    CategoryOption,
    Form,
    Indicator,
    Section,
    SectionIndicator,
    Value,
    ValueType,
)
from .access import can_define
from .system import ACTIVITIES_SOURCES_HELP, ALLOWED_CATEGORIES, CITIZENS_SOURCES_HELP

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


def _assign(definition, data: dict, fields) -> None:
    """Sets the definition's `fields` found in `data`, each text in NFC without its outer spaces."""
    for name, value in data.items():
        if name in fields:
            setattr(definition, name, nfc(value).strip() if isinstance(value, str) else value)


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
        allowed = ALLOWED_CATEGORIES.get(indicator.source, ())
        unsupported = [c.name for c in categories if c.code not in allowed]
        if unsupported and indicator.source.startswith("activities."):
            add(
                "categories",
                _("%(help)s Không phân tổ được theo: %(names)s.")
                % {"help": ACTIVITIES_SOURCES_HELP, "names": ", ".join(unsupported)},
            )
        elif unsupported and indicator.source.startswith("citizens."):
            add(
                "categories",
                _("%(help)s Không phân tổ được theo: %(names)s.")
                % {"help": CITIZENS_SOURCES_HELP, "names": ", ".join(unsupported)},
            )
        elif unsupported:
            add(
                "categories",
                _("Số liệu hệ thống chỉ phân tổ được theo cấp và lĩnh vực, không theo: %(names)s.")
                % {"names": ", ".join(unsupported)},
            )
    if indicator.source.startswith("citizens.") and len(categories) > 1:
        add(
            "categories",
            _("Số đơn tiếp nhận chỉ phân tổ theo một trong hai: loại đơn hoặc lĩnh vực đơn thư."),
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
    _assign(indicator, data, INDICATOR_FIELDS)
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


FORM_FIELDS = (
    "code",
    "name",
    "owner",
    "period_type",
    "reporting_kinds",
    "deadline_days",
    "lock_days",
    "has_narrative",
    "required_narrative",
    "document_title",
    "is_active",
)


@transaction.atomic
def save_form(actor, form: Form | None = None, *, groups=None, **data) -> Form:
    creating = form is None
    form = Form() if creating else Form.objects.select_for_update().get(pk=form.pk)
    before = None if creating else snapshot(form)
    _assign(form, data, FORM_FIELDS)
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
    if not isinstance(form.required_narrative, list) or any(
        key not in NARRATIVE_KEYS for key in form.required_narrative
    ):
        errors["required_narrative"] = [_("Chỉ chọn các mục có trong đề cương báo cáo.")]
    else:
        form.required_narrative = [key for key in NARRATIVE_KEYS if key in form.required_narrative]
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
def save_section(
    actor,
    form: Form,
    section: Section | None = None,
    *,
    title: str,
    indicators,
    narrative_key: str | None = None,
    required=(),
) -> Section:
    """A section's title and its indicators in order (replacing the previous list); `required`: those of them that
    are compulsory (a report is not submitted while one of their cells is empty); `narrative_key` (kept when None):
    the report document's outline section its figures are written into ("" for the one its title names)."""
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
    if narrative_key and narrative_key not in NARRATIVE_KEYS:
        raise ValidationError(
            {"narrative_key": [_("Không có mục “%(key)s” trong đề cương báo cáo.") % {"key": narrative_key}]}
        )
    creating = section is None
    if creating:
        section = Section(form=form, position=form.sections.count() + 1)
    before = None if creating else _section_state(section)
    section.title = title
    if narrative_key is not None:
        section.narrative_key = narrative_key
    section.save()
    required_ids = {getattr(i, "pk", i) for i in required}
    SectionIndicator.objects.filter(section=section).delete()
    SectionIndicator.objects.bulk_create(
        SectionIndicator(
            section=section,
            indicator=indicator,
            position=position,
            required=indicator.pk in required_ids and not indicator.expression,
        )
        for position, indicator in enumerate(indicators, start=1)
    )
    record_change(
        actor, "create" if creating else "update", form, before, _section_state(section), form.owner
    )
    return section


def section_codes(section: Section) -> list[str]:
    return list(section.items.order_by("position").values_list("indicator__code", flat=True))


def _section_state(section: Section) -> dict:
    """A section as the change log keeps it: its title, its indicators' codes, the compulsory ones and the outline
    section of the report document its figures are written into."""
    items = list(section.items.order_by("position").values_list("indicator__code", "required"))
    return {
        "section": section.title,
        "indicators": [code for code, _required in items],
        "required": [code for code, required in items if required],
        "narrative_key": section.narrative_key,
    }


@transaction.atomic
def delete_section(actor, section: Section) -> None:
    form = section.form
    if not can_define(actor, form.owner):
        raise NotAllowed()
    before = _section_state(section)
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
