"""Everything a report document says, gathered once (`document_content`) for both the Word and the PDF builder, so the
two files always carry the same text and figures; and the narrative pre-assembled from the reporting units' texts."""

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from danvan.core.periods import Period
from danvan.core.text import vn_number
from danvan.orgunits.models import OrgUnit

from .. import selectors
from ..models import NARRATIVE_KEYS, NARRATIVE_OUTLINE, Form, ReportDocument, ValueType
from .heading import next_period, vietnamese_date

DOCUMENT_TYPE = "BÁO CÁO"


# The annex's columns in cm on a landscape A4 page with 2 cm margins (25.7 cm of text): STT, indicator, measure, this
# period[, the same period a year earlier, the change]. Both builders use the same widths.
ANNEX_WIDTHS = {
    True: [1.3, 11.8, 2.6, 3.2, 3.4, 3.4],
    False: [1.3, 17.6, 2.6, 4.2],
}

# Which reports a document's figures and units' texts come from: the approved ones, as the totals count by default.
COUNTED = selectors.APPROVED

# The opening paragraph ("… báo cáo … như sau:") is kept with the outline's texts under this key.
INTRO_KEY = "intro"
TEXT_KEYS = [INTRO_KEY, *NARRATIVE_KEYS]
# The outline's section of the tasks for the coming period ("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ …").
TASKS_KEY = "4"


def intro_paragraph(issuer_phrase: str, summary: str) -> str:
    return _("Thực hiện chương trình công tác, %(issuer)s báo cáo %(summary)s như sau:") % {
        "issuer": issuer_phrase,
        "summary": summary[:1].lower() + summary[1:],
    }


@dataclass
class FigureRow:
    number: str
    name: str
    measure: str
    values: list[str]
    change: str = ""
    sub: bool = False


@dataclass
class FigureTable:
    title: str
    rows: list[FigureRow] = field(default_factory=list)


@dataclass
class Figures:
    columns: list[str]  # labels of the value columns: this period, then the one compared with if any
    tables: list[FigureTable]
    compared: bool
    coverage: str = ""  # what the figures cover ("Số liệu tổng hợp từ báo cáo đã duyệt của 40/56 đơn vị.")


@dataclass
class Block:
    heading: str
    depth: int
    paragraphs: list[str]


@dataclass
class DocumentContent:
    superior_body: str
    issuing_body: str
    number_line: str
    place_date: str
    document_type: str
    summary: str
    intro: list[str]
    blocks: list[Block]
    figures: Figures
    annex_title: str
    annex_note: str
    signer_authority: str
    signer_title: str
    signer_name: str
    recipients: list[str]


def number_line(number: str) -> str:
    """ "Số 125-BC/BTGDVTU"; a number still to be given ("-BC/…") keeps room (no-break spaces) for the clerk."""
    number = (number or "").strip()
    room = "\u00a0" * 8
    if not number:
        return f"Số{room}-BC/"
    if number.startswith("-"):
        return f"Số{room}{number}"
    return f"Số {number}"


def _formatted(indicator, value: float | None, own_unit: bool) -> str:
    if value is None:
        return ""
    if indicator.value_type == ValueType.BOOLEAN and own_unit:
        return _("Có") if value else _("Không")
    if indicator.value_type == ValueType.PERCENTAGE:
        return vn_number(value, 1) + "%"
    if indicator.value_type == ValueType.DECIMAL:
        return vn_number(value, 2)
    return vn_number(value, 0 if value == int(value) else 1)


def _change(indicator, current: float | None, earlier: float | None, own_unit: bool) -> str:
    if current is None or earlier is None or (indicator.value_type == ValueType.BOOLEAN and own_unit):
        return ""
    difference = current - earlier
    decimals = 1 if indicator.value_type in (ValueType.PERCENTAGE, ValueType.DECIMAL) else 0
    if round(difference, decimals) == 0:
        return "0"
    return ("+" if difference > 0 else "") + vn_number(difference, decimals if decimals else 0)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class FigureSource:
    """The form's sections and their figures for a unit's subtree: this period's and the same period's a year earlier
    (before the 2025 reform, the unit's predecessors' through lineage, as `selectors.aggregate` adds them up)."""

    sections: list
    values: dict
    period: Period
    earlier: Period
    compared: bool  # the same period a year earlier has figures
    own_unit: bool  # the unit itself reports the form: its yes/no answers read as such

    def current(self, indicator, unit: OrgUnit, key: str = "") -> float | None:
        return self.values.get((indicator.code, unit.pk, self.period.code, key))

    def before(self, indicator, unit: OrgUnit, key: str = "") -> float | None:
        if not self.compared:
            return None
        return self.values.get((indicator.code, unit.pk, self.earlier.code, key))


def figure_source(form: Form, unit: OrgUnit, period: Period) -> FigureSource:
    sections = selectors.form_structure(form)
    indicators = [item.indicator for section in sections for item in section.items.all()]
    earlier = period.a_year_earlier()
    own_unit = unit.kind in (form.reporting_kinds or [])
    # A unit's document of its own report carries its figures as they stand (it writes the document before it
    # submits); a document over a subtree counts the approved reports only, and says how many (`coverage_line`).
    counted = selectors.ALL if own_unit else COUNTED
    found = selectors.aggregate(indicators, unit, [earlier, period], status=counted)
    return FigureSource(
        sections=sections,
        values=selectors.value_map(found["rows"]),
        period=period,
        earlier=earlier,
        compared=any(row["period"] == earlier.code for row in found["rows"]),
        own_unit=own_unit,
    )


def coverage_line(form: Form, unit: OrgUnit, period: Period) -> str:
    """What the figures of a unit's subtree cover, as the aggregation page says it: "Số liệu tổng hợp từ báo cáo đã
    duyệt của 40/56 đơn vị."; nothing when the unit reports the form itself (its own figures, no one else's)."""
    if unit.kind in (form.reporting_kinds or []):
        return ""
    covered = selectors.coverage(form, period, unit, COUNTED)
    return _("Số liệu tổng hợp từ báo cáo đã duyệt của %(counted)s/%(expected)s đơn vị.") % {
        "counted": vn_number(covered.counted),
        "expected": vn_number(covered.expected),
    }


def figures_of(form: Form, unit: OrgUnit, period: Period, source: FigureSource | None = None) -> Figures:
    """The form's figures for the unit's subtree, a table per section: this period, and the same period a year
    earlier when there are figures for it (never the period before: a half-year is not compared with the last)."""
    source = source or figure_source(form, unit, period)
    own_unit = source.own_unit
    columns = [capitalised(period.label)]
    if source.compared:
        columns.append(_("Cùng kỳ năm trước (%(period)s)") % {"period": source.earlier.label})
    tables = []
    for section in source.sections:
        table = FigureTable(title=section.title)
        number = 0
        for item in section.items.all():
            indicator = item.indicator
            if indicator.value_type == ValueType.TEXT:
                continue
            number += 1
            measure = indicator.measure
            if indicator.value_type == ValueType.BOOLEAN and not own_unit:
                measure = measure or _("đơn vị")
            rows = [("", indicator.name, False)]
            if list(indicator.categories.all()):
                rows += [(key, label, True) for key, label in selectors.category_keys(indicator)]
            for key, label, sub in rows:
                current = source.current(indicator, unit, key)
                before = source.before(indicator, unit, key)
                cells = [_formatted(indicator, current, own_unit)]
                if source.compared:
                    cells.append(_formatted(indicator, before, own_unit))
                table.rows.append(
                    FigureRow(
                        number="" if sub else str(number),
                        name=f"– {label}" if sub else label,
                        measure=measure,
                        values=cells,
                        change=_change(indicator, current, before, own_unit) if source.compared else "",
                        sub=sub,
                    )
                )
        if table.rows:
            tables.append(table)
    return Figures(
        columns=columns,
        tables=tables,
        compared=source.compared,
        coverage=coverage_line(form, unit, period),
    )


def _paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def outline_heading(key: str, heading, period: Period | None) -> str:
    """The outline's heading as the document prints it: section IV names the coming period ("IV. PHƯƠNG HƯỚNG,
    NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026")."""
    if key == TASKS_KEY and period is not None:
        return _("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ %(period)s") % {"period": next_period(period).label.upper()}
    return str(heading)


def narrative_blocks(narrative: dict, period: Period | None = None) -> list[Block]:
    """The outline's headings ("I. TÌNH HÌNH CHUNG", "1. Tình hình tư tưởng…") with their paragraphs; sections left
    empty are left out, and so is a heading all of whose sub-sections are empty. With the report's period, section
    IV names the coming one."""
    blocks: list[Block] = []
    pending: Block | None = None
    for key, heading, depth in NARRATIVE_OUTLINE:
        paragraphs = _paragraphs(narrative.get(key, ""))
        heading = outline_heading(key, heading, period)
        if depth == 1:
            pending = Block(str(heading), 1, paragraphs)
            if key in NARRATIVE_KEYS and paragraphs:
                blocks.append(pending)
                pending = None
            continue
        if not paragraphs:
            continue
        if pending is not None:
            blocks.append(pending)
            pending = None
        blocks.append(Block(f"{key.split('.')[-1]}. {heading}", depth, paragraphs))
    return blocks


def document_content(document: ReportDocument) -> DocumentContent:
    """Everything the document says, in order, for both builders."""
    form = document.form
    unit = document.unit
    period = Period.parse(document.period)
    with translation.override("vi"):
        figures = figures_of(form, unit, period)
        narrative = document.narrative or {}
        number = number_line(document.number)
        return DocumentContent(
            superior_body=document.superior_body,
            issuing_body=document.issuing_body,
            number_line=number,
            place_date=f"{document.place}, {vietnamese_date(document.issued_on)}",
            document_type=DOCUMENT_TYPE,
            summary=document.summary,
            intro=_paragraphs(narrative.get(INTRO_KEY, "")),
            blocks=narrative_blocks(narrative, period),
            figures=figures,
            annex_title=_("PHỤ LỤC SỐ LIỆU"),
            annex_note=_("(Kèm theo Báo cáo %(number)s, %(date)s)")
            % {"number": "số" + number[2:], "date": vietnamese_date(document.issued_on)},
            signer_authority=document.signer_authority,
            signer_title=document.signer_title,
            signer_name=document.signer_name,
            recipients=[line.strip() for line in (document.recipients or "").splitlines() if line.strip()],
        )
