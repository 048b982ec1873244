"""API tokens in the browser: one per device, listed with their expiry, revoked by the user or by their admin."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_user_makes_and_replaces_a_device_token_and_their_admin_revokes_it(page, log_in, log_out, shot):
    page.on("dialog", lambda dialog: dialog.accept())
    log_in("thucphan")
    page.goto("/tai-khoan/ma-api/")
    for _ in range(2):  # asking twice for one device replaces its token
        page.get_by_label("Tên gợi nhớ").fill("Máy tính bảng")
        page.get_by_role("button", name="Tạo mã mới").click()
        expect(page.locator("#new-token")).to_contain_text("dvs_")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Máy tính bảng")
    expect(rows.first).to_contain_text(re.compile(r"\d\d/\d\d/\d{4}"))
    shot(page, "tokens")
    log_out()

    log_in("caobang")
    page.goto("/tai-khoan/nguoi-dung/")
    page.get_by_role("link", name="thucphan").first.click()
    card = page.locator(".card", has_text="Mã truy cập API")
    expect(card).to_contain_text("Máy tính bảng")
    shot(page, "user-tokens")
    card.get_by_role("button", name="Thu hồi").click()
    expect(page.locator("main")).to_contain_text("Đã thu hồi mã truy cập “Máy tính bảng” của thucphan")
    expect(page.locator(".card", has_text="Mã truy cập API")).to_contain_text("Không có mã truy cập nào")
