"""A citizen sends feedback from a phone without an account and gets a tracking code; the ward's official answers it on
the staff page; the citizen looks it up by the code, typed in lower case without dashes, and reads the answer."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
SUBJECT = "Đèn đường ngõ 5 phố Vườn Cam bị hỏng"


def test_a_citizen_sends_feedback_and_reads_the_answer_by_its_code(
    page, browser, live_server, log_in, shot, units, settings, tmp_path
):
    from danvan.accounts.scope import Role
    from danvan.citizens import services
    from tests.conftest import make_user

    settings.MEDIA_ROOT = tmp_path
    settings.DANVAN_PUBLIC_MIN_FILL_SECONDS = 0
    ward = units["thuc_phan"]
    approver = make_user("thucphan_chutich", ward, Role.APPROVER, full_name="Chủ tịch phường")
    services.set_feedback_setting(approver, ward, accepts_feedback=True, answer_within_working_days=10)

    # 1. On a phone, without an account.
    phone = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="vi-VN", is_mobile=True)
    citizen = phone.new_page()
    citizen.goto("/gop-y/")
    citizen.get_by_label("Bạn ở tỉnh, thành phố nào?").select_option(str(ward.parent_id))
    citizen.get_by_role("button", name="Tiếp tục").click()
    citizen.get_by_label("Gửi tới").select_option(str(ward.pk))
    citizen.get_by_label("Phản ánh (thông báo một việc đang xảy ra)").check()
    citizen.get_by_label("Lĩnh vực").select_option("xay_dung")
    citizen.get_by_label("Tiêu đề").fill(SUBJECT)
    citizen.get_by_label("Nội dung").fill("Đèn hỏng một tuần, buổi tối rất tối, đề nghị sửa.")
    citizen.get_by_label("Họ và tên (không bắt buộc)").fill("Trần Văn Bình")
    citizen.get_by_label("Số điện thoại (không bắt buộc)").fill("0987654321")
    shot(citizen, "phone-form")
    citizen.get_by_role("button", name="Gửi góp ý").click()
    code = citizen.locator("#sent-code").inner_text().strip()
    assert code.startswith("GY-")
    shot(citizen, "phone-thanks")

    # 2. The ward's official answers.
    log_in("thucphan")
    page.goto(f"/don-thu/gop-y/?unit={ward.pk}")
    page.get_by_role("link", name=code).click()
    page.get_by_label("Nội dung trả lời").fill("Phường đã thay bóng đèn ngày hôm nay.")
    page.get_by_role("button", name="Lưu câu trả lời").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu câu trả lời")
    shot(page, "staff-answered")

    # 3. The citizen looks it up by the code, typed loosely, and reads the answer; no name, no phone.
    citizen.goto("/gop-y/tra-cuu/")
    citizen.get_by_label("Mã tra cứu").fill(code.lower().replace("-", ""))
    citizen.get_by_role("button", name="Tra cứu").last.click()
    expect(citizen.locator("#feedback-status")).to_have_text("Đã trả lời")
    expect(citizen.locator("#feedback-answer")).to_have_text("Phường đã thay bóng đèn ngày hôm nay.")
    body = citizen.content()
    assert "Trần Văn Bình" not in body and "0987654321" not in body
    shot(citizen, "phone-answer")
    phone.close()
