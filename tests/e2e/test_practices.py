"""A "Dân vận khéo" model's whole journey: a ward registers it, the province recognises it and spreads it to the
neighbouring ward, the counts show it, and anyone finds it on the public showcase without logging in."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

NAME = "Tuyến đường hoa tự quản tổ 5"
CONTACT = ("Nông Thị Liên Hệ", "0912 345 678")


def test_model_registered_recognised_replicated_counted_and_shown_to_the_public(
    page, log_in, log_out, shot, units
):
    thuc_phan, nung_tri_cao = units["thuc_phan"], units["nung_tri_cao"]

    # 1. The ward's editor registers the model through the form.
    log_in("thucphan")
    page.goto("/dan-van-kheo/dang-ky/")
    expect(page.locator("h1")).to_contain_text("Đăng ký mô hình, điển hình")
    expect(page.locator("#id_owner")).to_have_value(str(thuc_phan.pk))
    page.get_by_label("Tên mô hình, điển hình").fill(NAME)
    page.get_by_label("Văn hóa – xã hội").check()
    page.get_by_label("Tóm tắt").fill("Các hộ tổ 5 trồng và chăm sóc hoa hai bên đường.")
    page.get_by_label("Cách làm").fill("Mỗi hộ nhận chăm một đoạn; Chi hội Phụ nữ kiểm tra hằng tuần.")
    page.get_by_label("Ngày bắt đầu").fill("02/02/2026")
    page.locator("#id_results-0-indicator").fill("Đường trồng hoa")
    page.locator("#id_results-0-value").fill("1,5")
    page.locator("#id_results-0-unit_of_measure").fill("km")
    page.get_by_label("Người liên hệ").fill(CONTACT[0])
    page.get_by_label("Điện thoại").fill(CONTACT[1])
    shot(page, "register-form")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text(f"Đã đăng ký “{NAME}”.")
    expect(page.locator("h1")).to_contain_text(NAME)
    practice_url = page.url.split("?")[0]
    practice_id = re.search(r"/dan-van-kheo/(\d+)/", practice_url)[1]
    shot(page, "registered")
    log_out()

    # 2. The province's Ban Tuyên giáo và Dân vận recognises it, then spreads it to Phường Nùng Trí Cao.
    log_in("caobang")
    page.goto(f"{practice_url}?tab=progress")
    page.locator("#id_recognise-decision").fill("125-QĐ/BTGDVTU")
    expect(page.locator("#id_recognise-recognised_by")).to_have_value(str(units["ban_tgdv_cao_bang"].pk))
    page.get_by_role("button", name="Công nhận mô hình").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã ghi bước “Công nhận”.")
    expect(page.locator("main")).to_contain_text("125-QĐ/BTGDVTU")
    shot(page, "recognised")
    page.locator("#id_replicate-owner").select_option(str(nung_tri_cao.pk))
    page.get_by_role("button", name="Nhân rộng", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Đã nhân rộng mô hình tại Phường Nùng Trí Cao.")
    expect(page.locator("main")).to_contain_text("Phường Nùng Trí Cao")
    shot(page, "replicated")

    # 3. The counts of the province for 2026: two models (the original and its replica), one replicated.
    page.goto(f"/dan-van-kheo/thong-ke/?unit={units['cao_bang'].pk}&year=2026&view=level")
    expect(page.locator("h1")).to_contain_text("Thống kê")
    cards = page.locator(".dv-stat-card")
    expect(cards.filter(has_text="Tổng số mô hình, điển hình").locator(".dv-card-figure")).to_have_text("2")
    # Recognised counts the replicated original too: one definition of "recognised in a year" everywhere (#10).
    expect(cards.filter(has_text="Được công nhận").locator(".dv-card-figure")).to_have_text("1")
    expect(
        cards.filter(has=page.get_by_text("Đã nhân rộng", exact=True)).locator(".dv-card-figure")
    ).to_have_text("1")
    expect(page.locator("tr[data-row='commune'] td").last).to_have_text("2")
    shot(page, "counts")
    cards.filter(has=page.get_by_text("Đã nhân rộng", exact=True)).click()
    expect(page.locator("main")).to_contain_text(NAME)
    log_out()

    # 4. Anyone, without logging in, finds it on the public showcase by typing without accents.
    page.goto("/dan-van-kheo/cong-khai/")
    expect(page.get_by_role("link", name="Đăng nhập")).to_be_visible()
    page.get_by_label("Tìm theo tên mô hình, người, đơn vị").fill("duong hoa tu quan")
    page.get_by_role("button", name="Tìm").click()
    card = page.locator("#showcase-list article")
    expect(card).to_have_count(1)
    expect(card).to_contain_text(NAME)
    expect(card).to_contain_text("Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng")
    shot(page, "showcase")
    card.get_by_role("link", name=NAME, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/dan-van-kheo/cong-khai/{practice_id}/$"))
    expect(page.locator("h1")).to_have_text(NAME)
    expect(page.locator("main")).to_contain_text("125-QĐ/BTGDVTU")
    expect(page.locator("#replicas")).to_contain_text("Phường Nùng Trí Cao")
    expect(page.locator("main")).to_contain_text("Đường trồng hoa")
    content = page.content()
    assert CONTACT[0] not in content and CONTACT[1] not in content
    shot(page, "showcase-detail")
