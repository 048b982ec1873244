"""Demo activities (issue #11, Deliver 9): the seeds' events recorded as they happened, and Tỉnh Cao Bằng's 2026.

The seeds (activity_catalogue.py): the Thành phố Cao Bằng sơ kết of 22/7/2021, the Cầu Kè inspection of 14/6/2022, the
Duy Tiên tổng kết of 16/1/2020 and the Quảng Yên giao ban of 22/6/2022 — organisers, chairs and attendees with the
posts they held then, the period reviewed, the minutes and conclusions in the articles' words, the conclusions as
tasks of the units named, followed to their end. Tỉnh Cao Bằng's 2026 (activities_cao_bang.py) is relative to the
day the demo is loaded, so that its tasks are in all four states whenever it is loaded.

Everything is written through the services, as the demo's administrator: the units the seeds need and the demo lacked
(the Ban Dân vận Tỉnh ủy Trà Vinh and what it became, the Quảng Yên agencies), the people and posts, the meetings and
their attendance, inspections, tasks and progress, situation reports, the calendar. A second run finds the
Thành phố Cao Bằng sơ kết and adds nothing.
"""

import datetime

from django.db import transaction

from danvan.activities import services
from danvan.activities.models import Meeting
from danvan.orgunits import services as unit_services
from danvan.orgunits.models import REFORM_DATE, LineageLink, OrgUnit, UnitLineage

from .activities_cao_bang import load_cao_bang_2026
from .activity_builder import add_people, follow, record_meeting
from .activity_catalogue import BAN_MERGER_EVE, BEFORE_REFORM, SEED_INSPECTION, SEED_MEETINGS, SEED_PEOPLE
from .units import demo_units

A = OrgUnit.AgencyType
BAN_MERGER = BAN_MERGER_EVE + datetime.timedelta(days=1)

# A unit recorded through the service starts on a known day (its parent must be open then).
TRA_VINH_SPAN = {
    "valid_from": datetime.date(1992, 5, 5),
    "valid_to": BAN_MERGER_EVE,
    "note": "Ngày bắt đầu: ngày tỉnh Trà Vinh được tái lập đi vào hoạt động (5/5/1992).",
}
QUANG_YEN_SPAN = {
    "valid_from": datetime.date(2011, 11, 25),
    "valid_to": BEFORE_REFORM,
    "note": "Ngày bắt đầu: ngày thành lập thị xã Quảng Yên (Nghị quyết số 100/NQ-CP ngày 25/11/2011).",
}
NATIONAL = {
    "tra_vinh": "vn2024:province:84",
    "vinh_long": "vn2025:province:86",
    "ha_nam": "vn2024:province:35",
    "quang_yen": "vn2024:district:206",
    "hoang_tan": "vn2024:ward:07156",
}


def _agency(actor, parent: OrgUnit, name: str, agency_type: str, **dates) -> OrgUnit:
    """The agency `name` under `parent`, created through the unit service the first time."""
    unit = OrgUnit.objects.filter(parent=parent, name=name).first()
    if unit is not None:
        return unit
    return unit_services.create_unit(
        actor, parent=parent, name=name, kind=OrgUnit.Kind.AGENCY, agency_type=agency_type, **dates
    )


def _lineage(key: str, kind: str, date: datetime.date, basis: str, before, after, note: str = "") -> None:
    if UnitLineage.objects.filter(source="demo", source_key=key).exists():
        return
    event = UnitLineage.objects.create(
        kind=kind, date=date, source="demo", source_key=key, basis=basis, note=note
    )
    LineageLink.objects.bulk_create(
        [LineageLink(event=event, unit=unit, role=LineageLink.Role.PREDECESSOR) for unit in before]
        + [LineageLink(event=event, unit=unit, role=LineageLink.Role.SUCCESSOR) for unit in after]
    )


def seed_units(actor) -> dict[str, OrgUnit]:
    """The demo's units and those the seeds need: national units (Tỉnh Trà Vinh, Tỉnh Hà Nam, Thị xã Quảng Yên, Xã
    Hoàng Tân, with their 2025 lineage from the national import) and the agencies the demo lacked, closed as they
    were closed, with the lineage of the Ban Dân vận Tỉnh ủy Trà Vinh (merged with the Ban Tuyên giáo on 1/3/2025,
    and that Ban into the Tỉnh ủy Vĩnh Long's on 1/7/2025)."""
    units = demo_units()
    units.update(OrgUnit.objects.in_bulk(list(NATIONAL.values()), field_name="external_id"))
    for key, external_id in NATIONAL.items():
        units[key] = units.pop(external_id)
    tp = units["tp_cao_bang"]
    units["tp_cao_bang_front"] = OrgUnit.objects.get(
        parent=tp, name="Ủy ban MTTQ Việt Nam thành phố Cao Bằng"
    )
    cao_bang = units["cao_bang"]
    units["cao_bang_front"] = OrgUnit.objects.get(parent=cao_bang, name="Ủy ban MTTQ Việt Nam tỉnh Cao Bằng")

    tra_vinh, vinh_long = units["tra_vinh"], units["vinh_long"]
    dv = _agency(actor, tra_vinh, "Ban Dân vận Tỉnh ủy Trà Vinh", A.PROPAGANDA_MOBILISATION, **TRA_VINH_SPAN)
    tg = _agency(actor, tra_vinh, "Ban Tuyên giáo Tỉnh ủy Trà Vinh", A.PARTY_COMMITTEE, **TRA_VINH_SPAN)
    tgdv = _agency(
        actor,
        tra_vinh,
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Trà Vinh",
        A.PROPAGANDA_MOBILISATION,
        valid_from=BAN_MERGER,
        valid_to=BEFORE_REFORM,
    )
    vl = _agency(
        actor,
        vinh_long,
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Long",
        A.PROPAGANDA_MOBILISATION,
        valid_from=REFORM_DATE,
    )
    _lineage(
        "ban-tgdv-tra-vinh",
        UnitLineage.Kind.MERGE,
        BAN_MERGER,
        "Hợp nhất Ban Tuyên giáo và Ban Dân vận Tỉnh ủy (Kết luận số 121-KL/TW)",
        [dv, tg],
        [tgdv],
    )
    _lineage(
        "ban-tgdv-vinh-long",
        UnitLineage.Kind.MERGE,
        REFORM_DATE,
        "Hợp nhất tỉnh Vĩnh Long, Bến Tre, Trà Vinh (Nghị quyết số 202/2025/QH15)",
        [tgdv],
        [vl],
        note="Các Ban của Tỉnh ủy Vĩnh Long, Bến Tre cũ không có trong dữ liệu demo.",
    )
    units["tra_vinh_ban"] = dv

    quang_yen = units["quang_yen"]
    units["quang_yen_ban"] = _agency(
        actor, quang_yen, "Ban Dân vận Thị ủy Quảng Yên", A.PROPAGANDA_MOBILISATION, **QUANG_YEN_SPAN
    )
    units["quang_yen_front"] = _agency(
        actor, quang_yen, "Ủy ban MTTQ Việt Nam thị xã Quảng Yên", A.FATHERLAND_FRONT, **QUANG_YEN_SPAN
    )
    units["quang_yen_veterans"] = _agency(
        actor, quang_yen, "Hội Cựu chiến binh thị xã Quảng Yên", A.MASS_ORGANISATION, **QUANG_YEN_SPAN
    )
    return units


def _seed_meetings(actor, units, people) -> int:
    tasks = 0
    for spec in SEED_MEETINGS:
        meeting = record_meeting(actor, units, people, spec)
        services.conclusion_to_tasks(
            actor,
            meeting,
            [
                {
                    "lead_unit": units[lead],
                    "supporting_units": [units[key] for key in supporting],
                    "title": title,
                    "deadline": deadline,
                }
                for lead, supporting, title, deadline, _done in spec["tasks"]
            ],
        )
        made = list(meeting.tasks.order_by("id"))
        for task, (*_rest, done_on) in zip(made, spec["tasks"], strict=True):
            follow(actor, task, done_on)
        tasks += len(made)
    return tasks


def _seed_inspection(actor, units, people) -> int:
    spec = SEED_INSPECTION
    inspection = services.create_inspection(
        actor,
        organizer=units[spec["organizer"]],
        title=spec["title"],
        starts_on=spec["starts_on"],
        kind=spec["kind"],
        period_from=spec["period_from"],
        period_to=spec["period_to"],
        content=spec["content"],
        inspected_units=[units[key] for key in spec["inspected"]],
        members=[(people[spec["leader"]], "leader")],
        source_note=spec["source_note"],
    )
    lead = units[spec["inspected"][0]]
    services.conclude_inspection(
        actor,
        inspection,
        findings=spec["findings"],
        conclusion=spec["conclusion"],
        recommendations="\n".join(f"- {text}." for text, _deadline, _done in spec["recommendations"]),
        conclusion_date=spec["starts_on"],
        tasks=[
            {"lead_unit": lead, "title": text, "deadline": deadline}
            for text, deadline, _done in spec["recommendations"]
        ],
    )
    made = list(inspection.tasks.order_by("id"))
    for task, (_text, _deadline, done_on) in zip(made, spec["recommendations"], strict=True):
        follow(actor, task, done_on)
    return len(made)


@transaction.atomic
def load_demo_activities(actor) -> dict:
    """Loads the seeds' events and Tỉnh Cao Bằng's 2026 once; a second run finds the Thành phố Cao Bằng sơ kết of
    22/7/2021 and adds nothing. `actor` is the demo's administrator."""
    units = seed_units(actor)
    if Meeting.objects.filter(organizer=units["tp_cao_bang_ban"], period="2021H1").exists():
        return {"loaded": False}
    people = add_people(actor, units, SEED_PEOPLE)
    seed_tasks = _seed_meetings(actor, units, people)
    seed_tasks += _seed_inspection(actor, units, people)
    cao_bang = load_cao_bang_2026(actor, units)
    return {"loaded": True, "seed_meetings": len(SEED_MEETINGS), "seed_tasks": seed_tasks, **cao_bang}
