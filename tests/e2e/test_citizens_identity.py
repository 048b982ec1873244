"""The sealed denouncer, in the browser: the province's admin `caobang` (no keeper's role) cannot see who denounced,
not even on the identity page; he gives the role to `tiepdan`, who sees the denouncer after stating a reason; the
reveal is on the unit's reveal log, which shows who looked and why, never whom."""

import pytest
from playwright.sync_api import expect

from danvan.accounts.scope import Role
from danvan.citizens.models import Petition
from danvan.citizens.services import create_petition
from tests import factories

pytestmark = pytest.mark.e2e

NAME = "Hà Thị Kín Đáo"
PHONE = "0911222333"
REASON = "Xác minh nội dung tố cáo, áp dụng biện pháp bảo vệ"


def test_caobang_cannot_see_the_denouncer_tiepdan_can_after_a_reason_and_the_reveal_is_logged(
    page, log_in, log_out, shot, units, users
):
    province = units["cao_bang"]
    factories.user("tiepdan", province, Role.EDITOR, full_name="Cán bộ tiếp công dân tỉnh")
    petition = create_petition(
        users["caobang"],
        unit=province,
        data={
            "kind": Petition.Kind.TO_CAO,
            "channel": Petition.Channel.POST,
            "field": Petition.Field.CORRUPTION,
            "subject": "Tố cáo sai phạm trong bồi thường giải phóng mặt bằng",
            "content": "Nội dung tố cáo.",
        },
        sealed=[{"name": NAME, "phone": PHONE, "address": "Tổ 2, phường Thục Phán"}],
    )
    identity_page = f"/don-thu/don/{petition.pk}/danh-tinh/"

    # caobang, the province's admin, is no keeper: the identity page is refused and names nobody.
    log_in("caobang")
    response = page.goto(identity_page)
    assert response.status == 403
    expect(page.locator("main")).not_to_contain_text(NAME)
    assert NAME not in page.content() and PHONE not in page.content()
    shot(page, "caobang-refused")

    # He gives the keeper's role to tiepdan, who holds a role on the province itself.
    page.goto(f"/don-thu/danh-tinh/nguoi-duoc-giao/?unit={province.pk}")
    page.get_by_label("Cán bộ được giao").select_option(label="Cán bộ tiếp công dân tỉnh (tiepdan)")
    page.get_by_role("button", name="Giao vai trò").click()
    expect(page.locator("main")).to_contain_text("Đã giao vai trò xem danh tính người tố cáo")
    expect(page.locator("table")).to_contain_text("Cán bộ tiếp công dân tỉnh")
    shot(page, "keeper-granted")
    log_out()

    # tiepdan sees nothing before stating a reason, then the denouncer.
    log_in("tiepdan")
    page.goto(identity_page)
    expect(page.locator("h1")).to_have_text("Danh tính người tố cáo")
    assert NAME not in page.content()
    page.get_by_label("Lý do cần xem danh tính").fill(REASON)
    page.get_by_role("button", name="Xem danh tính").click()
    expect(page.get_by_test_id("identities")).to_contain_text(NAME)
    expect(page.get_by_test_id("identities")).to_contain_text(PHONE)
    shot(page, "revealed")

    # The reveal is on the reveal log: who, why.
    page.get_by_role("link", name="Nhật ký xem danh tính").click()
    expect(page.locator("table")).to_contain_text(REASON)
    expect(page.locator("table")).to_contain_text("Cán bộ tiếp công dân tỉnh")
    assert NAME not in page.content()
    shot(page, "reveal-log")
    log_out()

    # caobang reads the log too, and still never the name.
    log_in("caobang")
    page.goto(f"/don-thu/danh-tinh/nhat-ky/?unit={province.pk}")
    expect(page.locator("table")).to_contain_text(REASON)
    assert NAME not in page.content() and PHONE not in page.content()
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "reveal-log-phone")
