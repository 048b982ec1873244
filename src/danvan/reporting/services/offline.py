"""A report filled offline in Excel: what the downloaded workbook shows (`offline_figures`, a read) and the upload
taken back (`import_offline`) through the grid's own checks — the unit's scope and role, the report's status and
lock, each figure parsed the Vietnamese way, a cell changed meanwhile by someone else — then written by
`save_report_values` (the report begun by its first save, the cells' history appended as for a grid save), the texts
by `save_narrative`. All or nothing: one bad cell saves nothing, and each error names its sheet, row and
indicator."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts.scope import units_visible_to
from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.core.excel import FileRefused
from danvan.core.periods import Period
from danvan.core.text import nfc_lines
from danvan.orgunits.models import OrgUnit

from ..display import figure as display
from ..models import NARRATIVE_OUTLINE, Form, Submission, Value, ValueType
from ..offline import CELL, TEXT, OfflineEntry, as_text, definitions_version, read_offline
from ..selectors import category_keys, current_form_structure, values_of
from .access import can_enter
from .locks import lock_reason, locked_for_update
from .rules import ReportFigures, report_figures
from .system import system_values
from .values import parse_value
from .workflow import save_narrative, save_report_values


def offline_figures(
    form: Form, unit: OrgUnit, period: Period, sections
) -> tuple[Submission | None, dict[tuple[int, str], Value], ReportFigures]:
    """The report as the offline form shows it: its stored cells, or for a report not begun the system's figures
    of its bound cells (shown, not stored: reading never writes), and the evaluation of its computed indicators."""
    indicators = [item.indicator for section in sections for item in section.items.all()]
    submission = Submission.objects.filter(form=form, unit=unit, period=period.code).first()
    if submission is not None:
        values = values_of(submission)
    else:
        values, memo = {}, {}
        for indicator in indicators:
            if not indicator.source:
                continue
            for category, number in system_values(indicator, unit, period, memo).items():
                value = Value(
                    indicator=indicator, unit=unit, period=period.code, category=category, number=number
                )
                value.indicator_code = indicator.code
                values[(indicator.pk, category)] = value
    return submission, values, report_figures(form, indicators, values)


@dataclass(frozen=True)
class OfflineProblem:
    """One reason the file was refused: of a cell (its sheet, row and indicator or heading) or of the whole file."""

    message: str
    sheet: str = ""
    row: int | None = None
    subject: str = ""


@dataclass
class OfflineResult:
    problems: list[OfflineProblem] = field(default_factory=list)
    written: int = 0
    texts: int = 0
    submission: Submission | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def unchanged(self) -> bool:
        return self.ok and not self.written and not self.texts


class _Refused(Exception):
    """Raised inside the import's transaction to undo everything it wrote."""


def import_offline(actor, form: Form, unit: OrgUnit, period: Period, uploaded_file) -> OfflineResult:
    """Reads an offline form back and saves what changed since it was downloaded, all or nothing, against the form
    as it is now in the database (`selectors.current_form_structure`, not a cached copy)."""
    result = OfflineResult()
    try:
        upload = read_offline(uploaded_file)
    except FileRefused as refused:
        result.problems.append(OfflineProblem(str(refused)))
        return result
    sections = current_form_structure(form)
    identity = _identity_problem(actor, upload, form, unit, period, sections)
    if identity:
        result.problems.append(OfflineProblem(identity))
        return result
    if not can_enter(actor, unit):
        result.problems.append(
            OfflineProblem(_("Bạn không có quyền nhập báo cáo của %(unit)s.") % {"unit": unit.name})
        )
        return result
    rows, located, texts = _changes(upload.entries, form, sections, result)
    if result.problems or not (rows or texts):
        return result
    try:
        with transaction.atomic():
            _save(actor, form, unit, period, rows, located, texts, result)
            if result.problems:
                raise _Refused
    except _Refused:
        result.written = result.texts = 0
        result.submission = None
        return result
    indicators = [item.indicator for section in sections for item in section.items.all()]
    figures = report_figures(form, indicators, values_of(result.submission))
    result.warnings = [violation.message for violation in figures.panel()]
    return result


def _identity_problem(actor, upload, form: Form, unit: OrgUnit, period: Period, sections) -> str:
    if upload.form != form.code:
        return _(
            "Tệp này là biểu “%(other)s”, không phải biểu “%(form)s”: hãy tải đúng biểu Excel của báo cáo này."
        ) % {"other": upload.form, "form": form.name}
    if upload.unit != str(unit.pk):
        # Named only when the user sees it: a unit outside their scope is "another unit", never named.
        other = units_visible_to(actor).filter(pk=int(upload.unit) if upload.unit.isdigit() else 0).first()
        return _(
            "Tệp này là báo cáo của %(other)s, không phải của %(unit)s: không số liệu nào được nhập."
        ) % {
            "other": other.name if other else _("một đơn vị khác"),
            "unit": unit.name,
        }
    if upload.period != period.code:
        try:
            other = Period.parse(upload.period).label
        except ValueError:
            other = upload.period
        return _(
            "Tệp này là báo cáo kỳ %(other)s, không phải kỳ %(period)s: không số liệu nào được nhập."
        ) % {
            "other": other,
            "period": period.label,
        }
    if upload.version != definitions_version(sections):
        return _(
            "Biểu mẫu đã được sửa sau khi tệp này được tải về (%(when)s): hãy tải biểu Excel mới rồi chép số liệu "
            "sang. Không số liệu nào được nhập."
        ) % {"when": upload.downloaded or "—"}
    return ""


def _changes(entries: list[OfflineEntry], form: Form, sections, result: OfflineResult):
    """The rows for `save_report_values` of the cells changed since the download (each with the figure it held then, so
    that a cell changed meanwhile by someone else is refused), their places, and the texts changed; every cell is
    checked, and each problem goes into `result`."""
    indicators = {item.indicator.code: item.indicator for section in sections for item in section.items.all()}
    labels = {code: dict(category_keys(indicator)) for code, indicator in indicators.items()}
    headings = {key: str(heading) for key, heading, _depth in NARRATIVE_OUTLINE}
    rows, located, texts = [], [], {}
    seen = set()
    for entry in entries:
        place = (entry.sheet, entry.coordinate)
        if place in seen:
            result.problems.append(OfflineProblem(_not_the_form(), entry.sheet, entry.row))
            return rows, located, texts
        seen.add(place)
        if entry.kind == TEXT:
            if entry.key not in headings or not form.has_narrative:
                result.problems.append(OfflineProblem(_not_the_form(), entry.sheet, entry.row))
                continue
            if isinstance(entry.value, str) and "\x00" in entry.value:
                result.problems.append(
                    OfflineProblem(
                        _("Ô chứa ký tự không hợp lệ (NUL)."), entry.sheet, entry.row, headings[entry.key]
                    )
                )
                continue
            text = nfc_lines(_text(entry.value))
            if text != nfc_lines(entry.original):
                if len(text) > 20000:
                    result.problems.append(
                        OfflineProblem(
                            _("Tối đa 20.000 ký tự mỗi mục."), entry.sheet, entry.row, headings[entry.key]
                        )
                    )
                texts[entry.key] = (text, entry)
            continue
        indicator = indicators.get(entry.key)
        if (
            entry.kind != CELL
            or indicator is None
            or indicator.expression
            or entry.category not in labels[entry.key]
        ):
            result.problems.append(OfflineProblem(_not_the_form(), entry.sheet, entry.row))
            continue
        label = labels[entry.key][entry.category]
        subject = f"{indicator.name} – {label}" if label else indicator.name
        subject = f"{subject} ({entry.coordinate})"
        if isinstance(entry.value, str) and "\x00" in entry.value:
            result.problems.append(
                OfflineProblem(_("Ô chứa ký tự không hợp lệ (NUL)."), entry.sheet, entry.row, subject)
            )
            continue
        # A text indicator takes what the cell shows (12, not 12.0); the others their number or typed text.
        raw = as_text(entry.value) if indicator.value_type == ValueType.TEXT else entry.value
        try:
            number, text = parse_value(indicator, raw)
        except ValidationError as error:
            for message in error.messages:
                result.problems.append(OfflineProblem(message, entry.sheet, entry.row, subject))
            continue
        if display(indicator, number, text) == entry.original:
            continue
        if indicator.source:
            result.problems.append(
                OfflineProblem(
                    _(
                        "Số liệu này lấy từ hệ thống, không sửa được trong tệp Excel: sửa trên trang nhập liệu và "
                        "ghi lý do."
                    ),
                    entry.sheet,
                    entry.row,
                    subject,
                )
            )
            continue
        rows.append(
            {
                "indicator": indicator.code,
                "category": entry.category,
                "value": raw,
                "expected": entry.original,
            }
        )
        located.append((entry.sheet, entry.row, subject))
    return rows, located, texts


def _text(value) -> str:
    return "" if value is None else str(value)


def _not_the_form() -> str:
    return _("Ô này không thuộc biểu mẫu (phần định danh của tệp đã bị sửa): hãy tải biểu Excel mới.")


def _save(actor, form, unit, period, rows, located, texts, result: OfflineResult) -> None:
    """Inside the import's transaction: the cells (`save_report_values`: the report begun by its first save, as on
    the grid, its status and lock checked), then the texts. Problems go into `result`; the caller rolls back when
    there are any."""
    submission = Submission.objects.filter(form=form, unit=unit, period=period.code).first()
    locked = lock_reason(submission if submission else Submission(form=form, period=period.code))
    if locked:  # said once for the file, not once a row
        result.problems.append(OfflineProblem(locked))
        return
    try:
        written = save_report_values(actor, form, unit, period.code, rows)
    except (ValidationError, NotAllowed) as error:
        places = {_("Dòng %(n)s") % {"n": n}: place for n, place in enumerate(located, start=1)}
        for key, messages in messages_of(error).items() if isinstance(error, ValidationError) else []:
            sheet, row, subject = places.get(key, ("", None, ""))
            result.problems.extend(OfflineProblem(message, sheet, row, subject) for message in messages)
        if isinstance(error, NotAllowed):
            result.problems.append(OfflineProblem(str(error.message)))
        return
    submission = Submission.objects.get(form=form, unit=unit, period=period.code)
    result.submission = submission
    result.written = written["written"]
    if texts:
        # Read under the report's lock: a text changed on the page since the download is not overwritten.
        stored = locked_for_update(submission)[0].narrative or {}
        headings = {key: str(heading) for key, heading, _depth in NARRATIVE_OUTLINE}
        for key, (_new, entry) in texts.items():
            if nfc_lines(stored.get(key, "")) != nfc_lines(entry.original):
                result.problems.append(
                    OfflineProblem(
                        _(
                            "Mục này vừa được sửa trên trang nhập liệu sau khi tệp được tải về: tải lại để xem."
                        ),
                        entry.sheet,
                        entry.row,
                        headings[key],
                    )
                )
        if result.problems:
            return
        try:
            save_narrative(actor, submission, {key: text for key, (text, _entry) in texts.items()})
        except (ValidationError, NotAllowed) as error:
            result.problems.extend(OfflineProblem(message) for message in _messages(error))
            return
        result.texts = len(texts)


def _messages(error) -> list[str]:
    if isinstance(error, NotAllowed):
        return [str(error.message)]
    return [message for messages in messages_of(error).values() for message in messages]
