"""A form's validation rules: defined (checked, logged), and checked against a unit's own figures through the one
expression evaluator (`expressions.unit_lookup`)."""

import math
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.text import nfc, vn_number
from danvan.orgunits.models import OrgUnit

from .. import expressions
from ..models import (
    Form,
    Indicator,
    SectionIndicator,
    Submission,
    ValidationRule,
    Value,
)
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


def check_rules(submission: Submission) -> list[Violation]:
    """The form's rules broken by the unit's own figures (a side with a missing figure is not checked), as a submit
    checks them; the grid and a saved cell read them from `report_figures`."""
    values = unit_values(submission.unit, submission.period)
    computed = dict(Indicator.objects.exclude(expression="").values_list("code", "expression"))
    return _broken(submission.form.rules.all(), expressions.unit_lookup(values, computed))


def _involving(rules, codes: set[str], computed: dict[str, str]) -> list[ValidationRule]:
    """The rules that use one of the codes, directly or through a computed indicator."""
    wanted = _expanded(codes, computed)
    return [
        rule
        for rule in rules
        if (expressions.codes_in(rule.left) | expressions.codes_in(rule.right)) & wanted
    ]


def _broken(rules, lookup: expressions.Lookup) -> list[Violation]:
    violations = []
    for rule in rules:
        left, right = expressions.evaluate(rule.left, lookup), expressions.evaluate(rule.right, lookup)
        if left is None or right is None:
            continue
        if not _OPERATORS[rule.operator](left, right):
            violations.append(Violation(rule, left, right))
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
    form: Form, indicators: list[Indicator], values: dict[tuple[int, str], Value]
) -> ReportFigures:
    """The evaluation of the report of `form` (its `indicators`) holding `values` (as `selectors.values_of` gives
    them, each naming its indicator's code): one query, the form's rules."""
    numbers = {
        (value.indicator_code, category): value.number
        for (_indicator_id, category), value in values.items()
        if value.number is not None
    }
    formulas = {indicator.code: indicator.expression for indicator in indicators if indicator.expression}
    lookup = expressions.unit_lookup(numbers, formulas)
    computed = {code: lookup(expressions.Reference(code)) for code in formulas}
    return ReportFigures(values, formulas, computed, _broken(form.rules.all(), lookup))


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
