"""Demo "Dân vận khéo" register: the seeds' figures under the seeds' old units, and today's Tỉnh Cao Bằng.

The three old units yield exactly what their reports say:
- Thành phố Cao Bằng, 2021: 16 cơ quan, đơn vị and 6 chi, đảng bộ of the city registered; every ward, commune,
  tổ dân phố and xóm registered (a campaign at 100%), with 14 ward-level and 200 hamlet-level models;
- Huyện Cầu Kè, 2022: 331 models over the four fields;
- Thị xã Duy Tiên, 2019: 60 models, 21 in the khối phòng, ban, ngành, đoàn thể and 39 in the khối phường, xã.
Today's Tỉnh Cao Bằng gets a few hundred models and exemplars for 2025 and 2026 over its 56 communes, the hamlets of
Phường Thục Phán and Phường Nùng Trí Cao and the province's agencies, in every state of the lifecycle.

Everything is written in bulk (a few seconds), but exactly as the services would write it (practice_builder.py):
owner path, province, level and search key, status, the yearly fact rows and their fields, the timeline of events,
results, and a change-log entry per practice. A fixed random seed makes every run the same; a second run finds the
Thành phố Cao Bằng 2021 campaign and adds nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from danvan.core.changelog import record_change, snapshot
from danvan.orgunits.models import OrgUnit, UnitGroup
from danvan.practices.models import Campaign, Field, Practice, Status

from .old_units import fill_old_groups, load_old_units
from .practice_builder import Builder, Plan
from .practice_catalogue import (
    AGENCY_MODELS,
    COMMUNE_MODELS,
    EXTRA_BY_PLACE,
    NTM,
    RURAL_FIELD,
    RURAL_HAMLET_MODELS,
    URBAN_HAMLET_MODELS,
)
from .units import _demo_id, demo_units

A = OrgUnit.AgencyType
CAMPAIGN_TITLE = "Đăng ký mô hình “Dân vận khéo” năm 2021"


def _fields(cao_bang: OrgUnit) -> dict[str, Field]:
    fields = {f.code: f for f in Field.objects.filter(owner__isnull=True)}
    rural, _created = Field.objects.get_or_create(
        owner=cao_bang, code=RURAL_FIELD[0], defaults={"name": RURAL_FIELD[1], "position": 10}
    )
    fields[NTM] = rural
    return fields


def load_demo_practices() -> dict:
    """Loads the demo register once (a second call adds nothing) and returns what it holds."""
    with transaction.atomic():
        units = demo_units()
        old = load_old_units(units)
        fill_old_groups(units, old)
        fields = _fields(units["cao_bang"])
        tp = units["tp_cao_bang"]
        if Campaign.objects.filter(unit=tp, year=2021).exists():
            return {"loaded": False, "practices": 0}
        builder = Builder(fields, timezone.localdate())
        # Old units do not use the province's local field "Xây dựng nông thôn mới" (it began in 2025 here).
        old_fields = {code: f for code, f in fields.items() if code != NTM}
        builder.fields = old_fields
        _thanh_pho_cao_bang_2021(builder, units, old)
        _cau_ke_2022(builder, units)
        _duy_tien_2019(builder, units)
        builder.fields = fields
        _cao_bang_2025_2026(builder, units)
        count = builder.save()
        campaign = Campaign.objects.create(
            unit=tp,
            year=2021,
            title=CAMPAIGN_TITLE,
            deadline=datetime.date(2021, 5, 31),
            expected_kinds=[OrgUnit.Kind.AGENCY, OrgUnit.Kind.COMMUNE, OrgUnit.Kind.HAMLET],
            note="Thành ủy phát động: mỗi cơ quan, chi bộ, đảng bộ, xã, phường, tổ, xóm đăng ký ít nhất một mô hình.",
        )
        record_change(None, "create", campaign, None, snapshot(campaign), unit=tp)
    return {"loaded": True, "practices": count}


def _agency_pool(agency: OrgUnit) -> list[str]:
    for word, names in AGENCY_MODELS.items():
        if word in agency.name or (word == "MTTQ" and "Mặt trận" in agency.name):
            return names
    return ["Dân vận khéo trong thực hiện nhiệm vụ chuyên môn"]


def _counter(prefix: str, start: int = 1):
    numbers = iter(range(start, 10_000))
    return lambda: f"{next(numbers)}-{prefix}"


def _thanh_pho_cao_bang_2021(b: Builder, units, old) -> None:
    """16 agencies and 6 party cells, 14 ward/commune and 200 hamlet models: every unit registered."""
    tp = units["tp_cao_bang"]
    ban = units["tp_cao_bang_ban"]
    province_ban = OrgUnit.objects.get(
        external_id=_demo_id(units["cao_bang"], "Ban Dân vận Tỉnh ủy Cao Bằng")
    )
    jan, may, dec = datetime.date(2021, 1, 15), datetime.date(2021, 5, 31), datetime.date(2021, 12, 31)
    city_decisions = _counter("QĐ/BDVTU", 12)
    province_decisions = _counter("QĐ/BDVTU", 301)
    agencies = list(tp.children.filter(kind=OrgUnit.Kind.AGENCY).order_by("sort_key"))
    party_cells = [agency for agency in agencies if agency.agency_type == A.PARTY_CELL]
    if (len(agencies) - len(party_cells), len(party_cells)) != (16, 6):
        raise RuntimeError(
            f"{tp.name}: cần 16 cơ quan và 6 chi, đảng bộ, đang có {len(agencies)} đơn vị trực thuộc."
        )
    shares = {"implementing": 0.6, "recognised": 0.3}
    for agency in agencies:
        plan = b.model(
            agency, 2021, _agency_pool(agency) + EXTRA_BY_PLACE["tp_cao_bang"][:1], b.day(jan, may)
        )
        b.lifecycle(plan, dec, shares, province_ban, province_decisions)
    communes = list(tp.children.filter(kind=OrgUnit.Kind.COMMUNE).order_by("sort_key"))
    doubles = set(b.rng.sample(range(len(communes)), 3))  # 11 + 3 = 14
    for index, commune in enumerate(communes):
        pool = COMMUNE_MODELS + EXTRA_BY_PLACE["tp_cao_bang"]
        for _ in range(2 if index in doubles else 1):
            plan = b.model(commune, 2021, pool, b.day(jan, may))
            b.lifecycle(plan, dec, shares, ban, city_decisions)
    hamlets = old["tp_hamlets"]
    seconds = set(b.rng.sample(range(len(hamlets)), 200 - len(hamlets)))  # 162 + 38 = 200
    for index, hamlet in enumerate(hamlets):
        urban = hamlet.division_type == OrgUnit.DivisionType.TO_DAN_PHO
        pool = URBAN_HAMLET_MODELS if urban else RURAL_HAMLET_MODELS
        for _ in range(2 if index in seconds else 1):
            plan = b.model(hamlet, 2021, pool, b.day(jan, may))
            b.lifecycle(plan, dec, {"implementing": 0.75, "recognised": 0.15}, ban, city_decisions)


def _cau_ke_2022(b: Builder, units) -> None:
    """331 models over the four fields: 31 of the district's agencies, 88 of the communes, 212 of the ấp."""
    cau_ke = units["cau_ke"]
    ban = units["cau_ke_ban"]
    jan, jun, dec = datetime.date(2022, 1, 10), datetime.date(2022, 6, 10), datetime.date(2022, 12, 31)
    decisions = _counter("QĐ/BDVHU", 5)
    extra = EXTRA_BY_PLACE["cau_ke"]
    agencies = list(cau_ke.children.filter(kind=OrgUnit.Kind.AGENCY).order_by("sort_key"))
    per_agency = [3] * len(agencies)
    for index in range(31 - 3 * len(agencies)):
        per_agency[index] += 1
    for agency, count in zip(agencies, per_agency, strict=True):
        for _ in range(count):
            plan = b.model(agency, 2022, _agency_pool(agency) + extra, b.day(jan, jun))
            b.lifecycle(plan, dec, {"implementing": 0.7})
    communes = list(cau_ke.children.filter(kind=OrgUnit.Kind.COMMUNE).order_by("sort_key"))
    per_commune = [8] * len(communes)
    for index in range(88 - 8 * len(communes)):
        per_commune[index] += 1
    for commune, count in zip(communes, per_commune, strict=True):
        for _ in range(count):
            plan = b.model(commune, 2022, COMMUNE_MODELS + extra, b.day(jan, jun))
            b.lifecycle(plan, dec, {"implementing": 0.55, "recognised": 0.25}, ban, decisions)
    aps = list(
        OrgUnit.objects.filter(parent__in=communes, kind=OrgUnit.Kind.HAMLET)
        .exclude(valid_to__lt=datetime.date(2022, 1, 1))
        .order_by("parent__sort_key", "sort_key")
    )
    remaining = 212
    for index, ap in enumerate(aps):
        count = remaining // (len(aps) - index)
        remaining -= count
        for _ in range(count):
            plan = b.model(ap, 2022, RURAL_HAMLET_MODELS + extra[:4], b.day(jan, jun))
            b.lifecycle(plan, dec, {"implementing": 0.6, "recognised": 0.15}, ban, decisions)


def _duy_tien_2019(b: Builder, units) -> None:
    """60 models: 21 in the khối phòng, ban, ngành, đoàn thể, 39 in the khối phường, xã."""
    duy_tien = units["duy_tien"]
    ban = units["duy_tien_ban"]
    feb, jun, dec = datetime.date(2019, 2, 15), datetime.date(2019, 6, 30), datetime.date(2019, 12, 20)
    decisions = _counter("QĐ/BDVTU", 21)
    group = UnitGroup.objects.get(owner=duy_tien, kind=UnitGroup.Kind.AGENCIES)
    agencies = list(group.members.order_by("sort_key"))
    per_agency = [2] * len(agencies)
    for index in range(21 - 2 * len(agencies)):
        per_agency[index] += 1
    for agency, count in zip(agencies, per_agency, strict=True):
        for _ in range(count):
            plan = b.model(agency, 2019, _agency_pool(agency) + EXTRA_BY_PLACE["duy_tien"], b.day(feb, jun))
            b.lifecycle(plan, dec, {"implementing": 0.8})
    communes = list(
        UnitGroup.objects.get(owner=duy_tien, kind=UnitGroup.Kind.COMMUNES).members.order_by("sort_key")
    )
    per_commune = [2] * len(communes)
    for index in range(39 - 2 * len(communes)):
        per_commune[index] += 1
    for commune, count in zip(communes, per_commune, strict=True):
        for number in range(count):
            if commune.name == "Phường Hòa Mạc" and number == 0:
                # The seed: the Ban chose Hòa Mạc for its model "chính quyền thân thiện vì nhân dân phục vụ".
                plan = b.model(commune, 2019, ["Chính quyền thân thiện vì nhân dân phục vụ"], feb)
                b.recognise(plan, ban, decisions(), datetime.date(2019, 11, 25))
                continue
            plan = b.model(commune, 2019, COMMUNE_MODELS + EXTRA_BY_PLACE["duy_tien"], b.day(feb, jun))
            b.lifecycle(plan, dec, {"implementing": 0.6, "recognised": 0.25}, ban, decisions)


def _cao_bang_2025_2026(b: Builder, units) -> None:
    """Today's province: models and exemplars of 2025 (some carried into 2026, some recognised and replicated)
    and of 2026, over its 56 communes, two wards' hamlets and agencies, and the province's agencies."""
    cao_bang, ban = units["cao_bang"], units["ban_tgdv_cao_bang"]
    decisions = _counter("QĐ/BTGDVTU", 118)
    ward_decisions = _counter("QĐ/ĐU", 7)
    today = b.today
    reform = datetime.date(2025, 7, 1)
    start_2026 = datetime.date(2026, 1, 5)
    province_agencies = list(
        cao_bang.children.filter(kind=OrgUnit.Kind.AGENCY, valid_to__isnull=True).order_by("sort_key")
    )
    communes = list(
        cao_bang.children.filter(kind=OrgUnit.Kind.COMMUNE, valid_to__isnull=True).order_by("sort_key")
    )
    wards = [units["thuc_phan"], units["nung_tri_cao"]]
    ward_units = {
        ward.pk: list(ward.children.filter(valid_to__isnull=True).order_by("kind", "sort_key"))
        for ward in wards
    }
    party_committees = {
        ward.pk: next(u for u in ward_units[ward.pk] if u.agency_type == A.PARTY_COMMITTEE) for ward in wards
    }
    mixed = {"implementing": 0.45, "recognised": 0.3, "stopped": 0.08, "not_recognised": 0.07}
    plans_2025: list[Plan] = []

    def new_2025(owner, pool, recogniser, numbering, exemplar=False):
        start = b.day(max(reform, owner.valid_from or reform), datetime.date(2025, 11, 30))
        plan = b.exemplar(owner, 2025, start) if exemplar else b.model(owner, 2025, pool, start)
        plans_2025.append(plan)
        b.lifecycle(plan, today, mixed, recogniser, numbering)
        return plan

    for agency in province_agencies:
        start = b.day(datetime.date(2025, 3, 15), datetime.date(2025, 10, 31))
        plan = b.model(agency, 2025, _agency_pool(agency), start)
        plans_2025.append(plan)
        b.lifecycle(plan, today, {"implementing": 0.8, "stopped": 0.1})
    for commune in communes:
        urban = commune.division_type == OrgUnit.DivisionType.PHUONG
        pool = COMMUNE_MODELS + (URBAN_HAMLET_MODELS[:4] if urban else RURAL_HAMLET_MODELS[:5])
        for _ in range(b.rng.randint(2, 3)):
            new_2025(commune, pool, ban, decisions)
        if b.rng.random() < 0.45:
            new_2025(commune, pool, ban, decisions, exemplar=True)
    for ward in wards:
        for unit in ward_units[ward.pk]:
            if unit.kind == OrgUnit.Kind.HAMLET:
                new_2025(unit, URBAN_HAMLET_MODELS, party_committees[ward.pk], ward_decisions)
            elif b.rng.random() < 0.5:
                new_2025(unit, _agency_pool(unit), ban, decisions)

    # Carried into 2026: most of those still going at the start of the year.
    for plan in plans_2025:
        if b.status_on(plan, start_2026) in (Status.STOPPED, Status.NOT_RECOGNISED):
            continue
        day = b.day(start_2026, datetime.date(2026, 3, 31))
        if b.rng.random() < 0.7 and b.status_on(plan, day) not in (Status.STOPPED, Status.NOT_RECOGNISED):
            plan.reconfirm.append((2026, day))
    # Replicated in 2026: recognised models spread to other communes.
    recognised = [
        plan
        for plan in plans_2025
        if plan.practice.status == Status.RECOGNISED
        and plan.practice.kind == Practice.Kind.MODEL
        and plan.practice.owner.kind in (OrgUnit.Kind.COMMUNE, OrgUnit.Kind.HAMLET)
    ]
    for plan in b.rng.sample(recognised, min(12, len(recognised))):
        date = b.day(max(plan.practice.recognition_date + datetime.timedelta(days=14), start_2026), today)
        targets = [
            c for c in communes if c.pk != plan.practice.owner_id and c.pk != plan.practice.owner.parent_id
        ]
        for target in b.rng.sample(targets, b.rng.randint(1, 2)):
            if plan.practice.name in b.used_names.get((target.pk, 2026), set()):
                continue
            replica = b.replicate(plan, target, 2026, date)
            if b.rng.random() < 0.6:
                b.step(replica, "implement", b.day(date + datetime.timedelta(days=10), today))

    # New in 2026.
    fresh = {"implementing": 0.55, "recognised": 0.1}
    for agency in province_agencies[:4]:
        plan = b.model(agency, 2026, _agency_pool(agency), b.day(start_2026, datetime.date(2026, 6, 30)))
        b.lifecycle(plan, today, {"implementing": 0.7})
    for commune in communes:
        urban = commune.division_type == OrgUnit.DivisionType.PHUONG
        pool = COMMUNE_MODELS + (URBAN_HAMLET_MODELS if urban else RURAL_HAMLET_MODELS)
        for _ in range(b.rng.randint(1, 3)):
            plan = b.model(commune, 2026, pool, b.day(start_2026, datetime.date(2026, 9, 30)))
            b.lifecycle(plan, today, fresh, ban, decisions)
        if b.rng.random() < 0.3:
            plan = b.exemplar(commune, 2026, b.day(start_2026, datetime.date(2026, 9, 30)))
            b.lifecycle(plan, today, fresh, ban, decisions)
    for ward in wards:
        for unit in ward_units[ward.pk]:
            if unit.kind == OrgUnit.Kind.HAMLET and b.rng.random() < 0.5:
                plan = b.model(unit, 2026, URBAN_HAMLET_MODELS, b.day(start_2026, datetime.date(2026, 9, 30)))
                b.lifecycle(plan, today, fresh, party_committees[ward.pk], ward_decisions)
