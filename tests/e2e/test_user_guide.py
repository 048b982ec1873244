"""The user guide (docs/huong-dan/) walked in the browser: each screen it shows is opened as the guide says, the
buttons and headings it names are there, and its screenshots are taken here.

`DANVAN_GUIDE_SCREENSHOTS=1 .venv/bin/pytest -m e2e -p no:xdist tests/e2e/test_user_guide.py` writes them into
docs/huong-dan/anh/ (commit them with the guide); otherwise they go to test-artifacts/ like every step's."""

import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.demo.reporting import load_demo_reporting
from danvan.reporting.models import Form, Indicator, Submission
from tests import factories

pytestmark = pytest.mark.e2e

GUIDE_SHOTS = Path(__file__).resolve().parents[2] / "docs" / "huong-dan" / "anh"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


@pytest.fixture
def guide_shot(shot):
    """guide_shot(page, "tong-hop"): the screen as the guide shows it (the window, not the whole page)."""

    def take(page, name: str):
        if os.environ.get("DANVAN_GUIDE_SCREENSHOTS") == "1":
            GUIDE_SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=GUIDE_SHOTS / f"{name}.png")
        shot(page, name)

    return take


def test_the_guide_for_a_commune_officer(page, log_in, guide_shot, units, users):
    load_demo_reporting()
    form = Form.objects.get(code="so-ket-dan-van-6-thang")
    thuc_phan, cao_bang = units["thuc_phan"], units["cao_bang"]
    dialogues = Indicator.objects.get(code="dcs_doi_thoai").pk
    returned = factories.submission(
        form, thuc_phan, "2025H2", status=Submission.Status.SUBMITTED, submitted_at=timezone.now()
    )

    # Đăng nhập: the login page with its recovery link.
    page.goto("/tai-khoan/dang-nhap/")
    expect(page.get_by_role("link", name="Quên mật khẩu?")).to_be_visible()
    guide_shot(page, "dang-nhap")

    # The province returns the ward's late report, so the ward has a notification to read.
    log_in("caobang")
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"/bao-cao/bieu-mau/{form.pk}/{thuc_phan.pk}/{returned.period}/")
    page.get_by_role("button", name="Trả lại…").click()
    page.locator("#return-comment").fill("Bổ sung số cuộc đối thoại ở tổ dân phố số 3.")
    page.get_by_role("button", name="Trả lại báo cáo").click()
    expect(page.locator("main")).to_contain_text("Bị trả lại")
    page.context.clear_cookies()

    # 1. Tổng quan: Việc cần làm.
    log_in("thucphan")
    expect(page.locator("#todo")).to_contain_text("Việc cần làm")
    expect(page.locator("#todo")).to_contain_text("Bị trả lại")
    guide_shot(page, "tong-quan-xa")

    # 2. Nhập số liệu, on a desktop and on a phone; 3. the Excel links; 4. Nộp báo cáo.
    page.goto(f"/bao-cao/bieu-mau/{form.pk}/{thuc_phan.pk}/2026H1/")
    expect(page.get_by_role("link", name="Tải biểu Excel")).to_be_visible()
    expect(page.get_by_role("link", name="Nhập từ Excel")).to_be_visible()
    expect(page.get_by_role("button", name="Nộp báo cáo")).to_be_visible()
    page.locator(f"#v-c{dialogues}").focus()
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    expect(page.locator(f"#cell-c{dialogues} .dv-saved-mark")).to_be_visible()
    page.evaluate(
        "window.scrollTo(0, 0)"
    )  # the report's heading, its status and buttons, then the first section
    guide_shot(page, "nhap-bao-cao")
    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.locator(f"#v-c{dialogues}")).to_be_visible()
    guide_shot(page, "nhap-bao-cao-dien-thoai")
    page.set_viewport_size(DESKTOP)

    # 5. Thông báo: the bell counts the return; the list shows the comment.
    page.locator("#dv-notifications").click()
    expect(page.locator("main")).to_contain_text("Bổ sung số cuộc đối thoại")
    expect(page.get_by_role("button", name="Đánh dấu đã đọc").first).to_be_visible()
    guide_shot(page, "thong-bao")

    # 6. Đăng ký mô hình "Dân vận khéo".
    page.goto("/dan-van-kheo/")
    page.get_by_role("link", name="Đăng ký mô hình").first.click()
    expect(page.get_by_label("Tên mô hình, điển hình")).to_be_visible()
    guide_shot(page, "dan-van-kheo-dang-ky")
    assert cao_bang  # the province's own pages are the next guide's


def test_the_guide_for_a_provincial_specialist_and_a_unit_administrator(page, log_in, guide_shot, units):
    load_demo_reporting()
    form = Form.objects.get(code="so-ket-dan-van-6-thang")
    cao_bang = units["cao_bang"]
    log_in("caobang")

    # 2. Tiến độ, with Nhắc nhở and the bulk approval.
    page.goto(f"/bao-cao/bieu-mau/{form.pk}/tien-do/?period=2026H1&unit={cao_bang.pk}")
    expect(page.get_by_role("button", name="Nhắc nhở")).to_be_visible()
    expect(page.get_by_role("button", name="Duyệt các báo cáo đã chọn")).to_be_visible()
    guide_shot(page, "tien-do")

    # 4. Tổng hợp số liệu: what the totals count.
    page.goto(f"/bao-cao/tong-hop/?form={form.pk}&unit={cao_bang.pk}&period=2026H1")
    expect(page.locator("main")).to_contain_text("đơn vị đã báo cáo")
    guide_shot(page, "tong-hop")

    # 5. Văn bản báo cáo.
    page.goto(f"/bao-cao/van-ban/{form.pk}/{cao_bang.pk}/2026H1/")
    expect(page.locator("main")).to_contain_text("PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026")
    guide_shot(page, "van-ban")

    # The unit administrator's guide: the tree and the users.
    page.goto("/don-vi/")
    page.get_by_role("button", name="Mở Tỉnh Cao Bằng").click()
    expect(page.locator("main")).to_contain_text("Phường Thục Phán")
    guide_shot(page, "cay-don-vi")
    page.goto("/tai-khoan/nguoi-dung/")
    expect(page.get_by_role("link", name="Thêm")).to_be_visible()
    guide_shot(page, "nguoi-dung")
