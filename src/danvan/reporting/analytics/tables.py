"""The two layouts as tables: units × indicators (a row per child unit open at the end of the period, and the
unit's total) and indicators × periods (with the change between two periods), and their charts."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from danvan.core.periods import Period
from danvan.core.text import vn_number
from danvan.orgunits.models import OrgUnit

from .. import selectors
from ..display import formatter, shown, shown_change, shown_percent
from ..models import Indicator, Section, ValueType
from .choice import PERIODS, UNITS, Choice


@dataclass
class Column:
    """A figure column of the units layout: an indicator's total ("" category) or one category option."""

    indicator: Indicator
    category: str
    label: str


@dataclass
class Header:
    """An indicator's header over its columns (one, or its options with figures plus the total)."""

    indicator: Indicator
    columns: list[Column]

    @property
    def split(self) -> bool:
        return len(self.columns) > 1


@dataclass
class Figure:
    value: float | None
    text: str


@dataclass
class Row:
    unit: OrgUnit | None
    label: str
    figures: list[Figure]
    url: str = ""
    closed: bool = False

    @property
    def has_figures(self) -> bool:
        return any(f.value is not None for f in self.figures)

    @property
    def cells(self) -> str:
        """The row's figure cells as HTML, written here rather than by a template loop: a nation's pivot has tens of
        thousands of them. The texts are numbers formatted by `shown` (digits and separators only)."""
        return mark_safe("".join([f"<td>{figure.text}</td>" for figure in self.figures]))


@dataclass
class UnitsTable:
    period: Period
    rows: list[Row]
    total: Row
    hidden: int = 0
    coverage: selectors.Coverage | None = None

    @property
    def coverage_text(self) -> str:
        return coverage_text(self.coverage)


@dataclass
class Line:
    """A row of the periods layout: an indicator (or one of its category options), its figure in each period and,
    with two periods, the change."""

    indicator: Indicator | None
    label: str
    figures: list[Figure] = field(default_factory=list)
    change: str = ""
    change_sign: int = 0
    percent: str = ""
    depth: int = 0  # 0: a section heading, 1: an indicator, 2: a category option
    measure: str = ""


def coverage_text(coverage: selectors.Coverage | None) -> str:
    """ "51/56 đơn vị đã báo cáo": of the units that must report the form, how many are counted in the total."""
    if coverage is None:
        return ""
    return _("%(counted)s/%(expected)s đơn vị đã báo cáo") % {
        "counted": vn_number(coverage.counted),
        "expected": vn_number(coverage.expected),
    }


def yes_no_text(value: float | None, single: bool) -> str:
    """A yes/no indicator's figure: a single unit's answer as Có / Không; added up over units, the count of Có."""
    if value is None:
        return ""
    if single:
        return _("Có") if value else _("Không")
    return _("%(n)s Có") % {"n": vn_number(value)}


def form_sections(structure: list[Section], section: int | None) -> list[tuple[Section, list[Indicator]]]:
    """The form's sections (or the one chosen) with their numeric indicators in order."""
    chosen = []
    for item in structure:
        if section and item.pk != section:
            continue
        indicators = [
            entry.indicator for entry in item.items.all() if entry.indicator.value_type != ValueType.TEXT
        ]
        if indicators:
            chosen.append((item, indicators))
    return chosen


def _present(rows: list[dict]) -> set[tuple[str, str]]:
    """(indicator, category) with a figure other than zero somewhere: the option columns worth a column."""
    return {(row["indicator"], row["category"]) for row in rows if row["value"]}


def header_columns(indicators: list[Indicator], present: set[tuple[str, str]]) -> list[Header]:
    """One column per indicator; a categorised one gets a column per option that has a figure, then its total."""
    headers = []
    for indicator in indicators:
        keys = selectors.category_keys(indicator)
        columns = [
            Column(indicator, key, label) for key, label in keys if key and (indicator.code, key) in present
        ]
        if columns:
            columns.append(Column(indicator, "", _("Tổng")))
        else:
            columns = [Column(indicator, "", "")]
        headers.append(Header(indicator, columns))
    return headers


def build_units(choice: Choice, indicators: list[Indicator], base_url: str) -> dict:
    """The units layout: per period (newest first), a row per child unit open at the end of it and the unit's total."""
    unit = choice.unit
    by_child = selectors.aggregate(indicators, unit, choice.periods, by="child", status=choice.status)
    whole = selectors.aggregate(indicators, unit, choice.periods, status=choice.status)
    children_values = selectors.value_map(by_child["rows"])
    total_values = selectors.value_map(whole["rows"])
    headers = header_columns(indicators, _present(by_child["rows"]) | _present(whole["rows"]))
    columns = [column for header in headers for column in header.columns]
    own_tag = unit.pk if unit is not None else None
    today = timezone.localdate()
    tables = []
    # The loops below run once per cell (ten thousand for a province's page): the keys' parts are read once.
    keyed = [(column.indicator, column.indicator.code, column.category) for column in columns]
    shown_here = formatter()
    reporting_kinds = set(choice.form.reporting_kinds or [])

    def text_for(single: bool):
        """The cell formatter of a row: yes/no as Có / Không for a reporting unit's own answer, else counted."""

        def text(indicator, value):
            if indicator.value_type == ValueType.BOOLEAN:
                return yes_no_text(value, single)
            return shown_here(indicator, value)

        return text

    single_text, counted_text = text_for(True), text_for(False)
    for period in sorted(choice.periods, reverse=True):
        rows, hidden = [], 0
        code = period.code
        for child in by_child["units"]:
            if not child.is_open_on(period.end):
                continue
            pk = child.pk
            text = single_text if child.kind in reporting_kinds else counted_text
            row = Row(
                unit=child,
                label=child.name,
                figures=[
                    Figure(value, text(indicator, value))
                    for indicator, indicator_code, category in keyed
                    for value in (children_values.get((indicator_code, pk, code, category)),)
                ],
                url=f"{base_url}?{choice.query(unit=child.pk, period=_periods_for(child, choice.periods))}",
                closed=child.valid_to is not None and child.valid_to < today,
            )
            if choice.hide_empty and not row.has_figures:
                hidden += 1
                continue
            rows.append(row)
        total = Row(
            unit=unit,
            label=_("Cộng: %(unit)s") % {"unit": choice.scope_name},
            figures=[
                Figure(value, counted_text(indicator, value))
                for indicator, indicator_code, category in keyed
                for value in (total_values.get((indicator_code, own_tag, code, category)),)
            ],
        )
        tables.append(
            UnitsTable(
                period=period, rows=rows, total=total, hidden=hidden, coverage=choice.coverage.get(code)
            )
        )
    chart = _units_chart(tables[0] if tables else None, headers, columns, choice)
    return {"headers": headers, "columns": columns, "tables": tables, "chart": chart}


def _periods_for(unit: OrgUnit, periods: list[Period]) -> list[str]:
    """The periods a drill-down into the unit keeps: all for a unit open today (before it existed it counts its
    predecessors), only those it existed in for a closed one (an old district has nothing after the reform)."""
    if unit.valid_to is None:
        return [p.code for p in periods]
    return [p.code for p in periods if unit.is_open_on(p.end)]


def _units_chart(
    table: UnitsTable | None, headers: list[Header], columns: list[Column], choice: Choice
) -> dict:
    """The chart's data: each indicator's total by child unit of the newest period (the page picks one)."""
    if table is None or not table.rows:
        return {}
    totals = [i for i, column in enumerate(columns) if column.category == ""]
    series = [
        {
            "code": columns[i].indicator.code,
            "name": columns[i].indicator.name,
            "measure": columns[i].indicator.measure,
            "values": [row.figures[i].value for row in table.rows],
        }
        for i in totals
    ]
    return {
        "kind": UNITS,
        "labels": [row.label for row in table.rows],
        "series": series,
        "chosen": _chart_indicator(choice, [h.indicator for h in headers]),
        "title": _("Biểu đồ theo đơn vị trực thuộc, %(period)s") % {"period": table.period.label},
    }


def _chart_indicator(choice: Choice, indicators: list[Indicator]) -> str:
    codes = [i.code for i in indicators]
    return choice.indicator if choice.indicator in codes else (codes[0] if codes else "")


def build_periods(choice: Choice, sections: list[tuple[Section, list[Indicator]]]) -> dict:
    """The periods layout: a line per indicator (and its options with figures), a column per period, and with two
    periods the change and the change in per cent (not for percentages: a rate's change is in points)."""
    indicators = [i for _s, items in sections for i in items]
    result = selectors.aggregate(indicators, choice.unit, choice.periods, status=choice.status)
    values = selectors.value_map(result["rows"])
    present = _present(result["rows"])
    tag = choice.unit.pk if choice.unit is not None else None
    compare = len(choice.periods) == 2
    # A reporting unit's own figures: its yes/no answers read Có / Không.
    single = choice.unit is not None and choice.unit.kind in (choice.form.reporting_kinds or [])
    lines = []
    for section, items in sections:
        lines.append(Line(None, section.title, depth=0))
        for indicator in items:
            options = [(k, label) for k, label in selectors.category_keys(indicator) if k]
            for key, label, depth in [("", indicator.name, 1)] + [
                (k, label, 2) for k, label in options if (indicator.code, k) in present
            ]:
                figures = [
                    Figure(
                        value,
                        yes_no_text(value, single)
                        if indicator.value_type == ValueType.BOOLEAN
                        else shown(indicator, value),
                    )
                    for value in (values.get((indicator.code, tag, p.code, key)) for p in choice.periods)
                ]
                line = Line(
                    indicator, label, figures, depth=depth, measure=indicator.measure if depth == 1 else ""
                )
                answered = not (single and indicator.value_type == ValueType.BOOLEAN)
                if compare and answered and figures[0].value is not None and figures[1].value is not None:
                    difference = figures[1].value - figures[0].value
                    line.change = shown_change(indicator, difference)
                    line.change_sign = (difference > 1e-9) - (difference < -1e-9)
                    if indicator.value_type != ValueType.PERCENTAGE and figures[0].value:
                        line.percent = shown_percent(difference / abs(figures[0].value) * 100)
                lines.append(line)
    chart = {
        "kind": PERIODS,
        "periods": [p.label for p in choice.periods],
        "series": [
            {
                "code": indicator.code,
                "name": indicator.name,
                "measure": indicator.measure,
                "percentage": indicator.value_type == ValueType.PERCENTAGE,
                "values": [values.get((indicator.code, tag, p.code, "")) for p in choice.periods],
            }
            for indicator in indicators
        ],
        "chosen": _chart_indicator(choice, indicators),
    }
    has_figures = any(f.value is not None for line in lines for f in line.figures)
    return {
        "lines": lines,
        "coverages": [
            (choice.coverage.get(p.code), coverage_text(choice.coverage.get(p.code))) for p in choice.periods
        ],
        "compare": compare,
        "chart": chart if has_figures else {},
        "has_figures": has_figures,
    }
