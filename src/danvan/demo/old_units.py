"""The hamlets, offices and party cells under the seeds' old districts (closed on 30/06/2025) that the seeds' figures
need, and the khối they belong to."""

import random

from danvan.orgunits.models import OrgUnit, UnitGroup

from .practice_catalogue import SEED
from .units import BEFORE_REFORM, bulk_units

A = OrgUnit.AgencyType

XOM_NAMES = [
    "Nà Cáp",
    "Nà Lắc",
    "Khau Cút",
    "Pác Cáp",
    "Bó Củng",
    "Nà Rụa",
    "Đông Sằng",
    "Mỹ Lộc",
    "Nà Toàn",
    "Khuổi Khon",
    "Lũng Hoàng",
    "Nà Chướng",
    "Bản Ngần",
    "Thua Phya",
    "Cốc Phường",
    "Pò Tập",
    "Nà Pò",
    "Bản Giới",
    "Tổng Chúp",
    "Khuổi Tấu",
]
AP_NAMES = [
    "Ấp Chợ",
    "Ấp An Bình",
    "Ấp An Hòa",
    "Ấp Sóc Ruộng",
    "Ấp Trà Mẹt",
    "Ấp Ô Tưng",
    "Ấp Mỹ Văn",
    "Ấp Đại Mong",
    "Ấp Hội An",
    "Ấp Rạch Nghệ",
    "Ấp Trà Ót",
    "Ấp Bưng Lớn",
    "Ấp Chông Nô",
    "Ấp Giồng Lớn",
    "Ấp Kinh Xáng",
]
# Thành phố Cao Bằng before 2025: hamlets per ward or commune (162 in all).
TP_HAMLETS = {
    "Phường Sông Hiến": 18,
    "Phường Sông Bằng": 20,
    "Phường Hợp Giang": 16,
    "Phường Tân Giang": 14,
    "Phường Ngọc Xuân": 15,
    "Phường Đề Thám": 17,
    "Phường Hoà Chung": 12,
    "Phường Duyệt Trung": 13,
    "Xã Vĩnh Quang": 14,
    "Xã Hưng Đạo": 12,
    "Xã Chu Trinh": 11,
}
TP_OFFICES = [
    ("Phòng Tài chính – Kế hoạch", A.GOVERNMENT),
    ("Phòng Tài nguyên và Môi trường", A.GOVERNMENT),
    ("Phòng Quản lý đô thị", A.GOVERNMENT),
    ("Phòng Giáo dục và Đào tạo", A.GOVERNMENT),
    ("Công an", A.ARMED_FORCES),
    ("Ban Chỉ huy Quân sự", A.ARMED_FORCES),
]
TP_PARTY_CELLS = [
    "Chi bộ Văn phòng Thành ủy",
    "Đảng bộ Cơ quan Chính quyền thành phố",
    "Đảng bộ Công an thành phố",
    "Đảng bộ Quân sự thành phố",
    "Chi bộ Trung tâm Y tế thành phố",
    "Chi bộ Phòng Giáo dục và Đào tạo thành phố",
]


def load_old_units(units) -> dict:
    """The hamlets and agencies the seed figures need under the old districts (closed on 30/06/2025)."""
    tp, cau_ke = units["tp_cao_bang"], units["cau_ke"]
    rng = random.Random(SEED + 1)
    tp_communes = {c.name: c for c in tp.children.filter(kind=OrgUnit.Kind.COMMUNE)}
    specs = []
    for commune_name, count in TP_HAMLETS.items():
        commune = tp_communes[commune_name]
        urban = commune.division_type == OrgUnit.DivisionType.PHUONG
        names = (
            [f"Tổ dân phố {n}" for n in range(1, count + 1)]
            if urban
            else [f"Xóm {name}" for name in rng.sample(XOM_NAMES, count)]
        )
        for name in names:
            specs.append(
                {
                    "name": name,
                    "parent": commune,
                    "kind": OrgUnit.Kind.HAMLET,
                    "division_type": OrgUnit.DivisionType.TO_DAN_PHO if urban else OrgUnit.DivisionType.XOM,
                    "valid_to": BEFORE_REFORM,
                }
            )
    hamlet_count = len(specs)
    for name, agency_type in TP_OFFICES:
        specs.append(
            {
                "name": f"{name} thành phố Cao Bằng",
                "parent": tp,
                "kind": OrgUnit.Kind.AGENCY,
                "agency_type": agency_type,
                "valid_to": BEFORE_REFORM,
            }
        )
    for name in TP_PARTY_CELLS:
        specs.append(
            {
                "name": name,
                "parent": tp,
                "kind": OrgUnit.Kind.AGENCY,
                "agency_type": A.PARTY_CELL,
                "valid_to": BEFORE_REFORM,
            }
        )
    cau_ke_communes = list(cau_ke.children.filter(kind=OrgUnit.Kind.COMMUNE).order_by("sort_key"))
    ap_start = len(specs)
    for commune in cau_ke_communes:
        for name in rng.sample(AP_NAMES, rng.randint(6, 8)):
            specs.append(
                {
                    "name": name,
                    "parent": commune,
                    "kind": OrgUnit.Kind.HAMLET,
                    "division_type": OrgUnit.DivisionType.AP,
                    "valid_to": BEFORE_REFORM,
                }
            )
    created = bulk_units(specs)
    offices = created[hamlet_count : hamlet_count + len(TP_OFFICES)]
    party_cells = created[hamlet_count + len(TP_OFFICES) : ap_start]
    return {"tp_hamlets": created[:hamlet_count], "tp_offices": offices, "tp_party_cells": party_cells}


def fill_old_groups(units, old) -> None:
    """Run every time: the units demo resets the members of its khối on each run."""
    tp = units["tp_cao_bang"]
    agencies = UnitGroup.objects.filter(owner=tp, kind=UnitGroup.Kind.AGENCIES).first()
    if agencies is not None:
        agencies.members.add(*old["tp_offices"])
    party, _created = UnitGroup.objects.get_or_create(
        owner=tp, name="Khối chi bộ, đảng bộ trực thuộc", defaults={"kind": UnitGroup.Kind.PARTY_CELLS}
    )
    party.members.add(*old["tp_party_cells"])
