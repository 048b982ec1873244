"""Writing: a commune editor adds a hamlet through the form, then finds it in the change log and the unit's history."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_commune_editor_adds_hamlet_after_fixing_a_date_and_sees_it_logged(page, log_in, shot, units):
    log_in("thucphan")
    page.locator("#dv-sidebar").get_by_role("link", name="Đơn vị", exact=True).click()
    page.locator("#unit-tree").get_by_role("link", name="Phường Thục Phán", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Phường Thục Phán")
    shot(page, "ward")

    page.get_by_role("link", name="Thêm đơn vị trực thuộc").first.click()
    expect(page.locator("h1")).to_have_text("Thêm đơn vị")
    expect(page.get_by_label("Loại đơn vị")).to_have_value("hamlet")
    expect(page.get_by_label("Đơn vị cấp trên")).to_have_value(str(units["thuc_phan"].pk))
    page.get_by_label("Tên đơn vị").fill("Tổ dân phố 9")
    page.get_by_label("Mã", exact=True).fill("01273-TDP09")
    page.get_by_label("Loại hình", exact=True).select_option("to_dan_pho")
    page.get_by_label("Hiệu lực từ ngày").fill("01/07/2025")
    page.get_by_label("Hiệu lực đến ngày").fill("30/06/2025")
    page.get_by_role("button", name="Lưu").click()

    # The error is in Vietnamese, next to the field, and what was typed is kept.
    valid_to = page.get_by_label("Hiệu lực đến ngày")
    expect(page.locator("#id_valid_to-errors")).to_have_text(
        "Ngày kết thúc hiệu lực phải từ ngày bắt đầu hiệu lực (01/07/2025) trở đi."
    )
    expect(valid_to).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(valid_to).to_have_attribute("aria-describedby", re.compile(r"\bid_valid_to-errors\b"))
    expect(page.locator(".alert-danger")).to_contain_text("Vui lòng sửa các lỗi")
    expect(page.get_by_label("Tên đơn vị")).to_have_value("Tổ dân phố 9")
    shot(page, "validation-error")

    valid_to.fill("")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("h1")).to_contain_text("Tổ dân phố 9")
    expect(page.locator(".alert-success")).to_contain_text("Đã thêm Tổ dân phố 9.")
    expect(page.locator("main")).to_contain_text("01/07/2025 – …")
    shot(page, "hamlet-created")

    page.locator("#dv-sidebar").get_by_role("link", name="Nhật ký thay đổi").click()
    expect(page.locator("h1")).to_have_text("Nhật ký thay đổi")
    latest = page.locator("tbody tr").first
    expect(latest).to_contain_text("thucphan")
    expect(latest).to_contain_text("Tạo mới")
    expect(latest).to_contain_text("Tổ dân phố 9")
    request_id = latest.locator("code").last.inner_text()
    assert re.fullmatch(r"[0-9a-f]{16}", request_id)
    shot(page, "change-log")

    latest.get_by_role("link", name="Tổ dân phố 9").click()
    page.get_by_role("link", name="Nhật ký", exact=True).click()
    entry = page.locator("tbody tr").first
    expect(entry).to_contain_text("thucphan")
    expect(entry).to_contain_text("Tạo mới")
    expect(entry).to_contain_text(request_id)
    expect(entry.locator("td").first).to_have_text(re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$"))
    shot(page, "hamlet-history")
