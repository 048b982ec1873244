"""What kind of event a story reports (a half-year or year-end review, an inspection visit, a briefing, a dialogue,
a training…) and which period it reviewed ("6 tháng đầu năm 2022", "năm 2019", "quý III")."""

import datetime
import re

from django.utils.translation import gettext_lazy as _

from danvan.core.text import fold

SO_KET, TONG_KET, KIEM_TRA, GIAO_BAN = "so_ket", "tong_ket", "kiem_tra", "giao_ban"
HOI_NGHI_KHAC, DOI_THOAI, TAP_HUAN, KHAC = "hoi_nghi_khac", "doi_thoai", "tap_huan", "khac"

# The words that name each kind (folded); in a headline, the kind named first wins.
_KIND_WORDS = (
    (GIAO_BAN, r"giao ban"),
    (
        DOI_THOAI,
        r"doi thoai|tiep xuc,? (doi thoai|voi nhan dan|nhan dan|cu tri)|tiep cong dan|gap mat,? doi thoai",
    ),
    (TAP_HUAN, r"tap huan|boi duong (nghiep vu|kien thuc|ky nang|chuyen mon|cong tac)|lop boi duong"),
    (KIEM_TRA, r"kiem tra|giam sat|khao sat|phuc tra|tham dinh|lam viec (?:voi|tai)"),
    (TONG_KET, r"tong ket"),
    (SO_KET, r"so ket"),
)
# Names that hold those words without being the event: "Ủy ban Kiểm tra", "Trung tâm Bồi dưỡng chính trị".
_NOT_KIND = re.compile(r"uy ban kiem tra|ubkt|trung tam boi duong|ban giam sat dau tu|chuong trinh giam sat")
_OTHER_MEETING = re.compile(
    r"\b(hoi nghi|hoi thao|toa dam|quan triet|trien khai|le ky ket|ky ket|phat dong|gap mat|hop ban|cuoc hop|"
    r"dai hoi|le trao|trao tang|ton vinh|bieu duong|hoi thi|le ra mat|ra mat)\b"
)
_FIRST_HALF = r"(?:6|sau) thang dau nam|nua dau nam|6 thang nam"
_PERIODS = (
    ("H1", re.compile(r"(?:" + _FIRST_HALF + r")(?: (?:nam )?((?:19|20)\d{2}))?")),
    (
        "9M",
        re.compile(
            r"9 thang(?: dau)? nam(?: ((?:19|20)\d{2}))?|chin thang(?: dau)? nam(?: ((?:19|20)\d{2}))?"
        ),
    ),
    ("Q", re.compile(r"\bquy (?:i{1,3}|iv|[1-4])\b(?: ?(?:/|nam) ?((?:19|20)\d{2}))?")),
    ("STAGE", re.compile(r"giai doan ((?:19|20)\d{2}) ?[-–] ?((?:19|20)\d{2})")),
)
_YEAR_WORK = re.compile(r"\bnam ((?:19|20)\d{2})\b")


def _first_kind(text: str) -> str | None:
    folded = _NOT_KIND.sub(" ", fold(text))
    found = []
    for kind, words in _KIND_WORDS:
        match = re.search(r"\b(?:" + words + r")\b", folded)
        if match:
            found.append((match.start(), kind))
    return min(found)[1] if found else None


def event_type(title: str, lead: str) -> str:
    """The kind of event: first from the headline, then from the lead's first sentence; a review by the period it
    names; any other conference; else khác."""
    first_sentence = re.split(r"(?<=[.;])\s", lead, maxsplit=1)[0] if lead else ""
    for text in (title, first_sentence):
        kind = _first_kind(text)
        if kind:
            return kind
    both = fold(title + " " + first_sentence)
    if re.search(_FIRST_HALF + r"|6 thang cuoi nam", both) and re.search(
        r"trien khai|nhiem vu|ket qua", both
    ):
        return SO_KET
    if re.search(r"cong tac [^.;]{0,60}nam (19|20)\d{2}", both) and re.search(
        r"trien khai|phuong huong", both
    ):
        return TONG_KET
    if _OTHER_MEETING.search(both):
        return HOI_NGHI_KHAC
    return KHAC


def period_reviewed(kind: str, title: str, lead: str, body: str, event: datetime.date | None) -> dict:
    """{"year", "half"}: H1 for the first six months, FULL for a year reviewed, null for a quarter, nine months,
    a stage, or an event that reviews no period (a training, a dialogue, a visit that names none)."""
    for text in (title, lead, body[:3000] if kind in (SO_KET, TONG_KET, GIAO_BAN) else ""):
        folded = fold(text)
        for half, pattern in _PERIODS:
            match = pattern.search(folded)
            if not match:
                continue
            if half == "STAGE":
                return {"year": int(match.group(2)), "half": None}
            years = [int(y) for y in match.groups() if y]
            year = years[0] if years else _year_near(folded, match.end(), title, event)
            if half == "H1":
                return {"year": year, "half": "H1"}
            return {"year": year, "half": None}
        years = _reviewed_years(folded)
        if years and (
            kind == TONG_KET or re.search(r"(tong ket|ket qua|danh gia)[^.;]{0,80}nam (19|20)\d{2}", folded)
        ):
            return {"year": min(years), "half": "FULL"}
    if kind == TONG_KET and event:
        return {"year": event.year - 1 if event.month <= 3 else event.year, "half": "FULL"}
    if kind == SO_KET and event and 6 <= event.month <= 8:
        return {"year": event.year, "half": "H1"}
    return {"year": None, "half": None}


_COMING = re.compile(r"(trien khai|phuong huong)[^.;]{0,60}$|nhiem vu (trong tam )?(cong tac )?$")


def _reviewed_years(folded: str) -> list[int]:
    """The years a text reviews ("tổng kết … năm 2019"), not those it plans ("triển khai nhiệm vụ năm 2020"): the
    year before a planned one when it names only that."""
    reviewed, coming = [], []
    for match in _YEAR_WORK.finditer(folded):
        before = folded[max(0, match.start() - 60) : match.start()]
        (coming if _COMING.search(before) else reviewed).append(int(match.group(1)))
    return reviewed or [min(coming) - 1] if (reviewed or coming) else []


def _year_near(folded: str, end: int, title: str, event: datetime.date | None) -> int | None:
    """The year of a period written without one: the next year the sentence names, the headline's, the event's."""
    following = re.search(r"(?:19|20)\d{2}", folded[end : end + 120])
    if following:
        return int(following.group(0))
    in_title = re.findall(r"(?:19|20)\d{2}", title)
    if in_title:
        return int(in_title[0])
    return event.year if event else None


EVENT_TYPE_LABELS = {
    SO_KET: _("Sơ kết"),
    TONG_KET: _("Tổng kết"),
    KIEM_TRA: _("Kiểm tra, giám sát"),
    GIAO_BAN: _("Giao ban"),
    HOI_NGHI_KHAC: _("Hội nghị khác"),
    DOI_THOAI: _("Đối thoại"),
    TAP_HUAN: _("Tập huấn"),
    KHAC: _("Khác"),
}
