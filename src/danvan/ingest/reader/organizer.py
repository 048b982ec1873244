"""Who held the event (the body the story names as doing it), at which level of the administration, and the place
the event concerns, as the text writes them."""

import datetime
import re

from danvan.core.text import fold

# The bodies of the political system, as stories write them (accents kept; matched case-insensitively on the
# first letter only, since stories write "Ban Dân vận thị ủy" and "Ban Dân vận Thị ủy").
_HEADS = (
    r"Ban Tuyên giáo và Dân vận|Ban Tuyên giáo|Ban Dân vận|Khối Dân vận|Ban Thường vụ|Ban Thường trực|"
    r"Ban Chấp hành|Thường trực|Ban Chỉ đạo[^,.;:]{0,60}?(?=\s(?:tỉnh|huyện|xã|phường|thị|thành|quận)\b)|"
    r"Ủy ban Mặt trận Tổ quốc Việt Nam|Ủy ban MTTQ Việt Nam|Ủy ban MTTQ|UBMTTQ Việt Nam|UBMTTQVN|UBMTTQ|"
    r"Mặt trận Tổ quốc Việt Nam|Mặt trận Tổ quốc|MTTQ Việt Nam|MTTQ|"
    r"Hội Liên hiệp Phụ nữ Việt Nam|Hội Liên hiệp Phụ nữ|Hội LHPN|Hội Phụ nữ|Hội Nông dân|Hội Cựu chiến binh|"
    r"Hội CCB|Đoàn Thanh niên[^,.;:]{0,30}?(?=\s(?:tỉnh|huyện|xã|phường|thị|thành|quận)\b)|Tỉnh đoàn|"
    r"Huyện đoàn|Thành đoàn|Liên đoàn Lao động|LĐLĐ|Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND|"
    r"Đảng ủy Khối[^,.;:]{0,40}?(?=\s(?:tỉnh|thành phố|huyện)\b)|Đảng ủy|Đảng bộ|Chi bộ|Tỉnh ủy|Thành ủy|"
    r"Huyện ủy|Thị ủy|Quận ủy|Công an|Bộ Chỉ huy Quân sự|Ban Chỉ huy Quân sự|Trung ương Hội|Trung ương Đoàn"
)
_PARTY = r"Trung ương|Tỉnh ủy|Thành ủy|Huyện ủy|Thị ủy|Quận ủy|Đảng ủy"
_PLACE_KIND = r"tỉnh|thành phố|TP\.?|huyện|thị xã|quận|xã|phường|thị trấn|đặc khu"
# A proper name: 1–3 capitalised syllables (Cao Bằng, Trà Vinh, Duy Tiên, Thục Phán).
_NAME = r"(?:[A-ZĐ][\wÀ-ỹ]*)(?:[ \-](?:[A-ZĐ][\wÀ-ỹ]*|\d+)){0,2}"
_UPPER = "A-ZĐÀ-ỸẠ-Ỹ"
_TAIL = rf"(?:\s(?:{_PARTY})(?!\w))?(?:\s(?:{_PLACE_KIND})(?!\w))?(?:\s(?:{_NAME}))?"


def _ci(pattern: str) -> str:
    """Each word's first letter either case: "thị ủy" and "Thị ủy", "tỉnh" and "Tỉnh"."""
    return re.sub(r"(?<![\\\w\[])([A-Za-zĐđÀ-ỹ])", lambda m: f"[{m.group(1).upper()}{m.group(1).lower()}]"
                  if m.group(1).upper() != m.group(1).lower() else m.group(1), pattern)  # fmt: skip


_ORG = re.compile(rf"(?:Đoàn (?:công tác|kiểm tra|giám sát|khảo sát)(?: của)? )?(?:{_HEADS})" + _TAIL)
_ORG_CI = re.compile(_ci(rf"(?:{_HEADS})(?:\s(?:{_PARTY})(?!\w))?(?:\s(?:{_PLACE_KIND})(?!\w))?") + rf"(?:\s(?:{_NAME}))?")
_ACTION = re.compile(
    r"^\s*(?:đã |vừa |chính thức |long trọng |phối hợp[^,]{0,60}? )?(?:tổ chức|sơ kết|tổng kết|kiểm tra|giám sát|"
    r"giao ban|triển khai|đối thoại|tập huấn|khai mạc|họp|làm việc|quán triệt|phát động|tiến hành|khảo sát|"
    r"ban hành|chủ trì|mở lớp|gặp mặt|tiếp xúc|trao|thăm|đến|có buổi|hội nghị)",
    re.I,
)
_AFTER_PLACE = re.compile(r"(?:tại|ở|trụ sở|hội trường|phòng họp)\s*$", re.I)

TRUNG_UONG, TINH, HUYEN, XA, KHAC = "trung_uong", "tinh", "huyen", "xa", "khac"
# The cities under the central government: their Thành ủy is a province's.
_CENTRAL_CITIES = ("ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue")
# Provinces and districts ended on 1/7/2025: after it, a "Thành ủy" is a central city's, a "xã" a commune's.
REFORM = datetime.date(2025, 7, 1)


def _clean(org: str) -> str:
    org = re.sub(r"\s+(?:Sáng|Chiều|Tối|Trưa|Ngày|Hôm|Đồng|Bà|Ông|Đ/c|Các|Trong|Tại|Với|Theo|Dự|Về|Thực|Qua)$", "", org)
    return re.sub(r"[\s,;:.\-–]+$", "", org).strip()


def organisations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each body the text names, longest first where they overlap."""
    found = []
    for match in _ORG_CI.finditer(text):
        start = match.start()
        name = _clean(match.group(0))
        prefix = re.search(r"Đoàn (?:công tác|kiểm tra|giám sát|khảo sát)(?: của)? $", text[max(0, start - 30) : start])
        found.append((start, start + len(name), name, bool(prefix)))
    return [(s, e, n) for s, e, n, _p in found]


def _is_in_person_title(text: str, start: int) -> bool:
    """A body named inside someone's post ("đồng chí X, Phó Bí thư Thường trực Thị ủy") is not the organiser."""
    before = text[max(0, start - 50) : start]
    return bool(re.search(r"(?:Bí thư|Chủ tịch|Trưởng|Phó|Ủy viên|UV|Giám đốc|Chánh|Thành viên|Cán bộ)\s*$", before))


def find_organizer(title: str, lead: str) -> str | None:
    """The body the headline or the lead names as acting ("Ban Dân vận Tỉnh ủy tổ chức…", "Thường trực Thị ủy
    giao ban…"); else the first body the headline names; else the lead's first body not inside a post or after
    "tại"."""
    first_sentences = " ".join(re.split(r"(?<=[.;])\s", lead)[:2])
    for text in (title, first_sentences):
        for start, end, name in organisations(text):
            if _is_in_person_title(text, start) or _AFTER_PLACE.search(text[max(0, start - 15) : start]):
                continue
            if _ACTION.match(text[end:]):
                return name
    for text in (title, first_sentences):
        for start, _end, name in organisations(text):
            if not _is_in_person_title(text, start) and not _AFTER_PLACE.search(text[max(0, start - 15) : start]):
                return name
    return None


def organizer_level(organizer: str | None, event: datetime.date | None, context: str) -> str:
    """trung_uong, tinh, huyen (a district, a town, a provincial city before 7/2025), xa or khac, from the words
    of the organiser's name; from the story's other bodies when the name holds none."""
    if organizer:
        level = _level_of(organizer, event)
        if level:
            return level
    counts: dict[str, int] = {}
    for _start, _end, name in organisations(context):
        level = _level_of(name, event)
        if level:
            counts[level] = counts.get(level, 0) + 1
    return max(counts, key=counts.get) if counts else KHAC


def _level_of(name: str, event: datetime.date | None) -> str | None:
    folded = fold(name)
    words = [
        (r"\btrung uong\b", TRUNG_UONG),
        (r"\b(tinh uy|tinh doan|tinh)\b", TINH),
        (r"\b(huyen uy|thi uy|quan uy|huyen doan|huyen|thi xa|quan)\b", HUYEN),
        (r"\b(dang uy|xa|phuong|thi tran|dac khu|chi bo)\b", XA),
        (r"\b(thanh uy|thanh doan|thanh pho|tp)\b", "city"),
    ]
    found = sorted((m.start(), level) for pattern, level in words if (m := re.search(pattern, folded)))
    if not found:
        return None
    level = found[0][1]
    if level == XA and re.search(r"\bdang uy (khoi|cac co quan|quan su|cong an)\b", folded):
        return TINH if re.search(r"\btinh\b", folded) else HUYEN
    if level == "city":
        after_reform = event is not None and event >= REFORM
        return TINH if after_reform or any(city in folded for city in _CENTRAL_CITIES) else HUYEN
    return level


_PLACE = re.compile(rf"(?<![\w])(?:{_PLACE_KIND})\s{_NAME}")
_PARTY_PLACE = {"thanh uy": "thành phố", "huyen uy": "huyện", "thi uy": "thị xã", "tinh uy": "tỉnh",
                "quan uy": "quận", "dang uy": "xã"}  # fmt: skip


def find_locality(kind: str, title: str, lead: str, organizer: str | None) -> str | None:
    """The place the event concerns: where a visit, a dialogue or a meeting went ("kiểm tra … ở huyện Cầu Kè"),
    else the place the organiser's name gives ("Thành ủy Cao Bằng" → "thành phố Cao Bằng"), else a place the
    headline names."""
    first_sentences = " ".join(re.split(r"(?<=[.;])\s", lead)[:2])
    for text in (title, first_sentences):
        for match in re.finditer(rf"\b(?:ở|tại|với|đối với|đến|về)\s(?:{_ci(_PLACE_KIND)})\s{_NAME}", text):
            place = re.sub(r"^(?:ở|tại|với|đối với|đến|về)\s", "", match.group(0))
            return _trim_place(place)
    if organizer:
        place = _PLACE.search(_ci_lower_kind(organizer))
        if place:
            return _trim_place(place.group(0))
        party = re.search(rf"({_ci(_PARTY)})\s({_NAME})$", organizer)
        if party and fold(party.group(1)) in _PARTY_PLACE:
            return f"{_PARTY_PLACE[fold(party.group(1))]} {party.group(2)}"
    place = _PLACE.search(title)
    return _trim_place(place.group(0)) if place else None


def _ci_lower_kind(text: str) -> str:
    return re.sub(r"\b(Tỉnh|Huyện|Xã|Phường|Thị xã|Thành phố|Quận|Thị trấn)\s(?=[A-ZĐ])", lambda m: m.group(1).lower() + " ", text)


def _trim_place(place: str) -> str:
    return re.sub(r"\s+(?:Sáng|Chiều|Ngày|Tại|Trong|Đồng|Các|Năm)$", "", place).strip(" ,.;:")
