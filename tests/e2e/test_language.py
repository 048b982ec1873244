"""Language: English through the switch in the top bar, with Vietnamese dates (dd/mm/yyyy) kept."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

DATE = r"\d{2}/\d{2}/\d{4}"


def test_english_switch_translates_labels_and_keeps_day_first_dates(page, log_in, shot, units):
    log_in("admin")
    main = page.locator("main")
    # Vietnamese by default, whatever the browser asks for: "3.321" communes.
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(main).to_contain_text("3.321")
    shot(page, "dashboard-vi")

    page.get_by_label("Ngôn ngữ").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Overview")
    sidebar = page.locator("#dv-sidebar")
    for label in ("Overview", "Units", "Users", "Change log"):
        expect(sidebar.get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(main).to_contain_text("Communes, wards, special zones and townships")
    expect(main).to_contain_text("3,321")
    expect(main).to_contain_text(re.compile(rf"figures as of {DATE}"))
    expect(main.locator("li.list-group-item").first).to_contain_text(re.compile(rf"^{DATE} \d{{2}}:\d{{2}}"))
    shot(page, "dashboard-en")

    page.goto(f"/don-vi/{units['tp_cao_bang'].pk}/")
    heading = page.locator("h1")
    expect(heading).to_contain_text("Thành phố Cao Bằng")
    expect(heading).to_contain_text("Closed after 30/06/2025")
    tabs = page.locator(".nav-tabs")
    for label in ("Details", "Subunits", "Lineage", "Blocs", "Users", "History"):
        expect(tabs.get_by_role("link", name=re.compile(rf"^{label}"))).to_be_visible()
    expect(main).to_contain_text("Provincial city · code 040 · valid … – 30/06/2025")
    shot(page, "closed-unit-en")

    page.goto(f"/don-vi/them/?unit={units['thuc_phan'].pk}")
    expect(heading).to_have_text("Add a unit")
    valid_from = page.get_by_label("Valid from")
    expect(valid_from).to_have_attribute("placeholder", "dd/mm/yyyy")
    page.get_by_label("Unit name").fill("Tổ dân phố 10")
    valid_from.fill("07/01/2025x")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#id_valid_from-errors")).to_have_text(
        "Invalid date: enter it as dd/mm/yyyy, for example 01/07/2025."
    )
    expect(page.locator(".alert-danger")).to_have_text("Please correct the errors marked below.")
    shot(page, "form-error-en")

    page.get_by_label("Language").select_option("vi")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(heading).to_have_text("Thêm đơn vị")
