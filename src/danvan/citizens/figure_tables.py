"""The counts page (số liệu đơn thư, tiếp công dân) and its Excel export: for a unit and a period, its children as
rows (a drill-down opens a child's own table) × the figures of `selectors.figures` as columns, the unit's own
register on a line of its own and a total line; each petition number links to the register's list of the petitions
behind it.

The links use the register's query parameters: `unit` (the row's unit: its subtree and its predecessors'),
`received_from` / `received_to` (the period, yyyy-mm-dd), `kind`, `accepted=1` (`figures.ACCEPTED`), `open=1`
(`figures.OPEN`), `overdue=1` (`figures.overdue_q`), `resolved=on_time|late` (`figures.resolved_q`).
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.scope import can_view_path
from danvan.core.excel_export import workbook_bytes
from danvan.core.periods import Period
from danvan.orgunits.models import OrgUnit

from .models import Petition
from .selectors.figures import counts_table, totals

FIRST_YEAR = 2015
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def part_choices() -> list[tuple[str, str]]:
    """The parts of a year the page counts: the whole year, a half, a quarter, a month."""
    return [
        ("", _("Cả năm")),
        ("H1", _("6 tháng đầu năm")),
        ("H2", _("6 tháng cuối năm")),
        *[(f"Q{n}", _("Quý %(roman)s") % {"roman": ROMAN[n]}) for n in range(1, 5)],
        *[(f"M{n:02d}", _("Tháng %(month)s") % {"month": n}) for n in range(1, 13)],
    ]


class PeriodForm(forms.Form):
    """The page's period: a year and a part of it (the whole year, a half, a quarter, a month)."""

    year = forms.IntegerField(
        label=gettext_lazy("Năm"),
        required=False,
        error_messages={"invalid": gettext_lazy("Năm phải là một số, ví dụ 2026.")},
    )
    part = forms.ChoiceField(label=gettext_lazy("Kỳ"), required=False, choices=part_choices)

    def clean_year(self):
        year = self.cleaned_data.get("year")
        last = timezone.localdate().year
        if year is not None and not FIRST_YEAR <= year <= last:
            raise forms.ValidationError(_("Năm phải từ %(a)s đến %(b)s.") % {"a": FIRST_YEAR, "b": last})
        return year


def chosen_period(params, today: datetime.date) -> tuple[PeriodForm, Period]:
    """The period asked for; what is missing or wrong is today's half-year (the form carries the message)."""
    form = PeriodForm(params)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    year = data.get("year") or today.year
    part = data.get("part") if "part" in data and "part" not in form.errors else None
    if part is None:
        part = "H1" if today.month <= 6 else "H2"
    return form, Period.parse(f"{year}{part}")


@dataclass
class Cell:
    count: int
    url: str | None


@dataclass
class Line:
    unit: OrgUnit
    label: str
    cells: list[Cell]
    drill: str | None  # the unit's own counts page, when it has rows of its own


def columns() -> list[tuple[str, str]]:
    """(key, heading) of the table's columns, in order."""
    kinds = [(f"kind_{kind}", str(label)) for kind, label in Petition.Kind.choices]
    return [
        ("received", _("Tổng số đơn tiếp nhận")),
        *kinds,
        ("accepted", _("Đã thụ lý")),
        ("on_time", _("Giải quyết đúng hạn")),
        ("late", _("Giải quyết quá hạn")),
        ("open", _("Đang giải quyết")),
        ("overdue", _("Quá hạn (đến nay)")),
        ("receptions", _("Buổi tiếp công dân")),
        ("dialogues", _("Cuộc đối thoại")),
    ]


def _filters(column: str) -> dict | None:
    """The register's parameters of a column's petitions (besides unit and period); None: not petitions."""
    if column.startswith("kind_"):
        return {"kind": column.removeprefix("kind_")}
    return {
        "received": {},
        "accepted": {"accepted": "1"},
        "on_time": {"resolved": "on_time"},
        "late": {"resolved": "late"},
        "open": {"open": "1"},
        "overdue": {"overdue": "1"},
    }.get(column)


def petitions_url(unit: OrgUnit, period: Period, column: str) -> str | None:
    """The register's list of the petitions behind one number."""
    filters = _filters(column)
    if filters is None:
        return None
    params = {
        "unit": unit.pk,
        "received_from": period.start.isoformat(),
        "received_to": period.end.isoformat(),
        **filters,
    }
    return f"{reverse('citizens:petition_list')}?{urlencode(params)}"


def counts_url(unit: OrgUnit, period: Period) -> str:
    return f"{reverse('citizens:counts')}?{period_query(unit, period)}"


def period_query(unit: OrgUnit, period: Period) -> str:
    part = period.code[4:]
    return urlencode({"unit": unit.pk, "year": period.year, "part": part})


def build(user, unit: OrgUnit, period: Period, today: datetime.date) -> dict:
    """The table: a line per child, the unit's own register, the total; the drill-down links."""
    rows, figures = counts_table(unit, period, today)
    heads = columns()
    parents = set(OrgUnit.objects.filter(parent__in=rows).values_list("parent_id", flat=True).distinct())

    def line(row: OrgUnit, label: str, numbers: dict, link_unit: OrgUnit, drill: bool) -> Line:
        cells = [
            Cell(numbers[key], petitions_url(link_unit, period, key) if numbers[key] else None)
            for key, _heading in heads
        ]
        return Line(row, label, cells, counts_url(row, period) if drill else None)

    lines = [line(row, row.name, figures[row.pk], row, row.pk in parents) for row in rows]
    own = figures[unit.pk]
    own_line = (
        line(unit, _("Tại %(unit)s") % {"unit": unit.name}, own, unit, False) if any(own.values()) else None
    )
    if own_line is not None:
        # The unit's own register: its list is the whole subtree's, so its numbers are not links.
        for cell in own_line.cells:
            cell.url = None
    total = line(unit, _("Cộng"), totals(figures), unit, False)
    return {
        "heads": heads,
        "lines": lines,
        "own_line": own_line,
        "total_line": total,
        "has_data": any(cell.count for cell in total.cells),
    }


def coverage(unit: OrgUnit, period: Period, today: datetime.date, predecessors: list[str]) -> str:
    """The line saying what the figures cover."""
    text = _(
        "Số liệu của %(unit)s và các đơn vị trực thuộc: các đơn nhận từ %(start)s đến %(end)s, tình trạng tính đến "
        "ngày %(today)s (đúng hạn, quá hạn: so ngày giải quyết với hạn giải quyết theo luật); các buổi tiếp công "
        "dân và các cuộc đối thoại đã tổ chức trong kỳ."
    ) % {
        "unit": unit.name,
        "start": f"{period.start:%d/%m/%Y}",
        "end": f"{period.end:%d/%m/%Y}",
        "today": f"{today:%d/%m/%Y}",
    }
    if predecessors:
        text += " " + _("Gồm cả các đơn vị hợp thành trước khi sắp xếp: %(names)s.") % {
            "names": ", ".join(predecessors)
        }
    return text


def crumbs(user, unit: OrgUnit, period: Period) -> list[tuple[str, str | None]]:
    """Module › Số liệu › the unit's path, each step opening that unit's counts for the same period."""
    steps = [(_("Đơn thư, tiếp công dân"), reverse("citizens:home")), (_("Số liệu"), None)]
    for step in [*unit.ancestors(), unit]:
        steps.append((step.name, counts_url(step, period) if can_view_path(user, step.path) else None))
    return steps


def period_title(period: Period) -> str:
    return _("Số liệu tiếp công dân, giải quyết đơn thư %(period)s") % {"period": period.label}


def workbook(unit: OrgUnit, period: Period, table: dict, note: str) -> bytes:
    """The page's table as an .xlsx: title, what it covers, bold headings, numbers as numbers, the total line."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _("Số liệu")[:31]
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="F3D9DA")
    sheet.append([period_title(period)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([unit.name])
    sheet.append([note])
    sheet.append([])
    sheet.append([_("Đơn vị"), *[heading for _key, heading in table["heads"]]])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    extra = [table["own_line"]] if table["own_line"] is not None else []
    for line in [*table["lines"], *extra]:
        sheet.append([line.label, *[cell.count for cell in line.cells]])
    sheet.append([table["total_line"].label, *[cell.count for cell in table["total_line"].cells]])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    sheet.column_dimensions["A"].width = 40
    for index in range(2, len(table["heads"]) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    return workbook_bytes(book)
