"""Tỉnh Cao Bằng's 2026 in the demo's activities: the monthly giao ban khối Dân vận (January to November, or those
already past), the year's inspection programme with two inspections of communes (one concluded with tasks and a
re-check, one under way), tasks in the four statuses counted (done on time, done late, in progress within the
deadline, overdue) plus one extended and one cancelled, a hotspot a commune reported, escalated and resolved with
timed steps, monthly situation reports of a few communes, and this week's calendar of the province's Ban.

Everything that must hold "today" is computed from `timezone.localdate()` on the day the demo is loaded. The people
are invented for the demo (their note says so); their posts start with the units they serve (the Ban Tuyên giáo và
Dân vận on 1/3/2025, the new communes on 1/7/2025), and one changes during 2026 so that a meeting shows the title held
on its own date.
"""

import datetime

from django.utils import timezone

from danvan.activities import services
from danvan.activities.models import HotspotStep, Meeting, SituationReport, Task
from danvan.orgunits.models import REFORM_DATE, OrgUnit

from .activity_builder import add_people, aware, follow, record_meeting
from .activity_catalogue import CAO_BANG_PEOPLE, MONTH_TOPICS

D = datetime.date
EXTENDED = "Khảo sát sự hài lòng của người dân với bộ phận một cửa phường"
CANCELLED = "Tổ chức hội thi “Dân vận khéo” cấp phường"
MEMBERS = ["nong_van_dung", "luc_thi_mai", "dam_van_hung", "be_thi_lan"]


def _giao_ban_day(month: int) -> D:
    """The 25th of the month, or the Friday before when it falls on a weekend."""
    day = D(2026, month, 25)
    return day - datetime.timedelta(days=max(0, day.weekday() - 4))


def _giao_ban(actor, units, people, today) -> list[Meeting]:
    meetings = []
    for month, topic in MONTH_TOPICS.items():
        day = _giao_ban_day(month)
        if day >= today:
            break
        spec = {
            "organizer": "cao_bang",
            "host": "ban_tgdv_cao_bang",
            "type": "giao_ban",
            "title": f"Giao ban khối Dân vận tỉnh tháng {month:02d}/2026",
            "starts_at": datetime.datetime.combine(day, datetime.time(8, 0)),
            "ends_at": datetime.datetime.combine(day, datetime.time(11, 0)),
            "place": "Phòng họp Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng",
            "period": f"2026M{month:02d}",
            "agenda": (
                f"1. Kết quả công tác dân vận tháng {month:02d}/2026 của các cơ quan khối Dân vận.\n"
                f"2. Chuyên đề: {topic}.\n3. Nhiệm vụ tháng tới."
            ),
            "minutes": (
                f"Các cơ quan khối Dân vận tỉnh báo cáo kết quả tháng {month:02d}/2026 và trao đổi về {topic}. "
                "Đại diện các xã, phường phản ánh tình hình nhân dân trên địa bàn."
            ),
            "conclusions": (
                f"Đồng chí Trưởng Ban kết luận: các cơ quan khối Dân vận và các xã, phường tập trung {topic}; "
                "chủ động nắm tình hình nhân dân, xử lý kịp thời, không để xảy ra điểm nóng."
            ),
            "conclusion_number": f"{month * 7 + 3}-TB/BTGDVTU",
            "conclusion_date": day + datetime.timedelta(days=2),
            "chairs": ["hoang_thi_thu_ha"],
            "secretaries": ["ma_van_khai"],
            "members": [key for key in MEMBERS if not (month == 4 and key == "be_thi_lan")],
            "guests": ["luong_van_thanh", "trieu_thi_hang"] if month % 3 == 0 else [],
            "absent": [("be_thi_lan", "Đi công tác tại Trung ương")] if month == 4 else [],
            "source_note": "Dữ liệu demo.",
        }
        meetings.append(record_meeting(actor, units, people, spec))
    return meetings


def _held_by(meetings: list[Meeting], day: D) -> Meeting:
    """The last giao ban held on or before `day` (the first one if none was)."""
    earlier = [m for m in meetings if timezone.localtime(m.starts_at).date() <= day]
    return earlier[-1] if earlier else meetings[0]


def _tasks(actor, units, meetings, today) -> int:
    """Tasks of the giao ban for the communes, in the four statuses on `today`, one extended, one cancelled (each
    meeting's conclusions turned into tasks at once)."""
    days = datetime.timedelta
    old, recent = _held_by(meetings, today - days(45)), _held_by(meetings, today - days(6))
    thuc_phan, nung_tri_cao = units["thuc_phan"], units["nung_tri_cao"]
    plan = [
        # (meeting, lead, title, deadline: days before today, done: days before today or None, percent)
        (
            old,
            thuc_phan,
            "Tổ chức đối thoại giữa Bí thư Đảng ủy phường với nhân dân các tổ dân phố",
            10,
            14,
            50,
        ),
        (old, nung_tri_cao, "Rà soát, hoàn thiện hồ sơ công nhận mô hình “Dân vận khéo” năm 2026", 20, 6, 60),
        (recent, thuc_phan, "Báo cáo tình hình nhân dân trước Tết Nguyên đán Đinh Mùi 2027", -25, None, 40),
        (old, nung_tri_cao, "Vận động nhân dân hiến đất mở rộng đường vào tổ dân phố 5", 4, None, 60),
        (old, thuc_phan, EXTENDED, 3, None, 70),
        (old, nung_tri_cao, CANCELLED, -20, None, 0),
    ]
    by_meeting: dict[Meeting, list[dict]] = {}
    for meeting, lead, title, deadline_ago, _done, _percent in plan:
        assigned = timezone.localtime(meeting.starts_at).date()
        deadline = max(today - days(deadline_ago), assigned)
        by_meeting.setdefault(meeting, []).append({"lead_unit": lead, "title": title, "deadline": deadline})
    for meeting, tasks in by_meeting.items():
        services.conclusion_to_tasks(actor, meeting, tasks)
    made = {task.title: task for task in Task.objects.filter(meeting__in=list(by_meeting))}
    for meeting, _lead, title, _deadline, done_ago, percent in plan:
        if title == CANCELLED:
            continue
        assigned = timezone.localtime(meeting.starts_at).date()
        done_on = None if done_ago is None else max(today - days(done_ago), assigned)
        follow(actor, made[title], done_on, percent=percent)
    extension = services.request_extension(
        actor,
        made[EXTENDED],
        requested_deadline=today + days(14),
        reason="Chờ kết quả khảo sát của các tổ dân phố.",
    )
    services.decide_extension(
        actor, extension, grant=True, decision_reference="Công văn số 215-CV/BTGDVTU", note="Đồng ý gia hạn."
    )
    services.cancel_task(
        actor, made[CANCELLED], reason="Gộp vào hội thi cấp tỉnh theo Kế hoạch số 48-KH/BTGDVTU."
    )
    return len(plan)


def _inspections(actor, units, people, today) -> int:
    days = datetime.timedelta
    cao_bang, nung_tri_cao, thuc_phan = units["cao_bang"], units["nung_tri_cao"], units["thuc_phan"]
    plans: dict[int, object] = {}

    def plan_of(day: D):
        """The year's inspection programme (an inspection belongs to the programme of its own year)."""
        if day.year not in plans:
            plans[day.year] = services.create_plan(
                actor,
                unit=cao_bang,
                year=day.year,
                title=f"Chương trình kiểm tra, giám sát năm {day.year} của Ban Tuyên giáo và Dân vận Tỉnh ủy",
                number="05-CTr/BTGDVTU",
                issued_on=D(day.year, 1, 15),
            )
        return plans[day.year]

    concluded = services.create_inspection(
        actor,
        organizer=cao_bang,
        plan=plan_of(today - days(70)),
        title="Kiểm tra việc thực hiện Quy chế dân chủ ở cơ sở tại Phường Nùng Trí Cao",
        starts_on=today - days(70),
        ends_on=today - days(68),
        decision_number="112-QĐ/BTGDVTU",
        decision_date=today - days(80),
        period_from=REFORM_DATE,
        period_to=D(2026, 6, 30),
        content="Việc thực hiện Quy chế dân chủ ở cơ sở và công tác dân vận của chính quyền phường.",
        inspected_units=[nung_tri_cao],
        members=[
            (people["nong_van_dung"], "leader"),
            (people["dam_van_hung"], "member"),
            (people["ma_van_khai"], "secretary"),
        ],
        source_note="Dữ liệu demo.",
    )
    services.conclude_inspection(
        actor,
        concluded,
        findings="Phường đã công khai các thủ tục hành chính, tổ chức đối thoại định kỳ; việc lấy ý kiến nhân "
        "dân về các công trình của tổ dân phố còn chưa đầy đủ biên bản.",
        conclusion="Phường Nùng Trí Cao thực hiện cơ bản tốt Quy chế dân chủ ở cơ sở; cần khắc phục các hạn chế "
        "nêu trên.",
        recommendations="- Hoàn thiện biên bản lấy ý kiến nhân dân về các công trình.\n"
        "- Niêm yết công khai kết quả giải quyết kiến nghị của cử tri.",
        conclusion_date=today - days(60),
        conclusion_number="27-TB/BTGDVTU",
        tasks=[
            {
                "lead_unit": nung_tri_cao,
                "title": "Hoàn thiện biên bản lấy ý kiến nhân dân về các công trình của tổ dân phố",
                "deadline": today - days(15),
            },
            {
                "lead_unit": nung_tri_cao,
                "title": "Niêm yết công khai kết quả giải quyết kiến nghị của cử tri",
                "deadline": today + days(30),
            },
        ],
    )
    first, second = concluded.tasks.order_by("id")
    follow(actor, first, today - days(20))
    follow(actor, second, None, percent=50)
    services.add_recheck(
        actor,
        concluded,
        date=today - days(7),
        result="Phường đã hoàn thiện biên bản lấy ý kiến nhân dân; việc niêm yết kết quả giải quyết kiến nghị "
        "đang thực hiện, tiếp tục theo dõi.",
    )
    services.create_inspection(
        actor,
        organizer=cao_bang,
        plan=plan_of(today - days(2)),
        kind="supervision",
        title="Giám sát việc thực hiện phong trào thi đua “Dân vận khéo” tại Phường Thục Phán",
        starts_on=today - days(2),
        ends_on=today + days(3),
        decision_number="131-QĐ/BTGDVTU",
        decision_date=today - days(12),
        period_from=D(2026, 1, 1),
        period_to=D(2026, 9, 30),
        content="Việc đăng ký, xây dựng và nhân rộng mô hình “Dân vận khéo” năm 2026.",
        inspected_units=[thuc_phan],
        members=[(people["luc_thi_mai"], "leader"), (people["dam_van_hung"], "member")],
        source_note="Dữ liệu demo.",
    )
    return 2  # the second is under way: its first day is past (the service marks it so)


def _communes(units) -> list[OrgUnit]:
    """Phường Thục Phán, Phường Nùng Trí Cao and the first xã of the province."""
    xa = (
        OrgUnit.objects.filter(
            parent=units["cao_bang"],
            kind=OrgUnit.Kind.COMMUNE,
            division_type=OrgUnit.DivisionType.XA,
            valid_to__isnull=True,
        )
        .order_by("sort_key")
        .first()
    )
    return [units["thuc_phan"], units["nung_tri_cao"], xa]


def _situations(actor, units, today) -> int:
    """Monthly reports of three communes for the last three months ended, and a hotspot of the xã."""
    days = datetime.timedelta
    communes = _communes(units)
    month_end = today.replace(day=1) - days(1)
    count = 0
    for _ in range(3):
        month = month_end.replace(day=1)
        for number, commune in enumerate(communes):
            watch = (number + month.month) % 3 == 0
            services.report_situation(
                actor,
                unit=commune,
                topic="people",
                severity=2 if watch else 1,
                title=f"Tình hình nhân dân tháng {month:%m/%Y}",
                text=(
                    "Tư tưởng nhân dân ổn định, đồng thuận với chủ trương của cấp ủy, chính quyền. "
                    + (
                        "Một số hộ còn băn khoăn về mức hỗ trợ giải phóng mặt bằng; phường đang đối thoại."
                        if watch
                        else "Không có vụ việc phức tạp."
                    )
                ),
                reported_on=min(month_end + days(3), today),
                period=f"{month.year}M{month.month:02d}",
                area=commune,
            )
            count += 1
        month_end = month - days(1)
    xa = communes[-1]
    reported = today - days(16)
    hotspot = services.report_situation(
        actor,
        unit=xa,
        topic="mass_complaint",
        severity=4,
        title="Nguy cơ tụ tập đông người về bồi thường giải phóng mặt bằng tuyến đường liên xã",
        text="Khoảng 40 hộ dân không đồng ý mức bồi thường, dự kiến kéo đến trụ sở Ủy ban nhân dân xã.",
        reported_on=reported,
        area=xa,
        hotspot=True,
    )
    steps = [
        (
            "acknowledged",
            "Ban Tuyên giáo và Dân vận Tỉnh ủy đã nắm tình hình, chỉ đạo xã đối thoại ngay.",
            0,
            14,
        ),
        ("action", "Xã tổ chức đối thoại với các hộ dân, có đại diện Sở Nông nghiệp và Môi trường.", 2, 8),
        ("resolved", "Các hộ dân đồng thuận với phương án bồi thường điều chỉnh; tình hình ổn định.", 7, 16),
    ]
    for action, text, _after, _hour in steps:
        services.hotspot_step(actor, hotspot, action, text)
    # The steps happened over a week: their times are those of the events, not of this run.
    times = {"escalated": aware(reported, 9, 30)}
    times.update({action: aware(reported + days(after), hour) for action, _text, after, hour in steps})
    for step in HotspotStep.objects.filter(report=hotspot):
        if step.action in times:
            HotspotStep.objects.filter(pk=step.pk).update(at=times[step.action])
    SituationReport.objects.filter(pk=hotspot.pk).update(resolved_at=times["resolved"])
    return count + 1


def _calendar(actor, units, people, today) -> int:
    """The week of the province's Ban: entries typed in, one moved (with its reason), one cancelled."""
    days = datetime.timedelta
    ban = units["ban_tgdv_cao_bang"]
    monday = today - days(today.weekday())
    leader = people["hoang_thi_thu_ha"]
    rows = [
        (
            0,
            7,
            30,
            "Giao ban Lãnh đạo Ban",
            "Phòng họp Ban",
            "Lãnh đạo Ban, Trưởng các phòng",
            "Văn phòng Ban",
            None,
        ),
        (
            0,
            14,
            0,
            "Làm việc với Phường Thục Phán về phong trào “Dân vận khéo”",
            "Trụ sở Đảng ủy phường Thục Phán",
            "Đồng chí Phó Trưởng Ban Lục Thị Mai, Phòng Dân vận",
            "Phòng Dân vận",
            None,
        ),
        (
            1,
            8,
            0,
            "Dự hội nghị Ban Thường vụ Tỉnh ủy",
            "Trụ sở Tỉnh ủy",
            "Đồng chí Trưởng Ban",
            "Văn phòng Ban",
            leader,
        ),
        (
            2,
            8,
            0,
            "Hội nghị tập huấn nghiệp vụ công tác dân vận cho cán bộ xã, phường",
            "Hội trường Tỉnh ủy",
            "Lãnh đạo Ban, cán bộ dân vận 56 xã, phường",
            "Phòng Dân vận",
            None,
        ),
        (
            3,
            14,
            0,
            "Họp Hội đồng thi đua phong trào “Dân vận khéo” tỉnh",
            "Phòng họp Ban",
            "Thành viên Hội đồng",
            "Phòng Dân vận",
            leader,
        ),
        (
            4,
            8,
            0,
            "Tiếp công dân định kỳ",
            "Trụ sở tiếp công dân tỉnh",
            "Đồng chí Phó Trưởng Ban Nông Văn Dũng",
            "Văn phòng Ban",
            None,
        ),
        (
            4,
            14,
            0,
            f"Duyệt báo cáo công tác dân vận tháng {today:%m/%Y}",
            "Phòng họp Ban",
            "Lãnh đạo Ban",
            "Phòng Dân vận",
            None,
        ),
    ]
    entries = []
    for weekday, hour, minute, title, place, participants, preparation, person in rows:
        entries.append(
            services.add_entry(
                actor,
                unit=ban,
                starts_at=aware(monday + days(weekday), hour, minute),
                ends_at=aware(monday + days(weekday), hour + 2, minute),
                title=title,
                place=place,
                participants=participants,
                preparation=preparation,
                person=person,
            )
        )
    council = entries[4]
    services.change_entry(
        actor,
        council,
        reason="Trùng lịch họp Thường trực Tỉnh ủy",
        starts_at=aware(monday + days(3), 15, 30),
        ends_at=aware(monday + days(3), 17, 0),
    )
    services.cancel_entry(
        actor, entries[5], reason="Lịch tiếp công dân chuyển sang tuần sau theo thông báo của Tỉnh ủy"
    )
    return len(entries)


def load_cao_bang_2026(actor, units) -> dict:
    today = timezone.localdate()
    people = add_people(actor, units, CAO_BANG_PEOPLE)
    meetings = _giao_ban(actor, units, people, today)
    return {
        "giao_ban": len(meetings),
        "tasks": _tasks(actor, units, meetings, today),
        "inspections": _inspections(actor, units, people, today),
        "situations": _situations(actor, units, today),
        "calendar": _calendar(actor, units, people, today),
    }
