"""Scope: a ward editor neither opens nor finds the units of the neighbouring ward."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def test_commune_editor_cannot_open_or_find_units_of_another_ward(page, log_in, shot, units):
    neighbour = units["nung_tri_cao"]
    neighbour_hamlet = neighbour.children.get(name="Tổ dân phố 1")
    log_in("thucphan")

    for path in (
        f"/don-vi/{neighbour_hamlet.pk}/",
        f"/don-vi/{neighbour.pk}/",
        f"/don-vi/{neighbour.pk}/sua/",
    ):
        response = page.goto(path)
        assert response.status == 404, path
        expect(page.locator("h1")).to_contain_text("404 · Không tìm thấy trang")
        expect(page.locator("main")).to_contain_text("nằm ngoài phạm vi đơn vị của bạn")
    shot(page, "not-found")
    page.get_by_role("link", name="Về trang tổng quan").click()
    expect(page.locator("h1")).to_have_text("Tổng quan")

    page.goto("/don-vi/")
    search = page.get_by_label("Tìm đơn vị")
    results = page.locator("#search-results")
    search.fill("nung tri cao")
    expect(results).to_contain_text("Không tìm thấy đơn vị nào khớp “nung tri cao” trong phạm vi của bạn.")
    shot(page, "search-neighbour")

    # Both wards have a "Tổ dân phố 1": only the editor's own is found.
    search.fill("to dan pho 1")
    expect(results.get_by_role("link", name="Tổ dân phố 1", exact=True)).to_have_count(1)
    expect(results).to_contain_text("Phường Thục Phán")
    expect(results).not_to_contain_text("Nùng Trí Cao")
    shot(page, "search-own-hamlet")

    page.goto("/don-vi/danh-sach/?q=nung+tri+cao")
    expect(page.locator("main")).to_contain_text("Không có đơn vị nào khớp bộ lọc")

    # On a phone the modules hide behind the menu button, and no page is wider than the screen.
    page.set_viewport_size(PHONE)
    page.goto("/")
    sidebar = page.locator("#dv-sidebar")
    expect(sidebar).to_be_hidden()
    page.get_by_role("button", name="Mở menu các phân hệ").click()
    expect(sidebar).to_have_class(re.compile(r"\bshow\b"))  # the opening animation is over
    shot(page, "phone-menu")
    sidebar.get_by_role("link", name="Đơn vị", exact=True).click()
    expect(page.locator("h1")).to_have_text("Cây đơn vị")
    for path in (
        "/",
        "/don-vi/",
        "/don-vi/danh-sach/",
        f"/don-vi/{units['thuc_phan'].pk}/?tab=lineage",
        "/nhat-ky/",
    ):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    shot(page, "phone-change-log")
