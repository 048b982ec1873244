"""A saved news page as text, taken apart: its headline, the line giving its publication time, its address, and
the story's own paragraphs, without the site around it (menus, search box, visitor counters, ratings, "tin khác"
lists, the author's line, photo file names)."""

import re
from dataclasses import dataclass, field

from danvan.core.text import fold

from .extract import PUBLISHED_LINE, URL_LINE

# A line that is the site, not the story (folded, matched at the line's start).
_CHROME = re.compile(
    r"^(skip ribbon commands|skip to main content|trang chu|gioi thieu|lien he|so do trang|dang nhap|dang ky|"
    r"tim kiem|tin nong|tin tieu diem|tin moi|tin xem nhieu|tin doc nhieu|tin noi bat|lich cong tac|"
    r"website lien ket|lien ket website|ban do hanh chinh|thong ke truy cap|dang online|dang truy cap|hom nay|"
    r"hom qua|trong tuan|trong thang|tat ca|da truy cap|tong (so )?luot truy cap|luot truy cap|luot xem|"
    r"tong so diem|click de danh gia|danh gia bai viet|chia se|in bai( viet)?|gui bai( viet)?|ban in|"
    r"gui email|luu bai|tu khoa|tags?:|-->|<!--|ban da khong su dung site|thoi gian cho|facebook|twitter|zalo|"
    r"copyright|ban quyen|© |phat trien boi|thiet ke boi|co quan chu quan|chiu trach nhiem|giay phep|"
    r"dia chi:|dien thoai:|email:|fax:|xem them|xem tiep|quay lai|ve dau trang|top$|video$|album anh$|"
    r"van ban moi|thong bao$|y kien ban doc|binh luan|ho ten|noi dung binh luan|ma xac nhan|gui y kien|"
    r"lich lam viec|tai lieu|bo cong cu|tro giup|rss|\d+ ?luot)",
)
# After one of these, the rest of the page is other news, never the story.
_TAIL = re.compile(
    r"^(nhung tin (moi hon|cu hon|khac)|cac tin (khac|da dua|moi hon|cu hon|lien quan)|tin (khac|lien quan|cung "
    r"chuyen muc|da dua)|bai viet (khac|lien quan)|tin bai (khac|lien quan)|cac bai (khac|viet khac)|"
    r"xem cac tin khac|tong so diem cua bai viet|click de danh gia)"
)
_AUTHOR = re.compile(
    r"^(tac gia( bai viet)?|tin,? anh|tin va anh|anh|bai,? anh|bai va anh|t/h|tong hop|nguon|theo|btv|"
    r"nguoi viet|phong vien|ctv)\s*[:\-–]",
)
_DATE_IN_LINE = re.compile(r"\b\d{1,2}[/\-.]\d{1,2}[/\-.](?:19|20)\d{2}\b|\b(?:19|20)\d{2}-\d{2}-\d{2}\b")
_URL = re.compile(r"https?://[^\s\"'<>]+")
MAX_CHARACTERS = 100_000
MAX_LINE = 3_000
PIECE = 600
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+")  # "1. Sơ kết …" in a list of news


@dataclass
class Page:
    title: str = ""
    published: str = ""  # the line that gives the publication time, as written
    source_url: str | None = None
    paragraphs: list[str] = field(default_factory=list)  # the story, headline and date line excluded

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def lead(self) -> str:
        """The story's first real paragraph (the one that says who did what, when)."""
        for paragraph in self.paragraphs:
            if len(paragraph.split()) >= 12:
                return paragraph
        return self.paragraphs[0] if self.paragraphs else ""


def _bounded_lines(text: str) -> list[str]:
    """The page's lines, at most MAX_CHARACTERS of them (a story is a few thousand characters; what follows is the
    site), a line longer than MAX_LINE cut into runs of whole sentences (a page saved without line breaks)."""
    lines: list[str] = []
    for line in text[:MAX_CHARACTERS].split("\n"):
        line = line.strip()
        while len(line) > MAX_LINE:  # then cut into pieces of a few sentences
            cut = line.rfind(". ", 0, PIECE)
            cut = cut + 1 if cut > PIECE // 4 else PIECE
            lines.append(line[:cut].strip())
            line = line[cut:].strip()
        lines.append(line)
    return lines


def _is_chrome(line: str, folded: str) -> bool:
    if _DATE_IN_LINE.search(line) and _is_date_line(line):
        return False
    if (len(folded.split()) <= 10 and _CHROME.match(folded)) or folded.startswith(
        "ban da khong su dung site"
    ):
        return True
    if re.fullmatch(r"[\W\d_]+", folded):  # counters, separators
        return True
    # A photo's file name or a hash: "Sequence 01 00 12 14 06 Still041", "0275f6ed828275dc2c93", "IMG_2034.JPG".
    if re.fullmatch(r"[0-9a-f]{12,}", folded) or re.search(r"\.(jpe?g|png|gif|webp)$", folded):
        return True
    digits = sum(ch.isdigit() for ch in folded)
    return (
        len(folded) < 60
        and digits >= 6
        and digits > len(folded.replace(" ", "")) / 3
        and not _DATE_IN_LINE.search(line)
    )


def _join_wrapped(lines: list[str]) -> list[str]:
    """Text saved with hard line breaks: a line that goes on in lower case belongs to the line before."""
    joined: list[str] = []
    for line in lines:
        if (
            joined
            and joined[-1]
            and line
            and line[0].islower()
            and not re.search(r"[.;:!?…”\")]$", joined[-1])
        ):
            joined[-1] = joined[-1] + " " + line
        else:
            joined.append(line)
    return joined


def read_page(text: str) -> Page:
    page = Page()
    lines = _bounded_lines(text)
    # The address: our HTML reader's line, a browser's "saved from url=", or a bare address line.
    for line in lines:
        if (
            line.startswith(URL_LINE)
            or "saved from url=" in line
            or fold(line).startswith(("nguon:", "link:"))
        ):
            found = _URL.search(line)
            if found:
                page.source_url = found.group(0).rstrip(".,;)")
                break
    published_meta = next(
        (line[len(PUBLISHED_LINE) :] for line in lines if line.startswith(PUBLISHED_LINE)), ""
    )
    lines = [
        line for line in lines if not line.startswith((URL_LINE, PUBLISHED_LINE)) and not _URL.fullmatch(line)
    ]
    lines = _join_wrapped(lines)
    kept: list[str] = []
    for line in lines:
        if not line:
            continue
        folded = fold(line)
        if kept and _TAIL.match(folded):
            break
        if _is_chrome(line, folded) or _AUTHOR.match(folded) or _is_menu(line):
            continue
        kept.append(line)
    start = _headline_index(kept)
    page.title = _NUMBERED.sub("", kept[start]) if kept else ""
    before = kept[max(0, start - 3) : start]
    rest = kept[start + 1 :]
    # The publication line: a short line with a full date, just before or after the headline.
    for candidate in before[::-1] + rest[:4]:
        if _is_date_line(candidate):
            page.published = candidate
            break
    if not page.published and published_meta:
        page.published = published_meta
    title_key = fold(page.title)
    paragraphs = []
    for line in rest:
        if line == page.published or fold(line) == title_key:
            continue
        if not paragraphs and len(line.split()) <= 6 and not _DATE_IN_LINE.search(line):
            continue  # a category's name or a breadcrumb between the headline and the story
        paragraphs.append(line)
    # Photo captions and the author's name trail the story: a last short line without a full stop is one.
    while paragraphs and len(paragraphs[-1].split()) <= 8 and not re.search(r"[.!?…]$", paragraphs[-1]):
        paragraphs.pop()
    page.paragraphs = paragraphs
    return page


def _is_menu(line: str) -> bool:
    return len(re.findall(r"\s[|»›>/]\s", line)) >= 2


def _headline_index(lines: list[str]) -> int:
    """The headline: the line long enough to be one just above the publication line (or just below it); without a
    publication line, the first such line that is not a site's banner in capitals."""
    candidates = [
        index
        for index, line in enumerate(lines[:60])
        if 5 <= len(line.split()) <= 60 and not _is_menu(line) and not _is_date_line(line)
    ]
    if not candidates:
        return 0
    dated = next((index for index, line in enumerate(lines[:20]) if _is_date_line(line)), None)
    if dated is not None:
        before = [index for index in candidates if dated - 3 <= index < dated]
        after = [
            index for index in candidates if dated < index <= dated + 2 and not lines[index].endswith(".")
        ]
        if before or after:
            return before[-1] if before else after[0]
    for position, index in enumerate(candidates):
        line = lines[index]
        banner = line.isupper() and len(line.split()) < 12 and position + 1 < len(candidates)
        if not banner:
            return index
    return candidates[0]


def _is_date_line(line: str) -> bool:
    return bool(_DATE_IN_LINE.search(line)) and len(line) <= 70 and len(line.split()) <= 10
