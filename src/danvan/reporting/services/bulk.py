"""Many values written at once (the API's bulk write and the imports): every row checked first as the grid checks a
cell, then the reports locked in id order, then one plain-SQL write; one bad or forbidden row writes nothing."""

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
from .locks import lock_reason, lock_units, report_problem, why_not_reported
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
    unit_ids = {_unit_id(row.get("unit")) for row in rows}
    unit_ids.discard(None)
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
    seen = set()
    # What every row of a unit, a period or an indicator shares is worked out once, and ids are read as `.id`, not
    # `.pk` (a property): an import of 100,000 values spends a few µs a row here.
    allowed = {unit_id: can_enter(actor, unit) for unit_id, unit in units.items()}
    periods: dict[str, tuple[Period | None, str, str]] = {}  # given code → (period, error, its code)
    # Given code → (indicator, its category keys, the ids of its forms) or why it takes no figure.
    indicator_of: dict[str, tuple[Indicator, set[str], tuple] | str] = {}
    # (unit id, period, the indicator's forms) → report keys, or why none; the units' lineage, read once each.
    reporting: dict[tuple, list[tuple] | str] = {}
    lineage = _without_lineage(units.values())
    overridden, imported = Value.Origin.OVERRIDDEN, Value.Origin.IMPORTED
    for index, row in enumerate(rows, start=1):
        problems = []
        unit = units.get(_unit_id(row.get("unit")))
        if unit is None:
            problems.append(_("không có đơn vị “%(unit)s”") % {"unit": row.get("unit")})
        elif not allowed[unit.id]:
            forbidden.add(unit.name)
            continue
        given = str(row.get("indicator"))
        found = indicator_of.get(given)
        if found is None:
            found = indicator_of[given] = _indicator_entry(indicators.get(given), given, forms_of)
        if isinstance(found, str):
            problems.append(found)
            indicator = None
        else:
            indicator, keys, form_ids = found
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
        if indicator is not None and category not in keys:
            problems.append(
                _("chỉ tiêu “%(code)s” không có phân tổ “%(category)s”")
                % {"code": indicator.code, "category": category}
            )
        if not problems:
            shared = (unit.id, code, form_ids)
            reports = reporting.get(shared)
            if reports is None:
                reports = reporting[shared] = _reports_for(
                    forms_of.get(indicator.id, []), unit, period, indicator, lineage
                )
            if isinstance(reports, str):
                problems.append(reports)
            else:
                try:
                    number, text = parse_value(indicator, row.get("value"))
                except ValidationError as error:
                    problems.extend(error.messages)
                else:
                    key = (unit.id, code, indicator.id, category)
                    if key in seen:
                        problems.append(_("trùng ô số liệu với một dòng trước"))
                    else:
                        seen.add(key)
                        if "expected" in row:
                            expected[len(writes)] = row["expected"]
                        reason = nfc(str(row["reason"])).strip()[:300] if row.get("reason") else ""
                        origin = overridden if indicator.source else imported
                        writes.append(
                            CellWrite(indicator, unit, code, category, number, text, origin, reason, index)
                        )
                        reports_of.append(reports)
                        continue
        errors[_("Dòng %(n)s") % {"n": index}] = problems
    if forbidden:
        raise NotAllowed(
            _("Bạn không có quyền nhập số liệu của: %(units)s. Không số liệu nào được ghi.")
            % {"units": ", ".join(sorted(forbidden)[:10])}
        )
    if errors:
        raise ValidationError(errors)
    # Every row is written now (one with a problem raised above): the reports and cells they touch are those the
    # checks worked out once each.
    report_keys = {key for keys in reporting.values() if not isinstance(keys, str) for key in keys}
    submissions = _lock_reports(report_keys, forms_of)
    forms = {form.id: form for fs in forms_of.values() for form in fs}
    locked = _locked_cells(writes, reports_of, report_keys, submissions, forms)
    if locked:
        raise ValidationError({_("Dòng %(n)s") % {"n": n}: [message] for n, message in locked[:50]})
    before = current_cells(
        allowed,
        {code for _period, _problem, code in periods.values()},
        {entry[0].id for entry in indicator_of.values() if not isinstance(entry, str)},
    )
    if expected:
        changed = _changed_cells(writes, expected, before)
        if changed:
            raise Conflict({_("Dòng %(n)s") % {"n": n}: [message] for n, message in changed[:50]})
    written = apply_writes(actor, writes, before)
    return {"written": written, "unchanged": len(writes) - written}


def _unit_id(raw) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _indicator_entry(indicator: Indicator | None, given: str, forms_of: dict) -> tuple | str:
    """(indicator, its category keys, the ids of the forms holding it) for the rows naming it, or why it takes no
    figure."""
    if indicator is None:
        return _("không có chỉ tiêu “%(code)s”") % {"code": given}
    if indicator.expression:
        return _("chỉ tiêu “%(code)s” tính theo công thức, không nhập") % {"code": indicator.code}
    form_ids = tuple(form.id for form in forms_of.get(indicator.id, [])) or ("none", indicator.id)
    return indicator, set(category_keys_for(indicator)), form_ids


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
    code = period.code
    reports = [
        (unit.id, code, form.id)
        for form in of_type
        if not why_not_reported(form, unit, period, form.members, lineage)
    ]
    return reports or report_problem(of_type[0], unit, period, of_type[0].members, lineage)


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
    writes: list[CellWrite],
    reports_of: list[list[tuple]],
    keys: set[tuple],
    submissions: dict,
    forms: dict[int, Form],
) -> list[tuple[int, str]]:
    """(row number, reason) of the writes that fall in a submitted, approved or expired report (read under lock):
    each report's lock is checked once, and the rows are gone through only when one is locked."""
    today = timezone.localdate()
    reasons: dict[tuple, str] = {}
    blank: dict[tuple, str] = {}  # a report not opened yet is locked or not by its form and period alone
    for key in keys:
        submission = submissions.get(key)
        if submission is not None:
            reasons[key] = lock_reason(submission, today)
        else:
            if key[1:] not in blank:
                blank[key[1:]] = lock_reason(Submission(form=forms[key[2]], period=key[1]), today)
            reasons[key] = blank[key[1:]]
    if not any(reasons.values()):
        return []
    locked = []
    for w, keys_of_write in zip(writes, reports_of, strict=True):
        reason = next((reasons[key] for key in keys_of_write if reasons[key]), "")
        if reason:
            locked.append((w.row, reason))
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
