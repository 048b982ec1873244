"""The words of a report document's heading in the Party's style (Hướng dẫn 36-HD/VPTW): names of units and
committees (`danvan.documents.names`, shared with the other documents), the heading suggested for a unit, the
summary, the date, the file name."""

from django.utils.text import slugify

from danvan.core.periods import Period
from danvan.core.text import fold
from danvan.documents.names import (
    COMMITTEE_SUFFIX,
    committee_name,
    committee_symbol,
    mobilisation_board,
    party_organisation,
    province_of,
    short_name,
    vietnamese_date,
)
from danvan.orgunits.models import OrgUnit

from ..models import Form, ReportDocument

__all__ = [
    "committee_name",
    "document_summary",
    "file_base_name",
    "heading_defaults",
    "next_period",
    "party_organisation",
    "province_of",
    "short_name",
    "vietnamese_date",
]

_symbol = committee_symbol
_mobilisation_board = mobilisation_board
_COMMITTEE_SUFFIX = COMMITTEE_SUFFIX


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


def file_base_name(document: ReportDocument) -> str:
    """bao-cao-tinh-cao-bang-2026H1"""
    return f"bao-cao-{slugify(fold(document.unit.name)) or document.unit_id}-{document.period}"
