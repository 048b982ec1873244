"""The words of a report document's heading in the Party's style (Hướng dẫn 36-HD/VPTW): names of units and
committees, the heading suggested for a unit, the summary, the date, the file name."""

import datetime
import re

from django.utils import timezone
from django.utils.text import slugify

from danvan.core.periods import Period
from danvan.core.text import fold
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import open_on_q

from ..models import Form, ReportDocument

_PREFIXES = ("Thành phố", "Tỉnh", "Huyện", "Quận", "Thị xã", "Thị trấn", "Xã", "Phường", "Đặc khu")
_COMMITTEE_SUFFIX = re.compile(r"\s+(tỉnh|thành|huyện|quận|thị|đảng)\s+(ủy|uỷ)\b.*$", re.IGNORECASE)


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


def _mobilisation_board(unit: OrgUnit) -> OrgUnit | None:
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


def _symbol(unit: OrgUnit) -> str:
    if unit.division_type in _SYMBOLS:
        return _SYMBOLS[unit.division_type]
    return "TU" if unit.kind in (OrgUnit.Kind.PROVINCE, OrgUnit.Kind.DISTRICT) else "ĐU"


def heading_defaults(unit: OrgUnit) -> dict:
    """Issuing body, the line above it, number, place, signature and recipients suggested for the unit's report.

    The report of a unit that has a Ban Tuyên giáo và Dân vận is the Ban's ("TỈNH ỦY CAO BẰNG" above "BAN TUYÊN
    GIÁO VÀ DÂN VẬN"); otherwise the party committee's ("ĐẢNG BỘ TỈNH CAO BẰNG" above "ĐẢNG ỦY PHƯỜNG THỤC PHÁN");
    an agency reports under its own name below its unit's committee."""
    if unit.kind == OrgUnit.Kind.AGENCY:
        anchor = unit.parent or unit
        board = unit if unit.agency_type == OrgUnit.AgencyType.PROPAGANDA_MOBILISATION else None
    else:
        anchor, board = unit, _mobilisation_board(unit)
    province = province_of(anchor)
    # The place line names where the issuing committee sits (Hướng dẫn 36-HD/VPTW): "Cao Bằng, ngày …" for the
    # province's, "Nùng Trí Cao, ngày …" for a ward's.
    place = short_name(anchor)
    committee = committee_name(anchor)
    provincial = anchor.kind == OrgUnit.Kind.PROVINCE
    if board is not None:
        data = {
            "superior_body": committee.upper(),
            "issuing_body": _COMMITTEE_SUFFIX.sub("", board.name).upper(),
            "number": f"-BC/BTGDV{_symbol(anchor)}",
            "signer_authority": "TRƯỞNG BAN",
            "signer_title": "",
            "issuer_phrase": board.name,
        }
    elif unit.kind == OrgUnit.Kind.AGENCY:
        data = {
            "superior_body": committee.upper(),
            "issuing_body": _COMMITTEE_SUFFIX.sub("", unit.name).upper(),
            "number": "-BC/",
            "signer_authority": "",
            "signer_title": "THỦ TRƯỞNG CƠ QUAN",
            "issuer_phrase": unit.name,
        }
    else:
        data = {
            "superior_body": party_organisation(province),
            "issuing_body": committee.upper(),
            "number": f"-BC/{_symbol(anchor)}",
            "signer_authority": "T/M BAN THƯỜNG VỤ",
            "signer_title": "BÍ THƯ",
            "issuer_phrase": committee,
        }
    # "Tỉnh ủy" / "Thành ủy": the committee the units of a province report to.
    province_committee = " ".join(committee_name(province).split()[:2]) if province else ""
    if provincial:
        recipients = ["- Ban Tuyên giáo và Dân vận Trung ương (b/c),"]
        if board is not None or unit.kind == OrgUnit.Kind.AGENCY:
            recipients.append(f"- Ban Thường vụ {province_committee} (b/c),")
    elif province is not None:
        recipients = [
            f"- Ban Thường vụ {province_committee} (b/c),",
            f"- Ban Tuyên giáo và Dân vận {province_committee} (b/c),",
        ]
    else:
        recipients = []
    recipients.append("- Lưu VT.")
    data.update(place=place, recipients="\n".join(recipients))
    return data


def next_period(period: Period) -> Period:
    """The period of the same type that follows (what a report's "phương hướng, nhiệm vụ" is for)."""
    for candidate in [
        *Period.of_type(period.type, period.year),
        *Period.of_type(period.type, period.year + 1),
    ]:
        if candidate.start > period.end:
            return candidate
    return period.a_year_earlier()  # unreachable: the next year always has one


def document_summary(form: Form, period: Period) -> str:
    """The form's document title with {ky} and {ky_toi} filled in, or the form's name and the period."""
    template = form.document_title or f"{form.name} {{ky}}"
    text = template.replace("{ky}", period.label).replace("{ky_toi}", next_period(period).label)
    return text[:1].upper() + text[1:]


def vietnamese_date(day: datetime.date) -> str:
    """ "ngày 05 tháng 02 năm 2026", "ngày 22 tháng 11 năm 2026": a zero before days under 10 and months 1 and 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def file_base_name(document: ReportDocument) -> str:
    """bao-cao-tinh-cao-bang-2026H1"""
    return f"bao-cao-{slugify(fold(document.unit.name)) or document.unit_id}-{document.period}"
