"""The event read from a news text (the reader's schema, `../shared/ingest/README.md`), checked and put into the
shapes the records need: its date, the meeting type, the period code, the people's posts, the figures, the tasks'
deadline; and from the text itself what the event does not carry: when the story was published, its author, and
its body without the page's menus and counters."""

import datetime
import hashlib
import html
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.activities.models import Meeting
from danvan.core.periods import Period, PeriodType
from danvan.core.text import nfc, nfc_lines

from ..reader.page import read_page

EVENT_TYPES = ("so_ket", "tong_ket", "kiem_tra", "giao_ban", "hoi_nghi_khac", "doi_thoai", "tap_huan", "khac")
LEVELS = ("trung_uong", "tinh", "huyen", "xa", "khac")
# The reader's event type → the meeting's. An inspection visit is recorded as a meeting of type "khác" (the
# inspection register wants a team with one leader and inspected units under the organiser, which an article
# rarely gives); an inspection already recorded (the demo's Cầu Kè) is linked instead.
MEETING_TYPES = {
    "so_ket": Meeting.Type.SO_KET,
    "tong_ket": Meeting.Type.TONG_KET,
    "giao_ban": Meeting.Type.GIAO_BAN,
    "doi_thoai": Meeting.Type.DOI_THOAI,
    "tap_huan": Meeting.Type.TAP_HUAN,
    "hoi_nghi_khac": Meeting.Type.CHUYEN_DE,
    "kiem_tra": Meeting.Type.KHAC,
    "khac": Meeting.Type.KHAC,
}
HALVES = {"H1": 1, "H2": 2}
MAX_PEOPLE = 100
MAX_ITEMS = 100
TITLE_MAX = 300
# The hour given to a meeting whose article names no hour (the time of day is not what the records are read for).
DEFAULT_HOUR = 8
_PUBLISHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\s*[-,|]?\s*(\d{1,2})[:h](\d{2}))?")
_AUTHOR = re.compile(
    r"^\s*(?:Tác giả bài viết|Tác giả|Tin,? ảnh|Tin và ảnh|Bài,? ảnh|Tin|Bài|T/h|TH)\s*:\s*(?P<who>.{2,120}?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass
class CleanEvent:
    title: str
    event_date: datetime.date
    event_type: str
    organizer: str
    level: str
    locality: str
    period: str
    source_url: str
    people: list[dict] = field(default_factory=list)  # {"name", "titles": [..]}
    model_counts: list[dict] = field(default_factory=list)  # {"count": int, "scope": str}
    other_figures: list[dict] = field(default_factory=list)  # {"value": str, "what": str}
    tasks: list[str] = field(default_factory=list)
    published_at: datetime.datetime | None = None

    @property
    def meeting_type(self) -> str:
        return MEETING_TYPES[self.event_type]

    def as_json(self) -> dict:
        """The event as it was imported, in the reader's schema."""
        year, half = (self.period[:4], self.period[4:]) if self.period else ("", "")
        return {
            "source_url": self.source_url or None,
            "title": self.title,
            "event_date": self.event_date.isoformat(),
            "event_type": self.event_type,
            "organizer": self.organizer,
            "organizer_level": self.level,
            "locality": self.locality or None,
            "period_reviewed": {"year": int(year), "half": half or "FULL"} if year else None,
            "people": [{"name": p["name"], "title": ", ".join(p["titles"])} for p in self.people],
            "model_counts": self.model_counts,
            "other_figures": self.other_figures,
            "directed_tasks": self.tasks,
        }


def text_hash(text: str) -> str:
    """The article's fingerprint: its text as stored (NFC, lines trimmed), so a second copy of the same file, or
    the same page saved again, is recognised."""
    return hashlib.sha256(nfc_lines(text).encode()).hexdigest()


def _line(value, key: str, errors: dict, *, limit: int, required: str = "") -> str:
    if value is not None and not isinstance(value, str | int | float):
        errors.setdefault(key, []).append(_("“%(key)s” phải là một chuỗi.") % {"key": key})
        return ""
    text = nfc(str(value or "")).replace("\x00", "")
    if required and not text:
        errors.setdefault(key, []).append(required)
    return text[:limit]


def _date(value, errors: dict) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        day = datetime.date.fromisoformat(str(value or "").strip())
    except ValueError:
        errors.setdefault("event_date", []).append(
            _("Ngày diễn ra (event_date) “%(value)s” không phải ngày dạng yyyy-mm-dd.")
            % {"value": value or ""}
        )
        return None
    if not 1945 <= day.year <= timezone.localdate().year:
        errors.setdefault("event_date", []).append(_("Năm %(year)s không hợp lệ.") % {"year": day.year})
        return None
    return day


def _period(value, errors: dict) -> str:
    """{"year": 2022, "half": "H1"} → "2022H1"; "FULL" or no half → "2022"; null → ""."""
    if value in (None, {}, ""):
        return ""
    if not isinstance(value, dict):
        errors.setdefault("period_reviewed", []).append(_("Kỳ được sơ kết, tổng kết không hợp lệ."))
        return ""
    year, half = value.get("year"), value.get("half")
    if year in (None, ""):
        return ""
    try:
        year = int(year)
        if half in HALVES:
            return Period(year, PeriodType.HALF_YEAR, HALVES[half]).code
        if half in (None, "", "FULL"):
            return Period(year, PeriodType.YEAR).code
    except (TypeError, ValueError):
        pass
    errors.setdefault("period_reviewed", []).append(
        _("Kỳ được sơ kết, tổng kết không hợp lệ: năm %(year)s, %(half)s.")
        % {"year": year, "half": half or ""}
    )
    return ""


def _titles(title: str) -> list[str]:
    """ "UV BTV Thành ủy, Trưởng Ban Dân vận, Chủ tịch UBMTTQ thành phố" → its three posts."""
    return [part.strip(" .;") for part in re.split(r"[,;]", title or "") if part.strip(" .;")]


def _people(value, errors: dict) -> list[dict]:
    people, seen = [], set()
    for row, entry in enumerate(list(value or [])[:MAX_PEOPLE], start=1):
        if not isinstance(entry, dict):
            errors.setdefault("people", []).append(_("Người thứ %(row)s không đọc được.") % {"row": row})
            continue
        name = nfc(str(entry.get("name") or "")).replace("\x00", "")[:150]
        if not name:
            continue
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        titles = [title[:200] for title in _titles(nfc(str(entry.get("title") or "")).replace("\x00", ""))]
        people.append({"name": name, "titles": titles})
    return people


def _counts(value, errors: dict) -> list[dict]:
    counts = []
    for row, entry in enumerate(list(value or [])[:MAX_ITEMS], start=1):
        try:
            count = int(str(entry.get("count")).replace(".", "").strip())
            if count < 0:
                raise ValueError
        except (AttributeError, TypeError, ValueError):
            errors.setdefault("model_counts", []).append(
                _("Số mô hình thứ %(row)s không phải là số.") % {"row": row}
            )
            continue
        counts.append({"count": count, "scope": nfc(str(entry.get("scope") or "")).replace("\x00", "")[:200]})
    return counts


def _figures(value, errors: dict) -> list[dict]:
    figures = []
    for row, entry in enumerate(list(value or [])[:MAX_ITEMS], start=1):
        if not isinstance(entry, dict) or entry.get("value") in (None, ""):
            errors.setdefault("other_figures", []).append(
                _("Số liệu thứ %(row)s không đọc được.") % {"row": row}
            )
            continue
        figures.append(
            {
                "value": nfc(str(entry["value"])).replace("\x00", "")[:60],
                "what": nfc(str(entry.get("what") or "")).replace("\x00", "")[:300],
            }
        )
    return figures


def _tasks(value) -> list[str]:
    tasks = []
    for entry in list(value or [])[:MAX_ITEMS]:
        text = nfc(str(entry or "")).replace("\x00", "").strip(" .;")
        if text:
            tasks.append((text[0].upper() + text[1:])[:500])
    return list(dict.fromkeys(tasks))


def _published(value) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.datetime.fromisoformat(value)
        except ValueError:
            return None
        return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
    return None


def clean_event(event: dict) -> CleanEvent:
    """The event checked: a ValidationError whose keys are the event's own (event_date, organizer…), in
    Vietnamese, for anything the records cannot take."""
    if not isinstance(event, dict):
        raise ValidationError({"__all__": [_("Sự kiện không đọc được.")]})
    errors: dict[str, list[str]] = {}
    title = _line(
        event.get("title"), "title", errors, limit=TITLE_MAX, required=_("Thiếu tiêu đề bài (title).")
    )
    day = _date(event.get("event_date"), errors)
    event_type = event.get("event_type") or "khac"
    if event_type not in EVENT_TYPES:
        errors.setdefault("event_type", []).append(
            _("Loại sự kiện (event_type) “%(value)s” không hợp lệ.") % {"value": event_type}
        )
    level = event.get("organizer_level") or "khac"
    if level not in LEVELS:
        errors.setdefault("organizer_level", []).append(
            _("Cấp tổ chức (organizer_level) “%(value)s” không hợp lệ.") % {"value": level}
        )
    clean = CleanEvent(
        title=title,
        event_date=day,
        event_type=event_type,
        organizer=_line(event.get("organizer"), "organizer", errors, limit=255),
        level=level,
        locality=_line(event.get("locality"), "locality", errors, limit=255),
        period=_period(event.get("period_reviewed"), errors),
        source_url=_line(event.get("source_url"), "source_url", errors, limit=500),
        people=_people(event.get("people"), errors),
        model_counts=_counts(event.get("model_counts"), errors),
        other_figures=_figures(event.get("other_figures"), errors),
        tasks=_tasks(event.get("directed_tasks")),
        published_at=_published(event.get("published_at")),
    )
    if clean.source_url and not re.match(r"^https?://", clean.source_url):
        errors.setdefault("source_url", []).append(
            _("Địa chỉ bài gốc phải bắt đầu bằng http:// hoặc https://.")
        )
    if errors:
        raise ValidationError(errors)
    return clean


def tasks_due(event: CleanEvent) -> datetime.date:
    """The deadline of the tasks an article directs (it never gives one): the end of the coming period — the period
    after the one reviewed (the second half after a mid-year review, the next year after a year-end one); without a
    reviewed period, the end of the half-year after the one the event falls in."""
    if event.period:
        return Period.parse(event.period).next().end
    return Period.containing(PeriodType.HALF_YEAR, event.event_date).next().end


def published_at(event: CleanEvent, text: str) -> datetime.datetime:
    """When the story was first published: the event's own `published_at`, else the page's publication line
    ("Thứ năm - 22/07/2021 17:13", as the reader finds it) when it is on or after the event, else the event's day."""
    if event.published_at:
        return event.published_at
    for match in _PUBLISHED.finditer(read_page(text).published or text[:1500]):
        day, month, year, hour, minute = match.groups()
        try:
            moment = datetime.datetime(
                int(year), int(month), int(day), int(hour or DEFAULT_HOUR), int(minute or 0)
            )
        except ValueError:
            continue
        if event.event_date <= moment.date() <= event.event_date + datetime.timedelta(days=60):
            return timezone.make_aware(moment)
    return event_moment(event)


def event_moment(event: CleanEvent) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(event.event_date, datetime.time(DEFAULT_HOUR)))


def author_of(text: str) -> str:
    """ "Tác giả bài viết: Long Huyền - Đình Trung", "Tin, ảnh: Thu Hà", "T/h: …" → who wrote it."""
    match = _AUTHOR.search(text or "")
    return nfc(match["who"])[:200] if match else ""


def story_html(title: str, text: str) -> str:
    """The story's body as paragraphs, without the page around it (the reader's `read_page`: menus, counters,
    ratings, other news, photo file names left out)."""
    paragraphs = [p for p in read_page(nfc_lines(text)).paragraphs if p.strip() and nfc(p) != title]
    return (
        "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs)
        or f"<p>{html.escape(title)}</p>"
    )


def summary_of(text: str) -> str:
    """The story's lead paragraph (who did what, when), as its summary."""
    return read_page(nfc_lines(text)).lead[:1000]


def figures_text(event: CleanEvent) -> str:
    """The figures as the minutes list them under "Số liệu"."""
    lines = [
        _("- Mô hình “Dân vận khéo” (%(scope)s): %(count)s")
        % {"scope": row["scope"] or "-", "count": row["count"]}
        for row in event.model_counts
    ]
    lines += [f"- {row['what'] or '-'}: {row['value']}" for row in event.other_figures]
    return (_("Số liệu:") + "\n" + "\n".join(lines)) if lines else ""
