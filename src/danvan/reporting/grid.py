"""The data entry grid as data: each section of a form in blocks of indicators sharing their categories, every cell
with its stored value, the row totals and the computed indicators. Pages and partial updates draw it; nothing here
reads a request."""

from dataclasses import dataclass, field

from . import display, expressions, selectors
from .models import Indicator, Value, ValueType


def cell_dom_id(indicator: Indicator, category: str) -> str:
    return f"c{indicator.pk}" + (f"-{category.replace(',', '--')}" if category else "")


@dataclass
class GridCell:
    indicator: Indicator
    category: str
    label: str
    value: Value | None
    shown: str
    dom_id: str
    editable: bool
    row: int = 0
    column: int = 0
    saved: bool = False
    errors: list[str] = field(default_factory=list)
    rule_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reason: str = ""
    needs_reason: bool = False

    @property
    def aria_label(self) -> str:
        return f"{self.indicator.name} – {self.label}" if self.label else self.indicator.name

    @property
    def original(self) -> str:
        """The stored figure as typed (the grid's script compares it to tell an edit of a system figure)."""
        return display.figure(self.indicator, self.value.number, self.value.text) if self.value else ""

    @property
    def choice(self) -> str:
        if self.errors:
            return self.shown if self.shown in ("0", "1") else ""
        if self.value is None or self.value.number is None:
            return ""
        return "1" if self.value.number else "0"

    @property
    def origin(self) -> str:
        return self.value.origin if self.value is not None else ""

    @property
    def bound(self) -> bool:
        return bool(self.indicator.source)

    @property
    def show_reason(self) -> bool:
        return self.bound and (
            self.needs_reason or self.origin == Value.Origin.OVERRIDDEN or bool(self.reason)
        )

    @property
    def described_by(self) -> str:
        ids = []
        if self.errors or self.rule_errors:
            ids.append(f"e-{self.dom_id}")
        if self.warnings:
            ids.append(f"w-{self.dom_id}")
        if self.bound:
            ids.append(f"s-{self.dom_id}")
        return " ".join(ids)


@dataclass
class GridRow:
    indicator: Indicator
    cells: list[GridCell]
    total: str = ""
    computed: str = ""


@dataclass
class GridBlock:
    columns: list[str]
    categorised: bool
    rows: list[GridRow] = field(default_factory=list)


def _numbers_by_code(values: dict, indicators: list[Indicator]) -> dict[tuple[str, str], float]:
    code_of = {indicator.pk: indicator.code for indicator in indicators}
    return {
        (code_of[indicator_id], category): value.number
        for (indicator_id, category), value in values.items()
        if indicator_id in code_of and value.number is not None
    }


def computed_figures(
    indicators: list[Indicator], numbers: dict[tuple[str, str], float]
) -> dict[str, float | None]:
    """{code: value} of the computed indicators from the unit's own figures (as the rules see them)."""
    formulas = {i.code: i.expression for i in indicators if i.expression}
    cache: dict = {}

    def lookup(reference: expressions.Reference):
        if reference in cache:
            return cache[reference]
        cache[reference] = None
        if not reference.option and reference.code in formulas:
            result = expressions.evaluate(formulas[reference.code], lookup)
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

    return {code: lookup(expressions.Reference(code)) for code in formulas}


def _row_total(indicator: Indicator, cells: list[GridCell]) -> str:
    totals = selectors.Cell()
    for cell in cells:
        if cell.value is not None and cell.value.number is not None:
            number = cell.value.number
            totals.add(number, 1, number, number)
    total = totals.value(indicator.aggregation if indicator.aggregation != "none" else "sum")
    return "" if total is None else display.figure(indicator, total)


def build_grid(sections, values: dict, editable: bool) -> tuple[list[dict], dict[str, GridRow]]:
    """The grid: each section as blocks of consecutive indicators sharing their categories (one header row of
    category options each), every cell with its stored value. Also {code: row} for the partial updates."""
    indicators = [item.indicator for section in sections for item in section.items.all()]
    computed = computed_figures(indicators, _numbers_by_code(values, indicators))
    result, rows_by_code = [], {}
    row_number = 0
    for section in sections:
        blocks: list[GridBlock] = []
        previous_key = None
        for item in section.items.all():
            indicator = item.indicator
            keys = selectors.category_keys(indicator)
            key = tuple(category.pk for category in indicator.categories.all())
            if not blocks or key != previous_key:
                categorised = bool(key)
                blocks.append(
                    GridBlock(
                        columns=[label for _k, label in keys] if categorised else [], categorised=categorised
                    )
                )
                previous_key = key
            row_number += 1
            cells = []
            if not indicator.expression:
                for column, (category, label) in enumerate(keys):
                    value = values.get((indicator.pk, category))
                    cells.append(
                        GridCell(
                            indicator=indicator,
                            category=category,
                            label=label,
                            value=value,
                            shown=display.figure(indicator, value.number, value.text) if value else "",
                            dom_id=cell_dom_id(indicator, category),
                            editable=editable,
                            row=row_number,
                            column=column,
                            reason=value.reason if value else "",
                        )
                    )
            row = GridRow(indicator=indicator, cells=cells)
            if indicator.expression:
                row.computed = display.computed_figure(indicator, computed.get(indicator.code))
            elif key and indicator.value_type != ValueType.TEXT:
                row.total = _row_total(indicator, cells)
            blocks[-1].rows.append(row)
            rows_by_code[indicator.code] = row
        result.append({"section": section, "blocks": blocks})
    return result, rows_by_code
