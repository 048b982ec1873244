"""The counts page (thống kê) and its Excel export: a cross-tab of practices by level (or khối, kind, status) and
field for a unit and year, the headline cards, the comparison with earlier years across the 2025 reform, the chart.

Every number is computed by `selectors.run_counts`, one statement of GROUP BYs over the yearly fact tables, whatever
the unit; each number links to the list behind it (the list page's filters: unit, year, level, field, kind, status,
group).
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.scope import can_view_path, units_visible_to
from danvan.core.excel_export import workbook_bytes, xlsx_response
from danvan.core.text import vn_number
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import get_unit_for
from danvan.orgunits.tree import open_during_q

from . import selectors, services
from .models import Field, Level, Practice, Status
from .selectors import Tally

REFORM_YEAR = 2025
BEFORE_REFORM_YEAR = 2024
NATION = "all"
VIEWS = (
    ("level", gettext_lazy("Cấp")),
    ("group", gettext_lazy("Khối")),
    ("kind", gettext_lazy("Loại")),
    ("status", gettext_lazy("Tình trạng")),
)


class StatsForm(forms.Form):
    """The page's choices: unit (an id, or "all" for the country), year, and what the rows are."""

    unit = forms.CharField(label=gettext_lazy("Đơn vị"), required=False)
    year = forms.IntegerField(
        label=gettext_lazy("Năm"),
        required=False,
        error_messages={"invalid": gettext_lazy("Năm phải là một số, ví dụ 2026.")},
    )
    view = forms.ChoiceField(label=gettext_lazy("Xem theo"), choices=VIEWS, required=False)

    def clean_year(self):
        year = self.cleaned_data.get("year")
        last = timezone.localdate().year + 1
        if year is not None and not services.FIRST_YEAR <= year <= last:
            raise forms.ValidationError(
                _("Năm phải từ %(a)s đến %(b)s.") % {"a": services.FIRST_YEAR, "b": last}
            )
        return year


@dataclass
class Cell:
    count: int
    url: str


@dataclass
class Line:
    label: str
    cells: list[Cell]
    total: Cell
    key: str = ""


@dataclass
class Table:
    """The cross-tab: rows by the chosen dimension, one column per field, totals on both sides."""

    view: str
    view_label: str
    columns: list  # Field objects
    lines: list[Line] = field(default_factory=list)
    column_totals: list[Cell] = field(default_factory=list)
    total: Cell | None = None


def choose(request) -> dict:
    """Reads the page's parameters: the unit (scope-checked: 404 outside), the year and the rows' dimension."""
    form = StatsForm(request.GET)
    form.is_valid()
    data = form.cleaned_data if hasattr(form, "cleaned_data") else {}
    this_year = timezone.localdate().year
    year = data.get("year") or this_year
    view = data.get("view") or "level"
    raw_unit = (request.GET.get("unit") or "").strip()
    user = request.user
    nation = False
    unit = None
    if raw_unit == NATION:
        if not user.is_superuser:
            raise Http404
        nation = True
    elif raw_unit:
        if not raw_unit.isdigit():
            raise Http404
        unit = get_unit_for(user, int(raw_unit))
    else:
        unit = getattr(request, "current_unit", None)
        nation = unit is None and user.is_superuser
    if nation and view == "group":
        view = "level"
    return {"form": form, "unit": unit, "nation": nation, "year": year, "view": view}


def _list_url(base: str, unit: OrgUnit | None, year: int, **filters) -> str:
    params = {"unit": unit.pk if unit else "", "year": year}
    params.update({key: value for key, value in filters.items() if value not in (None, "")})
    return f"{base}?{urlencode(params)}"


def _comparison_years(year: int) -> list[int]:
    years = [year, year - 1]
    if year - 1 > BEFORE_REFORM_YEAR >= year - 3:
        years.append(BEFORE_REFORM_YEAR)
    return years


def _year_label(year: int) -> str:
    if year == BEFORE_REFORM_YEAR:
        return _("%(y)s (trước sắp xếp)") % {"y": year}
    return str(year)


def build(unit: OrgUnit | None, year: int, view: str, paths: list[str] | None = None) -> dict:
    """Everything the page and the export show, in a fixed number of queries (`paths`: the unit's counted paths,
    when the caller has them already)."""
    base = reverse("practices:practice_list")
    within = selectors.scope_paths(unit) if paths is None else selectors.outermost(paths)
    everything = None if within is None else {0: within}
    columns = list(selectors.fields_for(unit))
    years = _comparison_years(year)
    groups = selectors.groups_of(unit) if view == "group" else []
    tallies = [
        Tally("years", ("year", "level", "kind", "status"), tuple(years), everything),
        Tally("fields", ("field",), (year,), everything),
    ]
    if view == "group":
        members = selectors.group_paths(groups, within)
        tallies += [Tally("years", (), (year,), members), Tally("fields", ("field",), (year,), members)]
    else:
        tallies.append(Tally("fields", (view, "field"), (year,), everything))
    results = selectors.run_counts(tallies)
    facts = results[0]

    # Columns: the unit's fields, then any other field its practices carry (a local field of another subtree).
    known = {f.pk for f in columns}
    extra = {key[1] for key in results[1]} - known
    if extra:
        columns += list(Field.objects.filter(pk__in=extra).order_by("position", "name"))

    def count_facts(y, **where):
        return sum(
            n
            for (_tag, fy, level, kind, status), n in facts.items()
            if fy == y
            and where.get("level", level) == level
            and where.get("kind", kind) == kind
            and where.get("status", status) == status
        )

    total = count_facts(year)
    table = Table(view=view, view_label=str(dict(VIEWS)[view]), columns=columns)
    column_counts = {key[1]: n for key, n in results[1].items()}
    table.column_totals = [
        Cell(column_counts.get(f.pk, 0), _list_url(base, unit, year, field=f.pk)) for f in columns
    ]
    table.total = Cell(total, _list_url(base, unit, year))
    if view == "group":
        group_totals = {key[0]: n for key, n in results[2].items()}
        cells = {(key[0], key[1]): n for key, n in results[3].items()}
        for group in groups:
            table.lines.append(
                Line(
                    label=group.name,
                    key=str(group.pk),
                    cells=[
                        Cell(
                            cells.get((group.pk, f.pk), 0),
                            _list_url(base, unit, year, group=group.pk, field=f.pk),
                        )
                        for f in columns
                    ],
                    total=Cell(group_totals.get(group.pk, 0), _list_url(base, unit, year, group=group.pk)),
                )
            )
    else:
        choices = {"level": Level.choices, "kind": Practice.Kind.choices, "status": Status.choices}[view]
        cells = {(key[1], key[2]): n for key, n in results[2].items()}
        for value, label in choices:
            row_total = count_facts(year, **{view: value})
            if not row_total:
                continue
            table.lines.append(
                Line(
                    label=str(label),
                    key=value,
                    cells=[
                        Cell(
                            cells.get((value, f.pk), 0),
                            _list_url(base, unit, year, **{view: value, "field": f.pk}),
                        )
                        for f in columns
                    ],
                    total=Cell(row_total, _list_url(base, unit, year, **{view: value})),
                )
            )

    cards = [
        (_("Tổng số mô hình, điển hình"), Cell(total, _list_url(base, unit, year)), "collection"),
        (
            _("Được công nhận (cả đã nhân rộng)"),
            Cell(
                sum(count_facts(year, status=status) for status in selectors.RECOGNISED_STATUSES),
                _list_url(base, unit, year, status=selectors.RECOGNISED_ANY),
            ),
            "patch-check",
        ),
        (
            _("Đã nhân rộng"),
            Cell(
                count_facts(year, status=Status.REPLICATED),
                _list_url(base, unit, year, status=Status.REPLICATED),
            ),
            "diagram-2",
        ),
        (
            _("Điển hình cá nhân"),
            Cell(
                count_facts(year, kind=Practice.Kind.EXEMPLAR),
                _list_url(base, unit, year, kind=Practice.Kind.EXEMPLAR),
            ),
            "person-badge",
        ),
    ]

    # Earlier years, with the levels that have figures in any of them.
    levels = [
        (value, str(label))
        for value, label in Level.choices
        if any(count_facts(y, level=value) for y in years)
    ]
    comparison = {
        "years": [(y, _year_label(y)) for y in years],
        "before_reform": BEFORE_REFORM_YEAR,
        "rows": [
            (_("Tổng số"), [Cell(count_facts(y), _list_url(base, unit, y)) for y in years]),
            *[
                (
                    label,
                    [Cell(count_facts(y, level=value), _list_url(base, unit, y, level=value)) for y in years],
                )
                for value, label in levels
            ],
            (
                _("Được công nhận, nhân rộng"),
                [
                    Cell(
                        sum(count_facts(y, status=status) for status in selectors.RECOGNISED_STATUSES),
                        _list_url(base, unit, y, status=selectors.RECOGNISED_ANY),
                    )
                    for y in years
                ],
            ),
        ],
        "change": total - count_facts(year - 1),
        "change_abs": abs(total - count_facts(year - 1)),
    }
    chart = {
        "labels": [f.name for f in columns],
        "datasets": [{"label": line.label, "data": [c.count for c in line.cells]} for line in table.lines],
        "stacked": view != "group",
        "title": _("Số mô hình, điển hình theo lĩnh vực và %(view)s, năm %(year)s")
        % {"view": table.view_label.lower(), "year": year},
    }
    by_field = sum(cell.count for cell in table.column_totals)
    return {
        "table": table,
        "field_note": _(
            "Cộng các cột lĩnh vực (%(by_field)s) lớn hơn tổng số mô hình (%(total)s) vì một mô hình có thể thuộc "
            "nhiều lĩnh vực: mô hình được tính ở mỗi lĩnh vực của nó, còn tổng số đếm mỗi mô hình một lần."
        )
        % {"by_field": vn_number(by_field), "total": vn_number(total)}
        if by_field > total
        else "",
        "cards": cards,
        "comparison": comparison,
        "chart": chart,
        "total": total,
        "has_data": any(facts.values()),
        "shows_reform": BEFORE_REFORM_YEAR in years,
    }


def predecessors(paths: list[str] | None) -> list[OrgUnit]:
    """The units whose figures the unit's earlier years include (formed from them in a merger): `paths` are the
    unit's counted paths, its own first."""
    others = (paths or [])[1:]
    return list(OrgUnit.objects.filter(path__in=others).order_by("sort_key")) if others else []


def unit_choices(
    user, unit: OrgUnit | None, ancestors: list[OrgUnit], year: int, user_units, nation_allowed: bool
) -> list[tuple[str, str]]:
    """A short list for the unit picker: the country (superusers), the user's units, the shown unit's ancestors in
    scope, the unit, and its children that existed in the year."""
    options: list[tuple[str, str]] = []
    seen: set[int] = set()
    if nation_allowed:
        options.append((NATION, _("Toàn quốc")))

    def add(candidate, indent=0):
        if candidate.pk not in seen:
            seen.add(candidate.pk)
            options.append((str(candidate.pk), "\u2003" * indent + candidate.name))

    for own in user_units:
        add(own)
    if unit is not None:
        chain = [a for a in ancestors if can_view_path(user, a.path)]
        for depth, ancestor in enumerate(chain):
            add(ancestor, depth)
        add(unit, len(chain))
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        children = (
            units_visible_to(user).filter(parent=unit).filter(open_during_q(first, last)).vietnamese_order()
        )
        for child in children:
            add(child, len(chain) + 1)
    elif not nation_allowed:
        return options
    else:
        for province in OrgUnit.objects.filter(
            kind=OrgUnit.Kind.PROVINCE, valid_to__isnull=True
        ).vietnamese_order():
            add(province, 1)
    return options


# --- Excel ------------------------------------------------------------------------------------------------------------


def workbook(title: str, subtitle: str, table: Table, comparison: dict, note: str) -> bytes:
    """The page's table (and the comparison) as an .xlsx: bold headers, numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _("Thống kê")[:31]
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="F3D9DA")
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([subtitle])
    sheet.append([])
    header = [table.view_label, *[f.name for f in table.columns], _("Tổng số mô hình")]
    sheet.append(header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for line in table.lines:
        sheet.append([line.label, *[c.count for c in line.cells], line.total.count])
    sheet.append([_("Cộng"), *[c.count for c in table.column_totals], table.total.count])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    sheet.append([note])
    sheet.append([])
    sheet.append([_("So sánh"), *[label for _y, label in comparison["years"]]])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = bold, fill
    for label, cells in comparison["rows"]:
        sheet.append([str(label), *[c.count for c in cells]])
    sheet.column_dimensions["A"].width = 42
    for index in range(2, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    return workbook_bytes(book)


# --- the page and the export ------------------------------------------------------------------------------------------

NOTE = gettext_lazy(
    "Một mô hình thuộc hai lĩnh vực được tính ở cả hai cột, nên cộng các cột lĩnh vực có thể lớn hơn tổng số; "
    "cột “Tổng số mô hình” và dòng tổng đếm mỗi mô hình một lần."
)


def _crumbs(user, unit: OrgUnit | None, ancestors: list[OrgUnit]) -> list[tuple[str, str | None]]:
    """Module › Thống kê › the unit's path, each step opening that unit's counts."""
    page = reverse("practices:stats")
    crumbs = [(_("Dân vận khéo"), reverse("practices:practice_list")), (_("Thống kê"), page)]
    if user.is_superuser:
        crumbs.append((_("Toàn quốc"), f"{page}?unit={NATION}"))
    if unit is not None:
        for ancestor in [*ancestors, unit]:
            visible = can_view_path(user, ancestor.path)
            crumbs.append((ancestor.name, f"{page}?unit={ancestor.pk}" if visible else None))
    return crumbs


def page_context(request) -> dict:
    chosen = choose(request)
    unit, year, view, nation = chosen["unit"], chosen["year"], chosen["view"], chosen["nation"]
    user = request.user
    user_units = getattr(request, "user_units", [])
    ancestors = unit.ancestors() if unit is not None else []
    context = {
        **chosen,
        "views": [(key, str(label)) for key, label in VIEWS if not (nation and key == "group")],
        "years": _year_choices(year),
        "unit_options": unit_choices(user, unit, ancestors, year, user_units, user.is_superuser),
        "crumbs": _crumbs(user, unit, ancestors),
        "scope_name": unit.name if unit else _("Toàn quốc"),
        "note": NOTE,
    }
    if unit is None and not nation:
        return context  # nobody to count for: the page says what to do
    paths = lineage_paths(unit) if unit is not None else None
    context.update(build(unit, year, view, paths))
    context["predecessors"] = predecessors(paths)
    context["export_query"] = urlencode({"unit": unit.pk if unit else NATION, "year": year, "view": view})
    context["can_register"] = unit is not None and services.can_edit(user, unit)
    return context


def _year_choices(year: int) -> list[int]:
    this_year = timezone.localdate().year
    years = list(range(this_year + 1, this_year - 9, -1))
    if year not in years:
        years.append(year)
        years.sort(reverse=True)
    return years


def export_response(request) -> HttpResponse:
    chosen = choose(request)
    unit, year, view = chosen["unit"], chosen["year"], chosen["view"]
    if unit is None and not chosen["nation"]:
        raise Http404
    built = build(unit, year, view)
    name = unit.name if unit else _("Toàn quốc")
    title = _("Thống kê mô hình, điển hình “Dân vận khéo” năm %(year)s") % {"year": year}
    scope = _("%(unit)s (cả các đơn vị trực thuộc)") % {"unit": name} if unit else name
    subtitle = _("%(scope)s – theo %(view)s và lĩnh vực") % {
        "scope": scope,
        "view": built["table"].view_label.lower(),
    }
    content = workbook(title, subtitle, built["table"], built["comparison"], str(NOTE))
    return xlsx_response(content, f"thong-ke-dan-van-kheo-{year}.xlsx")
