"""Dates in a news story: when it was published (the line under its headline), and when the event took place
("Sáng 22/7", "Chiều ngày 22/6", "ngày 12 tháng 7 năm 2025", "từ ngày 12 đến 14/7", "chiều qua"), read against the
publication date, never the reader's clock."""

import datetime
import re
from collections import Counter

from danvan.core.text import fold

_NUMERIC = re.compile(
    r"(?<![\d/.\-])(\d{1,2})\s?[/.\-]\s?(\d{1,2})(?:\s?[/.\-]\s?((?:19|20)\d{2}))?(?![\d/%]|[.,]\d)"
)
_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})")
_WORDS = re.compile(r"\bngay (\d{1,2}) thang (\d{1,2})(?: nam ((?:19|20)\d{2}))?")
# "từ ngày 12 đến 14/7", "ngày 12 và 13/7", "trong 2 ngày 12-13/7": the first day of a range.
_RANGE = re.compile(
    r"\bngay (\d{1,2}) ?(?:,|va|-|–|den|toi) ?(?:ngay )?\d{1,2} ?[/.\-] ?(\d{1,2})(?: ?[/.\-] ?((?:19|20)\d{2}))?"
)
# "ngày 12-13/7" written without the second "ngày": the first number is a day, not a day/month pair.
_DAY_PAIR = re.compile(r"\bngay (\d{1,2}) ?[-–] ?\d{1,2} ?/ ?(\d{1,2})(?: ?/ ?((?:19|20)\d{2}))?")
_RELATIVE = {
    "hom qua": -1,
    "sang qua": -1,
    "chieu qua": -1,
    "toi qua": -1,
    "trua qua": -1,
    "dem qua": -1,
    "hom nay": 0,
    "sang nay": 0,
    "chieu nay": 0,
    "trua nay": 0,
    "toi nay": 0,
}
_RELATIVE_RE = re.compile(r"\b(" + "|".join(_RELATIVE) + r")\b")
# A date that belongs to a document or a deadline, not to the event: "Kế hoạch số 12-KH/TU ngày 3/2/2021",
# "tính đến ngày 30/5".
_NOT_EVENT_BEFORE = re.compile(
    r"(\bso\s*[\w/\-.]*\s*,?\s*(ngay)?\s*$|[a-z]*\d+[-/][a-z]{1,4}[/\-][a-z]{1,4}\s*,?\s*(ngay)?\s*$|"
    r"\b(tinh )?den (het )?(ngay )?$|\btinh den\s*$|\bhan\s*(cuoi)?\s*(ngay)?\s*$|\btruoc (ngay )?$|"
    r"\bsau (ngay )?$|\bke tu (ngay )?$|\bthang\s*$|\bnam\s*$|\bnhiem ky\s*$|\bgiai doan\s*$)"
)

# "Thực hiện Kế hoạch của Ban Thường vụ Tỉnh ủy ngày 3/5/2023, sáng 12/6 …": the plan's date, in the same clause.
_DOCUMENT_BEFORE = re.compile(
    r"\b(ke hoach|quyet dinh|nghi quyet|chi thi|cong van|huong dan|thong bao|chuong trinh|ket luan|quy dinh|"
    r"to trinh|bao cao|dieu le|luat)\b[^,.;]*(?<!\bvao )(?<!\bvao ngay )$"
)


def _make(year, month, day) -> datetime.date | None:
    try:
        return datetime.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def publication_date(line: str) -> datetime.date | None:
    """The date of a publication line: "Thứ năm - 22/07/2021 17:13", "2025-07-12T08:30:00+07:00"."""
    found = _ISO.search(line)
    if found:
        return _make(*found.groups())
    for day, month, year in _NUMERIC.findall(line):
        if year:
            return _make(year, month, day)
    found = _WORDS.search(fold(line))
    if found and found.group(3):
        return _make(found.group(3), found.group(2), found.group(1))
    return None


def _candidates(text: str):
    """(position, day, month, year or None) of each date the text writes, ranges by their first day, in order."""
    folded = fold(text)
    found = []
    taken: list[tuple[int, int]] = []
    for pattern in (_RANGE, _DAY_PAIR, _WORDS, _NUMERIC):
        for match in pattern.finditer(folded):
            if any(start <= match.start() < end for start, end in taken):
                continue
            before = folded[max(0, match.start() - 40) : match.start()]
            if _NOT_EVENT_BEFORE.search(before) or _DOCUMENT_BEFORE.search(
                folded[max(0, match.start() - 70) : match.start()]
            ):
                continue
            day, month, year = match.group(1), match.group(2), match.group(3)
            if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
                continue
            taken.append((match.start(), match.end()))
            found.append((match.start(), int(day), int(month), int(year) if year else None))
    return sorted(found)


def _relative(text: str, published: datetime.date | None) -> datetime.date | None:
    if not published:
        return None
    found = _RELATIVE_RE.search(fold(text)[:300])
    return published + datetime.timedelta(days=_RELATIVE[found.group(1)]) if found else None


def event_date(
    texts: list[str], published: datetime.date | None, year_hint: int | None
) -> datetime.date | None:
    """The event's date from the first of `texts` (lead, headline, further paragraphs) that gives one; the year
    from the text, else from the publication date (an event in December published in January is of the year
    before), else `year_hint`. The publication date when nothing else is found."""
    for text in texts:
        for _position, day, month, year in _candidates(text)[:3]:
            if year is None:
                year = _year_for(day, month, published, year_hint)
            date = _make(year, month, day) if year else None
            if date:
                return date
        relative = _relative(text, published)
        if relative:
            return relative
    return published


def _year_for(day: int, month: int, published: datetime.date | None, year_hint: int | None) -> int | None:
    if published:
        candidate = _make(published.year, month, day)
        if candidate and candidate > published + datetime.timedelta(days=7):
            return published.year - 1
        return published.year
    return year_hint


def years_in(text: str) -> Counter:
    return Counter(int(y) for y in re.findall(r"(?<![\d/.\-])((?:19|20)\d{2})(?![\d])", text))
