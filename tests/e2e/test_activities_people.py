"""People and posts, a whole journey: the province's editor downloads the import template, fills it with two people
and three posts, imports it, finds a person by typing the name without accents, and opens their page, where the
titles held today and the posts with their dates are shown."""

import pytest
from playwright.sync_api import expect

from tests import workbooks

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def test_an_editor_imports_people_searches_without_accents_and_sees_the_titles(
    page, log_in, shot, units, tmp_path
):
    province = units["cao_bang"]
    log_in("caobang")
    page.goto(f"/hoat-dong/can-bo/?unit={province.pk}")
    expect(page.locator("h1")).to_have_text("Cán bộ và chức vụ")
    page.get_by_role("link", name="Nhập Excel").first.click()
    expect(page.locator("h1")).to_have_text("Nhập cán bộ và chức vụ từ Excel")

    with page.expect_download() as started:
        page.get_by_role("link", name="Tải tệp mẫu (.xlsx)").click()
    template = tmp_path / "mau.xlsx"
    started.value.save_as(template)
    filled = tmp_path / "can-bo.xlsx"
    filled.write_bytes(workbooks.copy_examples_into_the_data_sheet(template.read_bytes(), "Cán bộ"))
    shot(page, "import-page")
    page.locator("#import-file").set_input_files(filled)
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã nhập 2 người, 3 chức vụ vào Tỉnh Cao Bằng.")

    page.get_by_label("Tìm theo tên").fill("vu van minh")
    page.get_by_role("button", name="Lọc").click()
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Vũ Văn Minh")
    expect(rows.first).to_contain_text("UV BTV Thành ủy, Trưởng Ban Dân vận")
    shot(page, "search")

    page.get_by_label("Tìm theo tên").fill("")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("main table tbody tr")).to_have_count(2)
    expect(page.locator("main")).to_contain_text("đã thôi")  # Nông Thị Hoa's post ended on 30/06/2025
    shot(page, "list")
    page.set_viewport_size(PHONE)
    shot(page, "list-phone")
    page.set_viewport_size({"width": 1366, "height": 768})

    page.get_by_role("link", name="Vũ Văn Minh").click()
    expect(page.locator("h1")).to_have_text("Vũ Văn Minh")
    expect(page.locator("#titles-today")).to_contain_text("UV BTV Thành ủy, Trưởng Ban Dân vận")
    expect(page.locator("#posts")).to_contain_text("15/10/2020 – nay")
    expect(page.locator("main")).to_contain_text("0206 3852 123")  # the province's own user reads the contact
    shot(page, "person")

    # The searchable picker of a post's unit keeps the units whose name holds the words typed, without accents.
    page.get_by_text("Thêm chức vụ").click()
    options = page.locator("#id_post-unit option")
    every = options.count()
    page.locator("#post-form [data-picker-search]").fill("thuc phan")
    expect(options.first).to_have_text("— Không ghi đơn vị —")
    kept = options.all_inner_texts()[1:]
    assert kept and all("thục phán" in text.lower() for text in kept) and len(kept) < every / 10
    expect(page.locator("#post-form [data-picker-count]")).to_have_text(f"{len(kept)} / {every - 1}")
    shot(page, "add-post")
    page.set_viewport_size(PHONE)
    shot(page, "person-phone")
