"""Imports Vietnam's administrative units, before and after 1/7/2025, with the lineage between them.

The data come from the `vietnam-provinces` package: 63 provinces, 696 districts and 10,051 communes valid until
30/6/2025; 34 provinces and 3,321 communes from 1/7/2025; and the package's conversion tables old → new.

A province the reform left whole (same code, nothing merged in or out) stays one unit, open throughout: its
districts close on 30/6/2025 and its new communes hang from it. Every other old unit closes on 30/6/2025 and a new
unit opens on 1/7/2025, linked by a lineage event.
"""

import datetime
import time
from collections import defaultdict
from dataclasses import dataclass, field

import vietnam_provinces
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from vietnam_provinces import Province, Ward
from vietnam_provinces import _province_conversion_2025 as province_conversion
from vietnam_provinces import _ward_conversion_2025 as ward_conversion
from vietnam_provinces.legacy import District as LegacyDistrict
from vietnam_provinces.legacy import Province as LegacyProvince
from vietnam_provinces.legacy import Ward as LegacyWard

from danvan.core.changelog import snapshot
from danvan.core.figures import UNITS, bump_figures_version
from danvan.core.models import ChangeLog

from .models import REFORM_DATE, LineageLink, OrgUnit, UnitLineage

LAST_DAY_BEFORE_REFORM = REFORM_DATE - datetime.timedelta(days=1)
SOURCE = f"vietnam-provinces {vietnam_provinces.__version__}"
PROVINCE_BASIS = "Nghị quyết số 202/2025/QH15 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh"
COMMUNE_BASIS = "Sắp xếp đơn vị hành chính cấp xã năm 2025 (Nghị quyết của Ủy ban Thường vụ Quốc hội)"
DISTRICT_BASIS = (
    "Nghị quyết số 203/2025/QH15 sửa đổi, bổ sung Hiến pháp; Luật Tổ chức chính quyền địa phương 2025: kết thúc "
    "hoạt động của đơn vị hành chính cấp huyện từ ngày 01/7/2025"
)

DIVISION_TYPE = {
    "tỉnh": OrgUnit.DivisionType.TINH,
    "thành phố trung ương": OrgUnit.DivisionType.THANH_PHO_TRUNG_UONG,
    "huyện": OrgUnit.DivisionType.HUYEN,
    "quận": OrgUnit.DivisionType.QUAN,
    "thị xã": OrgUnit.DivisionType.THI_XA,
    "thành phố": OrgUnit.DivisionType.THANH_PHO,
    "xã": OrgUnit.DivisionType.XA,
    "phường": OrgUnit.DivisionType.PHUONG,
    "thị trấn": OrgUnit.DivisionType.THI_TRAN,
    "đặc khu": OrgUnit.DivisionType.DAC_KHU,
}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    events_created: int = 0
    seconds: float = 0.0
    counts: dict = field(default_factory=dict)


@dataclass
class _Planned:
    external_id: str
    parent_external_id: str | None
    name: str
    kind: str
    division_type: str
    code: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None


def _unchanged_provinces() -> set[int]:
    """Codes of the provinces that the reform left whole."""
    whole = set()
    for new_code, entry in province_conversion.NEW_TO_OLD.items():
        olds = [ref.code for ref in entry.old_provinces]
        if olds == [new_code] and [
            ref.code for ref in province_conversion.OLD_TO_NEW[new_code].new_provinces
        ] == [new_code]:
            whole.add(new_code)
    return whole


def _plan() -> list[_Planned]:
    whole = _unchanged_provinces()
    planned: list[_Planned] = []

    def province_id(code: int, legacy: bool) -> str:
        if code in whole:
            return f"vn:province:{code:02d}"
        return f"vn{'2024' if legacy else '2025'}:province:{code:02d}"

    for p in LegacyProvince.iter_all():
        code = int(p.code)
        if code in whole:
            continue
        planned.append(
            _Planned(
                province_id(code, True),
                None,
                p.name,
                OrgUnit.Kind.PROVINCE,
                DIVISION_TYPE[p.division_type.value],
                f"{code:02d}",
                None,
                LAST_DAY_BEFORE_REFORM,
            )
        )
    for p in Province.iter_all():
        code = int(p.code)
        whole_since = code in whole
        planned.append(
            _Planned(
                province_id(code, False),
                None,
                p.name,
                OrgUnit.Kind.PROVINCE,
                DIVISION_TYPE[p.division_type.value],
                f"{code:02d}",
                None if whole_since else REFORM_DATE,
                None,
            )
        )
    for d in LegacyDistrict.iter_all():
        planned.append(
            _Planned(
                f"vn2024:district:{int(d.code):03d}",
                province_id(int(d.province_code), True),
                d.name,
                OrgUnit.Kind.DISTRICT,
                DIVISION_TYPE[d.division_type.value],
                f"{int(d.code):03d}",
                None,
                LAST_DAY_BEFORE_REFORM,
            )
        )
    for w in LegacyWard.iter_all():
        planned.append(
            _Planned(
                f"vn2024:ward:{int(w.code):05d}",
                f"vn2024:district:{int(w.district_code):03d}",
                w.name,
                OrgUnit.Kind.COMMUNE,
                DIVISION_TYPE[w.division_type.value],
                f"{int(w.code):05d}",
                None,
                LAST_DAY_BEFORE_REFORM,
            )
        )
    for w in Ward.iter_all():
        planned.append(
            _Planned(
                f"vn2025:ward:{int(w.code):05d}",
                province_id(int(w.province_code), False),
                w.name,
                OrgUnit.Kind.COMMUNE,
                DIVISION_TYPE[w.division_type.value],
                f"{int(w.code):05d}",
                REFORM_DATE,
                None,
            )
        )
    return planned


def _plan_lineage(whole: set[int]) -> list[tuple[str, str, list[tuple[str, bool]], list[str]]]:
    """[(source_key, kind, [(predecessor external id, partial)], [successor external ids])]."""
    events = []
    for new_code, entry in province_conversion.NEW_TO_OLD.items():
        if new_code in whole:
            continue
        olds = [ref.code for ref in entry.old_provinces]
        kind = UnitLineage.Kind.MERGE if len(olds) > 1 else UnitLineage.Kind.REORGANISE
        events.append(
            (
                f"2025:province:{new_code:02d}",
                kind,
                [(f"vn2024:province:{c:02d}", False) for c in olds],
                [f"vn2025:province:{new_code:02d}"],
            )
        )
    old_ward_names = {int(w.code): w.name for w in LegacyWard.iter_all()}
    new_ward_names = {int(w.code): w.name for w in Ward.iter_all()}
    district_successors: dict[int, set[int]] = defaultdict(set)
    for new_code, entry in ward_conversion.NEW_TO_OLD.items():
        if new_code not in new_ward_names:
            continue
        olds = [ref for ref in entry.old_wards if ref.code in old_ward_names]
        if not olds:
            continue
        for ref in olds:
            district_successors[ref.district_code].add(new_code)
        if len(olds) > 1:
            kind = UnitLineage.Kind.MERGE
        elif len(ward_conversion.OLD_TO_NEW[olds[0].code].new_wards) > 1:
            kind = UnitLineage.Kind.SPLIT
        elif old_ward_names[olds[0].code] != new_ward_names[new_code]:
            kind = UnitLineage.Kind.RENAME
        else:
            kind = UnitLineage.Kind.REORGANISE
        events.append(
            (
                f"2025:ward:{new_code:05d}",
                kind,
                [(f"vn2024:ward:{ref.code:05d}", bool(ref.is_partly_merged)) for ref in olds],
                [f"vn2025:ward:{new_code:05d}"],
            )
        )
    for district in LegacyDistrict.iter_all():
        code = int(district.code)
        events.append(
            (
                f"2025:district:{code:03d}",
                UnitLineage.Kind.END_DISTRICT_LEVEL,
                [(f"vn2024:district:{code:03d}", False)],
                [f"vn2025:ward:{c:05d}" for c in sorted(district_successors.get(code, ()))],
            )
        )
    return events


@transaction.atomic
def import_administrative_units(stdout=None) -> ImportResult:
    started = time.perf_counter()
    result = ImportResult()
    planned = _plan()
    existing = {u.external_id: u for u in OrgUnit.objects.filter(external_id__isnull=False)}
    renamed: list[OrgUnit] = []
    created: list[OrgUnit] = []
    # Parents before children: each generation is inserted once its parents have ids and paths.
    generations: dict[int, list[_Planned]] = defaultdict(list)
    depth_of: dict[str, int] = {}
    for item in planned:
        depth_of[item.external_id] = depth_of[item.parent_external_id] + 1 if item.parent_external_id else 0
        generations[depth_of[item.external_id]].append(item)
    for depth in sorted(generations):
        batch: list[OrgUnit] = []
        for item in generations[depth]:
            unit = existing.get(item.external_id)
            if unit is None:
                parent = existing[item.parent_external_id] if item.parent_external_id else None
                unit = OrgUnit(
                    external_id=item.external_id,
                    name=item.name,
                    kind=item.kind,
                    division_type=item.division_type,
                    code=item.code,
                    parent=parent,
                    valid_from=item.valid_from,
                    valid_to=item.valid_to,
                    path=f"/import/{item.external_id}/",
                )
                unit.refresh_keys()
                batch.append(unit)
                existing[item.external_id] = unit
            elif (unit.name, unit.division_type, unit.code) != (item.name, item.division_type, item.code):
                unit.name, unit.division_type, unit.code = item.name, item.division_type, item.code
                unit.refresh_keys()
                renamed.append(unit)
        OrgUnit.objects.bulk_create(batch, batch_size=2000)
        _set_paths_of_new_units()
        created.extend(batch)
    OrgUnit.objects.bulk_update(
        renamed, ["name", "division_type", "code", "search_key", "sort_key"], batch_size=500
    )
    result.created, result.updated = len(created), len(renamed)
    paths = (
        dict(OrgUnit.objects.filter(pk__in=[u.pk for u in created]).values_list("pk", "path"))
        if created
        else {}
    )
    for unit in created:
        unit.path = paths[unit.pk]
    ChangeLog.objects.bulk_create([_import_log(unit) for unit in created], batch_size=2000)

    known_events = set(
        UnitLineage.objects.filter(source=SOURCE.split()[0]).values_list("source_key", flat=True)
    )
    new_events, links = [], []
    for source_key, kind, predecessors, successors in _plan_lineage(_unchanged_provinces()):
        if source_key in known_events:
            continue
        event = UnitLineage(
            kind=kind,
            date=REFORM_DATE,
            source=SOURCE.split()[0],
            source_key=source_key,
            basis=DISTRICT_BASIS
            if ":district:" in source_key
            else PROVINCE_BASIS
            if ":province:" in source_key
            else COMMUNE_BASIS,
        )
        new_events.append(event)
        links.append((event, predecessors, successors))
    UnitLineage.objects.bulk_create(new_events, batch_size=2000)
    LineageLink.objects.bulk_create(
        [
            LineageLink(event=event, unit=existing[ext], role=LineageLink.Role.PREDECESSOR, partial=partial)
            for event, predecessors, _successors in links
            for ext, partial in predecessors
        ]
        + [
            LineageLink(event=event, unit=existing[ext], role=LineageLink.Role.SUCCESSOR)
            for event, _predecessors, successors in links
            for ext in successors
        ],
        batch_size=5000,
    )
    result.events_created = len(new_events)
    if result.created or result.updated or result.events_created:
        # Written in bulk, without the services: the cached counts and trees must be computed again.
        bump_figures_version(UNITS)
    result.seconds = time.perf_counter() - started
    return result


def _set_paths_of_new_units() -> None:
    """One UPDATE: path, depth and province of the units just inserted, from their parents'."""
    parents = OrgUnit.objects.filter(pk=OuterRef("parent_id"))
    OrgUnit.objects.filter(path__startswith="/import/").update(
        path=Concat(
            Coalesce(Subquery(parents.values("path")[:1]), Value("/")), Cast("id", CharField()), Value("/")
        ),
        depth=Coalesce(Subquery(parents.values("depth")[:1]) + 1, Value(0)),
        province_code=Coalesce(Subquery(parents.values("province_code")[:1]), F("code")),
    )


def _import_log(unit: OrgUnit) -> ChangeLog:
    return ChangeLog(
        user=None,
        user_name="import_units",
        action=ChangeLog.Action.CREATE,
        content_type=ContentType.objects.get_for_model(OrgUnit),
        object_id=str(unit.pk),
        object_repr=unit.name[:255],
        unit=unit,
        unit_path=unit.path,
        before=None,
        after=snapshot(unit),
    )
