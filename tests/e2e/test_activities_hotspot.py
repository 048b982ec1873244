"""A hotspot escalates, in the browser: a ward's editor reports a *nguy cơ điểm nóng*; the province's leader is told
by mail (through a real SMTP server) and in the app, finds it on the dashboard, acknowledges it and resolves it, every
step timed; then it leaves the dashboard. The pages are looked at on a phone too."""

import datetime

import pytest
from playwright.sync_api import expect

from tests import clock, factories

pytestmark = pytest.mark.e2e

TITLE = "Nhiều hộ dân tụ tập tại trụ sở phường"
PHONE = {"width": 390, "height": 844}


def test_a_wards_hotspot_reaches_the_province_which_acknowledges_and_resolves_it(
    page, log_in, log_out, shot, units, users, smtp_inbox
):
    province = users["caobang"]
    province.email = "lanhdao@caobang.example.vn"
    province.save(update_fields=["email"])

    # The ward's editor reports the hotspot.
    log_in("thucphan")
    page.goto("/hoat-dong/tinh-hinh/them/")
    page.get_by_label("Chủ đề").select_option(label="Khiếu kiện đông người")
    page.get_by_label("Tiêu đề").fill(TITLE)
    page.get_by_label("Nội dung").fill("Khoảng 30 hộ dân tổ 7 kéo đến trụ sở phường về việc đền bù đất.")
    page.get_by_label("Nguy cơ điểm nóng: báo ngay lãnh đạo hai cấp trên").check()
    shot(page, "report-form")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("lãnh đạo hai cấp trên đã được thông báo")
    expect(page.locator("[data-hotspot=open]")).to_be_visible()
    shot(page, "reported")
    log_out()

    # The province's leader got the mail, with the link to the report.
    [mail] = smtp_inbox.to("lanhdao@caobang.example.vn")
    assert "Nguy cơ điểm nóng tại Phường Thục Phán" in mail.subject and TITLE in mail.subject
    assert "/hoat-dong/tinh-hinh/" in mail.body

    # …and finds it in the top bar and on the dashboard.
    log_in("caobang")
    expect(page.locator("#dv-notifications .dv-bell-count")).to_contain_text("1")
    block = page.locator("[data-hotspots]")
    expect(block).to_contain_text("Nguy cơ điểm nóng đang xử lý")
    expect(block).to_contain_text(TITLE)
    expect(block).to_contain_text("Chưa xác nhận")
    shot(page, "dashboard")

    # Acknowledges it, then resolves it: each step is timed on the report's page.
    block.get_by_role("link", name=TITLE).click()
    expect(page.locator("h1")).to_have_text(TITLE)
    page.get_by_label("Bước").select_option(label="Cấp trên đã nắm")
    page.get_by_label("Nội dung", exact=True).last.fill("Đã nắm, cử đoàn công tác xuống phường.")
    page.get_by_role("button", name="Ghi bước xử lý").click()
    expect(page.locator("[data-step=acknowledged]")).to_contain_text("Đã nắm, cử đoàn công tác")
    page.goto("/")
    expect(page.locator("[data-hotspots]")).to_contain_text("Đã nắm, đang xử lý")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("Bước").select_option(label="Đã giải quyết")
    page.get_by_label("Nội dung", exact=True).last.fill("Đối thoại xong, các hộ đồng thuận phương án đền bù.")
    page.get_by_role("button", name="Ghi bước xử lý").click()
    expect(page.locator("[data-hotspot=resolved]")).to_be_visible()
    expect(page.locator("[data-step=resolved]")).to_contain_text("sau")
    shot(page, "resolved")

    # It has left the dashboard.
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Tổng quan")
    expect(page.locator("[data-hotspots]")).to_have_count(0)

    # The table of units × topics, the list, and an inspection's page, on a desktop then on a phone.
    leader = factories.person(units["cao_bang"], "Trần Thị Bích Phượng", "Phó Trưởng Ban Dân vận Tỉnh ủy")
    inspection = factories.inspection(
        province,
        units["cao_bang"],
        [units["thuc_phan"]],
        leader,
        title="Kiểm tra công tác dân vận năm 2026",
        decision_number="45-QĐ/BDVTU",
        starts_on=datetime.date(2026, 3, 10),
    )
    today = clock.today()
    for viewport in ("desktop", "phone"):
        if viewport == "phone":
            page.set_viewport_size(PHONE)
        page.goto(f"/hoat-dong/tinh-hinh/bang/?unit={units['cao_bang'].pk}&period={today:%Y}M{today:%m}")
        expect(page.locator("main")).to_contain_text("Nguy cơ điểm nóng")
        shot(page, f"table-{viewport}")
        page.goto("/hoat-dong/tinh-hinh/")
        expect(page.locator("main")).to_contain_text(TITLE)
        shot(page, f"list-{viewport}")
        page.goto(f"/hoat-dong/kiem-tra/{inspection.pk}/")
        expect(page.locator("[data-team]")).to_contain_text(
            "Trần Thị Bích Phượng, Phó Trưởng Ban Dân vận Tỉnh ủy"
        )
        shot(page, f"inspection-{viewport}")
        page.goto(f"/hoat-dong/kiem-tra/{inspection.pk}/ket-luan/")
        shot(page, f"conclude-{viewport}")
        page.goto("/hoat-dong/kiem-tra/")
        shot(page, f"inspections-{viewport}")
        page.goto("/hoat-dong/kiem-tra/them/")
        shot(page, f"inspection-form-{viewport}")
