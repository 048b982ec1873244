"""`danvan bench units`: the unit tree at national scale (DESIGN §7) and the reads every page leans on.

At --scale 1.0 the tree holds what the country has since 1/7/2025 (34 provinces, 3,321 communes, 100,000 hamlets,
10,000 agencies) plus the closed layer before it (63 provinces, 696 districts, 10,051 communes, closed on
30/6/2025), so "as of a date" has something to exclude. A smaller scale is that fraction of the country, each
province keeping its full size where the numbers allow.
"""

import datetime
import functools
import time
from dataclasses import dataclass
from types import SimpleNamespace

from django.db import connection, transaction

from danvan.orgunits import selectors
from danvan.orgunits.administrative import LAST_DAY_BEFORE_REFORM, _set_paths_of_new_units
from danvan.orgunits.models import REFORM_DATE, OrgUnit
from danvan.orgunits.tree import subtree_range

from .timing import compare, plain_sql, report

AS_OF = datetime.date(2026, 1, 1)
TABLE = OrgUnit._meta.db_table

NATIONAL = {
    "provinces": 34,
    "communes": 3_321,
    "hamlets": 100_000,
    "agencies": 10_000,
    "old_provinces": 63,
    "old_districts": 696,
    "old_communes": 10_051,
}
# One agency in this many closed with the old layer (the Ban Dân vận merged into the Ban Tuyên giáo và Dân vận).
CLOSED_AGENCY_EVERY = 20
# One agency in this many hangs from a province, the rest from communes.
PROVINCE_AGENCY_EVERY = 4

_PLACES = (
    "An Bình", "Hòa Lạc", "Phú Thọ", "Tân Thạnh", "Đông Hưng", "Tây Sơn", "Nam Định", "Bắc Ninh", "Vĩnh Lộc",
    "Phước Long", "Thuận An", "Mỹ Xuyên", "Quang Trung", "Cầu Kè", "Đức Phổ", "Hải Châu", "Sơn Tịnh", "Thủy Nguyên",
    "Lâm Hà", "Ea Súp", "Krông Pắc", "Nùng Trí Cao", "Thục Phán", "Duy Tiên", "Hưng Yên", "Yên Thế", "Quỳnh Lưu",
)  # fmt: skip
_AGENCIES = (
    ("Đảng ủy", OrgUnit.AgencyType.PARTY_COMMITTEE),
    ("Ban Tuyên giáo và Dân vận", OrgUnit.AgencyType.PROPAGANDA_MOBILISATION),
    ("Ủy ban Mặt trận Tổ quốc", OrgUnit.AgencyType.FATHERLAND_FRONT),
    ("Hội Liên hiệp Phụ nữ", OrgUnit.AgencyType.MASS_ORGANISATION),
    ("Hội Nông dân", OrgUnit.AgencyType.MASS_ORGANISATION),
    ("Đoàn Thanh niên", OrgUnit.AgencyType.MASS_ORGANISATION),
    ("Hội Cựu chiến binh", OrgUnit.AgencyType.MASS_ORGANISATION),
    ("Ủy ban nhân dân", OrgUnit.AgencyType.GOVERNMENT),
    ("Công an", OrgUnit.AgencyType.ARMED_FORCES),
    ("Chi bộ", OrgUnit.AgencyType.PARTY_CELL),
)
_HAMLET_TYPES = (OrgUnit.DivisionType.THON, OrgUnit.DivisionType.TO_DAN_PHO, OrgUnit.DivisionType.AP)
_HAMLET_WORD = {
    OrgUnit.DivisionType.THON: "Thôn",
    OrgUnit.DivisionType.TO_DAN_PHO: "Tổ dân phố",
    OrgUnit.DivisionType.AP: "Ấp",
}


@functools.cache
def _keys(name: str, code: str) -> tuple[str, str]:
    """OrgUnit.refresh_keys(), cached: most names recur ("Thôn 3", "Hội Nông dân xã …")."""
    keys = SimpleNamespace(name=name, code=code)
    OrgUnit.refresh_keys(keys)
    return keys.search_key, keys.sort_key


@dataclass
class Sizes:
    provinces: int
    communes: int
    hamlets: int
    agencies: int
    old_provinces: int
    old_districts: int
    old_communes: int

    @classmethod
    def at(cls, scale: float) -> "Sizes":
        return cls(**{key: max(1, round(n * scale)) for key, n in NATIONAL.items()})


class _Builder:
    """Inserts one generation at a time with bulk_create; paths, depths and provinces are then set by one UPDATE
    per generation, from the parents' (the import's trick, `administrative._set_paths_of_new_units`)."""

    def __init__(self):
        self.serial = 0
        self.generation: list[OrgUnit] = []

    def add(self, name, kind, parent=None, *, division_type="", agency_type="", code="", valid_from=None,
            valid_to=None) -> OrgUnit:  # fmt: skip
        self.serial += 1
        unit = OrgUnit(
            name=name, kind=kind, parent=parent, division_type=division_type, agency_type=agency_type, code=code,
            valid_from=valid_from, valid_to=valid_to, path=f"/import/bench:{self.serial}/",
        )  # fmt: skip
        unit.search_key, unit.sort_key = _keys(name, code)
        self.generation.append(unit)
        return unit

    def flush(self) -> None:
        OrgUnit.objects.bulk_create(self.generation, batch_size=2000)
        _set_paths_of_new_units()
        self.generation = []


def _place(i: int) -> str:
    return _PLACES[i % len(_PLACES)] + (f" {i // len(_PLACES) + 1}" if i >= len(_PLACES) else "")


@transaction.atomic
def build(sizes: Sizes) -> None:
    b = _Builder()
    xa = OrgUnit.DivisionType.XA
    # Generation 0: provinces, the old (closed on 30/6/2025) and the new (open since 1/7/2025).
    old_provinces = [
        b.add(f"Tỉnh {_place(i)} (cũ)", OrgUnit.Kind.PROVINCE, division_type=OrgUnit.DivisionType.TINH,
              code=f"9{i:03d}", valid_to=LAST_DAY_BEFORE_REFORM)
        for i in range(sizes.old_provinces)
    ]  # fmt: skip
    provinces = [
        b.add(f"Tỉnh {_place(i)}", OrgUnit.Kind.PROVINCE, division_type=OrgUnit.DivisionType.TINH,
              code=f"{i + 1:02d}", valid_from=REFORM_DATE)
        for i in range(sizes.provinces)
    ]  # fmt: skip
    b.flush()
    # Generation 1: old districts, new communes, the provinces' agencies.
    districts = [
        b.add(f"Huyện {_place(i)}", OrgUnit.Kind.DISTRICT, old_provinces[i % len(old_provinces)],
              division_type=OrgUnit.DivisionType.HUYEN, code=f"9{i:04d}", valid_to=LAST_DAY_BEFORE_REFORM)
        for i in range(sizes.old_districts)
    ]  # fmt: skip
    communes = [
        b.add(f"{'Phường' if i % 5 == 0 else 'Xã'} {_place(i)}", OrgUnit.Kind.COMMUNE, provinces[i % len(provinces)],
              division_type=OrgUnit.DivisionType.PHUONG if i % 5 == 0 else xa, code=f"{i + 1:05d}",
              valid_from=REFORM_DATE)
        for i in range(sizes.communes)
    ]  # fmt: skip
    province_agencies = sizes.agencies // PROVINCE_AGENCY_EVERY
    for i in range(province_agencies):
        _agency(b, i, provinces[i % len(provinces)], "tỉnh")
    b.flush()
    # Generation 2: old communes, hamlets, the communes' agencies.
    for i in range(sizes.old_communes):
        b.add(f"Xã {_place(i)}", OrgUnit.Kind.COMMUNE, districts[i % len(districts)], division_type=xa,
              code=f"9{i:05d}", valid_to=LAST_DAY_BEFORE_REFORM)  # fmt: skip
    for i in range(sizes.hamlets):
        kind = _HAMLET_TYPES[i % len(_HAMLET_TYPES)]
        b.add(f"{_HAMLET_WORD[kind]} {i // len(communes) + 1}", OrgUnit.Kind.HAMLET, communes[i % len(communes)],
              division_type=kind)  # fmt: skip
    for i in range(province_agencies, sizes.agencies):
        _agency(b, i, communes[i % len(communes)], "xã")
    b.flush()


def _agency(b: _Builder, i: int, parent: OrgUnit, level: str) -> OrgUnit:
    name, agency_type = _AGENCIES[i % len(_AGENCIES)]
    closed = i % CLOSED_AGENCY_EVERY == 0
    return b.add(f"{name} {level} {parent.name.split(' ', 1)[-1]}", OrgUnit.Kind.AGENCY, parent,
                 agency_type=agency_type, valid_to=LAST_DAY_BEFORE_REFORM if closed else None)  # fmt: skip


def analyze() -> None:
    """Fresh statistics, as a database in service has: the planner picks its plans from them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # VACUUM also sets the visibility map, which index-only scans need.
            cursor.execute(f'VACUUM ANALYZE "{TABLE}"')
        else:
            cursor.execute("ANALYZE")


def run(options, stdout):
    repeat = options["repeat"]
    sizes = Sizes.at(options["scale"])
    started = time.perf_counter()
    build(sizes)
    built = time.perf_counter() - started
    analyze()
    analysed = time.perf_counter() - started - built
    stdout.write(
        f"Built {OrgUnit.objects.count():,} units in {built:.1f} s, statistics in {analysed:.1f} s: "
        f"{sizes.provinces:,} provinces, {sizes.communes:,} communes, {sizes.hamlets:,} hamlets, "
        f"{sizes.agencies:,} agencies; closed on {LAST_DAY_BEFORE_REFORM:%d/%m/%Y}: "
        f"{sizes.old_provinces:,} provinces, {sizes.old_districts:,} districts, {sizes.old_communes:,} communes."
    )

    day = connection.ops.adapt_datefield_value(AS_OF)  # what the ORM sends for a date, on either backend
    province = (
        OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE, valid_from=REFORM_DATE).order_by("path").first()
    )
    low, high = subtree_range(province.path)
    open_on = "(valid_from IS NULL OR valid_from <= %s) AND (valid_to IS NULL OR valid_to >= %s)"
    count_sql = f"SELECT COUNT(*) FROM {TABLE} WHERE path >= %s AND path < %s"
    size = selectors.subtree_count(province)
    rows = [
        compare(
            "count units in a province's subtree",
            lambda: selectors.subtree_count(province),
            plain_sql(count_sql, [low, high], fetch="one"),
            repeat,
            max_ratio=1.5,
            max_ms=50,
            detail=f"{size:,} units",
        ),
        compare(
            "count a province's subtree as of a date",
            lambda: selectors.subtree_count(province, as_of=AS_OF),
            plain_sql(f"{count_sql} AND {open_on}", [low, high, day, day], fetch="one"),
            repeat,
            max_ratio=1.5,
            max_ms=50,
            detail=f"{selectors.subtree_count(province, as_of=AS_OF):,} units on {AS_OF:%d/%m/%Y}",
        ),
        compare(
            "list the tree as of a date",
            lambda: list(selectors.tree_as_of(AS_OF)),
            plain_sql(
                f"SELECT id, parent_id, name, kind, depth FROM {TABLE} WHERE {open_on} ORDER BY path",
                [day, day],
            ),
            repeat,
            max_ratio=1.5,
            detail=f"{selectors.tree_as_of(AS_OF).count():,} units on {AS_OF:%d/%m/%Y}",
        ),
    ]
    report(stdout, rows)
    return rows
