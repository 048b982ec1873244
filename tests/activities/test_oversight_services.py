"""Inspections and supervision: the team with one leader, the inspected units of the organiser's subtree, the
conclusion whose recommendations become tasks of the inspected units, the re-checks until one closes it, and who
reads an inspection."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from danvan.accounts.scope import Role
from danvan.activities import selectors, services
from danvan.activities.models import Inspection, Task
from danvan.core.errors import NotAllowed
from danvan.core.models import ChangeLog
from tests import factories
from tests.clock import today

START = datetime.date(2026, 3, 10)


@pytest.fixture
def leader(units):
    return factories.person(
        units["cao_bang"], "Trần Thị Bích Phượng", "TUV, Phó Trưởng Ban Dân vận Tỉnh ủy", valid_from=START
    )


@pytest.fixture
def inspection(units, province_admin, leader):
    return factories.inspection(province_admin, units["cao_bang"], [units["thuc_phan"]], leader)


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_an_inspection_records_its_team_units_and_is_ongoing_once_begun(units, province_admin, leader):
    member = factories.person(units["cao_bang"], "Nông Văn Đoàn", "Chuyên viên Ban Dân vận")
    inspection = factories.inspection(
        province_admin,
        units["cao_bang"],
        [units["thuc_phan"], units["nung_tri_cao"]],
        leader,
        members=[(member, "member")],
        decision_number="45-QĐ/BDVTU",
        decision_date=START - datetime.timedelta(days=10),
    )
    assert inspection.status == Inspection.Status.ONGOING  # began in the past
    assert sorted(inspection.inspected_units.values_list("unit_id", flat=True)) == sorted(
        [units["thuc_phan"].pk, units["nung_tri_cao"].pk]
    )
    team = selectors.oversight.team_of(inspection)
    assert [(m["name"], m["role"], m["title"]) for m in team] == [
        ("Trần Thị Bích Phượng", "leader", "TUV, Phó Trưởng Ban Dân vận Tỉnh ủy"),
        ("Nông Văn Đoàn", "member", "Chuyên viên Ban Dân vận"),
    ]
    assert ChangeLog.objects.filter(object_id=str(inspection.pk), action="create").exists()


def test_the_team_shows_the_title_held_on_the_first_day_not_today(units, province_admin):
    person = factories.person(units["cao_bang"], "Hoàng Văn Thạch")
    factories.post(person, "Phó Trưởng Ban Dân vận", valid_from=datetime.date(2020, 1, 1), valid_to=START)
    factories.post(person, "Trưởng Ban Dân vận", valid_from=START + datetime.timedelta(days=1))
    inspection = factories.inspection(province_admin, units["cao_bang"], [units["thuc_phan"]], person)
    assert selectors.oversight.team_of(inspection)[0]["title"] == "Phó Trưởng Ban Dân vận"


def test_a_future_inspection_is_planned_until_started(units, province_admin, leader):
    later = today() + datetime.timedelta(days=30)
    inspection = factories.inspection(
        province_admin, units["cao_bang"], [units["thuc_phan"]], leader, starts_on=later
    )
    assert inspection.status == Inspection.Status.PLANNED
    services.start_inspection(province_admin, inspection)
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.ONGOING


def test_an_inspected_unit_outside_the_organisers_subtree_is_refused(units, province_admin, leader):
    elsewhere = factories.other_province_commune(units["cao_bang"])
    with pytest.raises(ValidationError) as excinfo:
        factories.inspection(province_admin, units["cao_bang"], [elsewhere], leader)
    assert "không trực thuộc Tỉnh Cao Bằng" in _errors(excinfo)["inspected_units"][0]
    assert not Inspection.objects.exists()


def test_a_unit_does_not_inspect_itself(units, province_admin, leader):
    with pytest.raises(ValidationError) as excinfo:
        factories.inspection(province_admin, units["cao_bang"], [units["cao_bang"]], leader)
    assert "inspected_units" in _errors(excinfo)


def test_an_end_before_the_start_is_refused(units, province_admin, leader):
    with pytest.raises(ValidationError) as excinfo:
        factories.inspection(
            province_admin,
            units["cao_bang"],
            [units["thuc_phan"]],
            leader,
            ends_on=START - datetime.timedelta(days=1),
        )
    assert _errors(excinfo)["ends_on"] == ["Ngày kết thúc (09/03/2026) trước ngày bắt đầu (10/03/2026)."]


def test_a_team_needs_exactly_one_leader(units, province_admin, leader):
    second = factories.person(units["cao_bang"], "Lý Văn Hai", "Phó Trưởng Ban")
    with pytest.raises(ValidationError) as excinfo:
        factories.inspection(
            province_admin, units["cao_bang"], [units["thuc_phan"]], leader, members=[(second, "leader")]
        )
    assert _errors(excinfo)["members"] == ["Đoàn phải có đúng một trưởng đoàn (đang có 2)."]
    with pytest.raises(ValidationError) as excinfo:
        services.create_inspection(
            province_admin,
            organizer=units["cao_bang"],
            title="Giám sát",
            starts_on=START,
            inspected_units=[units["thuc_phan"]],
            members=[(second, "member")],
        )
    assert "đúng một trưởng đoàn" in _errors(excinfo)["members"][0]


def test_a_person_is_not_twice_in_the_team(units, province_admin, leader):
    with pytest.raises(ValidationError) as excinfo:
        factories.inspection(
            province_admin, units["cao_bang"], [units["thuc_phan"]], leader, members=[(leader, "member")]
        )
    assert "hai lần" in _errors(excinfo)["members"][0]


def test_a_team_member_from_another_province_cannot_be_named(units, province_admin, leader):
    stranger = factories.person(factories.other_province_commune(units["cao_bang"]), "Người Tỉnh Khác")
    with pytest.raises(ValidationError) as excinfo:
        factories.inspection(province_admin, units["cao_bang"], [units["thuc_phan"]], stranger)
    assert "không có trong danh sách" in _errors(excinfo)["members"][0]


def test_texts_with_nul_or_too_long_are_refused(units, province_admin, leader):
    with pytest.raises(ValidationError) as excinfo:
        factories.inspection(province_admin, units["cao_bang"], [units["thuc_phan"]], leader, title="a\x00b")
    assert "title" in _errors(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        factories.inspection(province_admin, units["cao_bang"], [units["thuc_phan"]], leader, title="x" * 301)
    assert "dài quá 300" in _errors(excinfo)["title"][0]


def test_a_commune_editor_cannot_record_the_provinces_inspection(units, commune_editor, leader):
    with pytest.raises(NotAllowed):
        factories.inspection(commune_editor, units["cao_bang"], [units["thuc_phan"]], leader)


def test_the_conclusion_becomes_tasks_of_the_inspected_units(units, province_admin, inspection):
    day = START + datetime.timedelta(days=5)
    services.conclude_inspection(
        province_admin,
        inspection,
        findings="Làm tốt công tác nắm tình hình.",
        conclusion="Cơ bản hoàn thành.",
        recommendations="Cần tiếp tục đối thoại với nhân dân.",
        conclusion_date=day,
        conclusion_number="12-TB/BDVTU",
        tasks=[
            {
                "lead_unit": units["thuc_phan"],
                "title": "Tổ chức đối thoại",
                "deadline": day + datetime.timedelta(days=60),
            },
            {
                "lead_unit": units["thuc_phan"],
                "title": "Kiện toàn tổ dân vận",
                "deadline": day + datetime.timedelta(days=90),
            },
        ],
    )
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.CONCLUDED
    tasks = Task.objects.filter(inspection=inspection).order_by("deadline")
    assert [(t.title, t.lead_unit_id, t.source, t.assigner_id, t.assigned_on) for t in tasks] == [
        ("Tổ chức đối thoại", units["thuc_phan"].pk, Task.Source.INSPECTION, units["cao_bang"].pk, day),
        ("Kiện toàn tổ dân vận", units["thuc_phan"].pk, Task.Source.INSPECTION, units["cao_bang"].pk, day),
    ]
    assert tasks[0].source_reference == "12-TB/BDVTU 15/03/2026"
    listed = selectors.oversight.tasks_of(inspection, day)
    assert [task.computed_status for task in listed] == ["in_progress", "in_progress"]


def test_a_task_for_a_unit_not_inspected_is_refused_and_nothing_is_concluded(
    units, province_admin, inspection
):
    with pytest.raises(ValidationError) as excinfo:
        services.conclude_inspection(
            province_admin,
            inspection,
            findings="",
            conclusion="Kết luận",
            recommendations="",
            conclusion_date=START,
            tasks=[{"lead_unit": units["nung_tri_cao"], "title": "Việc", "deadline": START}],
        )
    assert "Dòng 1: Phường Nùng Trí Cao không phải đơn vị được kiểm tra" in _errors(excinfo)["tasks"][0]
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.ONGOING and not Task.objects.exists()


def test_a_task_row_refused_by_the_task_rules_names_its_row(units, province_admin, inspection):
    with pytest.raises(ValidationError) as excinfo:
        services.conclude_inspection(
            province_admin,
            inspection,
            findings="",
            conclusion="Kết luận",
            recommendations="",
            conclusion_date=START,
            tasks=[
                {
                    "lead_unit": units["thuc_phan"],
                    "title": "Việc",
                    "deadline": START - datetime.timedelta(days=1),
                }
            ],
        )
    assert _errors(excinfo)["tasks"][0].startswith("Dòng 1: Hạn hoàn thành")
    assert not Task.objects.exists()


def test_rechecks_follow_the_conclusion_until_one_closes_it(units, province_admin, inspection):
    with pytest.raises(ValidationError):
        services.add_recheck(province_admin, inspection, date=START, result="Chưa kết luận")
    services.conclude_inspection(
        province_admin, inspection, findings="", conclusion="Đạt", recommendations="", conclusion_date=START
    )
    with pytest.raises(ValidationError) as excinfo:
        services.add_recheck(
            province_admin, inspection, date=START - datetime.timedelta(days=1), result="Sớm"
        )
    assert "trước ngày kết luận" in _errors(excinfo)["date"][0]
    services.add_recheck(
        province_admin, inspection, date=START + datetime.timedelta(days=30), result="Đang làm"
    )
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.CONCLUDED
    services.add_recheck(
        province_admin,
        inspection,
        date=START + datetime.timedelta(days=60),
        result="Đã thực hiện",
        closes=True,
    )
    inspection.refresh_from_db()
    assert (
        inspection.status == Inspection.Status.CLOSED
        and inspection.closed_on == START + datetime.timedelta(days=60)
    )
    with pytest.raises(ValidationError):
        services.update_inspection(province_admin, inspection, title="Sửa sau khi kết thúc")


def test_the_inspected_commune_reads_the_provinces_inspection_and_another_does_not(units, inspection):
    inspected = factories.user("thucphan_viewer", units["thuc_phan"], Role.VIEWER)
    other = factories.user("nungtricao_viewer", units["nung_tri_cao"], Role.VIEWER)
    assert list(selectors.inspections_visible_to(inspected)) == [inspection]
    assert not selectors.inspections_visible_to(other).exists()


def test_a_plan_belongs_to_its_year(units, province_admin, leader):
    plan = services.create_plan(
        province_admin, unit=units["cao_bang"], year=2026, title="Chương trình kiểm tra 2026"
    )
    inspection = factories.inspection(
        province_admin, units["cao_bang"], [units["thuc_phan"]], leader, plan=plan
    )
    assert inspection.plan == plan
    with pytest.raises(ValidationError) as excinfo:
        factories.inspection(
            province_admin,
            units["cao_bang"],
            [units["thuc_phan"]],
            leader,
            plan=plan,
            starts_on=datetime.date(2025, 5, 1),
        )
    assert "Kế hoạch năm 2026" in _errors(excinfo)["plan"][0]
    with pytest.raises(ValidationError) as excinfo:
        services.create_plan(province_admin, unit=units["cao_bang"], year=1990, title="Cũ")
    assert "year" in _errors(excinfo)


def test_the_team_and_units_can_be_changed_until_closed(units, province_admin, inspection, leader):
    services.update_inspection(
        province_admin,
        inspection,
        inspected_units=[units["nung_tri_cao"]],
        title="Giám sát đổi tên",
        kind="supervision",
    )
    inspection.refresh_from_db()
    assert inspection.title == "Giám sát đổi tên" and inspection.kind == "supervision"
    assert list(inspection.inspected_units.values_list("unit_id", flat=True)) == [units["nung_tri_cao"].pk]
    assert list(inspection.members.values_list("person_id", "role")) == [(leader.pk, "leader")]
