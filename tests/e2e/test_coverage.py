"""The province's totals say which reports they count: approved reports by default with "N/56 đơn vị đã báo cáo"
beside the total, every report (drafts included) at a click, and the units behind the coverage."""

import pytest
from playwright.sync_api import expect

from danvan.core.periods import Period
from danvan.demo.reporting import load_demo_reporting
from danvan.reporting.models import Form, Indicator, Submission
from danvan.reporting.selectors import ALL, aggregate

pytestmark = pytest.mark.e2e


def shown(number: float) -> str:
    return f"{int(number):,}".replace(",", ".")


def test_the_province_total_with_approved_reports_only_and_with_all(page, log_in, shot, units):
    load_demo_reporting()
    form = Form.objects.get(code="so-ket-dan-van-6-thang")
    cao_bang = units["cao_bang"]
    # Read before the browser starts: the live server shares the test's SQLite connection.
    dialogues = [Indicator.objects.get(code="dcs_doi_thoai")]
    period = [Period.parse("2026H1")]
    approved_total = aggregate(dialogues, cao_bang, period)["rows"][0]["value"]
    every_total = aggregate(dialogues, cao_bang, period, status=ALL)["rows"][0]["value"]
    reports = Submission.objects.filter(form=form, period="2026H1")
    approved, every = reports.filter(status="approved").count(), reports.count()
    assert approved < every and approved_total < every_total

    log_in("caobang")
    page.goto(f"/bao-cao/tong-hop/?form={form.pk}&unit={cao_bang.pk}&period=2026H1")
    total_row = page.locator("tfoot .dv-pivot-total")
    expect(total_row).to_contain_text(f"{approved}/56 đơn vị đã báo cáo")
    expect(total_row).to_contain_text(shown(approved_total))
    expect(page.locator("#an-status-approved")).to_be_checked()
    shot(page, "approved")

    page.locator("label[for=an-status-all]").click()
    page.get_by_role("button", name="Xem số liệu").click()
    expect(total_row).to_contain_text(f"{every}/56 đơn vị đã báo cáo")
    expect(total_row).to_contain_text(shown(every_total))
    shot(page, "all")

    page.get_by_role("link", name="Xem các đơn vị").first.click()
    expect(page.locator(".dv-coverage-units")).to_contain_text(f"Được tính ({every} đơn vị)")
    expect(page.locator(".dv-coverage-missing")).to_contain_text("Phường Thục Phán")  # not started
    # The header stays in view while the table scrolls.
    box = page.locator(".dv-pivot-scroll").first
    box.evaluate("box => box.scrollTo(0, 400)")
    assert box.evaluate("box => box.scrollTop") > 0
    header = page.locator(".dv-pivot thead th.dv-pivot-indicator").first
    assert abs(header.bounding_box()["y"] - box.bounding_box()["y"]) < 3
    shot(page, "units")
