"""What an editor can record of a meeting, and what is refused with a message naming the field or the person."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.activities import selectors
from danvan.activities.models import Attendance, Meeting, MeetingDocument, Task
from danvan.activities.services import meetings as services
from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.core.models import ChangeLog

from .. import factories

DAY = datetime.date(2021, 7, 22)


@pytest.fixture
def giao_ban(units, province_admin):
    return factories.meeting(province_admin, units["cao_bang"], period="2021h1", place="Hội trường Tỉnh ủy")


def test_a_meeting_is_recorded_in_its_organisers_scope_and_logged(giao_ban, units):
    assert giao_ban.organizer_path == units["cao_bang"].path
    assert giao_ban.period == "2021H1"
    assert giao_ban.status == Meeting.Status.PLANNED
    assert ChangeLog.objects.filter(object_id=str(giao_ban.pk), action="create").exists()


def test_an_editor_of_another_unit_cannot_record_its_meetings(units, other_commune_editor):
    with pytest.raises(NotAllowed):
        factories.meeting(other_commune_editor, units["thuc_phan"])


def test_the_host_may_be_a_unit_above_the_organiser(units, commune_editor):
    meeting = factories.meeting(commune_editor, units["thuc_phan"], host=units["cao_bang"])
    assert meeting.host == units["cao_bang"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"period": "2021X9"}, "period"),
        ({"title": "Giao ban\x00"}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"type": "party"}, "type"),
        ({"ends_at": datetime.datetime(2021, 7, 21, tzinfo=datetime.UTC)}, "ends_at"),
        ({"starts_at": datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)}, "starts_at"),
    ],
)
def test_bad_input_is_refused_naming_the_field(units, province_admin, fields, field):
    with pytest.raises(ValidationError) as caught:
        factories.meeting(province_admin, units["cao_bang"], **fields)
    assert field in messages_of(caught.value)


def test_a_change_of_time_needs_a_reason_and_raises_the_sequence(giao_ban, province_admin):
    later = giao_ban.starts_at + datetime.timedelta(hours=2)
    with pytest.raises(ValidationError) as caught:
        services.update_meeting(province_admin, giao_ban, starts_at=later)
    assert "reason" in messages_of(caught.value)

    changed = services.update_meeting(province_admin, giao_ban, starts_at=later, reason="Trùng lịch tiếp dân")

    assert changed.sequence == 1
    entry = ChangeLog.objects.filter(object_id=str(giao_ban.pk), action="update").latest("pk")
    assert entry.after["Lý do thay đổi"] == "Trùng lịch tiếp dân"


def test_a_change_of_the_minutes_needs_no_reason_and_keeps_the_sequence(giao_ban, province_admin):
    changed = services.update_meeting(
        province_admin, giao_ban, minutes="Đồng chí Trưởng ban phát biểu khai mạc."
    )
    assert changed.sequence == 0
    assert changed.minutes == "Đồng chí Trưởng ban phát biểu khai mạc."


def _people(units):
    minh = factories.person(
        units["cao_bang"],
        "Vũ Văn Minh",
        "Trưởng Ban Dân vận Tỉnh ủy",
        valid_to=datetime.date(2025, 6, 30),
    )
    factories.post(minh, "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy", valid_from=datetime.date(2025, 7, 1))
    ninh = factories.person(units["cao_bang"], "Tô Vũ Ninh", "Phó Bí thư Thường trực Tỉnh ủy")
    lan = factories.person(units["cao_bang"], "Nông Thị Lan", "Chuyên viên Ban Dân vận")
    hoa = factories.person(units["cao_bang"], "Lương Văn Hòa", "Phó Trưởng Ban Dân vận")
    return minh, ninh, lan, hoa


def test_attendance_shows_each_person_with_the_post_held_on_the_meetings_day(giao_ban, province_admin, units):
    minh, ninh, lan, hoa = _people(units)
    services.set_attendance(
        province_admin,
        giao_ban,
        [
            {"role": "chair", "person": ninh},
            {"role": "secretary", "person": lan},
            {"role": "member", "person": minh},
            {"role": "guest", "name": "Bế Thị Mai", "title": "Phóng viên Báo Cao Bằng"},
            {"role": "absent", "person": hoa, "absence_reason": "Đi công tác Hà Nội"},
        ],
    )

    attendance = selectors.attendance_of(giao_ban)

    assert [(a.name, a.title) for a in attendance.chairs] == [
        ("Tô Vũ Ninh", "Phó Bí thư Thường trực Tỉnh ủy")
    ]
    assert [(a.name, a.title) for a in attendance.members] == [("Vũ Văn Minh", "Trưởng Ban Dân vận Tỉnh ủy")]
    assert attendance.guests[0].title == "Phóng viên Báo Cao Bằng"
    assert attendance.absent[0].absence_reason == "Đi công tác Hà Nội"
    bulk = selectors.attendance_by_meeting([giao_ban])[giao_ban.pk]
    assert [(a.name, a.title) for a in bulk.all()] == [(a.name, a.title) for a in attendance.all()]


def test_someone_listed_twice_is_refused_by_name(giao_ban, province_admin, units):
    minh, *_ = _people(units)
    with pytest.raises(ValidationError) as caught:
        services.set_attendance(
            province_admin,
            giao_ban,
            [{"role": "chair", "person": minh}, {"role": "member", "person": minh.pk}],
        )
    assert "Vũ Văn Minh được ghi hai lần (dòng 1 và dòng 2)" in messages_of(caught.value)["attendances"][0]
    assert not Attendance.objects.filter(meeting=giao_ban).exists()


def test_an_absent_member_needs_a_reason(giao_ban, province_admin, units):
    minh, *_ = _people(units)
    with pytest.raises(ValidationError) as caught:
        services.set_attendance(province_admin, giao_ban, [{"role": "absent", "person": minh}])
    assert "lý do vắng của Vũ Văn Minh" in messages_of(caught.value)["attendances"][0]


def test_a_person_outside_what_the_editor_may_pick_is_refused(units, commune_editor, other_commune_editor):
    meeting = factories.meeting(commune_editor, units["thuc_phan"])
    stranger = factories.person(units["nung_tri_cao"], "Người phường khác")
    with pytest.raises(ValidationError):
        services.set_attendance(commune_editor, meeting, [{"role": "member", "person": stranger}])


def test_cancelling_needs_a_reason_and_reopening_brings_it_back(giao_ban, province_admin):
    with pytest.raises(ValidationError) as caught:
        services.transition(province_admin, giao_ban, "cancel")
    assert "reason" in messages_of(caught.value)
    cancelled = services.transition(province_admin, giao_ban, "cancel", reason="Bão số 3")
    assert (cancelled.status, cancelled.sequence) == (Meeting.Status.CANCELLED, 1)
    with pytest.raises(ValidationError):
        services.transition(province_admin, cancelled, "hold")
    reopened = services.transition(province_admin, cancelled, "reopen", reason="Bão đã tan")
    assert (reopened.status, reopened.sequence) == (Meeting.Status.PLANNED, 2)
    held = services.transition(province_admin, reopened, "hold")
    assert held.status == Meeting.Status.HELD


def test_connection_points_are_units_or_places_each_once(giao_ban, province_admin, units):
    services.set_connection_points(province_admin, giao_ban, [units["thuc_phan"], "Hội trường UBND xã"])
    assert list(giao_ban.connection_points.values_list("name", flat=True)) == [
        units["thuc_phan"].name,
        "Hội trường UBND xã",
    ]
    with pytest.raises(ValidationError):
        services.set_connection_points(province_admin, giao_ban, ["Điểm A", "điểm a"])


def test_a_document_is_checked_by_its_content(giao_ban, province_admin):
    fake = SimpleUploadedFile("bao-cao.pdf", factories.PNG, content_type="application/pdf")
    with pytest.raises(ValidationError) as caught:
        services.add_document(province_admin, giao_ban, fake)
    assert "file" in messages_of(caught.value)

    real = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%...\n", content_type="application/pdf")
    document = services.add_document(province_admin, giao_ban, real, description="Báo cáo sơ kết")
    assert MeetingDocument.objects.get(pk=document.pk).original_name == "bao-cao.pdf"


def test_the_conclusion_becomes_tasks_of_the_organiser_for_its_communes(giao_ban, province_admin, units):
    tasks = services.conclusion_to_tasks(
        province_admin,
        giao_ban,
        [
            {
                "lead_unit": units["thuc_phan"],
                "title": "Nắm tình hình dư luận xã hội",
                "deadline": datetime.date(2021, 9, 30),
                "expected_result": "Báo cáo tháng",
            },
            {
                "lead_unit": units["nung_tri_cao"],
                "title": "Tiếp tục xây dựng mô hình Dân vận khéo",
                "deadline": datetime.date(2021, 12, 31),
            },
        ],
    )

    assert [(t.lead_unit, t.assigner, t.source, t.meeting) for t in tasks] == [
        (units["thuc_phan"], units["cao_bang"], Task.Source.MEETING, giao_ban),
        (units["nung_tri_cao"], units["cao_bang"], Task.Source.MEETING, giao_ban),
    ]
    assert tasks[0].assigned_on == DAY


def test_a_deadline_before_the_meeting_or_a_unit_outside_the_subtree_is_an_error_on_its_row(
    units, commune_editor
):
    meeting = factories.meeting(commune_editor, units["thuc_phan"])
    with pytest.raises(ValidationError) as caught:
        services.conclusion_to_tasks(
            commune_editor,
            meeting,
            [
                {"lead_unit": units["thuc_phan"], "title": "Việc một", "deadline": datetime.date(2021, 8, 1)},
                {"lead_unit": units["thuc_phan"], "title": "Việc hai", "deadline": datetime.date(2021, 7, 1)},
                {
                    "lead_unit": units["nung_tri_cao"],
                    "title": "Việc ba",
                    "deadline": datetime.date(2021, 8, 1),
                },
            ],
        )
    errors = messages_of(caught.value)
    assert "trước ngày hội nghị (22/07/2021)" in errors["tasks-1-deadline"][0]
    assert "không thuộc" in errors["tasks-2-lead_unit"][0]
    assert "tasks-0-title" not in errors
    assert not Task.objects.filter(meeting=meeting).exists()  # all or none


def test_saving_the_same_time_written_in_another_zone_is_no_change(giao_ban, province_admin):
    local = giao_ban.starts_at.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    changed = services.update_meeting(province_admin, giao_ban, starts_at=local)
    assert changed.sequence == 0
    assert not ChangeLog.objects.filter(object_id=str(giao_ban.pk), action="update").exists()
