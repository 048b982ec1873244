"""Everything a report document says, gathered once (`document_content`) for both the Word and the PDF builder, so the
two files always carry the same text and figures; and the narrative pre-assembled from the reporting units' texts."""

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from danvan.core.text import vn_number
from danvan.orgunits.models import OrgUnit

from .. import selectors
from ..models import NARRATIVE_KEYS, NARRATIVE_OUTLINE, Form, ReportDocument, Submission, ValueType
from ..periods import Period
from .heading import vietnamese_date

DOCUMENT_TYPE = "BÁO CÁO"


# The opening paragraph ("… báo cáo … như sau:") is kept with the outline's texts under this key.
INTRO_KEY = "intro"
TEXT_KEYS = [INTRO_KEY, *NARRATIVE_KEYS]


# Past this many characters a section's assembled texts stop, naming how many units were left out.
ASSEMBLY_LIMIT = 60_000


def assemble_narrative(form: Form, unit: OrgUnit, period: Period) -> dict[str, str]:
    """{key: text} for each section of the outline: the unit's own report's text if it reported the form and wrote
    the section, else the texts of the reports submitted by the units below it, one line per unit
    ("- Phường Thục Phán: …"), for the editor to rewrite."""
    own = Submission.objects.filter(form=form, unit=unit, period=period.code).first()
    own_texts = dict(own.narrative or {}) if own else {}
    below = [u for u in selectors.expected_units(form, period, root=unit) if u.pk != unit.pk]
    order = {u.pk: n for n, u in enumerate(below)}
    reports = sorted(
        Submission.objects.filter(
            form=form,
            period=period.code,
            unit_id__in=[u.pk for u in below],
            status__in=[Submission.Status.SUBMITTED, Submission.Status.APPROVED],
        ).select_related("unit"),
        key=lambda s: order.get(s.unit_id, 0),
    )
    texts = {}
    for key in NARRATIVE_KEYS:
        own_text = (own_texts.get(key) or "").strip()
        if own_text:
            texts[key] = own_text
            continue
        lines, size, left_out = [], 0, 0
        for report in reports:
            text = " ".join((report.narrative or {}).get(key, "").split())
            if not text:
                continue
            if size > ASSEMBLY_LIMIT:
                left_out += 1
                continue
            line = f"- {report.unit.name}: {text}"
            lines.append(line)
            size += len(line) + 1
        if left_out:
            lines.append(
                _("- (Còn %(n)s đơn vị khác: xem báo cáo của từng đơn vị.)") % {"n": vn_number(left_out)}
            )
        texts[key] = "\n".join(lines)
    return texts


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


def figures_of(form: Form, unit: OrgUnit, period: Period) -> Figures:
    """The form's figures for the unit's subtree, a table per section: this period, and the same period a year
    earlier (or failing that the period before) when there are figures for it — before the 2025 reform the
    unit's predecessors' (through lineage)."""
    sections = selectors.form_structure(form)
    indicators = [item.indicator for section in sections for item in section.items.all()]
    earlier, previous = period.a_year_earlier(), period.previous()
    found = selectors.aggregate(indicators, unit, sorted({period, earlier, previous}))
    values = selectors.value_map(found["rows"])
    periods_with_values = {row["period"] for row in found["rows"]}
    compared_with = next((p for p in (earlier, previous) if p.code in periods_with_values), None)
    own_unit = unit.kind in (form.reporting_kinds or [])
    columns = [capitalised(period.label)]
    if compared_with is not None:
        which = _("Cùng kỳ năm trước") if compared_with == earlier else _("Kỳ trước")
        columns.append(f"{which} ({compared_with.label})")
    tables = []
    for section in sections:
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
                current = values.get((indicator.code, unit.pk, period.code, key))
                before = (
                    values.get((indicator.code, unit.pk, compared_with.code, key)) if compared_with else None
                )
                cells = [_formatted(indicator, current, own_unit)]
                if compared_with is not None:
                    cells.append(_formatted(indicator, before, own_unit))
                table.rows.append(
                    FigureRow(
                        number="" if sub else str(number),
                        name=f"– {label}" if sub else label,
                        measure=measure,
                        values=cells,
                        change=_change(indicator, current, before, own_unit) if compared_with else "",
                        sub=sub,
                    )
                )
        if table.rows:
            tables.append(table)
    return Figures(columns=columns, tables=tables, compared=compared_with is not None)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def narrative_blocks(narrative: dict) -> list[Block]:
    """The outline's headings ("I. TÌNH HÌNH CHUNG", "1. Tình hình tư tưởng…") with their paragraphs; sections left
    empty are left out, and so is a heading all of whose sub-sections are empty."""
    blocks: list[Block] = []
    pending: Block | None = None
    for key, heading, depth in NARRATIVE_OUTLINE:
        paragraphs = _paragraphs(narrative.get(key, ""))
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
            blocks=narrative_blocks(narrative),
            figures=figures,
            annex_title=_("PHỤ LỤC SỐ LIỆU"),
            annex_note=_("(Kèm theo Báo cáo %(number)s, %(date)s)")
            % {"number": "số" + number[2:], "date": vietnamese_date(document.issued_on)},
            signer_authority=document.signer_authority,
            signer_title=document.signer_title,
            signer_name=document.signer_name,
            recipients=[line.strip() for line in (document.recipients or "").splitlines() if line.strip()],
        )
