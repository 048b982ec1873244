"""Who held the event (the body the story names as doing it), at which level of the administration, and the place
the event concerns, as the text writes them."""

import datetime
import re

from danvan.core.text import fold

from .words import FAMILY_NAMES, SYLLABLE, UPPER

# The bodies of the political system as stories write them. _ci() lets each word start in either case, since
# stories write "Ban Dân vận thị ủy" as well as "Ban Dân vận Thị ủy".
_HEADS = (
    r"Ban Tuyên giáo và Dân vận|Ban Tuyên giáo - Dân vận|Ban Tuyên giáo|Ban Dân vận|Khối Dân vận|Ban Thường vụ|"
    r"Ban Thường trực|Ban Chấp hành|Thường trực|Ban Chỉ đạo[^,.;:]{0,60}?(?=\s(?:tỉnh|huyện|xã|phường|thị|thành|quận)\b)|"
    r"Ủy ban Mặt trận Tổ quốc Việt Nam|Ủy ban MTTQ Việt Nam|Ủy ban MTTQ|Uỷ ban MTTQ Việt Nam|Uỷ ban MTTQ|"
    r"UB\.? ?MTTQ ?VN|UBMTTQ Việt Nam|UBMTTQVN|UBMTTQ|Mặt trận Tổ quốc Việt Nam|Mặt trận Tổ quốc|MTTQ Việt Nam|MTTQ|"
    r"Hội Liên hiệp Phụ nữ Việt Nam|Hội Liên hiệp Phụ nữ|Hội LHPN|Hội Phụ nữ|Hội Nông dân|Hội Cựu chiến binh|"
    r"Hội CCB|Đoàn Thanh niên[^,.;:]{0,30}?(?=\s(?:tỉnh|huyện|xã|phường|thị|thành|quận)\b)|Tỉnh đoàn|"
    r"Huyện đoàn|Thành đoàn|Liên đoàn Lao động|LĐLĐ|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Hội đồng nhân dân|HĐND|"
    r"Đảng ủy Khối[^,.;:]{0,40}?(?=\s(?:tỉnh|thành phố|huyện)\b)|Đảng ủy|Đảng uỷ|Đảng bộ|Chi bộ|Tỉnh ủy|Tỉnh uỷ|"
    r"Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Thị ủy|Thị uỷ|Quận ủy|Quận uỷ|Công an|Bộ Chỉ huy Quân sự|"
    r"Ban Chỉ huy Quân sự|Trung ương Hội|Trung ương Đoàn|Ủy ban Kiểm tra|Uỷ ban Kiểm tra"
)
_PARTY = r"Trung ương|Tỉnh ủy|Thành ủy|Huyện ủy|Thị ủy|Quận ủy|Đảng ủy|Tỉnh uỷ|Thành uỷ|Huyện uỷ|Thị uỷ|Quận uỷ|Đảng uỷ"
_PLACE_KIND = r"tỉnh|thành phố|TP\.?|huyện|thị xã|TX\.?|quận|xã|phường|thị trấn|đặc khu"
_ABBREVIATED = {"tp": "thành phố", "tp.": "thành phố", "tx": "thị xã", "tx.": "thị xã"}
# A place's proper name: 1–3 capitalised syllables (Cao Bằng, Bà Rịa - Vũng Tàu), or a number (Phường 7).
_NAME = rf"(?:{SYLLABLE}(?:(?: - |-| ){SYLLABLE}){{0,2}}|\d{{1,2}}(?!\d))"
# A collective body of another: "Ban Chấp hành Hội Liên hiệp Phụ nữ tỉnh", "Ban Thường vụ Huyện ủy".
_PREFIX = r"Ban Thường vụ|Ban Chấp hành|Ban Thường trực|Thường trực|Lãnh đạo"


def _ci(pattern: str) -> str:
    """Each word's first letter in either case: "thị ủy" and "Thị ủy", "tỉnh" and "Tỉnh"."""

    def either(match):
        letter = match.group(1)
        return f"[{letter.upper()}{letter.lower()}]" if letter.upper() != letter.lower() else letter

    return re.sub(r"(?<![\\\w\[])([^\W\d_])", either, pattern)


_ORG = re.compile(
    _ci(
        rf"(?:(?:{_PREFIX})\s(?=(?:{_HEADS})))?(?:{_HEADS})(?:\s(?:{_PARTY})(?!\w))?(?:\s(?:{_PLACE_KIND})(?!\w))?"
    )
    + rf"(?:\s{_NAME})?"
)
_ACTION = re.compile(
    r"^\s*(?:đã |vừa |chính thức |long trọng |phối hợp[^,]{0,60}? |và [^,]{0,40}? )?(?:tổ chức|sơ kết|tổng kết|"
    r"kiểm tra|giám sát|giao ban|triển khai|đối thoại|tập huấn|khai mạc|họp|làm việc|quán triệt|phát động|"
    r"tiến hành|khảo sát|ban hành|chủ trì|mở lớp|gặp mặt|tiếp xúc|trao|thăm|đến|có buổi|hội nghị|biểu dương|"
    r"tôn vinh|ra mắt|ký kết|bồi dưỡng|gặp gỡ)",
    re.I,
)
_MISSION = re.compile(r"Đoàn (?:công tác|kiểm tra|giám sát|khảo sát)(?: số \d+)?(?: của)?\s*$", re.I)
_AFTER_PLACE = re.compile(r"(?:tại|ở|trụ sở|hội trường|phòng họp|của|thuộc)\s*$", re.I)
_IN_POST = re.compile(
    r"(?:Bí thư|Chủ tịch|Trưởng|Phó|Ủy viên|Uỷ viên|UV|Giám đốc|Chánh|Thành viên|Cán bộ|lãnh đạo|đại diện|"
    r"Đại diện|Lãnh đạo)\s*$"
)
_TRAILING = re.compile(
    r"\s+(?:Sáng|Chiều|Tối|Trưa|Ngày|Hôm|Đồng|Bà|Ông|Đ/c|Các|Trong|Tại|Với|Theo|Dự|Về|Thực|Qua|Năm|Nhân)$"
)

# "Đà Nẵng – Ngày 20-4, …": the place a story was written from, before its lead (not "CTTĐT -", "(MTTQ) -").
_DATELINE = re.compile(
    rf"\(?((?:[{UPPER}][^\W\d_{UPPER}]*)(?: [{UPPER}][^\W\d_{UPPER}]*){{0,3}})\)?\s?[–—-]\s"
)

TRUNG_UONG, TINH, HUYEN, XA, KHAC = "trung_uong", "tinh", "huyen", "xa", "khac"
# The cities under the central government: their Thành ủy is a province's.
_CENTRAL_CITIES = ("ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue")
# Districts ended on 1/7/2025: after it, a "Thành ủy" is a central city's.
REFORM = datetime.date(2025, 7, 1)


def _clean(name: str) -> str:
    name = _TRAILING.sub("", name)
    name = re.sub(r"[\s,;:.\-–]+$", "", name).strip()
    # "Ủy ban MTTQ Việt Nam huyện Hoàng Thị Quyên": capitalised words after the body that start with a family
    # name and run to three syllables are a person's name, not a place.
    found = re.search(rf"\s((?:{SYLLABLE})(?:\s{SYLLABLE}){{2,3}})$", name)
    if found and found.group(1).split()[0] in FAMILY_NAMES and "Việt Nam" not in found.group(1):
        name = name[: found.start()].strip()
    return name


def organisations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each body the text names, in order."""
    found = []
    for match in _ORG.finditer(text):
        name = _clean(match.group(0))
        found.append((match.start(), match.start() + len(name), name))
    return found


def _is_in_post(text: str, start: int) -> bool:
    """A body named inside someone's post ("đồng chí X, Phó Bí thư Thường trực Thị ủy") is not the organiser."""
    return bool(_IN_POST.search(text[max(0, start - 50) : start]))


def _eligible(text: str, start: int) -> bool:
    before = text[max(0, start - 30) : start]
    return not _is_in_post(text, start) and (_MISSION.search(before) or not _AFTER_PLACE.search(before[-15:]))


def _acts(text: str, start: int, end: int) -> bool:
    """The body does the event: a verb follows its name, or it sent the mission ("Đoàn kiểm tra của …")."""
    return bool(_ACTION.match(text[end:]) or _MISSION.search(text[max(0, start - 30) : start]))


def find_organizer(title: str, lead: str) -> str | None:
    """The body named as doing the event: the lead's ("Ban Dân vận Tỉnh ủy tổ chức…", in full), else the headline's
    ("Thường trực Thị ủy giao ban…"); else the first body the headline, then the lead, names outside a post."""
    first_sentences = " ".join(re.split(r"(?<=[.;])\s", lead)[:2])
    name = None
    for text in (first_sentences, title):
        name = next((n for s, e, n in organisations(text) if _eligible(text, s) and _acts(text, s, e)), None)
        if name:
            break
    if not name:
        for text in (title, first_sentences):
            name = next((n for s, _e, n in organisations(text) if _eligible(text, s)), None)
            if name:
                break
    if not name:
        # "đồng chí X, Phó Bí thư thường trực Huyện ủy chủ trì hội nghị giao ban": the body of the chair's post.
        bodies = [n for _s, _e, n in organisations(first_sentences) if _level_of(n, None)]
        name = bodies[0][:1].upper() + bodies[0][1:] if bodies else None
    if name:
        # The headline's "Ban Dân vận Thành ủy" is the lead's "Ban Dân vận Thành ủy Cao Bằng": the fuller name.
        key = fold(name)
        fuller = [
            n for s, _e, n in organisations(lead) if fold(n).startswith(key) and not _is_in_post(lead, s)
        ]
        name = max([*fuller, name], key=len)
    return name


def organizer_level(organizer: str | None, event: datetime.date | None, context: str, lead: str = "") -> str:
    """trung_uong, tinh, huyen (a district, a town, a provincial city before 7/2025), xa or khac, from the words
    of the organiser's name ("Thành ủy" of a city: from the city's name or the lead's dateline, "Đà Nẵng – Ngày
    20-4, …"); else from the rest of its clause ("Ban Dân vận, Hội LHPN … huyện Đất Đỏ tổ chức"); else from the
    story's other bodies."""
    dateline = _DATELINE.match(lead)
    place = fold(dateline.group(1)) if dateline else ""
    if organizer:
        level = _level_of(organizer + " " + place, event) if place else _level_of(organizer, event)
        if level:
            return level
        at = lead.find(organizer)
        if at >= 0:
            clause = re.split(r"\s(?:tổ chức|sơ kết|tổng kết|kiểm tra|giám sát|giao ban)\s|[.;]", lead[at:])[
                0
            ]
            level = _level_of(clause[:200], event)
            if level:
                return level
    counts: dict[str, int] = {}
    for _start, _end, name in organisations(context):
        level = _level_of(name, event)
        if level:
            counts[level] = counts.get(level, 0) + 1
    return max(counts, key=counts.get) if counts else KHAC


_LEVEL_WORDS = (
    (r"\btrung uong\b", TRUNG_UONG),
    (r"\b(tinh uy|tinh doan|tinh)\b", TINH),
    (r"\b(huyen uy|thi uy|quan uy|huyen doan|huyen|thi xa|tx|quan)\b", HUYEN),
    (r"\b(dang uy|dang bo|xa|phuong|thi tran|dac khu|chi bo)\b", XA),
    (r"\b(thanh uy|thanh doan|thanh pho|tp)\b", "city"),
)


def _level_of(name: str, event: datetime.date | None) -> str | None:
    folded = fold(name)
    found = sorted((m.start(), level) for pattern, level in _LEVEL_WORDS if (m := re.search(pattern, folded)))
    if not found:
        return None
    level = found[0][1]
    if level == XA and re.search(
        r"\bdang (uy|bo) (khoi|cac co quan|quan su|cong an|tinh|huyen|thanh pho)\b", folded
    ):
        return TINH if re.search(r"\btinh\b", folded) else HUYEN
    if level == XA and len(found) > 1 and found[1][1] != XA:
        return found[1][1] if found[1][1] != "city" else _city_level(folded, event)
    if level == "city":
        return _city_level(folded, event)
    return level


def _city_level(folded: str, event: datetime.date | None) -> str:
    after_reform = event is not None and event >= REFORM
    return TINH if after_reform or any(city in folded for city in _CENTRAL_CITIES) else HUYEN


# "ở huyện Cầu Kè", "tại Đảng ủy xã Yên Đĩnh", "ở Ban Dân vận Huyện ủy Cầu Kè": where the event went.
_VISITED = re.compile(
    rf"(?<!\w)(?:ở|tại|với|đối với|đến|về)\s(?:(?:{_ci(_HEADS)}|Nhân dân|nhân dân|người dân)\s)?"
    rf"(?:({_ci(_PLACE_KIND)})|({_ci(_PARTY)}))\s({_NAME})"
)
_PLACE = re.compile(rf"(?<!\w)({_ci(_PLACE_KIND)})\s({_NAME})")
_PARTY_PLACE = {"thanh uy": "thành phố", "huyen uy": "huyện", "thi uy": "thị xã", "tinh uy": "tỉnh",
                "quan uy": "quận", "dang uy": "xã"}  # fmt: skip


def _place(kind: str, name: str) -> str:
    kind = _ABBREVIATED.get(kind.lower(), kind.lower())
    return f"{kind} {_TRAILING.sub('', name)}".strip(" ,.;:")


def find_locality(title: str, lead: str, organizer: str | None) -> str | None:
    """The place the event concerns: where a visit, a dialogue or a meeting went ("kiểm tra … ở huyện Cầu Kè"),
    else the place in the organiser's name ("Thành ủy Cao Bằng" → "thành phố Cao Bằng"), else a place the
    headline names ("Bảo Lạc: …", "… tại xã X")."""
    first_sentences = " ".join(re.split(r"(?<=[.;])\s", lead)[:2])
    for text in (title, first_sentences):
        for match in _VISITED.finditer(text):
            kind, party, name = match.groups()
            if party:
                if fold(party) not in _PARTY_PLACE:
                    continue
                kind = _PARTY_PLACE[fold(party)]
            return _place(kind, name)
    if organizer:
        found = _PLACE.search(organizer)
        if found:
            return _place(*found.groups())
        party = re.search(rf"({_ci(_PARTY)})\s({_NAME})$", organizer)
        if party and fold(party.group(1)) in _PARTY_PLACE:
            return _place(_PARTY_PLACE[fold(party.group(1))], party.group(2))
    found = _PLACE.search(title)
    if found:
        return _place(*found.groups())
    prefix = re.match(rf"({_NAME})\s?:", title) or _DATELINE.match(lead)
    return prefix.group(1) if prefix else None
