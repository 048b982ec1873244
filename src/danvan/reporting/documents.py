"""The report document of a unit for a form and period, in the Party's format (Hướng dẫn 36-HD/VPTW): prepared with
its heading and its narrative pre-assembled from the reporting units' texts, edited by the unit's editors, then
generated in the background (`tasks.generate_report_document`) as a Word file and a PDF.

One function, `document_content`, gathers everything the document says (heading, narrative, tables of figures,
signature, recipients); `build_docx` lays it out with python-docx and `build_pdf` with an HTML template and
WeasyPrint, so the two files always carry the same text and figures.
"""

import datetime
import io
import logging
import re
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.scope import Role, can_view_path, has_role_on
from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.text import fold, nfc, nfc_lines, vn_number
from danvan.orgunits.lineage import lineage_paths as counted_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import open_on_q

from . import jobs, selectors
from .models import NARRATIVE_KEYS, NARRATIVE_OUTLINE, Form, ReportDocument, Submission, ValueType
from .periods import Period, PeriodType

logger = logging.getLogger(__name__)

DOCUMENT_TYPE = "BÁO CÁO"
FONT = "Times New Roman"
# The opening paragraph ("… báo cáo … như sau:") is kept with the outline's texts under this key.
INTRO_KEY = "intro"
TEXT_KEYS = [INTRO_KEY, *NARRATIVE_KEYS]
MAX_SECTION_CHARS = 100_000
# Past this many characters a section's assembled texts stop, naming how many units were left out.
ASSEMBLY_LIMIT = 60_000
# A job queued or running for longer than this is taken as lost (a stopped worker) and may be asked for again.
STALE_AFTER = datetime.timedelta(minutes=15)
HEADING_FIELDS = {
    # field: (label for messages, required, model max length)
    "superior_body": (gettext_lazy("cơ quan cấp trên"), False, 200),
    "issuing_body": (gettext_lazy("cơ quan ban hành"), True, 200),
    "number": (gettext_lazy("số, ký hiệu"), False, 60),
    "place": (gettext_lazy("địa danh"), True, 100),
    "summary": (gettext_lazy("trích yếu"), True, 300),
    "signer_authority": (gettext_lazy("thẩm quyền ký"), False, 100),
    "signer_title": (gettext_lazy("chức vụ người ký"), False, 100),
    "signer_name": (gettext_lazy("họ tên người ký"), False, 100),
    "recipients": (gettext_lazy("nơi nhận"), False, 2000),
}
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


# --- permissions -----------------------------------------------------------------------------------------------------


def can_edit_document(user, unit: OrgUnit) -> bool:
    """Editors of the unit (or above) prepare, edit and generate its report document."""
    return has_role_on(user, Role.EDITOR, unit.path)


def can_read_document(user, unit: OrgUnit) -> bool:
    """Anyone who sees the unit reads and downloads its report document."""
    return can_view_path(user, unit.path)


# --- names in the Party's style --------------------------------------------------------------------------------------

_PREFIXES = ("Thành phố", "Tỉnh", "Huyện", "Quận", "Thị xã", "Thị trấn", "Xã", "Phường", "Đặc khu")
_COMMITTEE_SUFFIX = re.compile(r"\s+(tỉnh|thành|huyện|quận|thị|đảng)\s+(ủy|uỷ)\b.*$", re.IGNORECASE)


def short_name(unit: OrgUnit) -> str:
    """ "Tỉnh Cao Bằng" → "Cao Bằng"; "Thị xã Duy Tiên" → "Duy Tiên"."""
    for prefix in _PREFIXES:
        if unit.name.startswith(prefix + " "):
            return unit.name[len(prefix) + 1 :]
    return unit.name


def province_of(unit: OrgUnit) -> OrgUnit | None:
    if unit.kind == OrgUnit.Kind.PROVINCE:
        return unit
    return next((a for a in unit.ancestors() if a.kind == OrgUnit.Kind.PROVINCE), None)


def committee_name(unit: OrgUnit) -> str:
    """The party committee leading an administrative unit, as a heading names it: "Tỉnh ủy Cao Bằng",
    "Thành ủy Hà Nội", "Huyện ủy Cầu Kè", "Đảng ủy phường Thục Phán"."""
    name = short_name(unit)
    by_division = {
        OrgUnit.DivisionType.TINH: "Tỉnh ủy",
        OrgUnit.DivisionType.THANH_PHO_TRUNG_UONG: "Thành ủy",
        OrgUnit.DivisionType.HUYEN: "Huyện ủy",
        OrgUnit.DivisionType.QUAN: "Quận ủy",
        OrgUnit.DivisionType.THI_XA: "Thị ủy",
        OrgUnit.DivisionType.THANH_PHO: "Thành ủy",
    }
    if unit.division_type in by_division:
        return f"{by_division[unit.division_type]} {name}"
    if unit.kind == OrgUnit.Kind.PROVINCE:
        return f"Tỉnh ủy {name}"
    if unit.kind in (OrgUnit.Kind.COMMUNE, OrgUnit.Kind.DISTRICT):
        return f"Đảng ủy {unit.name[:1].lower()}{unit.name[1:]}"
    return unit.name


def party_organisation(province: OrgUnit | None) -> str:
    """ "ĐẢNG BỘ TỈNH CAO BẰNG": the line above a provincial committee's or a commune committee's name."""
    if province is None:
        return ""
    return f"Đảng bộ {province.name}".upper()


def _mobilisation_board(unit: OrgUnit) -> OrgUnit | None:
    """The unit's Ban Tuyên giáo và Dân vận (Ban Dân vận before 2025), open today, if it is in the register."""
    return (
        OrgUnit.objects.filter(
            parent=unit,
            kind=OrgUnit.Kind.AGENCY,
            agency_type=OrgUnit.AgencyType.PROPAGANDA_MOBILISATION,
        )
        .filter(open_on_q(timezone.localdate()))
        .order_by("-valid_from", "pk")
        .first()
    )


_SYMBOLS = {
    # The committee's part of a number and symbol: 125-BC/TU (tỉnh ủy, thành ủy, thị ủy), HU, QU, ĐU (đảng ủy).
    OrgUnit.DivisionType.HUYEN: "HU",
    OrgUnit.DivisionType.QUAN: "QU",
}


def _symbol(unit: OrgUnit) -> str:
    if unit.division_type in _SYMBOLS:
        return _SYMBOLS[unit.division_type]
    return "TU" if unit.kind in (OrgUnit.Kind.PROVINCE, OrgUnit.Kind.DISTRICT) else "ĐU"


def heading_defaults(unit: OrgUnit) -> dict:
    """Issuing body, the line above it, number, place, signature and recipients suggested for the unit's report.

    The report of a unit that has a Ban Tuyên giáo và Dân vận is the Ban's ("TỈNH ỦY CAO BẰNG" above "BAN TUYÊN
    GIÁO VÀ DÂN VẬN"); otherwise the party committee's ("ĐẢNG BỘ TỈNH CAO BẰNG" above "ĐẢNG ỦY PHƯỜNG THỤC PHÁN");
    an agency reports under its own name below its unit's committee."""
    if unit.kind == OrgUnit.Kind.AGENCY:
        anchor = unit.parent or unit
        board = unit if unit.agency_type == OrgUnit.AgencyType.PROPAGANDA_MOBILISATION else None
    else:
        anchor, board = unit, _mobilisation_board(unit)
    province = province_of(anchor)
    place = short_name(province) if province else short_name(anchor)
    committee = committee_name(anchor)
    provincial = anchor.kind == OrgUnit.Kind.PROVINCE
    if board is not None:
        data = {
            "superior_body": committee.upper(),
            "issuing_body": _COMMITTEE_SUFFIX.sub("", board.name).upper(),
            "number": f"-BC/BTGDV{_symbol(anchor)}",
            "signer_authority": "TRƯỞNG BAN",
            "signer_title": "",
            "issuer_phrase": board.name,
        }
    elif unit.kind == OrgUnit.Kind.AGENCY:
        data = {
            "superior_body": committee.upper(),
            "issuing_body": _COMMITTEE_SUFFIX.sub("", unit.name).upper(),
            "number": "-BC/",
            "signer_authority": "",
            "signer_title": "THỦ TRƯỞNG CƠ QUAN",
            "issuer_phrase": unit.name,
        }
    else:
        data = {
            "superior_body": party_organisation(province),
            "issuing_body": committee.upper(),
            "number": f"-BC/{_symbol(anchor)}",
            "signer_authority": "T/M BAN THƯỜNG VỤ",
            "signer_title": "BÍ THƯ",
            "issuer_phrase": committee,
        }
    # "Tỉnh ủy" / "Thành ủy": the committee the units of a province report to.
    province_committee = " ".join(committee_name(province).split()[:2]) if province else ""
    if provincial:
        recipients = ["- Ban Tuyên giáo và Dân vận Trung ương (b/c),"]
        if board is not None or unit.kind == OrgUnit.Kind.AGENCY:
            recipients.append(f"- Ban Thường vụ {province_committee} (b/c),")
    elif province is not None:
        recipients = [
            f"- Ban Thường vụ {province_committee} (b/c),",
            f"- Ban Tuyên giáo và Dân vận {province_committee} (b/c),",
        ]
    else:
        recipients = []
    recipients.append("- Lưu VT.")
    data.update(place=place, recipients="\n".join(recipients))
    return data


def next_period(period: Period) -> Period:
    """The period of the same type that follows (what a report's "phương hướng, nhiệm vụ" is for)."""
    for candidate in [
        *Period.of_type(period.type, period.year),
        *Period.of_type(period.type, period.year + 1),
    ]:
        if candidate.start > period.end:
            return candidate
    return period.a_year_earlier()  # unreachable: the next year always has one


def document_summary(form: Form, period: Period) -> str:
    """The form's document title with {ky} and {ky_toi} filled in, or the form's name and the period."""
    template = form.document_title or f"{form.name} {{ky}}"
    text = template.replace("{ky}", period.label).replace("{ky_toi}", next_period(period).label)
    return text[:1].upper() + text[1:]


def vietnamese_date(day: datetime.date) -> str:
    """ "ngày 05 tháng 02 năm 2026", "ngày 22 tháng 11 năm 2026": a zero before days under 10 and months 1 and 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def file_base_name(document: ReportDocument) -> str:
    """bao-cao-tinh-cao-bang-2026H1"""
    return f"bao-cao-{slugify(fold(document.unit.name)) or document.unit_id}-{document.period}"


# --- the narrative, pre-assembled ------------------------------------------------------------------------------------


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


def _intro(issuer_phrase: str, summary: str) -> str:
    return _("Thực hiện chương trình công tác, %(issuer)s báo cáo %(summary)s như sau:") % {
        "issuer": issuer_phrase,
        "summary": summary[:1].lower() + summary[1:],
    }


# --- services --------------------------------------------------------------------------------------------------------


def check_scope(form: Form, unit: OrgUnit, period_code: str) -> Period:
    """The period, if it is of the form's type and the unit lies in the form's reach (ValidationError otherwise)."""
    try:
        period = Period.parse(period_code)
    except ValueError as error:
        raise ValidationError({"period": [str(error)]}) from None
    if period.type != form.period_type:
        raise ValidationError(
            {
                "period": [
                    _("Biểu mẫu này báo cáo theo kỳ %(type)s.") % {"type": PeriodType(form.period_type).label}
                ]
            }
        )
    owner_path = form.owner.path
    inside = unit.path.startswith(owner_path) or any(
        path.startswith(owner_path) or owner_path.startswith(path) for path in counted_paths(unit)
    )
    if not inside:
        raise ValidationError(
            {"unit": [_("%(unit)s không thuộc phạm vi của biểu mẫu này.") % {"unit": unit.name}]}
        )
    return period


def find_document(form: Form, unit: OrgUnit, period: Period) -> ReportDocument | None:
    return (
        ReportDocument.objects.filter(form=form, unit=unit, period=period.code)
        .select_related("form", "form__owner", "unit")
        .first()
    )


def prepare_document(actor, form: Form, unit: OrgUnit, period: Period | str) -> ReportDocument:
    """The unit's report document for the form and period, created on first use with the suggested heading, today's
    date, the summary from the form's title and the narrative pre-assembled from the reports."""
    period = check_scope(form, unit, period if isinstance(period, str) else period.code)
    existing = find_document(form, unit, period)
    if existing is not None:
        return existing
    if not can_edit_document(actor, unit):
        raise NotAllowed(_("Bạn không có quyền soạn văn bản báo cáo của %(unit)s.") % {"unit": unit.name})
    defaults = heading_defaults(unit)
    summary = document_summary(form, period)
    narrative = {INTRO_KEY: _intro(defaults.pop("issuer_phrase"), summary)}
    narrative.update(assemble_narrative(form, unit, period))
    try:
        with transaction.atomic():
            document = ReportDocument.objects.create(
                form=form,
                unit=unit,
                unit_path=unit.path,
                period=period.code,
                issued_on=timezone.localdate(),
                summary=summary[:300],
                narrative=narrative,
                **defaults,
            )
            record_change(actor, "create", document, None, snapshot(document, exclude=("narrative",)), unit)
    except IntegrityError:
        # Prepared at the same moment in another request: that one stands.
        return find_document(form, unit, period)
    return find_document(form, unit, period)


def _parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _heading_errors(document: ReportDocument) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name, (label, required, limit) in HEADING_FIELDS.items():
        value = getattr(document, name) or ""
        if required and not value:
            errors[name] = [_("Hãy nhập %(label)s.") % {"label": label}]
        elif len(value) > limit:
            errors[name] = [
                _("%(label)s: tối đa %(n)s ký tự.")
                % {"label": _capitalised(str(label)), "n": vn_number(limit)}
            ]
    if document.issued_on is None:
        errors["issued_on"] = [_("Hãy nhập ngày ban hành.")]
    elif not 1945 <= document.issued_on.year <= 2100:
        errors["issued_on"] = [_("Ngày ban hành không hợp lệ.")]
    return errors


def _logged(text: str, limit: int = 500) -> str:
    """A section's text as the change log keeps it: assembled sections run to pages, the log keeps their start."""
    return text if len(text) <= limit else text[:limit] + "…"


def update_document(actor, document: ReportDocument, **fields) -> ReportDocument:
    """Saves the edited heading, texts, signature and recipients (`narrative` a {key: text} of the outline's
    sections); ValidationError names each field in Vietnamese; the change log keeps the changed fields."""
    with transaction.atomic():
        document = ReportDocument.objects.select_for_update().get(pk=document.pk)
        unit = OrgUnit.objects.get(pk=document.unit_id)
        if not can_edit_document(actor, unit):
            raise NotAllowed(_("Bạn không có quyền sửa văn bản báo cáo của %(unit)s.") % {"unit": unit.name})
        before, after = {}, {}
        errors: dict[str, list[str]] = {}
        for name, value in fields.items():
            if name == "narrative":
                narrative = dict(document.narrative or {})
                for key, text in (value or {}).items():
                    if key not in TEXT_KEYS:
                        errors.setdefault("narrative", []).append(
                            _("Không có mục “%(key)s” trong đề cương báo cáo.") % {"key": key}
                        )
                        continue
                    text = nfc_lines(text)
                    if len(text) > MAX_SECTION_CHARS:
                        errors[f"narrative_{key}"] = [_("Tối đa 100.000 ký tự mỗi mục.")]
                        continue
                    if narrative.get(key, "") != text:
                        before[f"narrative.{key}"] = _logged(narrative.get(key, ""))
                        after[f"narrative.{key}"] = _logged(text)
                        narrative[key] = text
                document.narrative = narrative
            elif name == "issued_on":
                day = _parse_date(value)
                if day is None:
                    errors["issued_on"] = [
                        _("Ngày ban hành không hợp lệ: hãy nhập dạng dd/mm/yyyy, ví dụ 22/11/2026.")
                    ]
                    continue
                if day != document.issued_on:
                    before[name], after[name] = document.issued_on.isoformat(), day.isoformat()
                    document.issued_on = day
            elif name in HEADING_FIELDS:
                text = nfc_lines(value) if name == "recipients" else nfc(str(value or ""))
                if getattr(document, name) != text:
                    before[name], after[name] = getattr(document, name), text
                    setattr(document, name, text)
            else:
                errors.setdefault("__all__", []).append(
                    _("Không sửa được trường “%(name)s”.") % {"name": name}
                )
        for name, messages in _heading_errors(document).items():
            if name in fields and name not in errors:
                errors[name] = messages
        if errors:
            raise ValidationError(errors)
        if before:
            document.save()
            record_change(actor, "update", document, before, after, unit)
    return find_document(document.form, unit, Period.parse(document.period))


def reassemble_narrative(actor, document: ReportDocument) -> ReportDocument:
    """Replaces the outline's texts with those assembled afresh from the reports (the opening paragraph stays)."""
    form = Form.objects.select_related("owner").get(pk=document.form_id)
    unit = OrgUnit.objects.get(pk=document.unit_id)
    texts = assemble_narrative(form, unit, Period.parse(document.period))
    return update_document(actor, document, narrative=texts)


def is_stale(document: ReportDocument, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return document.requested_at is None or now - document.requested_at > STALE_AFTER


def is_busy(document: ReportDocument) -> bool:
    """Queued, and not so long ago that the job must be lost; or running, and not for so long that its worker must
    have stopped (`jobs.is_stuck`)."""
    if document.state == ReportDocument.State.QUEUED:
        return not is_stale(document)
    return document.state == ReportDocument.State.RUNNING and not jobs.is_stuck(document)


def request_generation(actor, document: ReportDocument) -> ReportDocument:
    """Queues the generation of the Word and PDF files; the background worker runs it once this transaction has
    committed (`danvan db_worker`; in tests the immediate backend runs it at once)."""
    jobs.recover_stuck()  # a job lost to a stopped worker is marked failed before this one is asked for
    with transaction.atomic():
        document = ReportDocument.objects.select_for_update().get(pk=document.pk)
        unit = OrgUnit.objects.get(pk=document.unit_id)
        if not can_edit_document(actor, unit):
            raise NotAllowed(_("Bạn không có quyền tạo văn bản báo cáo của %(unit)s.") % {"unit": unit.name})
        errors = _heading_errors(document)
        if errors:
            raise ValidationError(errors)
        if is_busy(document):
            raise ValidationError(_("Văn bản đang được tạo: chờ xong rồi hãy tạo lại."))
        before = {"state": document.state}
        document.state = ReportDocument.State.QUEUED
        document.progress = 0
        document.progress_note = _("Đang chờ tiến trình nền…")
        document.error = ""
        document.requested_at = timezone.now()
        document.save(update_fields=["state", "progress", "progress_note", "error", "requested_at"])
        record_change(actor, "update", document, before, {"state": document.state}, unit)
        pk = document.pk
        transaction.on_commit(lambda: _enqueue(pk))
    return find_document(document.form, unit, Period.parse(document.period))


def _enqueue(document_id: int) -> None:
    from .tasks import generate_report_document

    try:
        generate_report_document.enqueue(document_id)
    except Exception as error:  # the queue itself failed: say so rather than wait forever
        logger.exception("Could not queue report document %s", document_id)
        ReportDocument.objects.filter(pk=document_id).update(
            state=ReportDocument.State.FAILED,
            progress_note=_("Không đưa được việc tạo văn bản vào hàng đợi."),
            error=str(error)[:2000],
        )


def _progress(document_id: int, **values) -> None:
    """Progress is written at once, outside any transaction, for the page that polls it."""
    ReportDocument.objects.filter(pk=document_id).update(**values)


def generate(document_id: int) -> str:
    """Builds both files and saves them; the state goes running → done, or failed with the error (never stays
    running). Called by the background task."""
    document = (
        ReportDocument.objects.select_related("form", "form__owner", "unit").filter(pk=document_id).first()
    )
    if document is None:
        logger.warning("Report document %s no longer exists", document_id)
        return "missing"
    started = timezone.now()
    try:
        with translation.override("vi"):
            _progress(
                document_id,
                state=ReportDocument.State.RUNNING,
                progress=10,
                progress_note=_("Đang tổng hợp số liệu và nội dung…"),
                error="",
            )
            content = document_content(document)
            _progress(document_id, progress=50, progress_note=_("Đang tạo tệp Word…"))
            word = build_docx(document, content)
            _progress(document_id, progress=80, progress_note=_("Đang tạo tệp PDF…"))
            pdf = build_pdf(document, content)
            old = [document.docx.name, document.pdf.name]
            base = file_base_name(document)
            document.docx.save(f"{base}.docx", ContentFile(word), save=False)
            document.pdf.save(f"{base}.pdf", ContentFile(pdf), save=False)
            document.state = ReportDocument.State.DONE
            document.progress = 100
            document.progress_note = _("Đã tạo xong văn bản Word và PDF.")
            document.error = ""
            document.generated_at = started
            document.save(
                update_fields=["docx", "pdf", "state", "progress", "progress_note", "error", "generated_at"]
            )
    except BaseException as error:
        logger.exception("Report document %s failed", document_id)
        with translation.override("vi"):
            _progress(
                document_id,
                state=ReportDocument.State.FAILED,
                progress_note=_("Không tạo được văn bản."),
                error=(_("Lỗi khi tạo văn bản: %(error)s") % {"error": error or type(error).__name__})[:2000],
            )
        raise
    for name in old:
        if name and name not in (document.docx.name, document.pdf.name):
            try:
                document.docx.storage.delete(name)
            except OSError:
                logger.warning("Could not delete the old file %s", name)
    return "done"


# --- the content, shared by both builders ----------------------------------------------------------------------------


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


def _capitalised(text: str) -> str:
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
    columns = [_capitalised(period.label)]
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


# --- Word ------------------------------------------------------------------------------------------------------------


def _set_font(element) -> None:
    """Times New Roman for every script (ascii, hAnsi, East Asian, complex) on a run, a style or the document's
    defaults, so Word never falls back for Vietnamese letters; Vietnamese as the proofing language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if element.tag == qn("w:rPrDefault"):
        rpr = element.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            element.append(rpr)
    else:
        rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(theme)) is not None:
            del fonts.attrib[qn(theme)]
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")


def _run(paragraph, text: str, *, bold=False, italic=False, underline=False, size: float | None = None):
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    run.underline = underline or None
    if size:
        run.font.size = Pt(size)
    run.font.name = FONT
    _set_font(run._element)
    return run


def _paragraph(
    container,
    text: str = "",
    *,
    align=None,
    bold=False,
    italic=False,
    underline=False,
    size=None,
    before: float = 0,
    after: float = 0,
    indent: float | None = None,
    keep_next=False,
):
    from docx.shared import Cm, Pt

    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if align is not None:
        paragraph.alignment = align
    if indent is not None:
        fmt.first_line_indent = Cm(indent)
    if keep_next:
        fmt.keep_with_next = True
    if text:
        _run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    return paragraph


def _first_paragraph(cell, text: str, **kwargs):
    """Writes into the paragraph a new cell already has, then returns it."""
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(kwargs.pop("before", 0)), Pt(kwargs.pop("after", 0))
    if "align" in kwargs:
        paragraph.alignment = kwargs.pop("align")
    if text:
        _run(paragraph, text, **kwargs)
    return paragraph


def _widths(table, widths_cm: list[float]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for index, width in enumerate(widths_cm):
        table.columns[index].width = Cm(width)
        for cell in table.columns[index].cells:
            cell.width = Cm(width)


def _no_borders(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)
    # No cell padding either: the heading's two columns use the whole width of the text block.
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _page_numbers(section) -> None:
    """Page numbers at the top centre from the second page (the first carries the heading)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def build_docx(document: ReportDocument, content: DocumentContent | None = None) -> bytes:
    """The Word file: A4, margins of Hướng dẫn 36-HD/VPTW (top and bottom 2 cm, left 3 cm, right 1.5 cm), Times New
    Roman 14; heading table, title, body, signature and recipients, then the annex of figures."""
    from docx import Document
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    content = content or document_content(document)
    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    word = Document()
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.header_distance, section.footer_distance = Cm(1), Cm(1)
    styles = word.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _set_font(normal.element)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    defaults = word.styles.element.find(qn("w:docDefaults"))
    if defaults is not None and defaults.find(qn("w:rPrDefault")) is not None:
        _set_font(defaults.find(qn("w:rPrDefault")))
    word.core_properties.title = f"{content.document_type} {content.summary}"[:255]
    word.core_properties.author = content.issuing_body[:255]
    word.core_properties.language = "vi-VN"
    _page_numbers(section)

    # Heading: issuing body on the left, the Party's name with place and date on the right (36-HD/VPTW, form 1).
    heading = word.add_table(rows=1, cols=2)
    _no_borders(heading)
    _widths(heading, [8.3, 8.2])
    left, right = heading.rows[0].cells
    first = True
    for text, bold in ((content.superior_body, False), (content.issuing_body, True)):
        if not text:
            continue
        if first:
            _first_paragraph(left, text, align=center, bold=bold)
            first = False
        else:
            _paragraph(left, text, align=center, bold=bold)
    _paragraph(left, "*", align=center)
    _paragraph(left, content.number_line, align=center)
    _first_paragraph(right, "ĐẢNG CỘNG SẢN VIỆT NAM", align=center, bold=True, underline=True, size=15)
    _paragraph(right, content.place_date, align=center, italic=True, before=16)

    _paragraph(word, content.document_type, align=center, bold=True, size=16, before=24, keep_next=True)
    _paragraph(word, content.summary, align=center, bold=True, keep_next=True)
    _paragraph(word, "-----", align=center, after=12)

    def body(text):
        paragraph = _paragraph(word, text, align=justify, after=6, indent=1)
        paragraph.paragraph_format.line_spacing = 1.15
        return paragraph

    for text in content.intro:
        body(text)
    for block in content.blocks:
        _paragraph(word, block.heading, bold=True, after=6, indent=1, keep_next=True, align=justify)
        for text in block.paragraphs:
            body(text)

    # Signature on the right, recipients on the left.
    signature = word.add_table(rows=1, cols=2)
    _no_borders(signature)
    _widths(signature, [8.0, 8.5])
    recipients, signer = signature.rows[0].cells
    _first_paragraph(recipients, _("Nơi nhận:"), bold=True, italic=True, underline=True, size=12, before=12)
    for line in content.recipients:
        _paragraph(recipients, line, size=11)
    first = True
    for text in (content.signer_authority, content.signer_title):
        if not text:
            continue
        if first:
            _first_paragraph(signer, text, align=center, bold=True, before=12)
            first = False
        else:
            _paragraph(signer, text, align=center, bold=True)
    if first:
        _first_paragraph(signer, "", before=12)
    for _line in range(4):
        _paragraph(signer, "")
    _paragraph(signer, content.signer_name, align=center, bold=True)

    # Annex: a table of figures per section of the form.
    figures = content.figures
    if figures.tables:
        breaker = _paragraph(word)
        breaker.add_run().add_break(WD_BREAK.PAGE)
        _paragraph(word, content.annex_title, align=center, bold=True)
        _paragraph(word, content.annex_note, align=center, italic=True, after=12)
        columns = ["STT", _("Chỉ tiêu"), _("Đơn vị tính"), *figures.columns]
        widths = [1.3, 7.2, 2.0, 2.0, 2.0, 2.0] if figures.compared else [1.3, 9.2, 2.0, 4.0]
        if figures.compared:
            columns.append(_("Tăng (+), giảm (-)"))
        for table_content in figures.tables:
            _paragraph(word, table_content.title, bold=True, before=6, after=6, keep_next=True)
            table = word.add_table(rows=1, cols=len(columns))
            table.style = styles["Table Grid"]
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            _widths(table, widths)
            _repeat_header(table.rows[0])
            for cell, label in zip(table.rows[0].cells, columns, strict=True):
                _first_paragraph(cell, label, align=center, bold=True, size=12, before=2, after=2)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            for row in table_content.rows:
                cells = table.add_row().cells
                texts = [row.number, row.name, row.measure, *row.values]
                if figures.compared:
                    texts.append(row.change)
                for index, (cell, text) in enumerate(zip(cells, texts, strict=True)):
                    align = WD_ALIGN_PARAGRAPH.LEFT if index == 1 else center
                    if index >= 3:
                        align = WD_ALIGN_PARAGRAPH.RIGHT
                    _first_paragraph(cell, text, align=align, size=12, italic=row.sub, before=2, after=2)
                    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# --- PDF -------------------------------------------------------------------------------------------------------------


def render_html(document: ReportDocument, content: DocumentContent | None = None) -> str:
    content = content or document_content(document)
    with translation.override("vi"):
        return render_to_string("reporting/documents/pdf.html", {"content": content, "document": document})


def build_pdf(document: ReportDocument, content: DocumentContent | None = None) -> bytes:
    """The same content as the Word file, laid out by an HTML template and WeasyPrint (Liberation Serif stands in
    for Times New Roman where it is not installed: same metrics)."""
    from weasyprint import HTML

    html = render_html(document, content)
    return HTML(string=html, base_url=None).write_pdf()
