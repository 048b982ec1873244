"""The dashboard's *Việc cần làm* (issue #10): a ward whose last report was approved still sees the overdue one and
the one due, marked *Quá hạn*; the province sees the reports waiting for it, approves two at once from the
completeness page and prints one. On a desktop and on a phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.demo.reporting import define_demo_form
from danvan.orgunits.models import OrgUnit
from danvan.reporting.models import Submission
from tests import factories

pytestmark = pytest.mark.e2e

TODAY = datetime.date(2026, 12, 2)
PHONE = {"width": 390, "height": 844}


def test_the_dashboard_lists_what_is_due_and_what_waits_for_approval(
    page, log_in, log_out, shot, units, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    form = define_demo_form(units["cao_bang"])
    sent = {"status": Submission.Status.SUBMITTED, "submitted_at": timezone.now()}
    factories.submission(form, units["thuc_phan"], "2026H1", status=Submission.Status.APPROVED)
    factories.submission(form, units["nung_tri_cao"], "2026H2", **sent)
    third = (
        OrgUnit.objects.filter(parent=units["cao_bang"], kind=OrgUnit.Kind.COMMUNE, valid_to__isnull=True)
        .exclude(pk__in=[units["thuc_phan"].pk, units["nung_tri_cao"].pk])
        .first()
    )
    factories.submission(form, third, "2026H1", **sent)
    page.on("dialog", lambda dialog: dialog.accept())

    # The ward: its overdue 2025H2 report, the 2026H2 one due, the next; its cards count hamlets and agencies only.
    log_in("thucphan")
    todo = page.locator("#todo")
    expect(todo).to_contain_text("Việc cần làm")
    overdue = todo.locator('[data-todo-period="2025H2"]')
    expect(overdue).to_contain_text("Quá hạn")
    expect(overdue).to_contain_text("hạn nộp 10/01/2026")
    expect(todo.locator('[data-todo-period="2026H2"]')).to_contain_text("Kỳ này")
    expect(todo.locator('[data-todo-period="2027H1"]')).to_contain_text("Kỳ tới")
    expect(page.locator("main")).not_to_contain_text("Tỉnh, thành phố")
    shot(page, "ward")
    page.set_viewport_size(PHONE)
    expect(overdue).to_be_visible()
    shot(page, "ward-phone")
    page.set_viewport_size({"width": 1366, "height": 768})
    overdue.get_by_role("link").click()
    expect(page.locator("h1")).to_contain_text("Báo cáo sơ kết công tác dân vận 6 tháng")
    expect(page.locator("main")).to_contain_text("6 tháng cuối năm 2025")
    log_out()

    # The province: two reports wait, one per period; it approves the 2026H2 one from the completeness page.
    log_in("caobang")
    waiting = page.locator("[data-waiting-period]")
    expect(waiting).to_have_count(2)
    expect(page.locator("#todo")).to_contain_text(
        "1 báo cáo chờ duyệt – Báo cáo sơ kết công tác dân vận 6 tháng"
    )
    expect(page.locator("main")).not_to_contain_text("Tỉnh, thành phố")
    shot(page, "province")
    page.locator('[data-waiting-period="2026H2"] a').click()
    expect(page.locator("h1")).to_have_text("Tiến độ nộp báo cáo")
    page.get_by_label(f"Chọn báo cáo của {units['nung_tri_cao'].name}").check()
    page.get_by_role("button", name="Duyệt các báo cáo đã chọn").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã duyệt 1 báo cáo.")
    shot(page, "approved")
    assert Submission.objects.get(unit=units["nung_tri_cao"], period="2026H2").status == "approved"

    # The approved report, printed.
    page.goto(f"/bao-cao/bieu-mau/{form.pk}/{units['nung_tri_cao'].pk}/2026H2/ban-in/")
    expect(page.locator("[data-print-status]")).to_contain_text("Đã duyệt")
    expect(page.locator("[data-print-approved]")).to_contain_text("Cán bộ Ban Tuyên giáo và Dân vận")
    shot(page, "print")
    page.goto("/")
    expect(page.locator('[data-waiting-period="2026H2"]')).to_have_count(0)
