"""Demo units: the seeds' old units with their agencies and khối, and today's Cao Bằng with hamlets and agencies."""

import datetime
import hashlib

from django.db import transaction

from danvan.core.changelog import change_entry, record_change, snapshot
from danvan.core.models import ChangeLog
from danvan.orgunits.models import REFORM_DATE, LineageLink, OrgUnit, UnitGroup, UnitLineage

A = OrgUnit.AgencyType
BEFORE_REFORM = REFORM_DATE - datetime.timedelta(days=1)
BAN_MERGER = datetime.date(2025, 3, 1)


def _demo_id(parent, name) -> str:
    """demo:<parent id>:<name>, shortened with a digest when it would not fit the 64-character column
    (PostgreSQL enforces the length, SQLite does not)."""
    full = f"demo:{parent.pk}:{name}"
    if len(full) <= 64:
        return full
    return f"{full[:55]}~{hashlib.sha1(full.encode()).hexdigest()[:8]}"


def _unit(
    name,
    parent,
    *,
    kind=OrgUnit.Kind.AGENCY,
    agency_type="",
    division_type="",
    valid_from=None,
    valid_to=None,
    external_id=None,
    code="",
):
    """Creates the demo unit once; a second run finds it by its demo id."""
    external_id = external_id or _demo_id(parent, name)
    # SQLite databases made before the ids were shortened hold the full one: find it rather than duplicate the unit.
    unit = OrgUnit.objects.filter(external_id__in={external_id, f"demo:{parent.pk}:{name}"}).first()
    if unit:
        return unit
    unit = OrgUnit(
        name=name,
        kind=kind,
        agency_type=agency_type,
        division_type=division_type,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        external_id=external_id,
        code=code,
        path=f"/demo/{external_id}/",
    )
    unit.save()
    unit.path = f"{parent.path}{unit.pk}/"
    unit.depth = parent.depth + 1
    unit.province_code = parent.province_code
    unit.save(update_fields=["path", "depth", "province_code"])
    record_change(None, "create", unit, None, snapshot(unit), unit=unit)
    return unit


def bulk_units(specs: list[dict]) -> list[OrgUnit]:
    """Creates the demo units of `specs` (name, parent, kind, …) that do not exist yet, as _unit would
    (a demo external id, path, depth, province, a change-log entry), in a few queries; returns all of them."""
    for spec in specs:
        spec.setdefault("external_id", _demo_id(spec["parent"], spec["name"]))
    existing = OrgUnit.objects.in_bulk([spec["external_id"] for spec in specs], field_name="external_id")
    new = []
    for spec in specs:
        if spec["external_id"] in existing:
            continue
        unit = OrgUnit(path=f"/demo/{spec['external_id']}/", **spec)
        unit.refresh_keys()
        new.append(unit)
    if new:
        OrgUnit.objects.bulk_create(new, batch_size=500)
        for unit in new:
            unit.path = f"{unit.parent.path}{unit.pk}/"
            unit.depth = unit.parent.depth + 1
            unit.province_code = unit.parent.province_code
        OrgUnit.objects.bulk_update(new, ["path", "depth", "province_code"], batch_size=500)
        ChangeLog.objects.bulk_create(
            [change_entry(None, "create", unit, None, snapshot(unit), unit=unit) for unit in new]
        )
        existing.update({unit.external_id: unit for unit in new})
    return [existing[spec["external_id"]] for spec in specs]


def _group(owner, name, kind, members):
    group, _created = UnitGroup.objects.get_or_create(owner=owner, name=name, defaults={"kind": kind})
    group.members.set(members)
    return group


MASS_ORGANISATIONS = [
    ("Hội Liên hiệp Phụ nữ", A.MASS_ORGANISATION),
    ("Hội Nông dân", A.MASS_ORGANISATION),
    ("Hội Cựu chiến binh", A.MASS_ORGANISATION),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", A.MASS_ORGANISATION),
]


DEMO_UNITS = {
    "cao_bang": "vn:province:04",
    "thuc_phan": "vn2025:ward:01273",
    "nung_tri_cao": "vn2025:ward:01279",
    "tp_cao_bang": "vn2024:district:040",
    "cau_ke": "vn2024:district:845",
    "duy_tien": "vn2024:district:349",
    "ban_tgdv_cao_bang": "demo:ban-tgdv-cao-bang",
    "tp_cao_bang_ban": "demo:ban-dan-van-tp-cao-bang",
    "cau_ke_ban": "demo:ban-dan-van-cau-ke",
    "duy_tien_ban": "demo:ban-dan-van-duy-tien",
}


def demo_units() -> dict[str, OrgUnit]:
    """The demo's named units, looked up (one query): for pages, tests and later demo data."""
    by_external_id = OrgUnit.objects.in_bulk(list(DEMO_UNITS.values()), field_name="external_id")
    return {
        key: by_external_id[external_id]
        for key, external_id in DEMO_UNITS.items()
        if external_id in by_external_id
    }


@transaction.atomic
def load_demo_units() -> dict[str, OrgUnit]:
    units = {}
    cao_bang = OrgUnit.objects.get(external_id="vn:province:04")
    thuc_phan = OrgUnit.objects.get(external_id="vn2025:ward:01273")
    units.update(cao_bang=cao_bang, thuc_phan=thuc_phan)

    # The province: the Ban before and after the 2025 merger of Ban Dân vận and Ban Tuyên giáo.
    ban_dv = _unit(
        "Ban Dân vận Tỉnh ủy Cao Bằng",
        cao_bang,
        agency_type=A.PROPAGANDA_MOBILISATION,
        valid_to=BAN_MERGER - datetime.timedelta(days=1),
    )
    ban_tg = _unit(
        "Ban Tuyên giáo Tỉnh ủy Cao Bằng",
        cao_bang,
        agency_type=A.PARTY_COMMITTEE,
        valid_to=BAN_MERGER - datetime.timedelta(days=1),
    )
    ban_tgdv = _unit(
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng",
        cao_bang,
        agency_type=A.PROPAGANDA_MOBILISATION,
        valid_from=BAN_MERGER,
        external_id="demo:ban-tgdv-cao-bang",
    )
    if not UnitLineage.objects.filter(source="demo", source_key="ban-tgdv-cao-bang").exists():
        event = UnitLineage.objects.create(
            kind=UnitLineage.Kind.MERGE,
            date=BAN_MERGER,
            source="demo",
            source_key="ban-tgdv-cao-bang",
            basis="Hợp nhất Ban Tuyên giáo và Ban Dân vận Tỉnh ủy (Kết luận số 121-KL/TW)",
        )
        LineageLink.objects.bulk_create(
            [
                LineageLink(event=event, unit=ban_dv, role=LineageLink.Role.PREDECESSOR),
                LineageLink(event=event, unit=ban_tg, role=LineageLink.Role.PREDECESSOR),
                LineageLink(event=event, unit=ban_tgdv, role=LineageLink.Role.SUCCESSOR),
            ]
        )
    province_front = _unit("Ủy ban MTTQ Việt Nam tỉnh Cao Bằng", cao_bang, agency_type=A.FATHERLAND_FRONT)
    province_agencies = [ban_tgdv, province_front] + [
        _unit(f"{name} tỉnh Cao Bằng", cao_bang, agency_type=kind) for name, kind in MASS_ORGANISATIONS
    ]
    units["ban_tgdv_cao_bang"] = ban_tgdv
    communes = list(cao_bang.children.filter(kind=OrgUnit.Kind.COMMUNE, valid_to__isnull=True))
    _group(cao_bang, "Khối xã, phường", UnitGroup.Kind.COMMUNES, communes)
    _group(
        cao_bang,
        "Khối Mặt trận Tổ quốc và các đoàn thể tỉnh",
        UnitGroup.Kind.FRONT_ORGANISATIONS,
        province_agencies[1:],
    )

    # Today's Phường Thục Phán and its neighbour: hamlets (tổ dân phố) and the ward's agencies.
    for ward_code, key in (("01273", "thuc_phan"), ("01279", "nung_tri_cao")):
        ward = OrgUnit.objects.get(external_id=f"vn2025:ward:{ward_code}")
        units[key] = ward
        short = ward.name.removeprefix("Phường ")
        for number in range(1, 9):
            _unit(
                f"Tổ dân phố {number}",
                ward,
                kind=OrgUnit.Kind.HAMLET,
                division_type=OrgUnit.DivisionType.TO_DAN_PHO,
                valid_from=REFORM_DATE,
                code=f"{ward_code}-TDP{number:02d}",
            )
        _unit(f"Đảng ủy phường {short}", ward, agency_type=A.PARTY_COMMITTEE, valid_from=REFORM_DATE)
        _unit(
            f"Ủy ban MTTQ Việt Nam phường {short}",
            ward,
            agency_type=A.FATHERLAND_FRONT,
            valid_from=REFORM_DATE,
        )
        for name, kind in MASS_ORGANISATIONS:
            _unit(f"{name} phường {short}", ward, agency_type=kind, valid_from=REFORM_DATE)

    # The seeds' old units: Thành phố Cao Bằng (2021), Huyện Cầu Kè (2022), Thị xã Duy Tiên (2019).
    for key, title, party in (
        ("tp_cao_bang", "thành phố Cao Bằng", "Thành ủy Cao Bằng"),
        ("cau_ke", "huyện Cầu Kè", "Huyện ủy Cầu Kè"),
        ("duy_tien", "thị xã Duy Tiên", "Thị ủy Duy Tiên"),
    ):
        district = OrgUnit.objects.get(external_id=DEMO_UNITS[key])
        units[key] = district
        ban = _unit(
            f"Ban Dân vận {party}",
            district,
            agency_type=A.PROPAGANDA_MOBILISATION,
            valid_to=BEFORE_REFORM,
            external_id=DEMO_UNITS[f"{key}_ban"],
        )
        front = _unit(
            f"Ủy ban MTTQ Việt Nam {title}", district, agency_type=A.FATHERLAND_FRONT, valid_to=BEFORE_REFORM
        )
        offices = [
            _unit(f"{name} {title}", district, agency_type=kind, valid_to=BEFORE_REFORM)
            for name, kind in MASS_ORGANISATIONS
        ]
        government = [
            _unit(f"{name} {title}", district, agency_type=A.GOVERNMENT, valid_to=BEFORE_REFORM)
            for name in (
                "Văn phòng HĐND và UBND",
                "Phòng Nội vụ",
                "Phòng Lao động – Thương binh và Xã hội",
                "Phòng Văn hóa và Thông tin",
            )
        ]
        units[f"{key}_ban"] = ban
        wards = list(district.children.filter(kind=OrgUnit.Kind.COMMUNE))
        _group(
            district,
            "Khối phòng, ban, ngành, đoàn thể",
            UnitGroup.Kind.AGENCIES,
            [ban, front, *offices, *government],
        )
        _group(district, "Khối xã, phường, thị trấn", UnitGroup.Kind.COMMUNES, wards)
    return demo_units()
