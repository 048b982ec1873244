"""Nobody is left waiting, in the browser: the province returns a ward's report with a comment; the ward's editor
gets the mail (through a real SMTP server) and, on the next page, the count in the top bar and the notification
with the comment and a link back to the report; marking it read clears the count. The province's *Nhắc nhở* reaches
the ward too (a returned report is not submitted)."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.reporting.models import Submission
from tests import factories

pytestmark = pytest.mark.e2e

COMMENT = "Bổ sung số cuộc đối thoại ở tổ dân phố số 3."


def test_a_returned_report_reaches_the_wards_editor_in_the_top_bar_and_by_mail(
    page, log_in, log_out, shot, units, users, smtp_inbox
):
    thuc_phan, cao_bang = units["thuc_phan"], units["cao_bang"]
    users["thucphan"].email = "thucphan@example.vn"
    users["thucphan"].save(update_fields=["email"])
    form = factories.report_form(cao_bang, "thu-thong-bao", ["tb_doi_thoai"], name="Báo cáo thử thông báo")
    factories.submission(
        form,
        thuc_phan,
        status=Submission.Status.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by=users["thucphan"],
    )
    page.on("dialog", lambda dialog: dialog.accept())

    # The province returns the report with a comment.
    log_in("caobang")
    page.goto(f"/bao-cao/bieu-mau/{form.pk}/{thuc_phan.pk}/2026H1/")
    page.get_by_role("button", name="Trả lại…").click()
    page.locator("#return-comment").fill(COMMENT)
    page.get_by_role("button", name="Trả lại báo cáo").click()
    expect(page.locator("main")).to_contain_text("Bị trả lại")
    shot(page, "returned")

    # A returned report counts as not submitted: the province reminds every commune that has not reported.
    page.goto(f"/bao-cao/bieu-mau/{form.pk}/tien-do/?period=2026H1&unit={cao_bang.pk}&show=missing")
    page.get_by_role("button", name="Nhắc nhở").click()
    expect(page.locator("main")).to_contain_text(re.compile(r"Đã nhắc \d+ đơn vị chưa nộp báo cáo"))
    shot(page, "nudged")
    log_out()

    returned, nudged = smtp_inbox.to("thucphan@example.vn")
    assert "Bị trả lại" in returned.subject and COMMENT in returned.body
    assert f"/bao-cao/bieu-mau/{form.pk}/{thuc_phan.pk}/2026H1/" in returned.body
    assert "Nhắc nộp báo cáo" in nudged.subject and "Tỉnh Cao Bằng nhắc" in nudged.body

    # The ward's editor sees the count in the top bar, then the notifications, the comment among them.
    log_in("thucphan")
    bell = page.locator("#dv-notifications")
    expect(bell.locator(".dv-bell-count")).to_contain_text("2")
    shot(page, "bell")
    bell.click()
    expect(page.locator("h1")).to_have_text("Thông báo")
    expect(page.locator("main")).to_contain_text(COMMENT)
    expect(page.locator("main")).to_contain_text(
        "Bị trả lại: Báo cáo thử thông báo (kỳ 6 tháng đầu năm 2026)"
    )
    shot(page, "notification")
    page.get_by_role("button", name="Đánh dấu đã đọc tất cả").click()
    expect(bell.locator(".dv-bell-count")).to_have_count(0)

    # The notification's link opens the report, where the comment waits.
    page.goto("/thong-bao/?state=read")
    page.get_by_role("link", name="Bị trả lại: Báo cáo thử thông báo (kỳ 6 tháng đầu năm 2026)").click()
    expect(page.locator("h1")).to_contain_text("Báo cáo thử thông báo")
    expect(page.locator("main")).to_contain_text(COMMENT)
