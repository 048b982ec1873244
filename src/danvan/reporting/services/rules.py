"""A form's validation rules: defined (checked, logged), and checked against a unit's own figures through the one
expression evaluator (`expressions.unit_lookup`)."""

import math
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.text import nfc, vn_number
from danvan.orgunits.models import OrgUnit

from .. import expressions
from ..models import (
    NARRATIVE_KEYS,
    NARRATIVE_OUTLINE,
    Form,
    Indicator,
    Section,
    SectionIndicator,
    Submission,
    ValidationRule,
    Value,
)
from ..selectors import category_keys
from .access import can_define

_OPERATORS = {
    "==": lambda a, b: math.isclose(a, b, abs_tol=1e-9),
    "!=": lambda a, b: not math.isclose(a, b, abs_tol=1e-9),
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b + 1e-9,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a + 1e-9 >= b,
}


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


# What a broken rule says of its left side against its right: "left (30) không được lớn hơn right (23)".
_BROKEN = {
    "==": gettext_lazy("phải bằng"),
    "!=": gettext_lazy("phải khác"),
    "<": gettext_lazy("phải nhỏ hơn"),
    "<=": gettext_lazy("không được lớn hơn"),
    ">": gettext_lazy("phải lớn hơn"),
    ">=": gettext_lazy("không được nhỏ hơn"),
}


def _lower_first(text: str) -> str:
    """ "Số đơn thư…" → "số đơn thư…" in the middle of a sentence (an acronym such as "UBND" is left as it is)."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


@dataclass
class Violation:
    rule: ValidationRule
    left: float
    right: float
    # The sides as a person reads them: an indicator's name, or the expression when a side computes.
    left_label: str = ""
    right_label: str = ""

    @property
    def blocking(self) -> bool:
        return self.rule.importance == "blocking"

    @property
    def codes(self) -> frozenset[str]:
        """The indicators whose cells show the message: those of the left side, the one the rule constrains (of
        the right side when the left names none)."""
        return expressions.codes_in(self.rule.left) or expressions.codes_in(self.rule.right)

    @property
    def message(self) -> str:
        """Both sides with their labels and figures: "Số đơn thư đã giải quyết (30) không được lớn hơn số đơn thư
        tiếp nhận (23)" (the rule's own message is its `explanation`)."""
        return _("%(left)s (%(left_value)s) %(broken)s %(right)s (%(right_value)s)") % {
            "left": self.left_label or self.rule.left,
            "left_value": vn_number(self.left, 2),
            "broken": _BROKEN[self.rule.operator],
            "right": _lower_first(self.right_label or self.rule.right),
            "right_value": vn_number(self.right, 2),
        }

    @property
    def explanation(self) -> str:
        return self.rule.message


def _labels(indicators: list[Indicator]) -> dict[str, str]:
    """{code: name, "code.option": "name – option name"} of the indicators (categories and options prefetched)."""
    labels = {}
    for indicator in indicators:
        labels[indicator.code] = indicator.name
        for category in indicator.categories.all():
            for option in category.options.all():
                labels[f"{indicator.code}.{option.code}"] = f"{indicator.name} – {option.name}"
    return labels


def _side_label(text: str, labels: dict[str, str]) -> str:
    """An indicator's name when the side is one indicator (or one of its category options), else the expression."""
    return labels.get(text.replace(" ", ""), text.strip())


def unit_values(unit: OrgUnit, period: str) -> dict[tuple[str, str], float]:
    """{(indicator code, category): number} of the unit's own numeric cells for the period."""
    rows = Value.objects.filter(unit=unit, period=period, number__isnull=False).values_list(
        "indicator__code", "category", "number"
    )
    return {(code, category): number for code, category, number in rows}


def check_rules(submission: Submission) -> list[Violation]:
    """The form's rules broken by the unit's own figures (a side with a missing figure is not checked); the grid,
    a saved cell and a submit read them from `report_figures`."""
    values = unit_values(submission.unit, submission.period)
    computed = dict(Indicator.objects.exclude(expression="").values_list("code", "expression"))
    names = dict(
        SectionIndicator.objects.filter(section__form=submission.form).values_list(
            "indicator__code", "indicator__name"
        )
    )
    lookup = expressions.unit_lookup(values, computed)
    return _broken(submission.form.rules.all(), lookup, names)


def _involving(rules, codes: set[str], computed: dict[str, str]) -> list[ValidationRule]:
    """The rules that use one of the codes, directly or through a computed indicator."""
    wanted = _expanded(codes, computed)
    return [
        rule
        for rule in rules
        if (expressions.codes_in(rule.left) | expressions.codes_in(rule.right)) & wanted
    ]


def _broken(rules, lookup: expressions.Lookup, labels: dict[str, str]) -> list[Violation]:
    """The rules broken, each naming its sides (`labels`: `_labels` of the form's indicators)."""
    violations = []
    for rule in rules:
        left, right = expressions.evaluate(rule.left, lookup), expressions.evaluate(rule.right, lookup)
        if left is None or right is None:
            continue
        if not _OPERATORS[rule.operator](left, right):
            violations.append(
                Violation(rule, left, right, _side_label(rule.left, labels), _side_label(rule.right, labels))
            )
    return violations


@dataclass
class ReportFigures:
    """One evaluation of a unit's report: its cells, the form's computed indicators and the rules they break, all
    through one lookup over the unit's own figures. The grid draws it; a saved cell answers with it."""

    values: dict[tuple[int, str], Value]
    formulas: dict[str, str]
    computed: dict[str, float | None]
    violations: list[Violation]

    def panel(self) -> list[Violation]:
        """The rules panel: blocking violations first."""
        return sorted(self.violations, key=lambda v: not v.blocking)

    def involving(self, code: str) -> list[Violation]:
        """The violations of the rules that use the indicator, directly or through a computed indicator."""
        rules = _involving([v.rule for v in self.violations], {code}, self.formulas)
        return [v for v in self.violations if v.rule in rules]


def report_figures(
    form: Form, indicators: list[Indicator], values: dict[tuple[int, str], Value], rules=None
) -> ReportFigures:
    """The evaluation of the report of `form` (its `indicators`) holding `values` (as `selectors.values_of` gives
    them, each naming its indicator's code) against the form's `rules` (read here, one query, when not given)."""
    numbers = {
        (value.indicator_code, category): value.number
        for (_indicator_id, category), value in values.items()
        if value.number is not None
    }
    formulas = {indicator.code: indicator.expression for indicator in indicators if indicator.expression}
    lookup = expressions.unit_lookup(numbers, formulas)
    computed = {code: lookup(expressions.Reference(code)) for code in formulas}
    rules = form.rules.all() if rules is None else rules
    return ReportFigures(values, formulas, computed, _broken(rules, lookup, _labels(indicators)))


@dataclass
class Gap:
    """A compulsory cell (`indicator`, `category`) or narrative section (`key`) left empty."""

    label: str
    indicator: Indicator | None = None
    category: str = ""
    key: str = ""
    anchor: str = ""  # where a page links to it (set by the page)


def compulsory_gaps(
    form: Form, sections: list[Section], values: dict[tuple[int, str], Value], narrative: dict | None
) -> list[Gap]:
    """The compulsory cells without a figure (every category option of a compulsory indicator counts) and the
    compulsory narrative sections without text, in the form's order. `sections`: `selectors.form_structure`."""
    gaps = []
    for section in sections:
        for item in section.items.all():
            indicator = item.indicator
            if not item.required or indicator.expression:
                continue
            for category, label in category_keys(indicator):
                value = values.get((indicator.pk, category))
                if value is None or (value.number is None and not (value.text or "").strip()):
                    name = f"{indicator.name} – {label}" if label else indicator.name
                    gaps.append(Gap(label=name, indicator=indicator, category=category))
    if form.has_narrative:
        headings = {key: str(heading) for key, heading, _depth in NARRATIVE_OUTLINE}
        texts = narrative or {}
        for key in NARRATIVE_KEYS:
            if key in (form.required_narrative or []) and not (texts.get(key) or "").strip():
                gaps.append(Gap(label=headings[key], key=key))
    return gaps


def gaps_message(gaps: list[Gap]) -> str:
    return _("Còn %(n)s ô / mục bắt buộc chưa điền.") % {"n": len(gaps)}


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
