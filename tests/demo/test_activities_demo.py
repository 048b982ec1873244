"""The demo's activities: the seeds' events come out as they happened, with the posts people held then, and Tỉnh Cao
Bằng's 2026 has what a user expects to find on the day the demo is loaded — tasks in the four statuses, a hotspot
escalated and resolved step by step, this week's calendar."""

import datetime

import pytest
from django.utils import timezone

from danvan.activities.models import (
    Attendance,
    CalendarEntry,
    HotspotStep,
    Inspection,
    InspectionMember,
    Meeting,
    Person,
    SituationReport,
    Task,
    TaskExtension,
)
from danvan.activities.selectors.people import titles_on
from danvan.activities.selectors.tasks import four_counts
from danvan.core.models import ChangeLog
from danvan.demo.activities import load_demo_activities
from danvan.orgunits.models import OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(superuser):
    return load_demo_activities(superuser)


def _day(meeting: Meeting) -> datetime.date:
    return timezone.localtime(meeting.starts_at).date()


def _people(meeting: Meeting, role: str) -> dict[str, str]:
    """{name: title held on the meeting's day} of the meeting's attendees in `role`."""
    rows = list(meeting.attendances.filter(role=role).select_related("person"))
    titles = titles_on([row.person_id for row in rows], _day(meeting))
    return {row.person.name: titles.get(row.person_id, "") for row in rows}


def test_the_thanh_pho_cao_bang_so_ket_shows_who_attended_in_which_post_then(demo, units):
    meeting = Meeting.objects.get(organizer=units["tp_cao_bang_ban"], period="2021H1")
    assert meeting.type == Meeting.Type.SO_KET and meeting.status == Meeting.Status.HELD
    assert timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y %H:%M") == "22/07/2021 08:00"
    assert _people(meeting, Attendance.Role.CHAIR) == {
        "Tô Vũ Ninh": "Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố"
    }
    assert _people(meeting, Attendance.Role.MEMBER) == {
        "Vũ Văn Minh": "UV BTV Thành ủy, Trưởng Ban Dân vận, Chủ tịch UBMTTQ thành phố",
        "Nguyễn Thị Huệ Chi": "UVBTV Thành ủy, Phó Chủ tịch UBND thành phố",
    }
    assert "Dân vận khéo" in meeting.conclusions and "200 mô hình cấp tổ, xóm" in meeting.minutes
    minh = Person.objects.get(name="Vũ Văn Minh")
    assert minh.id not in titles_on([minh.id], timezone.localdate())  # no post today: the city is gone
    tasks = meeting.tasks.all()
    assert tasks.count() == 3 and {task.lead_unit for task in tasks} == {units["tp_cao_bang_ban"]}


def test_the_seed_meeting_comes_out_of_the_api_with_the_posts_held_that_day(
    demo, units, superuser, client_for
):
    answer = client_for(superuser).get(
        "/api/v1/activities/meetings", {"unit": units["tp_cao_bang_ban"].pk, "year": 2021}
    )
    assert answer.status_code == 200
    (item,) = answer.json()["items"]
    assert (item["date"], item["type"], item["period"], item["tasks"]) == (
        "2021-07-22",
        "so_ket",
        "2021H1",
        3,
    )
    assert item["chair"] == [
        {"name": "Tô Vũ Ninh", "title": "Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố"}
    ]
    assert {
        "name": "Vũ Văn Minh",
        "title": "UV BTV Thành ủy, Trưởng Ban Dân vận, Chủ tịch UBMTTQ thành phố",
    } in (item["attendees"])


def test_the_other_seed_meetings_keep_their_dates_periods_and_what_was_inferred(demo, units):
    duy_tien = Meeting.objects.get(organizer=units["duy_tien_ban"])
    assert (_day(duy_tien), duy_tien.type, duy_tien.period) == (
        datetime.date(2020, 1, 16),
        "tong_ket",
        "2019",
    )
    assert _people(duy_tien, Attendance.Role.GUEST) == {"Phạm Ngọc Long": "Phó Trưởng Ban Dân vận Tỉnh ủy"}
    assert "Suy luận" in duy_tien.source_note
    quang_yen = Meeting.objects.get(organizer__external_id="vn2024:district:206")
    assert (_day(quang_yen), quang_yen.type, quang_yen.period) == (
        datetime.date(2022, 6, 22),
        "giao_ban",
        "2022H1",
    )
    assert timezone.localtime(quang_yen.starts_at).hour >= 12  # "Chiều ngày 22/6"
    assert "Suy luận" in quang_yen.source_note and "Hoàng Tân" in quang_yen.source_note
    assert _people(quang_yen, Attendance.Role.CHAIR) == {"Phạm Lê Hưng": "Phó Bí thư Thường trực Thị ủy"}
    hoang_tan = OrgUnit.objects.get(external_id="vn2024:ward:07156")
    assert Task.objects.filter(meeting=quang_yen, supporting_units=hoang_tan).exists()
    veterans = Task.objects.get(meeting=quang_yen, lead_unit__name="Hội Cựu chiến binh thị xã Quảng Yên")
    assert "2022-2027" in veterans.title


def test_the_cau_ke_inspection_is_led_by_the_deputy_head_of_the_tra_vinh_ban(demo, units):
    inspection = Inspection.objects.get(inspected_units__unit=units["cau_ke_ban"])
    assert inspection.starts_on == datetime.date(2022, 6, 14)
    assert inspection.status == Inspection.Status.CONCLUDED and "331 mô hình" in inspection.findings
    leader = inspection.members.get(role=InspectionMember.Role.LEADER).person
    assert (
        titles_on([leader.id], inspection.starts_on)[leader.id]
        == "TUV, Phó Trưởng Ban Dân vận Tỉnh ủy Trà Vinh"
    )
    ban = OrgUnit.objects.get(name="Ban Dân vận Tỉnh ủy Trà Vinh")
    assert ban.valid_to == datetime.date(2025, 2, 28)
    assert ban.lineage_links.filter(role="pred").exists()  # merged into the Ban Tuyên giáo và Dân vận
    assert inspection.tasks.count() == 6
    assert set(inspection.tasks.values_list("lead_unit", flat=True)) == {units["cau_ke_ban"].pk}


def test_every_seed_task_was_followed_to_its_end(demo, units):
    seed = Task.objects.filter(assigned_on__year__lt=2025)
    assert seed.count() == 15 and not seed.exclude(state=Task.State.DONE).exists()
    assert all(task.progress_reports.count() == 2 for task in seed)
    counts = four_counts(seed, timezone.localdate())
    assert counts["done_on_time"] > 0 and counts["done_late"] > 0
    assert counts["in_progress"] == counts["overdue"] == 0


def test_cao_bang_2026_has_tasks_in_the_four_statuses_today(demo, units):
    today = timezone.localdate()
    tasks = Task.objects.filter(province_code=units["cao_bang"].province_code, assigned_on__year__gte=2026)
    counts = four_counts(tasks, today)
    assert all(counts[status] > 0 for status in ("done_on_time", "done_late", "in_progress", "overdue")), (
        counts
    )
    assert TaskExtension.objects.filter(task__in=tasks, decision=TaskExtension.Decision.GRANTED).exists()
    assert tasks.filter(state=Task.State.CANCELLED).exclude(cancelled_reason="").exists()
    assert tasks.filter(lead_unit=units["thuc_phan"]).exists()


def test_cao_bang_holds_a_giao_ban_each_month_with_the_titles_of_the_day(demo, units):
    held = Meeting.objects.filter(organizer=units["cao_bang"], type="giao_ban", starts_at__year=2026)
    today = timezone.localdate()
    expected = sum(1 for month in range(1, 12) if datetime.date(2026, month, 23) < today)
    assert held.count() >= expected >= 1
    assert not held.exclude(status=Meeting.Status.HELD).exists()
    first = held.order_by("starts_at").first()
    assert first.period == "2026M01"
    hung = Person.objects.get(name="Đàm Văn Hùng")
    assert _people(first, Attendance.Role.MEMBER)["Đàm Văn Hùng"] == "Trưởng phòng Dân vận"
    assert titles_on([hung.id], datetime.date(2026, 10, 1))[hung.id].startswith("Phó Trưởng Ban")
    assert first.attendances.filter(role=Attendance.Role.SECRETARY).exists()


def test_cao_bang_has_a_concluded_inspection_with_a_recheck_and_one_under_way(demo, units):
    inspections = Inspection.objects.filter(organizer=units["cao_bang"])
    concluded = inspections.get(status=Inspection.Status.CONCLUDED)
    assert concluded.rechecks.exists() and concluded.tasks.count() == 2
    assert concluded.plan is not None and concluded.plan.year == concluded.starts_on.year
    ongoing = inspections.get(status=Inspection.Status.ONGOING)
    assert ongoing.starts_on <= timezone.localdate() <= ongoing.ends_on


def test_a_communes_hotspot_was_escalated_and_resolved_step_by_step(demo, units):
    report = SituationReport.objects.get(hotspot=SituationReport.HotspotState.RESOLVED)
    assert report.unit.parent == units["cao_bang"] and report.severity == SituationReport.Severity.HOTSPOT
    steps = list(report.hotspot_steps.order_by("at"))
    assert [step.action for step in steps] == [
        HotspotStep.Action.ESCALATED,
        HotspotStep.Action.ACKNOWLEDGED,
        HotspotStep.Action.ACTION,
        HotspotStep.Action.RESOLVED,
    ]
    assert steps[0].at < steps[-1].at and report.resolved_at == steps[-1].at
    monthly = SituationReport.objects.filter(unit__parent=units["cao_bang"]).exclude(period="")
    assert monthly.values("unit").distinct().count() == 3 and monthly.count() == 9


def test_the_provinces_ban_has_this_weeks_calendar(demo, units):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    week = CalendarEntry.objects.filter(
        unit=units["ban_tgdv_cao_bang"],
        starts_at__gte=timezone.make_aware(datetime.datetime.combine(monday, datetime.time())),
        starts_at__lt=timezone.make_aware(
            datetime.datetime.combine(monday + datetime.timedelta(7), datetime.time())
        ),
    )
    assert week.filter(cancelled=False).count() >= 5
    assert week.filter(cancelled=True).exists()
    assert week.exclude(person=None).exists()  # the leader's own entries
    moved = week.get(title__startswith="Họp Hội đồng thi đua")
    assert timezone.localtime(moved.starts_at).strftime("%H:%M") == "15:30"


def test_the_demo_is_loaded_through_the_services_once(demo, superuser):
    assert demo["loaded"]
    assert ChangeLog.objects.filter(user=superuser).exists()
    counts = Meeting.objects.count(), Task.objects.count(), Person.objects.count(), OrgUnit.objects.count()
    assert load_demo_activities(superuser) == {"loaded": False}
    assert (
        Meeting.objects.count(),
        Task.objects.count(),
        Person.objects.count(),
        OrgUnit.objects.count(),
    ) == counts


def test_the_four_statuses_and_this_week_hold_on_whatever_day_the_demo_is_loaded(
    superuser, units, monkeypatch
):
    day = datetime.date(2027, 3, 15)  # a Monday, months after the last giao ban of 2026
    real = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None, tz=None: day if value is None else real(value, tz)
    )
    load_demo_activities(superuser)
    tasks = Task.objects.filter(province_code=units["cao_bang"].province_code, assigned_on__year__gte=2026)
    counts = four_counts(tasks, day)
    assert all(counts[status] > 0 for status in ("done_on_time", "done_late", "in_progress", "overdue")), (
        counts
    )
    assert Meeting.objects.filter(organizer=units["cao_bang"], type="giao_ban").count() == 11
    assert (
        CalendarEntry.objects.filter(unit=units["ban_tgdv_cao_bang"], starts_at__date__gte=day).count() == 7
    )
    assert Inspection.objects.filter(organizer=units["cao_bang"], status=Inspection.Status.ONGOING).exists()
