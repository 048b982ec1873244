"""A petition's journey in the register: the ward's officer registers a first complaint, processes it within the
ward's competence, accepts it (thụ lý) and sees on its page the resolution's due date and the days left, then finds
it with its clock in the ward's register. Screenshots on a desktop and on a phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.citizens.models import Petition
from danvan.citizens.selectors import clock_of

pytestmark = pytest.mark.e2e

SUBJECT = "Khiếu nại quyết định thu hồi đất ruộng tổ 7"
PHONE = {"width": 390, "height": 844}


def test_an_officer_accepts_a_complaint_and_sees_its_due_date(
    page, browser, live_server, log_in, shot, units
):
    ward = units["thuc_phan"]
    today = timezone.localdate()
    received = today - datetime.timedelta(days=3)

    # 1. The officer registers the complaint, received by post three days ago.
    log_in("thucphan")
    page.goto(f"/don-thu/don/?unit={ward.pk}")
    page.get_by_role("link", name="Nhận đơn", exact=True).click()
    page.get_by_label("Loại đơn").select_option("khieu_nai_1")
    page.get_by_label("Nguồn đơn").select_option("buu_chinh")
    page.get_by_label("Ngày nhận đơn").fill(f"{received:%d/%m/%Y}")
    page.get_by_label("Lĩnh vực").select_option("dat_dai")
    page.get_by_label("Trích yếu").fill(SUBJECT)
    page.get_by_label("Nội dung đơn").fill(
        "Gia đình không đồng ý với mức bồi thường khi thu hồi 500 m² đất ruộng."
    )
    page.locator("#id_senders-0-name").fill("Hoàng Văn Khiếu")
    page.locator("#id_senders-0-address").fill("Tổ 7, phường Thục Phán")
    shot(page, "register-form")
    page.get_by_role("button", name="Vào sổ", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Đã vào sổ đơn số 1/")
    expect(page.locator("#petition-senders")).to_contain_text("Hoàng Văn Khiếu")
    expect(page.locator("#petition-clock")).to_contain_text("xu_ly_don")

    # 2. It is processed within the ward's competence: the acceptance clock runs.
    page.locator("#petition-actions").get_by_role("link", name="Xử lý đơn", exact=True).click()
    page.get_by_label("Kết quả xử lý đơn").select_option("within")
    page.get_by_role("button", name="Ghi", exact=True).click()
    expect(page.locator("#petition-stage")).to_have_text("Đã xử lý đơn")
    expect(page.locator("#petition-clock")).to_contain_text("khieu_nai_lan_1.thu_ly")

    # 3. It is accepted by a decision: the resolution's clock runs from today.
    page.locator("#petition-actions").get_by_role("link", name="Thụ lý", exact=True).click()
    page.get_by_label("Số quyết định, thông báo thụ lý").fill("15/QĐ-UBND")
    page.get_by_role("button", name="Ghi", exact=True).click()
    expect(page.locator("#petition-stage")).to_have_text("Đã thụ lý")
    petition = Petition.objects.get(subject=SUBJECT)
    clock = clock_of(petition, today)
    assert clock.step == "khieu_nai_lan_1.giai_quyet" and clock.start == today
    expect(page.locator("#petition-clock")).to_contain_text("khieu_nai_lan_1.giai_quyet")
    expect(page.locator("#petition-due")).to_contain_text(f"{clock.due:%d/%m/%Y}")
    expect(page.locator("#petition-due")).to_contain_text(f"còn {clock.days_left} ngày")
    expect(page.locator("#petition-steps li")).to_have_count(3)
    expect(page.locator("#petition-steps")).to_contain_text("15/QĐ-UBND")
    shot(page, "accepted")

    # 4. The ward's register shows it with its due date.
    page.goto(f"/don-thu/don/?unit={ward.pk}")
    row = page.locator("tbody tr", has_text=SUBJECT)
    expect(row).to_contain_text(f"{clock.due:%d/%m/%Y}")
    expect(row).to_contain_text("Hoàng Văn Khiếu")
    shot(page, "register")

    phone = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="vi-VN", is_mobile=True)
    phone.add_cookies(page.context.cookies())
    tab = phone.new_page()
    for name, url in (
        ("register", f"/don-thu/don/?unit={ward.pk}"),
        ("petition", f"/don-thu/don/{petition.pk}/"),
    ):
        tab.goto(url)
        shot(tab, f"phone-{name}")
    phone.close()
