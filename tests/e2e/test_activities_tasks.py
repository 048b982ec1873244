"""A task's whole journey: the province assigns it to a ward from a conclusion notice, the ward's editor finds it on
the ward's board, reports 50% with an evidence PDF, then completes it; the province's board shows its counts move
from "in progress" to "done on time". Screenshots on a desktop and on a phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

TITLE = "Nắm tình hình dư luận xã hội về sắp xếp tổ dân phố"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PHONE = {"width": 390, "height": 844}


def _count(page, status: str) -> str:
    return page.locator(f'#task-counts [data-count="{status}"] .dv-number').inner_text()


def _phone_shots(browser, live_server, page, shot, urls):
    """The same pages on a phone, signed in with the page's session."""
    phone = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="vi-VN", is_mobile=True)
    phone.add_cookies(page.context.cookies())
    tab = phone.new_page()
    for name, url in urls:
        tab.goto(url)
        shot(tab, f"phone-{name}")
    phone.close()


def test_a_ward_reports_a_task_done_and_the_province_counts_it(
    page, browser, live_server, log_in, log_out, shot, units, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    province, ward = units["cao_bang"], units["thuc_phan"]
    deadline = timezone.localdate() + datetime.timedelta(days=5)  # due soon: on the ward's front page
    board = f"/hoat-dong/nhiem-vu/?unit={province.pk}&tab=subtree"

    # 1. The province assigns the task from its conclusion notice.
    log_in("caobang")
    page.goto(f"/hoat-dong/nhiem-vu/giao/?unit={province.pk}")
    page.get_by_label("Nội dung nhiệm vụ").fill(TITLE)
    page.get_by_label("Đơn vị chủ trì").select_option(str(ward.pk))
    page.get_by_label("Hạn hoàn thành").fill(f"{deadline:%d/%m/%Y}")
    page.get_by_label("Văn bản giao").fill("Thông báo số 45-TB/BDVTU")
    shot(page, "assign-form")
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã giao nhiệm vụ cho Phường Thục Phán.")
    page.goto(board)
    expect(page.locator("#task-counts")).to_be_visible()
    assert (_count(page, "in_progress"), _count(page, "done_on_time")) == ("1", "0")
    shot(page, "province-board-before")
    log_out()

    # 2. The ward's editor sees it on the ward's board and reports 50% with an evidence PDF.
    log_in("thucphan")
    expect(page.locator("#dashboard-tasks")).to_contain_text(TITLE)
    page.goto("/hoat-dong/nhiem-vu/")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.locator("h1")).to_have_text(TITLE)
    task_url = page.url
    page.get_by_role("link", name="Báo cáo tiến độ").click()
    page.get_by_label("Tiến độ (%)").fill("50")
    page.get_by_label("Kết quả thực hiện").fill("Đã họp dân ở 3 tổ dân phố, lập biên bản.")
    page.get_by_label("Tệp minh chứng").set_input_files(
        files=[{"name": "bien-ban-hop-dan.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    shot(page, "progress-form")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã báo cáo tiến độ.")
    expect(page.locator("#task-progress")).to_have_text("50%")
    expect(page.locator("#progress-history")).to_contain_text("bien-ban-hop-dan.pdf")
    with page.expect_download() as download:
        page.get_by_role("link", name="bien-ban-hop-dan.pdf").click()
    assert download.value.suggested_filename == "bien-ban-hop-dan.pdf"
    shot(page, "task-half-done")

    # 3. Then completes it.
    page.get_by_role("link", name="Báo cáo tiến độ").click()
    page.get_by_label("Kết quả thực hiện").fill("Đã hoàn thành: báo cáo tổng hợp gửi Ban.")
    page.get_by_label("Đã hoàn thành nhiệm vụ").check()
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã ghi nhận hoàn thành nhiệm vụ.")
    expect(page.locator("#task-status")).to_have_text("Hoàn thành đúng hạn")
    shot(page, "task-done")
    _phone_shots(
        browser, live_server, page, shot, [("ward-board", "/hoat-dong/nhiem-vu/"), ("task", task_url)]
    )
    log_out()

    # 4. The province's board: the count moved from in progress to done on time; the number opens the task.
    log_in("caobang")
    page.goto(board)
    assert (_count(page, "in_progress"), _count(page, "done_on_time")) == ("0", "1")
    page.locator('#task-counts [data-count="done_on_time"]').click()
    expect(page.locator("table")).to_contain_text(TITLE)
    shot(page, "province-board-after")
    _phone_shots(browser, live_server, page, shot, [("province-board", board)])
