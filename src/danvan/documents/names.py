"""Units and committees as the heading of a Party document names them, and the date written out."""

import datetime
import re

from django.utils import timezone

from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import open_on_q

_PREFIXES = ("Thành phố", "Tỉnh", "Huyện", "Quận", "Thị xã", "Thị trấn", "Xã", "Phường", "Đặc khu")
COMMITTEE_SUFFIX = re.compile(r"\s+(tỉnh|thành|huyện|quận|thị|đảng)\s+(ủy|uỷ)\b.*$", re.IGNORECASE)


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


def mobilisation_board(unit: OrgUnit) -> OrgUnit | None:
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


def committee_symbol(unit: OrgUnit) -> str:
    if unit.division_type in _SYMBOLS:
        return _SYMBOLS[unit.division_type]
    return "TU" if unit.kind in (OrgUnit.Kind.PROVINCE, OrgUnit.Kind.DISTRICT) else "ĐU"


def issuer_lines(unit: OrgUnit) -> tuple[str, str]:
    """(the line above, the issuing body) of a document of `unit`: "TỈNH ỦY CAO BẰNG" above "BAN TUYÊN GIÁO VÀ DÂN
    VẬN" for a unit with its Ban (or the Ban itself, or any agency: its committee above its own name), "ĐẢNG BỘ TỈNH
    CAO BẰNG" above "ĐẢNG ỦY PHƯỜNG THỤC PHÁN" otherwise."""
    if unit.kind == OrgUnit.Kind.AGENCY:
        anchor = unit.parent or unit
        return committee_name(anchor).upper(), COMMITTEE_SUFFIX.sub("", unit.name).upper()
    board = mobilisation_board(unit)
    if board is not None:
        return committee_name(unit).upper(), COMMITTEE_SUFFIX.sub("", board.name).upper()
    return party_organisation(province_of(unit)), committee_name(unit).upper()


def issuer_phrase(unit: OrgUnit) -> str:
    """The issuing body named in a sentence: "Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng", "Đảng ủy phường Thục
    Phán"."""
    if unit.kind == OrgUnit.Kind.AGENCY:
        return unit.name
    board = mobilisation_board(unit)
    return board.name if board is not None else committee_name(unit)


def place_of(unit: OrgUnit) -> str:
    """Where the issuing committee sits, as the place line names it: "Cao Bằng" (Hướng dẫn 36-HD/VPTW)."""
    anchor = (unit.parent or unit) if unit.kind == OrgUnit.Kind.AGENCY else unit
    return short_name(anchor)


def vietnamese_date(day: datetime.date) -> str:
    """ "ngày 05 tháng 02 năm 2026", "ngày 22 tháng 11 năm 2026": a zero before days under 10 and months 1 and 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"
