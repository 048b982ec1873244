"""The data entry grid as data: each section of a form in blocks of indicators sharing their categories, every cell
with its stored value, the row totals and the computed indicators. Pages and partial updates draw it; nothing here
reads a request."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import display, selectors
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
    required: bool = False
    # The same cell's figures of earlier periods, as shown beside it: [(label, figure)] (the last period, the same
    # period a year earlier), through the unit's lineage.
    earlier: list[tuple[str, str]] = field(default_factory=list)
    commented: bool = False  # the cell has a note (`CellComment`), read in its history dialog

    @property
    def missing(self) -> bool:
        """A compulsory cell without a figure (a submit is refused until it has one)."""
        if not self.required:
            return False
        return self.value is None or (self.value.number is None and not (self.value.text or "").strip())

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


def _row_total(indicator: Indicator, cells: list[GridCell]) -> str:
    totals = selectors.Cell()
    for cell in cells:
        if cell.value is not None and cell.value.number is not None:
            number = cell.value.number
            totals.add(number, 1, number, number)
    total = totals.value(indicator.aggregation if indicator.aggregation != "none" else "sum")
    return "" if total is None else display.figure(indicator, total)


def earlier_figures(
    indicator: Indicator, numbers: dict[str, float], compared: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """[(label, figure)] of a cell's earlier figures: `numbers` {period code: number} (the cell's), `compared`
    [(label, period code)] the periods shown (`comparisons`)."""
    return [(label, display.figure(indicator, numbers[code])) for label, code in compared if code in numbers]


def comparisons(period) -> list[tuple[str, str]]:
    """[(label, period code)] of the periods shown beside each cell: the last period and the same period a year
    earlier (one, for a yearly form)."""
    previous, year_ago = period.previous(), period.a_year_earlier()
    if previous == year_ago:
        return [(_("Năm trước"), previous.code)]
    return [(_("Kỳ trước"), previous.code), (_("Cùng kỳ năm trước"), year_ago.code)]


def _row(
    indicator: Indicator,
    number: int,
    values: dict,
    editable: bool,
    computed: dict,
    required: bool = False,
    broken: list | None = None,
    earlier: dict | None = None,
    compared: list[tuple[str, str]] = (),
    commented: set = frozenset(),
) -> GridRow:
    """`broken`: the violations of the rules naming the indicator, shown on its first cell; `earlier`:
    {(period code, indicator id, category): number} of the `compared` periods (`selectors.lineage_figures`)."""
    keys = selectors.category_keys(indicator)
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
                    row=number,
                    column=column,
                    reason=value.reason if value else "",
                    required=required,
                    earlier=earlier_figures(
                        indicator, _numbers(earlier, indicator, category, compared), compared
                    ),
                    commented=(indicator.pk, category) in commented,
                )
            )
    if cells and broken:
        cells[0].rule_errors = [v.message for v in broken if v.blocking]
        cells[0].warnings = [v.message for v in broken if not v.blocking]
    row = GridRow(indicator=indicator, cells=cells)
    if indicator.expression:
        row.computed = display.computed_figure(indicator, computed.get(indicator.code))
    elif indicator.categories.all() and indicator.value_type != ValueType.TEXT:
        row.total = _row_total(indicator, cells)
    return row


def _numbers(earlier: dict | None, indicator: Indicator, category: str, compared) -> dict[str, float]:
    """{period code: number} of one cell in `lineage_figures`' answer."""
    found = {}
    for _label, code in compared if earlier else ():
        number = earlier.get((code, indicator.pk, category))
        if number is not None:
            found[code] = number
    return found


def build_grid(
    sections,
    values: dict,
    editable: bool,
    computed: dict[str, float | None],
    violations=(),
    earlier: dict | None = None,
    compared: list[tuple[str, str]] = (),
    commented: set = frozenset(),
) -> list[dict]:
    """The grid: each section as blocks of consecutive indicators sharing their categories (one header row of
    category options each), every cell with its stored value. `computed`: {code: value} of the computed indicators,
    `violations`: the rules broken (`services.report_figures`), each shown on the first cell of the indicators its
    left side names (`Violation.codes`); `earlier` and `compared`: the earlier figures shown beside each cell
    (`selectors.lineage_figures` of the periods of `comparisons`); `commented`: the (indicator id, category) of
    the cells with a note."""
    broken: dict[str, list] = {}
    for violation in violations:
        for code in violation.codes:
            broken.setdefault(code, []).append(violation)
    result = []
    row_number = 0
    for section in sections:
        blocks: list[GridBlock] = []
        previous_key = None
        for item in section.items.all():
            indicator = item.indicator
            key = tuple(category.pk for category in indicator.categories.all())
            if not blocks or key != previous_key:
                categorised = bool(key)
                blocks.append(
                    GridBlock(
                        columns=[label for _k, label in selectors.category_keys(indicator)]
                        if categorised
                        else [],
                        categorised=categorised,
                    )
                )
                previous_key = key
            row_number += 1
            blocks[-1].rows.append(
                _row(
                    indicator,
                    row_number,
                    values,
                    editable,
                    computed,
                    item.required,
                    broken.get(indicator.code),
                    earlier,
                    compared,
                    commented,
                )
            )
        result.append({"section": section, "blocks": blocks})
    return result


@dataclass
class CellUpdate:
    """What a saved cell changes on the page: the cell's row (its place and total) and the computed indicators."""

    row: GridRow
    computed_rows: list[GridRow]

    def cell(self, category: str) -> GridCell:
        return next(cell for cell in self.row.cells if cell.category == category)


def cell_update(
    sections, values: dict, computed: dict[str, float | None], indicator: Indicator
) -> CellUpdate:
    """The indicator's row and the computed rows of the grid, drawn from the same figures as `build_grid` without
    drawing the other rows."""
    row, computed_rows = None, {}
    items = [item for section in sections for item in section.items.all()]
    for number, item in enumerate(items, start=1):
        if item.indicator.pk == indicator.pk:
            row = _row(item.indicator, number, values, True, computed, item.required)
        elif item.indicator.expression:
            computed_rows[item.indicator.code] = _row(item.indicator, number, values, True, computed)
    return CellUpdate(row=row, computed_rows=list(computed_rows.values()))
