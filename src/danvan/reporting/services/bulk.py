"""Many values written at once (the API's bulk write and the imports): every row checked first as the grid checks a
cell, then the reports locked in id order, then one plain-SQL write; one bad or forbidden row writes nothing."""

import contextlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.scope import units_visible_to
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.periods import Period, PeriodType
from danvan.core.text import nfc, vn_number
from danvan.orgunits.models import LineageLink, OrgUnit

from ..models import (
    Form,
    Indicator,
    SectionIndicator,
    Submission,
    Value,
)
from .access import can_enter
from .locks import lock_reason, lock_units, report_problem
from .system import category_keys_for
from .values import CellWrite, Conflict, apply_writes, conflict_message, current_cells, parse_value

MAX_BULK_VALUES = 200_000


@transaction.atomic
def write_values(actor, rows: list[dict]) -> dict:
    """Writes many values at once (`[{"unit", "period", "indicator", "category", "value", "reason"?,
    "expected"?}]`): every row is checked first — as the grid checks a cell: the unit reports a form holding the
    indicator, for a period of that form's type, open at its end — and one bad or forbidden row writes nothing.
    The reports the cells belong to are locked (in id order) before their state is read; a row with `expected`
    is refused when its cell no longer holds that figure. Returns {"written": n, "unchanged": m}."""
    if len(rows) > MAX_BULK_VALUES:
        raise ValidationError(_("Tối đa %(n)s số liệu mỗi lần.") % {"n": vn_number(MAX_BULK_VALUES)})
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(code__in={str(r.get("indicator")) for r in rows}).prefetch_related(
            "categories__options"
        )
    }
    forms_of = _forms_of([i.id for i in indicators.values()])
    unit_ids = set()
    for row in rows:
        with contextlib.suppress(TypeError, ValueError):
            unit_ids.add(int(row.get("unit")))
    # Only what the checks and the rows need: a bulk write names thousands of units. Only the writer's visible units:
    # one outside their scope is answered like one that does not exist, never named.
    units = (
        units_visible_to(actor)
        .only("id", "name", "kind", "path", "province_code", "parent_id", "valid_from", "valid_to")
        .in_bulk(list(unit_ids))
    )
    errors: dict[str, list[str]] = {}
    forbidden: set[str] = set()
    writes: list[CellWrite] = []
    # Per write: the (unit id, period, form id) of the reports holding its cell.
    reports_of: list[list[tuple]] = []
    expected: dict[int, object] = {}  # write index → the figure the client started from
    keys_of: dict[int, set[str]] = {}
    seen = set()
    # What every row of a unit, a period or an indicator shares is worked out once, and ids are read as `.id`, not
    # `.pk` (a property): an import of 100,000 values spends a few µs a row here.
    allowed: dict[int, bool] = {}
    periods: dict[str, tuple[Period | None, str, str]] = {}  # given code → (period, error, its code)
    # (unit id, period, the indicator's forms) → report keys, or why none; the units' lineage, read once each.
    reporting: dict[tuple, list[tuple] | str] = {}
    lineage = _without_lineage(units.values())
    overridden, imported = Value.Origin.OVERRIDDEN, Value.Origin.IMPORTED
    form_ids = {indicator_id: tuple(f.id for f in forms) for indicator_id, forms in forms_of.items()}
    for index, row in enumerate(rows, start=1):
        problems = []
        try:
            unit = units.get(int(row.get("unit")))
        except (TypeError, ValueError):
            unit = None
        if unit is None:
            problems.append(_("không có đơn vị “%(unit)s”") % {"unit": row.get("unit")})
        else:
            allowed_here = allowed.get(unit.id)
            if allowed_here is None:
                allowed_here = allowed[unit.id] = can_enter(actor, unit)
            if not allowed_here:
                forbidden.add(unit.name)
                continue
        indicator = indicators.get(str(row.get("indicator")))
        if indicator is None:
            problems.append(_("không có chỉ tiêu “%(code)s”") % {"code": row.get("indicator")})
        elif indicator.expression:
            problems.append(
                _("chỉ tiêu “%(code)s” tính theo công thức, không nhập") % {"code": indicator.code}
            )
        elif indicator.id not in keys_of:
            keys_of[indicator.id] = set(category_keys_for(indicator))
        given = str(row.get("period") or "")
        if given not in periods:
            try:
                parsed = Period.parse(given)
                periods[given] = (parsed, "", parsed.code)
            except ValueError as error:
                periods[given] = (None, str(error), "")
        period, problem, code = periods[given]
        if problem:
            problems.append(problem)
        category = row.get("category") or ""
        if indicator is not None and not indicator.expression and category not in keys_of[indicator.id]:
            problems.append(
                _("chỉ tiêu “%(code)s” không có phân tổ “%(category)s”")
                % {"code": indicator.code, "category": category}
            )
        reports: list[tuple] = []
        if unit is not None and indicator is not None and period is not None and not problems:
            shared = (unit.id, code, form_ids.get(indicator.id) or ("none", indicator.id))
            found = reporting.get(shared)
            if found is None:
                found = reporting[shared] = _reports_for(
                    forms_of.get(indicator.id, []), unit, period, indicator, lineage
                )
            if isinstance(found, str):
                problems.append(found)
            else:
                reports = found
        number = text = None
        if indicator is not None and not problems:
            try:
                number, text = parse_value(indicator, row.get("value"))
            except ValidationError as error:
                problems.extend(error.messages)
        if not problems:
            key = (unit.id, code, indicator.id, category)
            if key in seen:
                problems.append(_("trùng ô số liệu với một dòng trước"))
            seen.add(key)
        if problems:
            errors[_("Dòng %(n)s") % {"n": index}] = problems
            continue
        if "expected" in row:
            expected[len(writes)] = row["expected"]
        reason = nfc(str(row["reason"])).strip()[:300] if row.get("reason") else ""
        origin = overridden if indicator.source else imported
        writes.append(CellWrite(indicator, unit, code, category, number, text, origin, reason, index))
        reports_of.append(reports)
    if forbidden:
        raise NotAllowed(
            _("Bạn không có quyền nhập số liệu của: %(units)s. Không số liệu nào được ghi.")
            % {"units": ", ".join(sorted(forbidden)[:10])}
        )
    if errors:
        raise ValidationError(errors)
    submissions = _lock_reports({key for keys in reports_of for key in keys}, forms_of)
    forms = {form.id: form for fs in forms_of.values() for form in fs}
    locked = _locked_cells(writes, reports_of, submissions, forms)
    if locked:
        raise ValidationError({_("Dòng %(n)s") % {"n": n}: [message] for n, message in locked[:50]})
    before = current_cells(writes)
    if expected:
        changed = _changed_cells(writes, expected, before)
        if changed:
            raise Conflict({_("Dòng %(n)s") % {"n": n}: [message] for n, message in changed[:50]})
    written = apply_writes(actor, writes, before)
    return {"written": written, "unchanged": len(writes) - written}


def _without_lineage(units) -> dict[int, list[str]]:
    """{unit id: [its path]} of the units formed from no other (most of them): their `counted_paths` is their own
    subtree, known without the recursive query `report_problem` would run for each."""
    units = {unit.id: unit for unit in units}
    ids = sorted(units)
    formed = set()
    for start in range(0, len(ids), 500):
        formed.update(
            LineageLink.objects.filter(
                role=LineageLink.Role.SUCCESSOR, unit_id__in=ids[start : start + 500]
            ).values_list("unit_id", flat=True)
        )
    return {unit_id: [unit.path] for unit_id, unit in units.items() if unit_id not in formed}


def _forms_of(indicator_ids) -> dict[int, list[Form]]:
    """{indicator id: the forms holding it}, each form with its owner and its khối members read once."""
    pairs = list(
        SectionIndicator.objects.filter(indicator_id__in=indicator_ids).values_list(
            "indicator_id", "section__form_id"
        )
    )
    forms = (
        Form.objects.select_related("owner")
        .prefetch_related("reporting_groups__members")
        .in_bulk({form_id for _i, form_id in pairs})
    )
    for form in forms.values():
        groups = list(form.reporting_groups.all())
        form.members = {unit.pk for group in groups for unit in group.members.all()} if groups else None
    result: dict[int, list[Form]] = {}
    for indicator_id, form_id in pairs:
        result.setdefault(indicator_id, []).append(forms[form_id])
    return result


def _reports_for(
    forms: list[Form], unit: OrgUnit, period: Period, indicator: Indicator, lineage: dict
) -> list[tuple] | str:
    """The (unit id, period, form id) of the reports a cell of the indicator belongs to: the forms holding it, of
    the period's type, that the unit reports (`report_problem`); or why there is none."""
    of_type = [form for form in forms if form.period_type == period.type]
    if not of_type:
        return _("chỉ tiêu “%(code)s” không thuộc biểu mẫu nào báo cáo theo kỳ %(type)s") % {
            "code": indicator.code,
            "type": PeriodType(period.type).label.lower(),
        }
    problems = [report_problem(form, unit, period, form.members, lineage) for form in of_type]
    if all(problems):
        return problems[0]
    return [
        (unit.id, period.code, form.id)
        for form, problem in zip(of_type, problems, strict=True)
        if not problem
    ]


def _lock_reports(keys: set[tuple], forms_of: dict[int, list[Form]]) -> dict[tuple, Submission]:
    """Locks the existing reports of these (unit id, period, form id) keys, in id order, and returns them by key.
    For a report not created yet its unit's row is locked first (`open_submission` takes the same lock before it
    creates one), so no report can appear, be submitted and miss these values while they are written."""
    if not keys:
        return {}
    forms = {form.id: form for fs in forms_of.values() for form in fs}

    def existing(wanted: set[tuple]) -> dict[tuple, int]:
        found = {}
        units = sorted({k[0] for k in wanted})
        for start in range(0, len(units), 500):
            rows = Submission.objects.filter(
                unit_id__in=units[start : start + 500],
                period__in={k[1] for k in wanted},
                form_id__in={k[2] for k in wanted},
            ).values_list("unit_id", "period", "form_id", "pk")
            found.update({(u, p, f): pk for u, p, f, pk in rows if (u, p, f) in wanted})
        return found

    ids = existing(keys)
    missing = keys - set(ids)
    if missing:
        lock_units(k[0] for k in missing)
        ids.update(existing(missing))
    key_of = {pk: key for key, pk in ids.items()}
    result = {}
    pks = sorted(key_of)
    for start in range(0, len(pks), 500):
        for submission in (
            Submission.objects.select_for_update(of=("self",))
            .filter(pk__in=pks[start : start + 500])
            .order_by("pk")
        ):
            submission.form = forms[submission.form_id]
            result[key_of[submission.pk]] = submission
    return result


def _locked_cells(
    writes: list[CellWrite], reports_of: list[list[tuple]], submissions: dict, forms: dict[int, Form]
) -> list[tuple[int, str]]:
    """(row number, reason) of the writes that fall in a submitted, approved or expired report (read under lock)."""
    today = timezone.localdate()
    reasons: dict[tuple, str] = {}  # one report's lock holds for all its cells
    locked = []
    for w, keys in zip(writes, reports_of, strict=True):
        for key in keys:
            if key not in reasons:
                submission = submissions.get(key)
                if submission is None:
                    # A report not opened yet is locked or not by its form and period alone: one check for all.
                    blank = (key[1], key[2])
                    if blank not in reasons:
                        reasons[blank] = lock_reason(Submission(form=forms[key[2]], period=key[1]), today)
                    reasons[key] = reasons[blank]
                else:
                    reasons[key] = lock_reason(submission, today)
            if reasons[key]:
                locked.append((w.row, reasons[key]))
                break
    return locked


def _changed_cells(
    writes: list[CellWrite], expected: dict[int, object], before: dict
) -> list[tuple[int, str]]:
    """(row number, message) of the rows whose cell no longer holds the `expected` figure the client sent (read
    under the reports' lock); who changed it is read for the first 50 only."""
    changed = []
    for index, raw in expected.items():
        w = writes[index]
        old = before.get((w.unit.id, w.period, w.indicator.id, w.category))
        current = Value(number=old[0], text=old[1]) if old else None
        if not conflict_message(w.indicator, current, raw, name_who=False):
            continue
        if len(changed) < 50:
            current = (
                Value.objects.filter(
                    unit_id=w.unit.id, period=w.period, indicator_id=w.indicator.id, category=w.category
                )
                .select_related("updated_by")
                .first()
            )
        changed.append((w.row, conflict_message(w.indicator, current, raw)))
    return changed
