"""A report's cells: a raw input parsed (`parse_value`) and shown (`display`), one cell saved as the user leaves it
(`save_value`), the bound cells filled from the system, and the plain-SQL writer every write of values goes through
(`apply_writes`: the cell upserted and its history, `ValueChange`, appended)."""

import math
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.context import current_request_id
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.figures import (
    DEFINITIONS,
    REPORTING,
    UNITS,
    VALUES,
    area_version_name,
    bump_figures_version,
    token_subquery,
)
from danvan.core.periods import Period
from danvan.core.text import nfc, parse_number
from danvan.orgunits.models import OrgUnit

from ..display import figure as display
from ..models import (
    Indicator,
    Submission,
    Value,
    ValueChange,
    ValueType,
)
from ..selectors import (
    FormDefinition,
    earlier_periods,
    form_definition,
    form_indicators,
    unit_history,
    unit_lineage,
)
from .access import can_enter
from .locks import lock_reason, locked_for_update
from .rules import ReportFigures, report_figures
from .system import category_keys_for, system_values

_YES = {"có", "co", "x", "1", "yes", "true", "đạt"}
_NO = {"không", "khong", "0", "no", "false", ""}
_NUMBERS = {ValueType.INTEGER.value, ValueType.DECIMAL.value, ValueType.PERCENTAGE.value}


def parse_value(indicator: Indicator, raw) -> tuple[float | None, str]:
    """(number, text) to store for a raw input; (None, "") clears the cell. ValidationError names the indicator."""
    if type(raw) in (int, float) and indicator.value_type in _NUMBERS:
        # Already a number (JSON, an Excel cell: most of an import): no text to read. A bool is no number here.
        return _checked_number(indicator, float(raw), raw), ""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, ""
    name = indicator.name
    if indicator.value_type == ValueType.TEXT:
        text = nfc(str(raw)).strip()
        if len(text) > 2000:
            raise ValidationError(_("“%(name)s”: tối đa 2.000 ký tự.") % {"name": name})
        return None, text
    if indicator.value_type == ValueType.BOOLEAN:
        if isinstance(raw, bool):
            return (1.0 if raw else 0.0), ""
        word = str(raw).strip().lower()
        if word in _YES:
            return 1.0, ""
        if word in _NO:
            return 0.0, ""
        raise ValidationError(_("“%(name)s”: nhập Có hoặc Không.") % {"name": name})
    try:
        number = (
            float(raw)
            if isinstance(raw, int | float) and not isinstance(raw, bool)
            else float(parse_number(str(raw)))  # None (not a number) raises TypeError
        )
    except (TypeError, ValueError):
        raise ValidationError(
            _("“%(name)s”: “%(raw)s” không phải là số.") % {"name": name, "raw": raw}
        ) from None
    return _checked_number(indicator, number, raw), ""


def _checked_number(indicator: Indicator, number: float, raw) -> float:
    """The figure, if the indicator's type takes it (finite, not too large, a whole number ≥ 0 for a count, a
    percentage from 0 to 100)."""
    name, value_type = indicator.name, indicator.value_type
    if not math.isfinite(number):
        raise ValidationError(_("“%(name)s”: “%(raw)s” không phải là số.") % {"name": name, "raw": raw})
    if abs(number) >= 1e15:
        raise ValidationError(_("“%(name)s”: số quá lớn.") % {"name": name})
    if value_type == ValueType.INTEGER:
        if number != int(number):
            raise ValidationError(_("“%(name)s”: phải là số nguyên.") % {"name": name})
        if number < 0:
            raise ValidationError(_("“%(name)s”: không được âm.") % {"name": name})
    elif value_type == ValueType.PERCENTAGE and not 0 <= number <= 100:
        raise ValidationError(_("“%(name)s”: tỷ lệ phần trăm từ 0 đến 100.") % {"name": name})
    return number


@dataclass(slots=True)
class CellWrite:
    indicator: Indicator
    unit: OrgUnit
    period: str
    category: str
    number: float | None
    text: str
    origin: str
    reason: str
    row: int = 0  # the row number of a bulk write, for its messages


def apply_writes(actor, writes: list[CellWrite], before: dict[tuple, tuple] | None = None) -> int:
    """Upserts the cells and appends their history, in plain SQL (`executemany`): a bulk import must take tens of
    thousands of values a second, which one ORM object per row cannot. The caller holds the lock of the cells'
    reports, so `before` (the cells as they are, read under that lock) is what each change replaces, and a cell
    absent from it is new: inserted without the upsert's conflict handling (a cell written meanwhile by someone
    not holding the lock would fail the write on the unique key rather than be overwritten)."""
    if not writes:
        return 0
    fresh, replaced, change_rows = _rows(
        actor, writes, _current_cells_of(writes) if before is None else before
    )
    value, change = Value._meta.db_table, ValueChange._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(fresh) + len(replaced) > COPY_ABOVE:
            _copy_and_upsert(cursor, fresh, replaced, change_rows)
            return len(change_rows)
        insert = (
            f"INSERT INTO {value} ({VALUE_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
        )
        if fresh:
            cursor.executemany(insert, fresh)
        if replaced:
            cursor.executemany(insert + _UPSERT, replaced)
        cursor.executemany(
            f"INSERT INTO {change} ({CHANGE_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            change_rows,
        )
    return len(change_rows)


def _write_cell(actor, write: CellWrite, current: Value | None) -> int | None:
    """`apply_writes` for one cell, answering the id of its row (None when the cell already held the figure)."""
    before = {_key(write): (current.number, current.text, current.origin)} if current else {}
    fresh, replaced, change_rows = _rows(actor, [write], before)
    if not change_rows:
        return None
    value, change = Value._meta.db_table, ValueChange._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {value} ({VALUE_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            f"{_UPSERT} RETURNING id",
            (fresh or replaced)[0],
        )
        written = cursor.fetchone()[0]
        cursor.execute(
            f"INSERT INTO {change} ({CHANGE_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            change_rows[0],
        )
    return written


def _key(write: CellWrite) -> tuple:
    return (write.unit.id, write.period, write.indicator.id, write.category)


def _rows(
    actor, writes: list[CellWrite], before: dict[tuple, tuple]
) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """The rows of the cells that change, new ones apart from those replacing a stored figure (a cell already
    holding the figure, with no reason given, is left alone), and their history; the figures' versions of their
    provinces bumped."""
    user_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    fresh, replaced, change_rows = [], [], []
    request_id = current_request_id()
    # An import repeats the same few figures of an indicator thousands of times: each is formatted once.
    shown: dict[tuple, str] = {}
    written: set[tuple] = set()
    for w in writes:
        unit_id, indicator_id = w.unit.id, w.indicator.id
        key = (unit_id, w.period, indicator_id, w.category)
        old = before.get(key)
        if (
            old is not None
            and old[0] == w.number
            and old[1] == w.text
            and old[2] == w.origin
            and not w.reason
        ):
            continue
        figure = (indicator_id, w.number, w.text)
        new = shown.get(figure)
        if new is None:
            new = shown[figure] = display(w.indicator, w.number, w.text)
        previous = ""
        if old is not None:
            figure = (indicator_id, old[0], old[1])
            previous = shown.get(figure)
            if previous is None:
                previous = shown[figure] = display(w.indicator, old[0], old[1])
        row = (
            indicator_id,
            unit_id,
            w.unit.path,
            w.unit.province_code,
            w.period,
            w.category,
            w.number,
            w.text,
            w.origin,
            w.reason,
            now,
            user_id,
        )
        (replaced if old is not None or key in written else fresh).append(row)
        written.add(key)
        change_rows.append(
            (
                indicator_id,
                unit_id,
                w.period,
                w.category,
                previous,
                new,
                w.origin,
                w.reason,
                user_id,
                request_id,
                now,
            )
        )
    provinces = {w.unit.province_code for w in writes}
    bump_figures_version(REPORTING, *(area_version_name(VALUES, code) for code in sorted(provinces)))
    return fresh, replaced, change_rows


# Above this many cells, PostgreSQL is sent the rows by COPY: its executemany is one statement per row, a few
# thousand rows a second, where a bulk import needs tens of thousands.
COPY_ABOVE = 1000
VALUE_COLUMNS = (
    "indicator_id, unit_id, unit_path, province_code, period, category, number, text, origin, reason, updated_at,"
    " updated_by_id"
)
CHANGE_COLUMNS = (
    "indicator_id, unit_id, period, category, old_value, new_value, origin, reason, user_id, request_id, at"
)
_UPSERT = (
    " ON CONFLICT (period, unit_id, indicator_id, category) DO UPDATE SET number = excluded.number,"
    " text = excluded.text, origin = excluded.origin, reason = excluded.reason,"
    " updated_at = excluded.updated_at, updated_by_id = excluded.updated_by_id"
)


def _copy_and_upsert(cursor, fresh: list[tuple], replaced: list[tuple], change_rows: list[tuple]) -> None:
    """The new cells COPYed straight into their table; those replacing a stored figure COPYed into a temporary
    table, then upserted by one INSERT … SELECT … ON CONFLICT; their history COPYed into its table (PostgreSQL)."""
    value, change, load = Value._meta.db_table, ValueChange._meta.db_table, "reporting_value_load"
    with transaction.atomic():
        if fresh:
            with cursor.copy(f"COPY {value} ({VALUE_COLUMNS}) FROM STDIN") as copy:
                for row in fresh:
                    copy.write_row(row)
        if replaced:
            # One row per cell (ON CONFLICT cannot touch a row twice in one statement): the last write of a cell
            # wins, as with executemany.
            cells = {(row[1], row[4], row[0], row[5]): row for row in replaced}
            cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{load}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {load} ON COMMIT DROP AS SELECT {VALUE_COLUMNS} FROM {value} WITH NO DATA"
            )
            with cursor.copy(f"COPY {load} ({VALUE_COLUMNS}) FROM STDIN") as copy:
                for row in cells.values():
                    copy.write_row(row)
            cursor.execute(
                f"INSERT INTO {value} ({VALUE_COLUMNS}) SELECT {VALUE_COLUMNS} FROM {load}{_UPSERT}"
            )
            cursor.execute(f"DROP TABLE {load}")
        with cursor.copy(f"COPY {change} ({CHANGE_COLUMNS}) FROM STDIN") as copy:
            for row in change_rows:
                copy.write_row(row)


def current_cells(unit_ids, periods, indicator_ids) -> dict[tuple, tuple]:
    """{(unit id, period, indicator id, category): (number, text, origin)} of the stored cells of these units, periods
    and indicators: those about to be written are among them (the others are never looked up)."""
    units, periods, indicators = sorted(unit_ids), sorted(periods), sorted(indicator_ids)
    found = {}
    for start in range(0, len(units), 500):
        rows = Value.objects.filter(
            unit_id__in=units[start : start + 500], period__in=periods, indicator_id__in=indicators
        ).values_list("unit_id", "period", "indicator_id", "category", "number", "text", "origin")
        for unit_id, period, indicator_id, category, number, text, origin in rows:
            found[(unit_id, period, indicator_id, category)] = (number, text, origin)
    return found


def _current_cells_of(writes: list[CellWrite]) -> dict[tuple, tuple]:
    return current_cells(
        {w.unit.id for w in writes}, {w.period for w in writes}, {w.indicator.id for w in writes}
    )


@dataclass
class CellResult:
    """A saved cell: its row and figure as shown, the messages of the rules that use it (and the outlier warning),
    and the one evaluation of the whole report after the save, which the grid redraws the row and the rules from."""

    value: Value | None
    shown: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    figures: ReportFigures | None = None
    report: Submission | None = None  # as read under its lock, with its form and unit
    indicator: Indicator | None = None  # as the form defines it
    definition: FormDefinition | None = None
    history: dict[str, float] = field(
        default_factory=dict
    )  # the cell's earlier figures by period, through lineage


class Conflict(ValidationError):
    """The cell was changed by someone else since the user (or client) read it: nothing was written."""


def conflict_message(indicator: Indicator, current: Value | None, expected, name_who: bool = True) -> str:
    """The message when the cell no longer holds what the writer started from ("" when it still does). Both sides
    are compared as the grid shows them, so "1.759", 1759 and "1759" are the same figure. `name_who=False`: the
    message does not say who changed it nor when (`current` need not be a saved row)."""
    shown = display(indicator, current.number, current.text) if current else ""
    try:
        started_from = display(indicator, *parse_value(indicator, expected))
    except ValidationError:
        started_from = None
    if started_from == shown:
        return ""
    user = current.updated_by if name_who and current and current.updated_by_id else None
    at = timezone.localtime(current.updated_at) if name_who and current and current.updated_at else None
    if at is None:
        when = "—"
    elif at.date() == timezone.localdate():
        when = at.strftime("%H:%M")
    else:
        when = at.strftime("%H:%M %d/%m/%Y")
    return _("Ô này vừa được %(user)s sửa thành “%(value)s” lúc %(time)s; tải lại để xem.") % {
        "user": user.display_name if user else _("hệ thống"),
        "value": shown or _("(trống)"),
        "time": when,
    }


def _lock_cell_reports(asked: QuerySet, indicator_id: int) -> Submission | None:
    """Locks, in id order, the report `asked` selects and the unit's other reports of the period that hold the
    indicator (a cell shared by two forms is written under both locks), in one statement; returns the report, read
    under its lock with its form and unit and the version tokens of the definitions and of the units (`definitions`,
    `units_version`), or None when `asked` selects none."""
    sharing = Submission.objects.filter(
        unit_id__in=asked.values("unit_id"),
        period__in=asked.values("period"),
        form__sections__items__indicator_id=indicator_id,
    ).values("pk")
    locked = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("form", "unit")
        .filter(Q(pk__in=asked.values("pk")) | Q(pk__in=sharing))
        .annotate(
            asked=Exists(asked.filter(pk=OuterRef("pk"))),
            definitions=token_subquery(DEFINITIONS),
            units_version=token_subquery(UNITS),
        )
        .order_by("pk")
    )
    return next((s for s in locked if s.asked), None)


def _cells_and_history(
    submission: Submission, indicator: Indicator, category: str, period: Period, lineage: list[int]
) -> tuple[dict[tuple[int, str], Value], dict[str, float]]:
    """Under the report's lock, in one query: the unit's cells of the period (as `selectors.values_of` gives them,
    with the user who last changed each, for a conflict's message) and the cell's figures of the earlier periods
    and of the same period a year earlier, each period's added up over the unit and the units it was formed from
    (`lineage`): {period code: number}, for `outlier_warning` and the figures shown beside the cell."""
    rows = (
        Value.objects.filter(
            Q(unit=submission.unit, period=submission.period)
            | Q(
                unit_id__in=lineage,
                indicator=indicator,
                category=category,
                period__in=[*earlier_periods(period), period.a_year_earlier().code],
                number__isnull=False,
            )
        )
        .annotate(indicator_code=F("indicator__code"))
        .select_related("updated_by")
    )
    values, history = {}, {}
    for row in rows:
        if row.period == submission.period:
            if row.unit_id == submission.unit_id:
                values[(row.indicator_id, row.category)] = row
        else:
            history[row.period] = history.get(row.period, 0.0) + row.number
    return values, history


_NOT_GIVEN = object()


@transaction.atomic
def save_value(
    actor,
    submission: Submission | QuerySet,
    indicator: Indicator | int,
    category: str,
    raw,
    reason: str = "",
    expected=_NOT_GIVEN,
    definition: FormDefinition | None = None,
) -> CellResult:
    """Saves one cell of a report as the user leaves it: checked, then the form's rules and the unit's history.
    The report is locked first, so a submit or another save of the cell waits for this one. `expected`: the
    figure the user started from; when the cell holds something else by now, Conflict says who changed it.
    `definition`: the form's (`selectors.form_definition`), when the caller has it already (else it is read
    with the version the lock read). `indicator`: the indicator, or its id; the form's own is used (`result`).

    `submission`: the report, or the caller's own read of it (a queryset selecting it, scoped to the user, not run
    yet), which the lock runs: a page pays one query for both. Submission.DoesNotExist when that read finds none
    (the unit has not started the report, or it is not the user's: `save_first_value` and the page's checks)."""
    asked = Submission.objects.filter(pk=submission.pk) if isinstance(submission, Submission) else submission
    given = indicator
    submission = _lock_cell_reports(asked, getattr(given, "pk", given))
    if submission is None:
        raise Submission.DoesNotExist
    if not can_enter(actor, submission.unit):
        raise NotAllowed(_("Bạn không có quyền nhập báo cáo của %(unit)s.") % {"unit": submission.unit.name})
    locked = lock_reason(submission)
    if locked:
        raise ValidationError(locked)
    if definition is None:
        definition = form_definition(submission.form_id, submission.definitions)
    indicators = definition.indicators
    indicator = next((i for i in indicators if i.pk == getattr(given, "pk", given)), None)
    if indicator is None or indicator.expression:
        raise ValidationError(
            _("Chỉ tiêu “%(name)s” không nhập được trong biểu mẫu này.")
            % {"name": getattr(given, "name", given)}
        )
    if category not in category_keys_for(indicator):
        raise ValidationError(
            _("“%(name)s”: phân tổ “%(category)s” không có.") % {"name": indicator.name, "category": category}
        )
    number, text = parse_value(indicator, raw)
    period = Period.parse(submission.period)
    lineage = unit_lineage(submission.unit, submission.units_version)
    values, history = _cells_and_history(submission, indicator, category, period, lineage)
    current = values.get((indicator.pk, category))
    if expected is not _NOT_GIVEN:
        changed = conflict_message(indicator, current, expected)
        if changed:
            raise Conflict(changed)
    reason = nfc(reason or "").strip()[:300]
    origin = Value.Origin.ENTERED
    if indicator.source:
        system = system_values(indicator, submission.unit, period).get(category)
        if number == system:
            origin, reason = Value.Origin.SYSTEM, ""
        elif not reason:
            raise ValidationError(
                _("“%(name)s” lấy từ hệ thống (%(value)s): ghi lý do khi sửa số liệu này.")
                % {"name": indicator.name, "value": display(indicator, system)}
            )
        else:
            origin = Value.Origin.OVERRIDDEN
    write = CellWrite(indicator, submission.unit, submission.period, category, number, text, origin, reason)
    written = _write_cell(actor, write, current)
    if written is not None:
        values[(indicator.pk, category)] = _as_stored(write, written, actor)
    figures = report_figures(submission.form, indicators, values, definition.rules)
    result = CellResult(
        value=values.get((indicator.pk, category)),
        shown=display(indicator, number, text),
        report=submission,
        indicator=indicator,
        definition=definition,
    )
    result.figures = figures
    for violation in figures.involving(indicator.code):
        (result.errors if violation.blocking else result.warnings).append(violation.message)
    result.history = history
    outlier = outlier_warning(
        indicator,
        submission.unit,
        period,
        category,
        number,
        [history[p] for p in earlier_periods(period) if p in history],
    )
    if outlier:
        result.warnings.append(outlier)
    return result


def _as_stored(write: CellWrite, pk: int, actor) -> Value:
    """The cell's row as the upsert left it (read back it would be the same, one query later)."""
    value = Value(
        pk=pk,
        indicator=write.indicator,
        unit=write.unit,
        unit_path=write.unit.path,
        province_code=write.unit.province_code,
        period=write.period,
        category=write.category,
        number=write.number,
        text=write.text,
        origin=write.origin,
        reason=write.reason,
        updated_at=timezone.now(),
        updated_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    value.indicator_code = write.indicator.code
    return value


def outlier_warning(
    indicator: Indicator,
    unit: OrgUnit,
    period: Period,
    category: str,
    number: float | None,
    history: list[float] | None = None,
) -> str:
    """A warning when the figure is far outside the unit's own figures of the last periods of the same type (through
    its lineage: a commune formed in 2025 is compared with the sum of the communes it was formed from): more than
    three times the highest, or under a third of the lowest (with at least two earlier figures). `history`: those
    figures, when the caller has read them already."""
    if number is None or indicator.value_type not in (ValueType.INTEGER, ValueType.DECIMAL):
        return ""
    if history is None:
        history = unit_history(unit, indicator, category, period)
    if len(history) < 2:
        return ""
    low, high = min(history), max(history)
    if number > 3 * max(high, 3) or (low > 3 and number < low / 3):
        return _(
            "“%(name)s” = %(value)s khác xa số liệu các kỳ trước của đơn vị (từ %(low)s đến %(high)s): kiểm tra lại."
        ) % {
            "name": indicator.name,
            "value": display(indicator, number),
            "low": display(indicator, low),
            "high": display(indicator, high),
        }
    return ""


@transaction.atomic
def fill_from_system(actor, submission: Submission) -> int:
    """Fills the report's bound indicators from the system; overridden cells keep their figure. Returns how many
    cells changed."""
    submission = locked_for_update(submission)[0]
    if lock_reason(submission):
        return 0
    period = Period.parse(submission.period)
    bound = [i for i in form_indicators(submission.form) if i.source]
    existing = {
        (v.indicator_id, v.category): v
        for v in Value.objects.filter(unit=submission.unit, period=submission.period, indicator__in=bound)
    }
    changes, memo = [], {}
    for indicator in bound:
        for category, number in system_values(indicator, submission.unit, period, memo).items():
            current = existing.get((indicator.pk, category))
            if current is not None and (
                current.origin == Value.Origin.OVERRIDDEN or current.number == number
            ):
                continue
            changes.append(
                CellWrite(
                    indicator, submission.unit, period.code, category, number, "", Value.Origin.SYSTEM, ""
                )
            )
    apply_writes(actor, changes)
    return len(changes)
