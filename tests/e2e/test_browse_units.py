"""Browsing: the login form, the lazily loaded tree, accent-free search and the lineage of a unit closed in 2025."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_province_admin_browses_tree_and_superuser_follows_cau_ke_to_todays_communes(
    page, log_in, log_out, shot
):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/tai-khoan/dang-nhap/\?next=/$"))
    shot(page, "login")

    log_in("caobang")
    expect(page.locator("main")).to_contain_text("Tỉnh Cao Bằng")
    shot(page, "dashboard")

    # The tree opens on the user's province; its children load only when it is opened.
    page.locator("#dv-sidebar").get_by_role("link", name="Đơn vị", exact=True).click()
    expect(page.locator("h1")).to_have_text("Cây đơn vị")
    tree = page.locator("#unit-tree")
    expect(tree.get_by_role("link", name="Tỉnh Cao Bằng", exact=True)).to_be_visible()
    expect(tree.get_by_role("link", name="Phường Thục Phán", exact=True)).to_have_count(0)
    toggle = tree.get_by_role("button", name="Mở Tỉnh Cao Bằng")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(tree.get_by_role("link", name="Phường Thục Phán", exact=True)).to_be_visible()
    shot(page, "tree-cao-bang-open")
    toggle.click()
    expect(tree.get_by_role("link", name="Phường Thục Phán", exact=True)).to_be_hidden()

    # Cầu Kè was in Trà Vinh: outside a Cao Bằng administrator's scope.
    page.get_by_label("Tìm đơn vị").fill("cau ke")
    expect(page.locator("#search-results")).to_contain_text("Không tìm thấy đơn vị nào khớp “cau ke”")
    shot(page, "search-cau-ke-out-of-scope")
    log_out()

    log_in("admin")
    page.goto("/don-vi/")
    page.get_by_label("Tìm đơn vị").fill("cau ke")
    results = page.locator("#search-results")
    expect(results.get_by_role("link", name="Huyện Cầu Kè", exact=True)).to_be_visible()
    shot(page, "search-cau-ke")

    results.get_by_role("link", name="Huyện Cầu Kè", exact=True).click()
    heading = page.locator("h1")
    expect(heading).to_contain_text("Huyện Cầu Kè")
    expect(heading).to_contain_text("Hết hiệu lực sau 30/06/2025")
    shot(page, "cau-ke")

    page.get_by_role("link", name=re.compile(r"^Lịch sử sắp xếp")).click()
    successors = page.locator(".card").filter(
        has=page.get_by_role("heading", name="Đã sắp xếp thành (đơn vị sau)")
    )
    commune = successors.get_by_role("row").filter(has_text="Xã Cầu Kè")
    expect(commune).to_contain_text("Tỉnh Vĩnh Long")
    expect(commune).to_contain_text("01/07/2025")
    shot(page, "cau-ke-lineage")

    commune.get_by_role("link", name="Xã Cầu Kè", exact=True).click()
    expect(heading).to_contain_text("Xã Cầu Kè")
    expect(heading).to_contain_text("Đang hoạt động")
    expect(page.get_by_role("navigation", name="Đường dẫn đơn vị")).to_contain_text("Tỉnh Vĩnh Long")
    page.get_by_role("link", name=re.compile(r"^Lịch sử sắp xếp")).click()
    predecessors = page.locator(".card").filter(
        has=page.get_by_role("heading", name="Hình thành từ (đơn vị trước)")
    )
    expect(predecessors.get_by_role("link", name="Huyện Cầu Kè", exact=True)).to_be_visible()
    shot(page, "xa-cau-ke-lineage")
