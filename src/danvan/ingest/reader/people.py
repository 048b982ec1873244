"""The officials a story names, each with the post it gives: "đồng chí Vũ Văn Minh - UV BTV Thành ủy, Trưởng Ban
Dân vận", "bà Trần Thị Bích Phượng, TUV, Phó Trưởng Ban…", "đồng chí Bí thư Tỉnh ủy Nguyễn Hữu Nghĩa", "Phó Chủ
tịch UBND tỉnh Nguyễn Văn A phát biểu", "Các đồng chí: A, Phó Chủ tịch HĐND thị xã; B, …"."""

import re

from danvan.core.text import fold

from .words import COMMON_FAMILY_NAMES, FAMILY_NAMES, POST_WORDS, SYLLABLE

_RUN = re.compile(rf"{SYLLABLE}(?:[ ]{SYLLABLE})*")
_HONORIFIC = re.compile(
    r"(?:(?<![\w/])(?:đồng chí|Đồng chí|Đ/c|đ/c|Đ/C|bà|Bà|ông|Ông|ThS\.?|Th\.S|TS\.?|PGS\.?,? ?TS\.?|GS\.?,? ?TS\.?|"
    r"NGƯT|NGND|Thạc sĩ|Tiến sĩ|Đại tá|Thượng tá|Trung tá|Thiếu tá|Thiếu tướng|Trung tướng|Thượng tướng|Đại tướng|"
    r"Luật sư|Bác sĩ|"
    r"Nhà báo|Nghệ nhân|Già làng|Linh mục|Hòa thượng|Thượng tọa|Đại đức|Mục sư)|(?<=\s)(?:Các|các) đồng chí)"
    r"[:\s,]\s*"
)
# What a post starts with.
_POST_START = re.compile(
    r"(?:Nguyên |Quyền )?(?:Phó|Bí thư|Chủ tịch|Trưởng|Ủy viên|Uỷ viên|UV|UVBTV|TUV|HUV|TVTU|BTV|Giám đốc|Chánh|"
    r"Tỉnh ủy viên|Tỉnh uỷ viên|Thành ủy viên|Huyện ủy viên|Đảng ủy viên|Thị ủy viên|Thường trực|Chủ nhiệm|"
    r"Tổng|Đại biểu|Cán bộ|Chuyên viên|Thành viên|Hội trưởng|Tư lệnh|Chính ủy|Đại tá|Thượng tá|Trung tá|Thiếu tá|"
    r"Thiếu tướng|Trung tướng|Bộ trưởng|Thứ trưởng|Viện trưởng|Chỉ huy trưởng|Đoàn trưởng|Bí thư|Người đứng đầu|"
    r"Trợ lý|Thư ký|Kiểm sát viên|Chánh án|Hiệu trưởng|Già làng|Trưởng thôn|Trưởng bản|Trưởng ấp|Tổ trưởng|"
    r"Xóm trưởng|Trưởng khu|Đảng ủy viên|Ủy viên Trung ương|Ủy viên BCH|UVBCH|giảng viên|Giảng viên|"
    r"báo cáo viên|Báo cáo viên|nguyên|trưởng thôn|trưởng bản|trưởng xóm|bí thư chi bộ|chủ nhiệm|người có uy tín|"
    r"Người có uy tín|đại diện|Đại diện|PCT|CT\.|BT|PBT|Vụ trưởng|Cục trưởng|Chủ nhiệm|Hội viên|hội viên)(?![\w])",
    re.IGNORECASE,  # sites write "phó chủ tịch HĐND thị xã" as well
)
# Where a post written after a name ends: a verb, or the start of what the person did.
_POST_END = re.compile(
    r"\s(?:làm|chủ trì|phát biểu|dự|cùng|tham dự|báo cáo|đã|đến|cho biết|nhấn mạnh|yêu cầu|đề nghị|ghi nhận|"
    r"trao|tặng|khẳng định|kết luận|được|với|tới|tại|trình bày|thông qua|quán triệt|điều hành|chỉ đạo|"
    r"biểu dương|đánh giá|mong muốn|cảm ơn|chúc mừng|động viên|lưu ý|đồng thời|về|trong|là|có|thay mặt|"
    r"khai mạc|bế mạc|tiếp|thăm|tham gia|kiểm tra|giám sát|hướng dẫn|làm việc|nêu|khen|phân tích|"
    r"giới thiệu|đọc|công bố|trực tiếp|và các|và đại diện|cũng|vừa|sẽ|luôn|nói|chia sẻ|đề xuất|mời|"
    r"thông tin|quán|trả lời|giải đáp|tiếp thu|khái quát|thừa ủy quyền|lên|dẫn đầu|đại diện)(?!\w)"
)
_NOT_PEOPLE = {
    "ho chi minh",
    "chu tich ho chi minh",
    "ton duc thang",
    "vo nguyen giap",
    "le duan",
    "truong chinh",
}
_PLACE_BEFORE = re.compile(r"(?:tỉnh|huyện|xã|phường|thị xã|thành phố|quận|thị trấn|TP\.?|Tỉnh ủy|Thành ủy|"
                           r"Huyện ủy|Thị ủy|thôn|xóm|bản|ấp|tổ dân phố|khu|Việt Nam)\s$")  # fmt: skip


def _syllables(run: str) -> list[str]:
    return run.split(" ")


def _name_in(run: str, *, anchored: bool, after_place: bool = False) -> tuple[int, str] | None:
    """The person's name inside a run of capitalised syllables: (offset of its first syllable, name). Anchored
    (right after "đồng chí"), the name starts the run; otherwise it ends the run ("… tỉnh Trà Vinh Trần Thị Bích
    Phượng"), starting at a family name, common family names first."""
    words = _syllables(run)
    if anchored:
        if words[0] in POST_WORDS:
            return None
        size = 1
        while size < len(words) and size < 4 and words[size] not in POST_WORDS:
            size += 1
        if size < 2:
            return None
        return 0, " ".join(words[:size])
    starts = [i for i in range(max(0, len(words) - 4), len(words) - 1) if words[i] in FAMILY_NAMES]
    starts = [i for i in starts if not any(w in POST_WORDS for w in words[i + 1 :])]
    if not starts and after_place and 4 <= len(words) <= 6 and not any(w in POST_WORDS for w in words):
        # "… xã Xuân Lũng Chử Đức Khoa": a place of two syllables, then a name of a rarer family.
        starts = [2]
    if not starts:
        return None
    common = [i for i in starts if words[i] in COMMON_FAMILY_NAMES]
    first = (common or starts)[0]
    return len(" ".join(words[:first])) + (1 if first else 0), " ".join(words[first:])


def _post_after(text: str) -> str:
    """The post written right after a name (", Phó Bí thư Thường trực Thị ủy chủ trì…" → "Phó Bí thư Thường trực
    Thị ủy"), or ""."""
    match = re.match(r"\s*(?:[,:\-–—(]\s*)", text)
    if not match:
        return ""
    rest = text[match.end() :]
    if not _POST_START.match(rest):
        return ""
    stop = len(rest)
    for pattern in (r"[;.()\n“\"”]", _POST_END.pattern):
        found = re.search(pattern, rest)
        if found:
            stop = min(stop, found.start())
    post = rest[:stop]
    # A comma followed by something that is not a post ends it; so does the next person's name.
    chunks = post.split(",")
    kept = [chunks[0]]
    for chunk in chunks[1:]:
        stripped = chunk.strip()
        if not stripped or not (_POST_START.match(stripped) or re.match(r"[A-ZĐ]{2,}", stripped)):
            break
        kept.append(chunk)
    return ",".join(kept).strip(" ,-–")


def _post_before(text: str) -> str:
    """The post written before a name ("đồng chí Bí thư Tỉnh ủy " → "Bí thư Tỉnh ủy")."""
    match = re.search(r"(" + _POST_START.pattern + r"[^,.;:()\n]{0,90}?)\s*$", text)
    return match.group(1).strip() if match else ""


def find_people(text: str) -> list[dict]:
    """[{"name", "title"}] for each official the text names, in order, once each (the first post given kept,
    completed by a later mention when the first gave none)."""
    people: dict[str, dict] = {}

    def add(name: str, title: str) -> None:
        key = fold(name)
        if key in _NOT_PEOPLE or len(name.split()) < 2:
            return
        if key not in people:
            people[key] = {"name": name, "title": title}
        elif not people[key]["title"] and title:
            people[key]["title"] = title

    listed_until = (
        -1
    )  # where the last name of a list after "đồng chí" ended: "đồng chí A và B", "các đồng chí A, B"
    for match in _RUN.finditer(text):
        run, start = match.group(0), match.start()
        before = text[max(0, start - 100) : start]
        honorific = _HONORIFIC.search(before[-14:] if before else "")
        anchored = bool(honorific and honorific.end() == len(before[-14:]))
        listed = listed_until >= 0 and re.fullmatch(r"\s*(?:,|và)\s*", text[listed_until:start])
        if listed and run.split(" ")[0] in FAMILY_NAMES:
            found = _name_in(run, anchored=True)
            if found:
                end = start + len(found[1])
                post = _post_after(text[end : end + 220])
                add(found[1], post)
                listed_until = -1 if post else end
                continue
        listed_until = -1
        if anchored:
            found = _name_in(run, anchored=True)
            if found:
                offset, name = found
                end = start + offset + len(name)
                post = _post_after(text[end : end + 220])
                # "ông", "bà" also name citizens ("bà Nguyễn Thị C ở thôn X phản ánh"): an official has a post.
                if post or not re.match(r"(?:ông|bà)\b", honorific.group(0), re.I):
                    add(name, post)
                    listed_until = -1 if post else end
                continue
            # "đồng chí Bí thư Tỉnh ủy Nguyễn Hữu Nghĩa": the post comes first, the name ends the run.
        after_place = bool(_PLACE_BEFORE.search(text[max(0, start - 20) : start]))
        found = _name_in(run, anchored=False, after_place=after_place)
        if not found:
            continue
        offset, name = found
        end = start + offset + len(name)
        if end < len(text) and re.match(r"\w", text[end : end + 1]):
            continue
        head = text[max(0, start - 120) : start + offset]
        post_before = _post_before(head)
        post_after = _post_after(text[end : end + 220])
        if offset == 0 and len(name.split()) <= 2 and _PLACE_BEFORE.search(text[max(0, start - 20) : start]):
            continue  # "tỉnh Hà Giang", "xã Lê Lợi": a place
        if post_after:
            add(name, post_after)
        elif post_before:
            add(name, post_before)
    return list(people.values())
