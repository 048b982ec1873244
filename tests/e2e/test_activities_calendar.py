"""The work calendar in a browser: an editor of Phường Thục Phán adds two entries to this week, copies last week's,
changes one (a reason is required), and opens the print view; on a desktop and on a phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.activities import services
from danvan.activities.models import Attendance, CalendarEntry
from tests import factories
from tests.activities.calendar_records import at, meeting

PHONE = {"width": 390, "height": 844}


@pytest.mark.e2e
def test_an_editor_fills_the_week_copies_last_week_changes_an_entry_and_prints(
    page, log_in, shot, units, users
):
    unit = units["thuc_phan"]
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    last_monday = monday - datetime.timedelta(days=7)
    leader = factories.person(unit, "Hoàng Văn Thụ", "Bí thư Đảng ủy phường")
    editor = users["thucphan"]
    services.add_entry(
        editor,
        unit=unit,
        starts_at=at(last_monday, 7, 30),
        ends_at=at(last_monday, 9),
        title="Giao ban Thường trực Đảng ủy đầu tuần",
        participants="Thường trực Đảng ủy; lãnh đạo các ban",
        place="Phòng họp tầng 2",
        preparation="Văn phòng Đảng ủy",
        person=leader,
    )
    services.add_entry(
        editor,
        unit=unit,
        starts_at=at(last_monday + datetime.timedelta(days=3), 14),
        title="Tiếp công dân định kỳ",
        place="Trụ sở tiếp công dân",
        preparation="Ban Tuyên giáo và Dân vận",
    )
    held = meeting(
        unit,
        "Giao ban khối Dân vận tháng 12",
        at(monday + datetime.timedelta(days=1), 8),
        place="Hội trường phường",
        attendees=[(leader, Attendance.Role.CHAIR)],
    )

    log_in("thucphan")
    page.goto("/hoat-dong/lich/")
    expect(page.locator("h1")).to_contain_text(f"Lịch công tác tuần {monday.isocalendar()[1]}")
    expect(page.locator(".dv-cal-table")).to_contain_text("Giao ban khối Dân vận tháng 12")
    expect(page.get_by_role("link", name="Giao ban khối Dân vận tháng 12")).to_have_attribute(
        "href", f"/hoat-dong/hoi-nghi/{held.pk}/"
    )

    # Two entries typed in.
    for day, start, end, title, place in (
        (
            monday + datetime.timedelta(days=2),
            "08:00",
            "11:00",
            "Làm việc với Mặt trận phường",
            "Trụ sở Mặt trận",
        ),
        (
            monday + datetime.timedelta(days=4),
            "14:00",
            "",
            "Kiểm tra mô hình Dân vận khéo tổ 5",
            "Tổ dân phố 5",
        ),
    ):
        page.get_by_role("link", name="Thêm lịch").click()
        page.locator("#id_day").fill(f"{day:%d/%m/%Y}")
        page.locator("#id_start").fill(start)
        page.locator("#id_end").fill(end)
        page.locator("#id_title").fill(title)
        page.locator("#id_place").fill(place)
        page.locator("#id_preparation").fill("Ban Tuyên giáo và Dân vận")
        page.get_by_role("button", name="Thêm vào lịch").click()
        expect(page.get_by_role("alert").filter(has_text="Đã thêm vào lịch")).to_be_visible()
        expect(page.locator(".dv-cal-table")).to_contain_text(title)

    # Last week copied: the two entries once, however often the button is pressed.
    page.get_by_role("button", name="Sao chép tuần trước").click()
    expect(page.get_by_role("alert").filter(has_text="Đã sao chép 2 mục")).to_be_visible()
    page.get_by_role("button", name="Sao chép tuần trước").click()
    expect(page.get_by_role("alert").filter(has_text="đã được sao chép rồi")).to_be_visible()
    assert CalendarEntry.objects.filter(unit=unit, starts_at__gte=at(monday, 0)).count() == 4
    expect(page.locator(".dv-cal-table")).to_contain_text(
        "Đ/c Hoàng Văn Thụ: Giao ban Thường trực Đảng ủy đầu tuần"
    )
    page.reload()
    shot(page, "tuan")

    # A change needs its reason.
    copied = CalendarEntry.objects.get(unit=unit, title="Tiếp công dân định kỳ", starts_at__gte=at(monday, 0))
    page.get_by_role("link", name="Thay đổi Tiếp công dân định kỳ", exact=True).click()
    page.locator("#id_start").fill("15:00")
    page.get_by_role("button", name="Lưu thay đổi").click()
    expect(page.get_by_text("Hãy nhập lý do thay đổi lịch.")).to_be_visible()
    shot(page, "thay-doi-thieu-ly-do")
    page.locator("#id_reason").fill("Đồng chí Trưởng ban họp Tỉnh ủy buổi đầu giờ chiều")
    page.get_by_role("button", name="Lưu thay đổi").click()
    expect(page.locator(".dv-cal-table")).to_contain_text("Đã thay đổi: Đồng chí Trưởng ban họp Tỉnh ủy")
    copied.refresh_from_db()
    assert timezone.localtime(copied.starts_at).hour == 15 and copied.sequence == 1

    page.get_by_role("link", name="Lịch sử thay đổi Tiếp công dân định kỳ").click()
    expect(page.locator(".dv-cal-changes")).to_contain_text(
        "Đồng chí Trưởng ban họp Tỉnh ủy buổi đầu giờ chiều"
    )
    shot(page, "lich-su")

    # The print view: the unit's heading, the title with the week's dates.
    page.goto("/hoat-dong/lich/")
    page.get_by_role("link", name="Bản in").click()
    sunday = monday + datetime.timedelta(days=6)
    expect(page.locator(".dv-cal-sheet h1")).to_have_text(f"LỊCH CÔNG TÁC TUẦN {monday.isocalendar()[1]}")
    expect(page.locator(".dv-cal-sheet-span")).to_have_text(
        f"(từ ngày {monday:%d/%m/%Y} đến ngày {sunday:%d/%m/%Y})"
    )
    expect(page.locator(".dv-cal-sheet-unit")).to_contain_text("PHƯỜNG THỤC PHÁN")
    shot(page, "ban-in")
    page.emulate_media(media="print")
    shot(page, "ban-in-giay")
    expect(page.locator(".dv-sidebar")).to_be_hidden()
    page.emulate_media(media="screen")

    # On a phone: the week as a list of days.
    page.set_viewport_size(PHONE)
    page.goto("/hoat-dong/lich/")
    expect(page.locator(".dv-cal-list")).to_contain_text("Làm việc với Mặt trận phường")
    expect(page.locator(".dv-cal-table")).to_be_hidden()
    shot(page, "dien-thoai")
