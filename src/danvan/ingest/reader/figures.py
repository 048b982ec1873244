"""The figures a story reports: how many "Dân vận khéo" models, and what they count ("14 mô hình “Dân vận khéo”
cấp phường", "toàn huyện có 331 mô hình", "682 điển hình cá nhân"), then the other figures ("16 cơ quan, đơn vị",
"100% xã, phường", "2,1 tỷ đồng")."""

import re

from .words import flat

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:,\d+)?"
_MODELS = re.compile(rf"(?<![\w.,/\-])({_NUMBER})\s+(?:mo hinh|mh|dien hinh)\b")
_KHEO = re.compile(r"dan van kheo|dvk\b")
# What a count of models covers, written after it ("cấp phường", "tập thể", "được công nhận") or before it in the
# same clause ("toàn huyện có", "khối phường, xã").
_QUOTED_KHEO = r"(?:\s*[“\"'‘’”]?\s*dan van kheo\s*[”\"'’]?)?"
_SCOPE_AFTER = re.compile(
    rf"^(?:\s*,?\s*dien hinh)?{_QUOTED_KHEO}\s*((?:cap|o|tai|thuoc|tren|cua|duoc|tap the|ca nhan|khoi|moi|trong)\b"
    r"[^;.:()]*?)(?=\s+va\s+\d|\s+va\s+(?:cac|nhieu)|[;.:()]|,\s*(?:\d|trong do|nang|dat|gop)|$)"
)
_SCOPE_BEFORE = re.compile(
    r"((?:toan|khoi|cap|cac cap|tren dia ban)\b[^;.:()\d]{0,60}?)(?:\s(?:co|voi|len|xay dung|dang ky|la|da|duoc|hien))*"
    r"\s*$"
)
_NOT_FIGURE_BEFORE = re.compile(
    r"(\b(?:so|khoa|lan thu|nhiem ky|quyet dinh|nghi quyet|chi thi|ket luan|quy dinh|ke hoach|thong bao|cong van|"
    r"huong dan|covid|quy|thu|ngay|thang|nam|giai doan|tu|den|truoc|khoi|to|thon|xom|ap|ban|phuong|quan|khu|"
    r"doi|lop|phong|dieu|khoan|muc|chuong)|\d[/.\-]|[/\-])\s*$"
)
_TIME_UNITS = re.compile(r"\s*(thang|nam|ngay(?! cong)|gio|quy|tuan|phut|lan thu|h\b|/)")
_UNIT = re.compile(r"\s?(%|ty dong|trieu dong|nghin dong|dong|m2|m²|km|ha|m\b|tan|kg)")
_MAX_WHAT_WORDS = 12


def _sentences(text: str):
    """(start, end, paragraph start, paragraph end) of each sentence (or clause before a semicolon)."""
    position = 0
    for paragraph in text.split("\n"):
        p_start, p_end = position, position + len(paragraph)
        s_start = p_start
        for match in re.finditer(r"(?<=[;!?…])\s*|(?<=[.])\s+(?=\S)", paragraph):
            end = p_start + match.start()
            if end > s_start:
                yield s_start, end, p_start, p_end
            s_start = p_start + match.end()
        if p_end > s_start:
            yield s_start, p_end, p_start, p_end
        position = p_end + 1


def _whole(number: str) -> int:
    return int(number.replace(".", "").split(",")[0])


def _span(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split()).strip(" ,;:.")


def model_counts(text: str) -> list[dict]:
    """[{"count", "scope"}] for each number of models or exemplars in a sentence about "Dân vận khéo" (the
    sentence, the one before it, or its paragraph names them)."""
    flat_text = flat(text)
    results = []
    previous = ""
    for start, end, p_start, p_end in _sentences(text):
        sentence = flat_text[start:end]
        about_kheo = (
            _KHEO.search(sentence) or _KHEO.search(previous) or _KHEO.search(flat_text[p_start:p_end])
        )
        previous = sentence
        if not about_kheo:
            continue
        for match in _MODELS.finditer(sentence):
            after = _SCOPE_AFTER.match(sentence[match.end() :])
            if after:
                offset = start + match.end()
                scope = _span(text, offset + after.start(1), offset + after.end(1))
            else:
                clause_start = max(0, match.start() - 80)
                before = _SCOPE_BEFORE.search(sentence[clause_start : match.start()])
                scope = (
                    _span(text, start + clause_start + before.start(1), start + clause_start + before.end(1))
                    if before
                    else ""
                )
            results.append({"count": _whole(match.group(1)), "scope": " ".join(scope.split()[:10])})
    return results


def other_figures(text: str, counted: list[dict]) -> list[dict]:
    """[{"value", "what"}] for the story's other numbers (not dates, years, document numbers, durations, nor the
    model counts): what they count is the phrase after them."""
    flat_text = flat(text)
    models = {m["count"] for m in counted}
    results = []
    for start, end, _p_start, _p_end in _sentences(text):
        sentence = flat_text[start:end]
        for match in re.finditer(rf"(?<![\w.,/\-])({_NUMBER})(?![\w/\-])", sentence):
            before, rest = sentence[: match.start()], sentence[match.end() :]
            if re.fullmatch(r"(19|20)\d{2}", match.group(1)) or _NOT_FIGURE_BEFORE.search(before):
                continue
            if _TIME_UNITS.match(rest):
                continue
            if re.match(r"\s*(mo|dien) hinh", rest) and _whole(match.group(1)) in models:
                continue
            unit = _UNIT.match(rest)
            value_end = match.end() + (unit.end() if unit else 0)
            what_rest = sentence[value_end:]
            stop = re.search(r"[;:()]|\.(?!\d)|,\s(?=\d)|\s(?:va|voi)\s\d|,\s(?:dat|trong do)\b", what_rest)
            what_end = value_end + (stop.start() if stop else len(what_rest))
            what = " ".join(text[start + value_end : start + what_end].split()[:_MAX_WHAT_WORDS]).strip(
                " ,;:."
            )
            if not what and not unit:
                continue
            results.append({"value": _span(text, start + match.start(), start + value_end), "what": what})
    return results[:20]
