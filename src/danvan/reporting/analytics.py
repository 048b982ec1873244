"""The aggregation page (tổng hợp số liệu) and its Excel export: a form's indicators added up live over a unit's
subtree, as a pivot of units × indicators (one row per child unit open at the end of the period, plus the unit's
total) or of indicators × periods (with the change between two periods), with a chart and drill-down.

Every figure comes from `selectors.aggregate`: one statement over the `Value` fact table per layout (two for the
units layout: the children and the unit's own total, which is not the sum of the children for averages and
computed indicators). A period before the 2025 reform is added up over the tree valid then, and a unit made in the
reform counts its predecessors' figures (lineage); the page says so, naming how many old units the figures came from.
"""

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connections
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import get_format, number_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from danvan.accounts.scope import can_view_path, units_visible_to
from danvan.core import figures as figure_cache
from danvan.core.excel import workbook_bytes, xlsx_response
from danvan.core.replica import analytics_db
from danvan.core.text import vn_number
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import REFORM_DATE, OrgUnit
from danvan.orgunits.selectors import get_unit_for
from danvan.orgunits.tree import open_on_q, outermost, subtree_q, subtree_range

from . import selectors
from .models import Form, Indicator, Section, Value, ValueType
from .periods import Period, PeriodType

NATION = "all"
UNITS, PERIODS = "units", "periods"
LAYOUTS = (
    (UNITS, gettext_lazy("Đơn vị × chỉ tiêu")),
    (PERIODS, gettext_lazy("Chỉ tiêu × kỳ báo cáo (so sánh)")),
)
MAX_PERIODS = 6
# How many periods of each type the period picker offers, back from the current one.
RECENT = {
    PeriodType.MONTH: 24,
    PeriodType.QUARTER: 12,
    PeriodType.HALF_YEAR: 10,
    PeriodType.NINE_MONTHS: 6,
    PeriodType.YEAR: 8,
}
# "161 xã, phường, thị trấn cũ": the kinds of the old units a pre-reform figure was added up from.
OLD_KINDS = {
    OrgUnit.Kind.PROVINCE: gettext_lazy("tỉnh, thành phố"),
    OrgUnit.Kind.DISTRICT: gettext_lazy("huyện, quận, thị xã, thành phố"),
    OrgUnit.Kind.COMMUNE: gettext_lazy("xã, phường, thị trấn"),
    OrgUnit.Kind.HAMLET: gettext_lazy("thôn, tổ dân phố"),
    OrgUnit.Kind.AGENCY: gettext_lazy("cơ quan, tổ chức"),
}


# --- numbers ---------------------------------------------------------------------------------------------------------


def decimals_of(indicator: Indicator, value: float) -> int:
    """Percentages with one decimal; counts without; anything else (averages, sums of decimals) one if needed."""
    if indicator.value_type == ValueType.PERCENTAGE:
        return 1
    return 0 if abs(value - round(value)) < 1e-9 else 1


@functools.cache
def _separators(language: str) -> dict[int, str]:
    """str.translate table from Python's 1,759.5 to the language's own separators (1.759,5 in Vietnamese)."""
    return str.maketrans(
        {",": get_format("THOUSAND_SEPARATOR", language), ".": get_format("DECIMAL_SEPARATOR", language)}
    )


def shown(indicator: Indicator, value: float | None) -> str:
    """1.759 / 83,3 in Vietnamese (1,759 / 83.3 in English)."""
    return formatter()(indicator, value)


def formatter() -> Callable[[Indicator, float | None], str]:
    """`shown` for the active language, to call once per cell: formatted by Python and the separators swapped (the
    pivot shows ten thousand figures; Django's number_format costs ten times more)."""
    separators = _separators(get_language())
    # The same few figures come again and again (small counts): each is formatted once per page.
    done: dict[tuple[float, bool], str] = {}

    def format_figure(indicator: Indicator, value: float | None) -> str:
        if value is None:
            return ""
        key = (value, indicator.value_type == ValueType.PERCENTAGE)
        text = done.get(key)
        if text is None:
            places = decimals_of(indicator, value)
            text = done[key] = f"{round(value, places):,.{places}f}".translate(separators)
        return text

    return format_figure


def shown_change(indicator: Indicator, value: float | None) -> str:
    if value is None:
        return ""
    text = shown(indicator, abs(value))
    if abs(value) < 1e-9 or text.strip("0,.") == "":
        return "0"
    return ("+" if value > 0 else "−") + text


def shown_percent(value: float | None) -> str:
    if value is None:
        return ""
    text = number_format(round(abs(value), 1), decimal_pos=1, force_grouping=True)
    if abs(value) < 0.05:
        return text + " %"
    return ("+" if value > 0 else "−") + text + " %"


# --- the page's choices ----------------------------------------------------------------------------------------------


@dataclass
class Choice:
    """What the page shows: read from the query string, scope-checked (404 outside), with defaults filled in."""

    form: Form | None = None
    unit: OrgUnit | None = None
    nation: bool = False
    periods: list[Period] = field(default_factory=list)  # chronological
    layout: str = UNITS
    section: int | None = None
    hide_empty: bool = True
    indicator: str = ""  # the chart's
    errors: list[str] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    period_options: list[tuple[str, str, bool]] = field(default_factory=list)  # code, label, has figures
    # The unit's counted paths (itself and its predecessors); None: the country.
    paths: list[str] | None = None
    structure: list[Section] = field(default_factory=list)  # the form's sections, indicators prefetched

    @property
    def scope_name(self) -> str:
        return self.unit.name if self.unit is not None else _("Toàn quốc")

    def query(self, **changes) -> str:
        """The query string of this choice (for drill-down links and the export), with `changes` applied."""
        params = {
            "form": self.form.pk if self.form else "",
            "unit": self.unit.pk if self.unit is not None else (NATION if self.nation else ""),
            "period": [p.code for p in self.periods],
            "layout": self.layout,
            "section": self.section or "",
            "hide": "1" if self.hide_empty else "0",
            "indicator": self.indicator,
        }
        params.update(changes)
        return urlencode({k: v for k, v in params.items() if v not in ("", None, [])}, doseq=True)


def current_period(kind: PeriodType, today: datetime.date) -> Period:
    found = Period.containing(kind, today)
    if found is None:  # nine months, after September: the nine months of this year
        found = Period(today.year, kind, 9)
    return found


def recent_periods(kind: PeriodType, today: datetime.date) -> list[Period]:
    """The current period of the type and those before it, newest first."""
    found = [current_period(kind, today)]
    while len(found) < RECENT[kind]:
        found.append(found[-1].previous())
    return found


def periods_with_figures(indicator_ids: list[int], paths: list[str] | None, codes: list[str]) -> set[str]:
    """The codes among `codes` for which the subtrees at `paths` (None: the country) hold a figure of the
    indicators: one statement of probes down the covering indexes (period, unit_path, indicator…) and (period,
    indicator…)."""
    if not indicator_ids or not codes:
        return set()
    table = Value._meta.db_table
    ranges = [subtree_range(path) for path in outermost(paths)] if paths is not None else [(None, None)]
    indicator_sql = ", ".join(["%s"] * len(indicator_ids))
    parts: list[tuple[str, list]] = []
    for code in codes:
        for low, high in ranges:
            if low is None:
                # The whole country: the smallest indicator id of the period, read at the start of the index
                # (period, indicator…). As an EXISTS, PostgreSQL expects a match at once and scans the table from
                # its start, past every other period's rows (1.2 s of 10 million for the newest half-year).
                sql = (
                    f"SELECT CAST(%s AS VARCHAR(8)) WHERE (SELECT MIN(indicator_id) FROM {table} WHERE period = %s"
                    f" AND indicator_id IN ({indicator_sql})) IS NOT NULL"
                )
                parts.append((sql, [code, code, *indicator_ids]))
                continue
            sql = (
                f"SELECT CAST(%s AS VARCHAR(8)) WHERE EXISTS (SELECT 1 FROM {table} WHERE period = %s"
                f" AND unit_path >= %s AND unit_path < %s AND indicator_id IN ({indicator_sql}))"
            )
            parts.append((sql, [code, code, low, high, *indicator_ids]))
    found: set[str] = set()
    with connections[analytics_db()].cursor() as cursor:
        for start in range(0, len(parts), 200):  # SQLite takes at most 500 terms in a compound SELECT
            chunk = parts[start : start + 200]
            cursor.execute(
                " UNION ALL ".join(sql for sql, _p in chunk), [p for _s, params in chunk for p in params]
            )
            found.update(code for (code,) in cursor.fetchall())
    return found


def _split_codes(values: list[str]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _id_or_404(raw: str) -> int:
    """An id from the query string; anything else (letters, a number no column can hold) is a 404, never a 500."""
    if not raw.isdigit() or len(raw) > 15:
        raise Http404
    return int(raw)


def choose(request) -> Choice:
    """Reads the page's parameters: form (visible, default the first), unit (visible, default the current unit;
    "all" for the whole country, superusers only), periods of the form's type, layout, section, chart indicator."""
    user = request.user
    choice = Choice()
    choice.forms = list(selectors.forms_visible_to(user).filter(is_active=True).select_related("owner"))
    raw_form = (request.GET.get("form") or "").strip()
    if raw_form:
        form_id = _id_or_404(raw_form)
        choice.form = next((f for f in choice.forms if f.pk == form_id), None)
        if choice.form is None:  # an inactive form, or none the user may read (404)
            choice.form = selectors.get_form_for(user, form_id)
            choice.forms.append(choice.form)
    elif choice.forms:
        choice.form = choice.forms[0]

    raw_unit = (request.GET.get("unit") or "").strip()
    if raw_unit == NATION:
        if not user.is_superuser:
            raise Http404
        choice.nation = True
    elif raw_unit:
        choice.unit = get_unit_for(user, _id_or_404(raw_unit))
    else:
        choice.unit = getattr(request, "current_unit", None)
        choice.nation = choice.unit is None and user.is_superuser

    layout = request.GET.get("layout") or UNITS
    choice.layout = layout if layout in dict(LAYOUTS) else UNITS
    choice.hide_empty = (request.GET.get("hide") or "1") != "0"
    section = (request.GET.get("section") or "").strip()
    choice.section = int(section) if section.isdigit() and len(section) < 10 else None
    choice.indicator = (request.GET.get("indicator") or "").strip()[:40]
    if choice.form is None or (choice.unit is None and not choice.nation):
        return choice

    kind = PeriodType(choice.form.period_type)
    asked: list[Period] = []
    for code in _split_codes(request.GET.getlist("period")):
        try:
            period = Period.parse(code)
        except ValueError as error:
            choice.errors.append(str(error))
            continue
        if period.type != kind:
            choice.errors.append(
                _("Kỳ “%(code)s” không phải kỳ %(type)s của biểu mẫu này: đã bỏ qua.")
                % {"code": code, "type": kind.label.lower()}
            )
        elif period not in asked:
            asked.append(period)
    if len(asked) > MAX_PERIODS:
        choice.errors.append(_("Chọn tối đa %(n)s kỳ: chỉ xem %(n)s kỳ đầu.") % {"n": MAX_PERIODS})
        asked = asked[:MAX_PERIODS]

    today = timezone.localdate()
    recent = recent_periods(kind, today)
    for period in asked:
        if period not in recent:
            recent.append(period)
    recent.sort(reverse=True)
    choice.paths = lineage_paths(choice.unit) if choice.unit is not None else None
    choice.structure = selectors.form_structure(choice.form)
    indicator_ids = sorted(
        {
            item.indicator_id
            for section in choice.structure
            for item in section.items.all()
            if item.indicator.value_type != ValueType.TEXT
        }
    )
    with_figures = periods_with_figures(indicator_ids, choice.paths, [p.code for p in recent])
    choice.period_options = [(p.code, p.label, p.code in with_figures) for p in recent]
    if not asked:
        filled = [p for p in recent if p.code in with_figures]
        if choice.layout == PERIODS:
            asked = filled[:2] if len(filled) >= 2 else [recent[0], recent[0].a_year_earlier()]
            if len(filled) == 1:
                asked = [filled[0], filled[0].a_year_earlier()]
        else:
            asked = filled[:1] or [recent[0]]
    choice.periods = sorted(asked)
    return choice


# --- the tables ------------------------------------------------------------------------------------------------------


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
    by_child = selectors.aggregate(indicators, unit, choice.periods, by="child")
    whole = selectors.aggregate(indicators, unit, choice.periods)
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
    for period in sorted(choice.periods, reverse=True):
        rows, hidden = [], 0
        code = period.code
        for child in by_child["units"]:
            if not child.is_open_on(period.end):
                continue
            pk = child.pk
            row = Row(
                unit=child,
                label=child.name,
                figures=[
                    Figure(value, shown_here(indicator, value))
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
                Figure(value, shown_here(indicator, value))
                for indicator, indicator_code, category in keyed
                for value in (total_values.get((indicator_code, own_tag, code, category)),)
            ],
        )
        tables.append(UnitsTable(period=period, rows=rows, total=total, hidden=hidden))
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
    result = selectors.aggregate(indicators, choice.unit, choice.periods)
    values = selectors.value_map(result["rows"])
    present = _present(result["rows"])
    tag = choice.unit.pk if choice.unit is not None else None
    compare = len(choice.periods) == 2
    lines = []
    for section, items in sections:
        lines.append(Line(None, section.title, depth=0))
        for indicator in items:
            options = [(k, label) for k, label in selectors.category_keys(indicator) if k]
            for key, label, depth in [("", indicator.name, 1)] + [
                (k, label, 2) for k, label in options if (indicator.code, k) in present
            ]:
                figures = [
                    Figure(value, shown(indicator, value))
                    for value in (values.get((indicator.code, tag, p.code, key)) for p in choice.periods)
                ]
                line = Line(
                    indicator, label, figures, depth=depth, measure=indicator.measure if depth == 1 else ""
                )
                if compare and figures[0].value is not None and figures[1].value is not None:
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
        "compare": compare,
        "chart": chart if has_figures else {},
        "has_figures": has_figures,
    }


# --- notes on the tree a period is counted over ----------------------------------------------------------------------


def _closed_since(choice: Choice, today: datetime.date) -> bool:
    """Whether a unit of the chosen tree closed between the start of the earliest period and today."""
    q = Q(pk__in=[])
    for path in outermost(choice.paths):
        q |= subtree_q(path)
    first = min(period.start for period in choice.periods)
    return OrgUnit.objects.filter(q, valid_to__lt=today, valid_to__gte=first).exists()


def tree_notes(choice: Choice, indicators: list[Indicator]) -> list[str]:
    """Why an earlier period's figure is what it is: added up over the units valid then (how many old units, by
    kind), and for a unit made in a merger, through its predecessors (named)."""
    notes = []
    today = timezone.localdate()
    predecessors = []
    if choice.paths and len(choice.paths) > 1:
        predecessors = list(OrgUnit.objects.filter(path__in=choice.paths[1:]).order_by("sort_key"))
    early = [p for p in choice.periods if p.end < REFORM_DATE]
    counts: dict[str, list[tuple[str, int]]] = {}
    # The whole country is not worth a count of every old unit; nor is a tree in which no unit has closed since the
    # first period began (a unit holds figures only for periods it was open in): the count reads every figure.
    if choice.periods and choice.paths is not None and _closed_since(choice, today):
        found = Value.objects.filter(
            period__in=[p.code for p in choice.periods],
            indicator_id__in=[i.pk for i in indicators],
            unit__valid_to__lt=today,
        )
        q = Q(pk__in=[])
        for path in outermost(choice.paths):
            q |= subtree_q(path, "unit_path")
        found = found.filter(q)
        for row in (
            found.values("period", "unit__kind")
            .annotate(n=Count("unit_id", distinct=True))
            .order_by("period", "unit__kind")
        ):
            counts.setdefault(row["period"], []).append((row["unit__kind"], row["n"]))
    for period in choice.periods:
        parts = [
            vn_number(n) + " " + str(OLD_KINDS.get(kind, kind)) + " " + _("cũ")
            for kind, n in counts.get(period.code, [])
        ]
        if parts:
            notes.append(
                _(
                    "Số liệu %(period)s của %(unit)s được cộng từ các đơn vị trước sắp xếp, theo cây đơn vị khi "
                    "đó (%(units)s)."
                )
                % {"period": period.label, "unit": choice.scope_name, "units": ", ".join(parts)}
            )
        elif period in early:
            notes.append(
                _("Số liệu %(period)s được tổng hợp theo cây đơn vị khi đó (trước sắp xếp ngày %(date)s).")
                % {"period": period.label, "date": REFORM_DATE.strftime("%d/%m/%Y")}
            )
    if predecessors and (early or counts):
        notes.append(
            _(
                "%(unit)s được hình thành từ sắp xếp: số liệu các kỳ trước là của các đơn vị cũ hợp thành: %(names)s."
            )
            % {"unit": choice.scope_name, "names": ", ".join(u.name for u in predecessors)}
        )
    return notes


# --- the page --------------------------------------------------------------------------------------------------------


def _module_url() -> str | None:
    try:
        return reverse("reporting:home")
    except NoReverseMatch:
        return None


def crumbs(user, choice: Choice, page: str) -> list[tuple[str, str | None]]:
    """Báo cáo › Tổng hợp số liệu › the unit path, each step opening that unit's figures."""
    trail = [
        (_("Báo cáo"), _module_url() or page),
        (_("Tổng hợp số liệu"), f"{page}?{choice.query(unit='')}"),
    ]
    if user.is_superuser:
        trail.append((_("Toàn quốc"), f"{page}?{choice.query(unit=NATION)}"))
    if choice.unit is not None:
        for ancestor in [*choice.unit.ancestors(), choice.unit]:
            visible = can_view_path(user, ancestor.path)
            trail.append((ancestor.name, f"{page}?{choice.query(unit=ancestor.pk)}" if visible else None))
    return trail


def unit_options(request, choice: Choice) -> list[tuple[str, str]]:
    """A short list for the unit picker: the country (superusers), the user's units, the shown unit's ancestors in
    scope, the unit and its children open at the end of the newest period."""
    user = request.user
    options: list[tuple[str, str]] = []
    seen: set[int] = set()
    if user.is_superuser:
        options.append((NATION, _("Toàn quốc")))

    def add(unit, indent=0):
        if unit.pk not in seen:
            seen.add(unit.pk)
            options.append((str(unit.pk), "\u2003" * indent + unit.name))

    for own in getattr(request, "user_units", []):
        add(own)
    if choice.unit is not None:
        chain = [a for a in choice.unit.ancestors() if can_view_path(user, a.path)]
        for depth, ancestor in enumerate(chain):
            add(ancestor, depth)
        add(choice.unit, len(chain))
        day = max(choice.periods).end if choice.periods else timezone.localdate()
        children = units_visible_to(user).filter(parent=choice.unit).filter(open_on_q(day)).vietnamese_order()
        for child in children:
            add(child, len(chain) + 1)
    elif choice.nation:
        for province in OrgUnit.objects.filter(
            kind=OrgUnit.Kind.PROVINCE, valid_to__isnull=True
        ).vietnamese_order():
            add(province, 1)
    return options


def page_context(request) -> dict:
    choice = choose(request)
    page = reverse("reporting:analytics")
    context = {
        "choice": choice,
        "layouts": [(key, str(label)) for key, label in LAYOUTS],
        "crumbs": crumbs(request.user, choice, page),
    }
    if choice.form is None or (choice.unit is None and not choice.nation):
        return context
    sections = form_sections(choice.structure, choice.section)
    indicators = [i for _s, items in sections for i in items]
    context.update(
        {
            "unit_options": unit_options(request, choice),
            "sections": [(section.pk, section.title) for section in choice.structure],
            "chart_indicators": [(i.code, i.name) for i in indicators],
            "chosen_codes": [p.code for p in choice.periods],
            "export_query": choice.query(),
            "periods_url": f"{page}?{choice.query(layout=PERIODS)}",
            "notes": tree_notes(choice, indicators),
        }
    )
    if choice.layout == PERIODS:
        built = build_periods(choice, sections)
        context.update(built)
        context["has_figures"] = built["has_figures"]
    else:
        built = build_units(choice, indicators, page)
        context.update(built)
        context["has_figures"] = any(t.total.has_figures or t.rows for t in built["tables"])
    context["chart"] = built["chart"]
    return context


# --- Excel -----------------------------------------------------------------------------------------------------------


def workbook(choice: Choice, context: dict) -> bytes:
    """The page's tables as an .xlsx: a sheet per period (units layout) or one sheet (periods layout); numbers as
    numbers, bold headers, the notes under the table."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="F3D9DA")
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")

    def number_format_of(indicator: Indicator, value: float) -> str:
        return "#,##0.0" if decimals_of(indicator, value) else "#,##0"

    def heading(sheet, subtitle: str):
        sheet.append([choice.form.name])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([subtitle])
        sheet.append([])

    def write_notes(sheet):
        for note in context.get("notes", []):
            sheet.append([note])

    if choice.layout == PERIODS:
        sheet = book.active
        sheet.title = _("So sánh các kỳ")[:31]
        heading(
            sheet,
            _("%(unit)s – %(periods)s")
            % {"unit": choice.scope_name, "periods": ", ".join(p.label for p in choice.periods)},
        )
        header = [_("Chỉ tiêu"), _("Đơn vị tính"), *[p.label for p in choice.periods]]
        if context["compare"]:
            header += [_("Tăng (+), giảm (−)"), _("Tăng, giảm (%)")]
        sheet.append(header)
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font, cell.fill, cell.alignment = bold, fill, wrap
        for line in context["lines"]:
            if line.depth == 0:
                sheet.append([line.label])
                sheet.cell(row=sheet.max_row, column=1).font = bold
                continue
            label = line.label if line.depth == 1 else "    " + line.label
            row = [label, line.measure, *[f.value for f in line.figures]]
            if context["compare"]:
                values = [f.value for f in line.figures]
                difference = values[1] - values[0] if None not in values else None
                percent = (
                    round(difference / abs(values[0]) * 100, 1)
                    if difference is not None
                    and values[0]
                    and line.indicator.value_type != ValueType.PERCENTAGE
                    else None
                )
                row += [difference, percent]
            sheet.append(row)
            for offset, figure in enumerate(line.figures):
                if figure.value is not None:
                    sheet.cell(row=sheet.max_row, column=3 + offset).number_format = number_format_of(
                        line.indicator, figure.value
                    )
            if context["compare"]:
                sheet.cell(
                    row=sheet.max_row, column=3 + len(line.figures)
                ).number_format = "+#,##0.0;-#,##0.0;0"
                sheet.cell(row=sheet.max_row, column=4 + len(line.figures)).number_format = "+0.0;-0.0;0"
        sheet.append([])
        write_notes(sheet)
        sheet.column_dimensions["A"].width = 60
        sheet.column_dimensions["B"].width = 14
        for index in range(3, len(header) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 18
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    else:
        headers, columns = context["headers"], context["columns"]
        for number, table in enumerate(context["tables"]):
            sheet = book.active if number == 0 else book.create_sheet()
            sheet.title = table.period.label[:31]
            heading(
                sheet,
                _("%(unit)s và các đơn vị trực thuộc – %(period)s")
                % {"unit": choice.scope_name, "period": table.period.label},
            )
            # Two header rows: the indicator (merged over its options), then the option.
            top = [_("Đơn vị")]
            bottom = [""]
            for header in headers:
                name = header.indicator.name + (
                    f" ({header.indicator.measure})" if header.indicator.measure else ""
                )
                for position, column in enumerate(header.columns):
                    top.append(name if position == 0 else "")
                    bottom.append(column.label)
            sheet.append(top)
            first = sheet.max_row
            sheet.append(bottom)
            sheet.merge_cells(start_row=first, start_column=1, end_row=first + 1, end_column=1)
            index = 2
            for header in headers:
                width = len(header.columns)
                if width > 1:
                    sheet.merge_cells(
                        start_row=first, start_column=index, end_row=first, end_column=index + width - 1
                    )
                else:
                    sheet.merge_cells(
                        start_row=first, start_column=index, end_row=first + 1, end_column=index
                    )
                index += width
            for row_number in (first, first + 1):
                for cell in sheet[row_number]:
                    cell.font, cell.fill, cell.alignment = bold, fill, wrap
            sheet.row_dimensions[first].height = 60
            for row in [*table.rows, table.total]:
                sheet.append([row.label, *[f.value for f in row.figures]])
                for offset, (column, figure) in enumerate(zip(columns, row.figures, strict=True)):
                    if figure.value is not None:
                        sheet.cell(row=sheet.max_row, column=2 + offset).number_format = number_format_of(
                            column.indicator, figure.value
                        )
            for cell in sheet[sheet.max_row]:
                cell.font = bold
            sheet.append([])
            if table.hidden:
                sheet.append([_("Không liệt kê %(n)s đơn vị không có số liệu.") % {"n": table.hidden}])
            write_notes(sheet)
            sheet.column_dimensions["A"].width = 36
            for index in range(2, len(columns) + 2):
                sheet.column_dimensions[get_column_letter(index)].width = 14
            sheet.freeze_panes = sheet.cell(row=first + 2, column=2)
    return workbook_bytes(book)


def export_response(request) -> HttpResponse:
    context = page_context(request)
    choice: Choice = context["choice"]
    if choice.form is None or (choice.unit is None and not choice.nation):
        raise Http404
    # The file is the same for everyone asking for the same choice until the next write: built once.
    content = figure_cache.cached_figures(
        "pivot-export",
        (figure_cache.REPORTING, figure_cache.UNITS),
        choice.query(),
        lambda: workbook(choice, context),
    )
    codes = "-".join(p.code for p in choice.periods)
    return xlsx_response(content, f"tong-hop-{choice.form.code}-{codes}.xlsx")
