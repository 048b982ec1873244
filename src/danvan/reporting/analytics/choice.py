"""What the aggregation page shows: the form, the unit (or the country), the periods, the layout, read from the
request and checked against the user's scope."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connections
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.periods import Period, PeriodType
from danvan.core.replica import analytics_db
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import get_unit_for
from danvan.orgunits.tree import outermost, subtree_range

from .. import selectors
from ..models import Form, Section, Value, ValueType

NATION = "all"
UNITS, PERIODS = "units", "periods"
LAYOUTS = (
    (UNITS, gettext_lazy("Đơn vị × chỉ tiêu")),
    (PERIODS, gettext_lazy("Chỉ tiêu × kỳ báo cáo (so sánh)")),
)
# Whose figures the totals count (selectors.COUNTED_STATUSES), as the page's switch names them.
STATUSES = (
    (selectors.APPROVED, gettext_lazy("Đã duyệt")),
    (selectors.SUBMITTED, gettext_lazy("Đã nộp")),
    (selectors.ALL, gettext_lazy("Tất cả")),
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
    status: str = selectors.APPROVED  # whose figures count
    show_units: bool = False  # list the units behind each coverage
    coverage: dict[str, selectors.Coverage] = field(default_factory=dict)  # by period code
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
            "status": "" if self.status == selectors.APPROVED else self.status,
            "units": "1" if self.show_units else "",
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
    status = (request.GET.get("status") or "").strip()
    if status and status not in selectors.COUNTED_STATUSES:
        choice.errors.append(
            _("Không có lựa chọn “%(status)s”: đang xem báo cáo đã duyệt.") % {"status": status[:20]}
        )
    choice.status = status if status in selectors.COUNTED_STATUSES else selectors.APPROVED
    choice.show_units = request.GET.get("units") == "1"
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
    choice.coverage = selectors.coverage_by_period(
        choice.form, choice.periods, choice.unit, choice.status, units=choice.show_units
    )
    return choice
