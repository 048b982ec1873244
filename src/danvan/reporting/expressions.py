"""Arithmetic over indicator codes: computed indicators ("mh_cong_nhan / mh_dang_ky * 100") and both sides of a
validation rule ("don_giai_quyet <= don_tiep_nhan").

An expression is parsed with Python's `ast` and only numbers, indicator codes (optionally `code.option` for one
category option), + - * / and parentheses are accepted; nothing is ever passed to `eval`.
"""

import ast
import functools
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_OPERATORS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}


@dataclass(frozen=True)
class Reference:
    """A code in an expression, with the category option it is restricted to ("" for the whole indicator)."""

    code: str
    option: str = ""


def parse(text: str) -> ast.expr:
    """The checked syntax tree of an expression; ValidationError with a Vietnamese message otherwise."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Biểu thức trống."))
    if len(text) > 500:
        raise ValidationError(_("Biểu thức dài quá 500 ký tự."))
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError as error:
        raise ValidationError(
            _("Biểu thức “%(text)s” sai cú pháp: chỉ dùng mã chỉ tiêu, số, + - * / và dấu ngoặc.")
            % {"text": text}
        ) from error
    for node in ast.walk(tree):
        if not _allowed(node):
            raise ValidationError(
                _(
                    "Biểu thức “%(text)s” có thành phần không được phép: chỉ dùng mã chỉ tiêu, số, + - * / và dấu ngoặc."
                )
                % {"text": text}
            )
    return tree


def _allowed(node: ast.AST) -> bool:
    if isinstance(node, ast.BinOp):
        return type(node.op) in _OPERATORS
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, ast.USub | ast.UAdd)
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int | float) and not isinstance(node.value, bool)
    if isinstance(node, ast.Attribute):
        return isinstance(node.value, ast.Name)
    return isinstance(node, ast.Name | ast.Load | ast.operator | ast.unaryop)


def references(text: str) -> set[Reference]:
    tree = parse(text)
    bases = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            found.add(Reference(node.value.id, node.attr))
        elif isinstance(node, ast.Name) and id(node) not in bases:
            found.add(Reference(node.id))
    return found


@functools.lru_cache(maxsize=1024)
def codes_in(text: str) -> frozenset[str]:
    """The indicator codes a formula uses; remembered, since every saved cell checks the form's rules against them."""
    return frozenset(reference.code for reference in references(text))


def evaluate(text: str, lookup: Callable[[Reference], float | None]) -> float | None:
    """The value of the expression, `lookup` giving each reference's value; None if a value is missing or a
    division is by zero (a rate of nothing is no figure, not an error)."""
    return _compiled(text)(lookup)


Lookup = Callable[[Reference], float | None]


def unit_lookup(numbers: Mapping[tuple[str, str], float], formulas: Mapping[str, str]) -> Lookup:
    """A lookup over one unit's own figures {(code, category key): number}, as the rules and the entry grid see
    them: a computed code ({code: formula}) is its formula's value from the same figures, `code.option` adds up the
    cells of that option, a plain code all the indicator's cells. A formula met again through a cycle yields None
    rather than endless recursion."""
    cache: dict[Reference, float | None] = {}

    def lookup(reference: Reference) -> float | None:
        if reference in cache:
            return cache[reference]
        cache[reference] = None
        if not reference.option and reference.code in formulas:
            result = evaluate(formulas[reference.code], lookup)
        else:
            found = [
                number
                for (code, category), number in numbers.items()
                if code == reference.code
                and (not reference.option or reference.option in category.split(","))
            ]
            result = sum(found) if found else None
        cache[reference] = result
        return result

    return lookup


@functools.lru_cache(maxsize=1024)
def _compiled(text: str) -> Callable[[Lookup], float | None]:
    """The checked formula turned once into nested closures: a pivot evaluates the same few formulas for every unit,
    and walking the syntax tree each time would cost more than the arithmetic."""
    return _closure(parse(text))


def _closure(node: ast.expr) -> Callable[[Lookup], float | None]:
    if isinstance(node, ast.Constant):
        constant = float(node.value)
        return lambda lookup: constant
    if isinstance(node, ast.Attribute | ast.Name):
        reference = (
            Reference(node.value.id, node.attr) if isinstance(node, ast.Attribute) else Reference(node.id)
        )
        return lambda lookup: lookup(reference)
    if isinstance(node, ast.UnaryOp):
        operand, negate = _closure(node.operand), isinstance(node.op, ast.USub)

        def unary(lookup):
            value = operand(lookup)
            return None if value is None else (-value if negate else value)

        return unary
    left, right = _closure(node.left), _closure(node.right)
    operate, divides = _OPERATORS[type(node.op)], isinstance(node.op, ast.Div)

    def binary(lookup):
        a = left(lookup)
        if a is None:
            return None
        b = right(lookup)
        if b is None or (divides and b == 0):
            return None
        result = operate(a, b)
        return result if math.isfinite(result) else None

    return binary


def check_definitions(expressions: Mapping[str, str], known: Iterable[str]) -> dict[str, str]:
    """Errors {code: message} for computed indicators ({code: expression}) that refer to unknown codes or to
    themselves through a chain of others (a cycle)."""
    known = set(known) | set(expressions)
    errors: dict[str, str] = {}
    for code, text in expressions.items():
        try:
            unknown = sorted(codes_in(text) - known)
        except ValidationError as error:
            errors[code] = error.messages[0]
            continue
        if unknown:
            errors[code] = _("Công thức dùng mã chỉ tiêu không có: %(codes)s.") % {
                "codes": ", ".join(unknown)
            }
    graph = {
        code: codes_in(text) & set(expressions) for code, text in expressions.items() if code not in errors
    }
    for start in graph:
        cycle = _cycle_from(start, graph)
        if cycle:
            errors[start] = _("Công thức tạo vòng lặp: %(cycle)s.") % {"cycle": " → ".join(cycle)}
    return errors


def _cycle_from(start: str, graph: Mapping[str, set[str]]) -> list[str] | None:
    stack = [(start, [start])]
    while stack:
        code, trail = stack.pop()
        for following in sorted(graph.get(code, ())):
            if following == start:
                return [*trail, start]
            if following not in trail:
                stack.append((following, [*trail, following]))
    return None


def evaluation_order(expressions: Mapping[str, str]) -> list[str]:
    """Computed codes in an order where each comes after the computed codes it uses (definitions checked first)."""
    order: list[str] = []
    done: set[str] = set()

    def visit(code):
        if code in done:
            return
        done.add(code)
        for used in sorted(codes_in(expressions[code]) & set(expressions)):
            visit(used)
        order.append(code)

    for code in sorted(expressions):
        visit(code)
    return order
