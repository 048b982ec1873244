"""The figures a story reports: how many "Dân vận khéo" models, and what they count ("14 mô hình “Dân vận khéo”
cấp phường", "toàn huyện có 331 mô hình"), then the other figures ("16 cơ quan, đơn vị", "100% xã, phường")."""

import re

from .words import flat

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:,\d+)?"
_MODELS = re.compile(rf"(?<![\w.,/\-])({_NUMBER})\s+(?:mo hinh|mh|dien hinh)\b")
_KHEO = re.compile(r"dan van kheo|dvk\b")
_SENTENCE = re.compile(r"(?<=[.;!?…])\s+|(?<=\.)(?=[A-ZĐ])|\n")
_SCOPE_AFTER = re.compile(
    r"^\s*(?:[“\"'‘’”]?\s*dan van kheo\s*[”\"'’]?\s*)?(?:duoc cong nhan\s*)?((?:cap|o|tai|trong|thuoc|tren linh vuc|"
    r"cua|linh vuc|khoi)\s[^;.:()]*?)(?=\s+va\s+\d|[;.:()]|\s+va\s+(?:cac|nhieu)|$)"
)
_SCOPE_BEFORE = re.compile(r"((?:toan|khoi|cap|cac|trong do|tren dia ban)\b[^;.:]{0,60}?)\s*(?:co|voi|xay dung|dang ky)?\s*$")
_NOT_FIGURE_BEFORE = re.compile(
    r"(\bso|khoa|lan thu|nhiem ky|quyet dinh|nghi quyet|chi thi|ket luan|quy dinh|ke hoach|thong bao|cong van|"
    r"covid|quy|thu|ngay|thang|nam|giai doan|tu|den|\d[/.\-]|[/\-])\s*$"
)
_TIME_UNITS = re.compile(r"\s*(thang|nam|ngay|gio|quy|tuan|phut|lan thu|h\b|/)")


def _original(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split()).strip(" ,;:.")


def _sentences(text: str):
    """(start, end) of each sentence of each paragraph, with the paragraph's (start, end)."""
    position = 0
    for paragraph in text.split("\n"):
        p_start, p_end = position, position + len(paragraph)
        s_start = p_start
        for match in re.finditer(r"(?<=[;!?…])\s*|(?<=[.])\s+(?=\S)|(?<=[.])(?=[A-ZĐ])", paragraph):
            end = p_start + match.start()
            if end > s_start:
                yield s_start, end, p_start, p_end
            s_start = p_start + match.end()
        if p_end > s_start:
            yield s_start, p_end, p_start, p_end
        position = p_end + 1


def model_counts(text: str) -> list[dict]:
    """[{"count", "scope"}] for each number of models in a sentence about "Dân vận khéo" (the sentence, the one
    before it, or its paragraph names them)."""
    flat_text = flat(text)
    results = []
    previous = ""
    for start, end, p_start, p_end in _sentences(text):
        sentence = flat_text[start:end]
        about_kheo = _KHEO.search(sentence) or _KHEO.search(previous) or _KHEO.search(flat_text[p_start:p_end])
        previous = sentence
        if not about_kheo:
            continue
        for match in _MODELS.finditer(sentence):
            count = int(match.group(1).replace(".", "").split(",")[0])
            after = _SCOPE_AFTER.match(sentence[match.end() :])
            if after:
                scope = _original(text, start + match.end() + after.start(1), start + match.end() + after.end(1))
            else:
                before = _SCOPE_BEFORE.search(sentence[: match.start()])
                scope = _original(text, start + before.start(1), start + before.end(1)) if before else ""
            results.append({"count": count, "scope": scope})
    return results


def other_figures(text: str, counted: list[dict]) -> list[dict]:
    """[{"value", "what"}] for the other numbers of the story: what they count is the phrase after them."""
    flat_text = flat(text)
    models = {m["count"] for m in counted}
    results = []
    for start, end, _p_start, _p_end in _sentences(text):
        sentence = flat_text[start:end]
        for match in re.finditer(rf"(?<![\w.,/\-])({_NUMBER})(\s?%)?(?![\w/\-])", sentence):
            value = match.group(1) + ("%" if match.group(2) else "")
            if re.fullmatch(r"(19|20)\d{2}", match.group(1)) or _NOT_FIGURE_BEFORE.search(sentence[: match.start()]):
                continue
            rest = sentence[match.end() :]
            if not match.group(2) and (_TIME_UNITS.match(rest) or re.match(r"\s*(mo|dien) hinh", rest)):
                if re.match(r"\s*(mo|dien) hinh", rest) and int(match.group(1).replace(".", "").split(",")[0]) in models:
                    continue
                if _TIME_UNITS.match(rest):
                    continue
            what_end = re.search(r"[;:.()]|,\s(?=\d)|\s(?:va|voi)\s\d", rest)
            stop = match.end() + (what_end.start() if what_end else len(rest))
            words = text[start + match.end() : start + stop].split()[:12]
            what = " ".join(words).strip(" ,;:.")
            if not what:
                continue
            results.append({"value": text[start + match.start(1) : start + match.start(1) + len(match.group(1))]
                            + ("%" if match.group(2) else ""), "what": what})  # fmt: skip
    return results[:20]
