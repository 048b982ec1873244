"""The citizens' figures: the counts page /don-thu/so-lieu/ with its Excel export, and the official books as Excel
(sổ theo dõi đơn, sổ tiếp công dân) for a unit and a date range."""

import datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.activities.views.common import anchor_unit
from danvan.core.excel_export import xlsx_response
from danvan.orgunits.lineage import predecessor_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import filter_units

from .. import books
from .. import figure_tables as tables

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def _unit_or_404(request) -> OrgUnit:
    unit = anchor_unit(request)
    if unit is None:
        raise Http404(_("Hãy chọn một đơn vị."))
    return unit


@login_required
def counts(request):
    """The counts of a unit's subtree for a period: children × figures, drill-down, links to the petitions."""
    today = timezone.localdate()
    unit = anchor_unit(request)
    form, period = tables.chosen_period(request.GET, today)
    context = {
        "form": form,
        "period": period,
        "unit": unit,
        "year": period.year,
        "part": period.code[4:],
        "parts": tables.part_choices(),
        "years": list(range(today.year, tables.FIRST_YEAR - 1, -1)),
        "crumbs": tables.crumbs(request.user, unit, period) if unit else [(_("Số liệu"), None)],
        "title": tables.period_title(period),
    }
    if unit is not None:
        names = _predecessor_names(unit)
        context.update(tables.build(request.user, unit, period, today))
        context.update(
            {
                "units": filter_units(request.user, unit, getattr(request, "user_units", []) or []).values(),
                "coverage": tables.coverage(unit, period, today, names),
                "query": tables.period_query(unit, period),
                "book_query": f"unit={unit.pk}&from={period.start.isoformat()}&to={min(period.end, today).isoformat()}",
            }
        )
    return render(request, "citizens/figures/counts.html", context)


def _predecessor_names(unit: OrgUnit) -> list[str]:
    paths = predecessor_paths([unit.path])
    return list(OrgUnit.objects.filter(path__in=paths).order_by("path").values_list("name", flat=True))


@login_required
def counts_export(request):
    """The counts page's table as an .xlsx."""
    today = timezone.localdate()
    unit = _unit_or_404(request)
    _form, period = tables.chosen_period(request.GET, today)
    table = tables.build(request.user, unit, period, today)
    note = tables.coverage(unit, period, today, _predecessor_names(unit))
    content = tables.workbook(unit, period, table, note)
    return xlsx_response(content, f"so-lieu-don-thu-{period.code}.xlsx")


def _day(raw: str | None) -> datetime.date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime((raw or "").strip(), fmt).date()
        except ValueError:
            continue
    return None


def _date_range(request) -> tuple[datetime.date, datetime.date]:
    """`from` and `to` (yyyy-mm-dd or dd/mm/yyyy); missing: this year until today. A wrong date is a 404 naming it."""
    today = timezone.localdate()
    first_raw, last_raw = request.GET.get("from"), request.GET.get("to")
    first = _day(first_raw) if first_raw else datetime.date(today.year, 1, 1)
    last = _day(last_raw) if last_raw else today
    if first is None or last is None or first > last or (last - first).days > 366 * 5:
        raise Http404(
            _("Khoảng ngày không hợp lệ: từ ngày (from) và đến ngày (to) dạng dd/mm/yyyy, tối đa 5 năm.")
        )
    return first, last


@login_required
def petition_book(request):
    """Sổ theo dõi đơn of a unit's subtree for a date range, as an .xlsx in the official layout."""
    unit = _unit_or_404(request)
    first, last = _date_range(request)
    return xlsx_response(books.petition_book(unit, first, last), f"so-theo-doi-don-{first}-{last}.xlsx")


@login_required
def reception_book(request):
    """Sổ tiếp công dân of a unit's subtree for a date range, as an .xlsx in the official layout."""
    unit = _unit_or_404(request)
    first, last = _date_range(request)
    return xlsx_response(books.reception_book(unit, first, last), f"so-tiep-cong-dan-{first}-{last}.xlsx")
