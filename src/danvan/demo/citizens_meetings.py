"""The citizens' demo, second part: the leaders who must receive citizens and their receptions month by month (the
chair of Phường Thục Phán short of the rule in two months), a petition handed in at a reception, what was promised
(tasks of the activities module), a dialogue held with its questions and commitments and one planned, a consultation
concluded with its household ballots and one open, and the two wards' publicity (on time, late, not yet done,
missing) — through the citizens' services.

The consultation service dates the result on the day it is concluded and opens a consultation only while its closing
day has not passed: the concluded consultation closes on the demo's day (or the real day, when the demo is loaded as
if today were an earlier one) and is concluded on the real day."""

import datetime

from django.utils import timezone

from danvan.activities import services as activity_services
from danvan.citizens.models import ONLINE_FROM, PublicityItem, Reception
from danvan.citizens.services.consultations import (
    add_comment,
    consultation_transition,
    create_consultation,
    record_ballot,
)
from danvan.citizens.services.dialogues import add_question, save_dialogue
from danvan.citizens.services.publicity import add_channel, record_publication
from danvan.citizens.services.receptions import add_commitment, receive_petition, save_duty, save_reception
from danvan.orgunits.models import REFORM_DATE, OrgUnit

from .citizen_meetings_catalogue import (
    CONSULTATION,
    CONSULTATION_OPEN,
    DIALOGUE,
    DIALOGUE_PLANNED,
    DUTIES,
    LEADERS,
    PUBLICATIONS,
    RECEPTION_CITIZENS,
    RECEPTION_COMMITMENT,
    SHORT_MONTHS_BACK,
)

D = datetime.date
DAY = datetime.timedelta(days=1)
MONTHS_BACK = 18
SITE = "https://caobang.gov.vn/cong-khai-ngan-sach"
EVIDENCE = {
    "niem_yet": "Biên bản niêm yết và biên bản kết thúc niêm yết có xác nhận của đại diện Ủy ban MTTQ.",
    "trang_tin": "Ảnh chụp trang đăng tải có ngày đăng.",
    "loa": "Sổ nhật ký phát thanh của Đài truyền thanh ba ngày liên tiếp.",
    "hoi_nghi_thon": "Biên bản hội nghị các tổ dân phố có chữ ký của trưởng tổ.",
}


def _people(actor, units) -> dict:
    people = {}
    for key, (name, gender, unit_key, title) in LEADERS.items():
        person = activity_services.create_person(
            actor, unit=units[unit_key], name=name, gender=gender, note="Dữ liệu demo."
        )
        activity_services.add_post(
            actor, person, title=title, unit=units[unit_key], valid_from=REFORM_DATE, position=1
        )
        save_duty(
            actor,
            unit=units[unit_key],
            data={"person": person, "leader_role": DUTIES[key], "valid_from": REFORM_DATE},
        )
        people[key] = person
    return people


def _month_back(today: D, back: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 - back
    return index // 12, index % 12 + 1


def _weekdays(year: int, month: int, weekday: int) -> list[D]:
    day = D(year, month, 1)
    day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
    days = []
    while day.month == month:
        days.append(day)
        day += datetime.timedelta(days=7)
    return days


def _reception_days(key: str, year: int, month: int, short: bool) -> list[D]:
    """The days a leader received citizens in a month, as the rule in force asks (or fewer when `short`)."""
    if DUTIES[key] == "chu_tich_ubnd_tinh":
        return _weekdays(year, month, 2)[2:3]  # the third Wednesday
    thursdays = _weekdays(year, month, 3)
    weekly = DUTIES[key] == "chu_tich_ubnd_xa" and D(year, month, 1) < ONLINE_FROM
    days = thursdays if weekly else thursdays[0:3:2]  # every Thursday, or the first and the third
    return days[:1] if short else days


def _receptions(actor, units, people, today) -> tuple[int, Reception | None]:
    """Every month since the duties began (at most MONTHS_BACK months), this month's days so far included."""
    count, latest = 0, None
    for back in range(MONTHS_BACK, -1, -1):
        year, month = _month_back(today, back)
        if D(year, month, 1) < REFORM_DATE:
            continue
        for key, person in people.items():
            unit = units[LEADERS[key][2]]
            short = key == "chu_tich_thuc_phan" and back in SHORT_MONTHS_BACK
            days = [day for day in _reception_days(key, year, month, short) if day < today]
            for position, day in enumerate(days):
                online = key == "chu_tich_tinh" and day >= ONLINE_FROM
                reception = save_reception(
                    actor,
                    unit=unit,
                    data={
                        "kind": Reception.Kind.REGULAR,
                        "mode": Reception.Mode.ONLINE if online else Reception.Mode.IN_PERSON,
                        "date": day,
                        "place": f"Trụ sở tiếp công dân {unit.name}",
                        "leader": person,
                        "leader_role": DUTIES[key],
                        "citizens_count": 3 + (day.day % 4),
                    },
                    citizens=RECEPTION_CITIZENS if key == "chu_tich_thuc_phan" and position == 0 else None,
                )
                count += 1
                if key == "chu_tich_thuc_phan":
                    latest = reception
    return count, latest


def _at_reception(actor, reception: Reception) -> None:
    """At the chair's latest reception: a petition handed in and a promise (a task of the ward)."""
    receive_petition(
        actor,
        reception,
        data={
            "kind": "kien_nghi",
            "field": "xay_dung",
            "subject": "Kiến nghị nạo vét rãnh thoát nước đường Hoàng Đình Giong",
            "content": "Rãnh thoát nước đoạn qua Tổ dân phố 6 bị tắc, nước tràn vào nhà dân khi mưa lớn.",
        },
        senders=[{"name": "Ma Văn Đức", "address": "Tổ dân phố 6, phường Thục Phán"}],
    )
    add_commitment(
        actor,
        text=RECEPTION_COMMITMENT,
        deadline=reception.date + datetime.timedelta(days=30),
        reception=reception,
    )


def _dialogues(actor, units, people, today) -> int:
    spec = DIALOGUE
    day = today - datetime.timedelta(days=spec["ago"])
    dialogue = save_dialogue(
        actor,
        unit=units[spec["unit"]],
        data={
            "title": spec["title"],
            "date": day,
            "place": spec["place"],
            "status": "held",
            "plan": spec["plan"],
            "invitation": spec["invitation"],
            "citizens": spec["citizens"],
            "citizens_count": spec["citizens_count"],
        },
        leaders=[people[key] for key in spec["leaders"]],
    )
    for asked_by, question, answer, answered_by in spec["questions"]:
        add_question(
            actor,
            dialogue,
            data={
                "asked_by": asked_by,
                "question": question,
                "answer": answer,
                "answered_by": people[answered_by],
            },
        )
    for text, days in spec["commitments"]:
        add_commitment(actor, text=text, deadline=day + datetime.timedelta(days=days), dialogue=dialogue)
    planned = DIALOGUE_PLANNED
    save_dialogue(
        actor,
        unit=units[planned["unit"]],
        data={
            "title": planned["title"],
            "date": today + datetime.timedelta(days=planned["after"]),
            "place": planned["place"],
            "status": "planned",
            "plan": planned["plan"],
        },
        leaders=[people[key] for key in planned["leaders"]],
    )
    return 2


def _consultation(actor, units, spec, today, *, conclude: bool):
    unit = units[spec["unit"]]
    opens = today - datetime.timedelta(days=spec["open_days"])
    # The service opens a consultation only until its closing day, counted on the real calendar.
    last = max(today, timezone.localdate())
    closes = last if conclude else last + datetime.timedelta(days=10)
    consultation = create_consultation(
        actor,
        unit=unit,
        kind=spec["kind"],
        title=spec["title"],
        text=spec["text"],
        opens_on=opens,
        closes_on=closes,
    )
    consultation_transition(actor, consultation, "open")
    for author_kind, name, text, after in spec["comments"]:
        add_comment(
            actor,
            consultation,
            text=text,
            author_kind=author_kind,
            name=name,
            shown_name=name,
            received_on=opens + datetime.timedelta(days=after),
        )
    if not conclude:
        return consultation
    for number, (households, agree, disagree, abstain) in spec["ballots"].items():
        hamlet = OrgUnit.objects.get(parent=unit, kind=OrgUnit.Kind.HAMLET, name=f"Tổ dân phố {number}")
        record_ballot(
            actor,
            consultation,
            hamlet=hamlet,
            households=households,
            agree=agree,
            disagree=disagree,
            abstain=abstain,
        )
    consultation_transition(actor, consultation, "close")
    return consultation_transition(actor, consultation, "conclude", summary=spec["summary"])


def _period(frequency: str, today: D) -> tuple[str, D]:
    """The item's last period begun (a year) or ended (a half-year), and the day its publicity is counted from."""
    if frequency == "year":
        return str(today.year), D(today.year, 1, 1)
    if today.month >= 7:
        return f"{today.year}H1", D(today.year, 7, 1)
    return f"{today.year - 1}H2", D(today.year, 1, 1)


def _publicity(actor, units, today) -> int:
    items = {item.code: item for item in PublicityItem.objects.all()}
    for unit_key, code, frequency, _decision, channels in PUBLICATIONS:
        period, anchor = _period(frequency, today)
        publication = record_publication(actor, unit=units[unit_key], item=items[code], period=period)
        for channel, days in channels:
            start = min(anchor + datetime.timedelta(days=days), today)
            add_channel(
                actor,
                publication,
                channel=channel,
                started_on=start,
                ended_on=start + datetime.timedelta(days=29) if channel == "niem_yet" else None,
                second_on=start + DAY if channel == "loa" else None,
                third_on=start + 2 * DAY if channel == "loa" else None,
                address=SITE if channel == "trang_tin" else "",
                note=EVIDENCE[channel],
            )
    return len(PUBLICATIONS)


def load_meetings(actor, units, today) -> dict:
    people = _people(actor, units)
    receptions, latest = _receptions(actor, units, people, today)
    if latest is not None:
        _at_reception(actor, latest)
    dialogues = _dialogues(actor, units, people, today)
    _consultation(actor, units, CONSULTATION, today, conclude=True)
    _consultation(actor, units, CONSULTATION_OPEN, today, conclude=False)
    return {
        "receptions": receptions,
        "dialogues": dialogues,
        "consultations": 2,
        "publications": _publicity(actor, units, today),
    }
