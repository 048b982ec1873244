"""A giao ban followed from start to end: the province's editor writes the meeting, who chaired, attended and was
absent (with the reason), turns the conclusion into tasks for two wards and downloads the minutes; a ward's editor
reports its task done, and the province's task board counts it (issue #11: "a conclusion becomes tasks that a
commune updates and the province counts")."""

import datetime

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.clock import today

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def _count(page, status: str) -> str:
    return page.locator(f'#task-counts [data-count="{status}"] .dv-number').inner_text()


def test_a_giao_ban_its_attendance_and_its_conclusion_as_two_tasks_that_a_ward_completes_and_the_province_counts(
    page, log_in, log_out, shot, units
):
    province = units["cao_bang"]
    chair = factories.person(province, "Tô Vũ Ninh", "Phó Bí thư Thường trực Tỉnh ủy")
    minh = factories.person(province, "Vũ Văn Minh", "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy")
    lan = factories.person(province, "Nông Thị Lan", "Chuyên viên Ban Tuyên giáo và Dân vận")
    hoa = factories.person(province, "Lương Văn Hòa", "Phó Trưởng Ban Tuyên giáo và Dân vận")
    day = today()  # this morning's giao ban, recorded the same day

    # 1. The meeting.
    log_in("caobang")
    page.goto("/hoat-dong/hoi-nghi/")
    expect(page.locator("h1")).to_have_text("Hội nghị, giao ban")
    page.get_by_role("link", name="Ghi hội nghị").click()
    page.locator("#id_organizer").select_option(str(province.pk))
    page.locator("#id_type").select_option("giao_ban")
    page.locator("#id_title").fill("Giao ban khối Dân vận tháng này")
    page.locator("#id_day").fill(day.strftime("%d/%m/%Y"))
    page.locator("#id_start_time").fill("08:00")
    page.locator("#id_end_time").fill("11:00")
    page.locator("#id_place").fill("Hội trường Tỉnh ủy Cao Bằng")
    page.locator("#id_conclusions").fill(
        "Cần tiếp tục nắm chắc tình hình nhân dân, dư luận xã hội, xử lý kịp thời, tránh xảy ra điểm nóng."
    )
    shot(page, "meeting-form")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu hội nghị.")
    expect(page.locator("h1")).to_contain_text("Giao ban khối Dân vận tháng này")
    meeting_url = page.url

    # 2. Who chaired, attended and was absent.
    page.get_by_role("link", name="Ghi thành phần").click()
    rows = [("chair", chair), ("member", minh), ("secretary", lan), ("absent", hoa)]
    for index, (role, person) in enumerate(rows):
        page.locator(f"#id_people-{index}-role").select_option(role)
        page.locator(f"#id_people-{index}-person").select_option(str(person.pk))
    page.locator("#id_people-3-absence_reason").fill("Đi học lớp bồi dưỡng")
    shot(page, "attendance")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu thành phần tham dự.")
    attendance = page.locator("#thanh-phan")
    expect(attendance).to_contain_text("Tô Vũ Ninh, Phó Bí thư Thường trực Tỉnh ủy")
    expect(attendance).to_contain_text(
        "Lương Văn Hòa, Phó Trưởng Ban Tuyên giáo và Dân vận — Đi học lớp bồi dưỡng"
    )

    # 3. The conclusion becomes two tasks, one for each ward; a deadline before the meeting is refused on its row.
    page.get_by_role("link", name="Giao nhiệm vụ").click()
    wards = [
        (units["thuc_phan"], "Nắm tình hình dư luận xã hội"),
        (units["nung_tri_cao"], "Đối thoại với nhân dân"),
    ]
    for index, (ward, title) in enumerate(wards):
        page.locator(f"#id_tasks-{index}-title").fill(title)
        page.locator(f"#id_tasks-{index}-lead_unit").select_option(str(ward.pk))
        page.locator(f"#id_tasks-{index}-deadline").fill(
            (day + datetime.timedelta(days=60)).strftime("%d/%m/%Y")
        )
    page.locator("#id_tasks-1-deadline").fill((day - datetime.timedelta(days=1)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(page.locator("main")).to_contain_text("trước ngày hội nghị")
    page.locator("#id_tasks-1-deadline").fill((day + datetime.timedelta(days=30)).strftime("%d/%m/%Y"))
    shot(page, "tasks-form")
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã giao 2 nhiệm vụ từ kết luận.")
    tasks = page.locator("#nhiem-vu")
    expect(tasks).to_contain_text("Phường Thục Phán")
    expect(tasks).to_contain_text("Phường Nùng Trí Cao")
    expect(tasks).to_contain_text("Đang thực hiện trong hạn")
    shot(page, "detail")

    # 4. The minutes as a PDF.
    minutes = page.request.get(meeting_url + "bien-ban.pdf")
    assert minutes.status == 200
    assert minutes.headers["content-type"] == "application/pdf"
    assert minutes.body().startswith(b"%PDF-")

    # 5. The list and the meeting on a phone.
    page.set_viewport_size(PHONE)
    page.goto(meeting_url)
    shot(page, "detail-phone")
    page.goto("/hoat-dong/hoi-nghi/")
    expect(page.locator("main")).to_contain_text("Giao ban khối Dân vận tháng này")
    shot(page, "list-phone")
    page.set_viewport_size({"width": 1366, "height": 768})
    shot(page, "list")
    log_out()

    # 6. Phường Thục Phán's editor finds the task on the ward's board and reports it done.
    log_in("thucphan")
    page.goto("/hoat-dong/nhiem-vu/")
    page.get_by_role("link", name="Nắm tình hình dư luận xã hội").first.click()
    expect(page.locator("#task-source-meeting")).to_have_text("Giao ban khối Dân vận tháng này")
    page.get_by_role("link", name="Báo cáo tiến độ").click()
    page.get_by_label("Kết quả thực hiện").fill("Đã nắm tình hình ở 12 tổ dân phố, báo cáo gửi Ban.")
    page.get_by_label("Đã hoàn thành nhiệm vụ").check()
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator("#task-status")).to_have_text("Hoàn thành đúng hạn")
    log_out()

    # 7. The province's board counts one done on time and one in progress; the meeting shows each task's status.
    log_in("caobang")
    page.goto(f"/hoat-dong/nhiem-vu/?unit={province.pk}&tab=subtree")
    assert (_count(page, "done_on_time"), _count(page, "in_progress")) == ("1", "1")
    shot(page, "province-board")
    page.goto(meeting_url)
    expect(page.locator("#nhiem-vu")).to_contain_text("Hoàn thành đúng hạn")
    expect(page.locator("#nhiem-vu")).to_contain_text("Đang thực hiện trong hạn")
