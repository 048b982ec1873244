"""A half-year report's whole journey: a ward fills the demo form with the keyboard alone, a rule stops a wrong
figure, the ward submits, the province approves, the province's totals include the ward's figures at once (and its
2024 figures come from the old units), and the province's Word report carries the header, figures and texts."""

import subprocess

import pytest
from docx import Document
from playwright.sync_api import expect

from danvan.core.models import ChangeLog
from danvan.core.periods import Period
from danvan.demo.reporting import load_demo_reporting
from danvan.reporting.models import Form, Indicator, Submission, Value
from danvan.reporting.selectors import aggregate
from tests.e2e.conftest import DESKTOP

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}

NARRATIVE = "Phường tổ chức ba cuộc đối thoại về chỉnh trang đô thị, Nhân dân đồng tình cao."


def province_total(code: str, unit, period: str) -> float:
    rows = aggregate([Indicator.objects.get(code=code)], unit, [Period.parse(period)])["rows"]
    return next(row["value"] for row in rows if row["category"] == "")


def test_ward_fills_and_submits_province_approves_aggregates_and_prints_the_report(
    page, log_in, log_out, shot, units
):
    load_demo_reporting()
    form = Form.objects.get(code="so-ket-dan-van-6-thang")
    thuc_phan, cao_bang = units["thuc_phan"], units["cao_bang"]
    page.on("dialog", lambda dialog: dialog.accept())
    # Read before the browser starts: the live server shares the test's SQLite connection.
    ids = dict(Indicator.objects.values_list("code", "pk"))

    def cell(code: str):
        return page.locator(f"#v-c{ids[code]}")

    # 1. The ward's editor opens the form from the reporting home and fills it with the keyboard only.
    log_in("thucphan")
    page.get_by_role("link", name="Báo cáo", exact=True).click()
    expect(page.locator("main")).to_contain_text("Báo cáo sơ kết công tác dân vận 6 tháng")
    shot(page, "home")
    logged = ChangeLog.objects.count()
    page.goto(f"/bao-cao/bieu-mau/{form.pk}/{thuc_phan.pk}/2026H1/")
    expect(page.locator("h1")).to_contain_text("Báo cáo sơ kết công tác dân vận 6 tháng")
    # Opening the ward's unstarted report writes nothing: no report, no change-log entry, until a figure is saved.
    expect(page.locator(".dv-status-line")).to_contain_text("Chưa nhập")
    page.get_by_role("link", name="Phần lời").click()
    page.get_by_role("link", name="Quá trình").click()
    page.get_by_role("link", name="Số liệu", exact=True).click()
    assert ChangeLog.objects.count() == logged
    assert not Submission.objects.filter(form=form, unit=thuc_phan, period="2026H1").exists()
    # On a phone each indicator is a card with a labelled line per column, nothing wider than the screen, and no
    # keyboard hints.
    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.locator(".dv-keys-help")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "phone-grid")
    page.set_viewport_size(DESKTOP)
    page.reload()
    cell("dcs_doi_thoai").focus()
    figures = {  # … received 4, resolved 6
        "dcs_doi_thoai": "3",
        "dcs_nguoi_du_doi_thoai": "450",
        "dcs_tiep_cong_dan": "12",
        "dcs_luot_tiep": "40",
        "dcs_don_tiep_nhan": "4",
        "dcs_don_giai_quyet": "6",
    }
    for code, figure in figures.items():
        page.keyboard.type(figure)
        page.keyboard.press("Enter")
        # As a person would, the next figure follows once this one is saved (the rules read the saved figures).
        expect(page.locator(f"#cell-c{ids[code]} .dv-saved-mark")).to_be_visible()
    resolved = page.locator(f"#cell-c{ids['dcs_don_giai_quyet']}")
    expect(resolved).to_contain_text("Số đơn thư đã giải quyết (6) không được lớn hơn số đơn thư kiến nghị")
    shot(page, "rule-broken")

    # The blocking rule stops the submission until the figure is corrected.
    # The submission is refused, in one line, and the grid points at each empty compulsory section.
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.locator("main")).to_contain_text(
        "Chưa nộp được: còn 3 ô / mục bắt buộc chưa điền; số liệu vi phạm quy tắc kiểm tra."
    )
    expect(page.locator("#rules-panel .dv-gap")).to_have_count(3)
    expect(page.locator("#rules-panel")).to_contain_text("Thực hiện dân chủ ở cơ sở")
    shot(page, "refused")
    cell("dcs_don_giai_quyet").focus()
    page.keyboard.press("Control+a")
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    expect(resolved).not_to_contain_text("không được lớn hơn")
    expect(resolved.locator(".dv-saved-mark")).to_be_visible()
    assert (
        Value.objects.get(unit=thuc_phan, period="2026H1", indicator__code="dcs_don_giai_quyet").number == 3
    )

    # The text of the report, then submit.
    page.get_by_role("link", name="Phần lời").click()
    page.get_by_label("Công tác dân vận của chính quyền").fill(NARRATIVE)
    page.get_by_label("Thực hiện dân chủ ở cơ sở").fill("Ba cuộc đối thoại, 450 lượt người dân tham dự.")
    page.get_by_label("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI").fill("Tiếp tục thực hiện tốt dân chủ ở cơ sở.")
    page.get_by_label("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI").press("Tab")
    expect(page.locator("main")).to_contain_text("Đã lưu")
    page.get_by_role("link", name="Số liệu", exact=True).click()
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.locator("main")).to_contain_text("Đã nộp, chờ duyệt")
    shot(page, "submitted")
    log_out()

    # 2. The province approves the ward's report.
    log_in("caobang")
    page.goto(f"/bao-cao/bieu-mau/{form.pk}/tien-do/?period=2026H1&unit={cao_bang.pk}&show=waiting")
    expect(page.locator("main")).to_contain_text("Phường Thục Phán")
    page.goto(f"/bao-cao/bieu-mau/{form.pk}/{thuc_phan.pk}/2026H1/")
    page.get_by_role("button", name="Duyệt", exact=True).click()
    expect(page.locator(".dv-status-line")).to_contain_text("Đã duyệt")
    assert Submission.objects.get(form=form, unit=thuc_phan, period="2026H1").status == "approved"
    shot(page, "approved")

    # 3. The province's totals, live: the ward's 3 dialogues are in, and the total is the sum of the communes'.
    total = province_total("dcs_doi_thoai", cao_bang, "2026H1")
    communes = sum(  # the approved reports' figures
        Value.objects.filter(
            indicator__code="dcs_doi_thoai",
            period="2026H1",
            unit__parent=cao_bang,
            unit__report_submissions__period="2026H1",
            unit__report_submissions__status="approved",
        ).values_list("number", flat=True)
    )
    assert total == communes
    page.goto(f"/bao-cao/tong-hop/?form={form.pk}&unit={cao_bang.pk}&period=2026H1")
    expect(page.locator("main")).to_contain_text("Phường Thục Phán")
    expect(page.locator("main")).to_contain_text(f"{int(total):,}".replace(",", "."))
    shot(page, "aggregate")

    # The 2024 → 2026 comparison for the province comes from the old units (161 old communes).
    page.goto(
        f"/bao-cao/tong-hop/?form={form.pk}&unit={cao_bang.pk}&period=2024H2&period=2026H1&layout=periods"
    )
    expect(page.locator("main")).to_contain_text("161")
    earlier = province_total("dcs_doi_thoai", cao_bang, "2024H2")
    old_units = sum(
        Value.objects.filter(
            indicator__code="dcs_doi_thoai",
            period="2024H2",
            unit__valid_to__isnull=False,
            unit__report_submissions__period="2024H2",
            unit__report_submissions__status="approved",
        ).values_list("number", flat=True)
    )
    assert earlier == old_units > 0
    expect(page.locator("main")).to_contain_text(f"{int(earlier):,}".replace(",", "."))
    shot(page, "comparison")

    # 4. The province's report document: generated in the background, downloaded, read.
    page.goto(f"/bao-cao/tong-hop/?form={form.pk}&unit={cao_bang.pk}&period=2026H1")
    page.get_by_role("link", name="Văn bản báo cáo (Word, PDF)").click()
    expect(page.locator("h1")).to_be_visible()
    # The number comes from the province's register of outgoing documents.
    page.get_by_role("button", name="Lưu và lấy số tiếp theo trong sổ văn bản đi (số 1)").click()
    expect(page.get_by_label("Số, ký hiệu")).to_have_value("1-BC/BTGDVTU")
    page.get_by_role("button", name="Lưu và tạo văn bản Word và PDF").click()
    expect(page.get_by_role("link", name="Tải Word (.docx)")).to_be_visible(timeout=60_000)
    shot(page, "document")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải Word (.docx)").click()
    document = Document(download.value.path())
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for table in document.tables for row in table.rows for c in row.cells]
    )
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "BÁO CÁO" in text
    assert "6 tháng đầu năm 2026" in text
    assert f"{int(total):,}".replace(",", ".") in text
    assert NARRATIVE in text
    assert "Số 1-BC/BTGDVTU" in text
    # The section is drafted: the province's figures in a sentence, the ward's own text on its line.
    assert "Trong 6 tháng đầu năm 2026, toàn tỉnh có " in text
    assert f"- Phường Thục Phán: {NARRATIVE}" in text
    # The PDF has one face: Liberation Serif, with every Vietnamese letter.
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải PDF").click()
    fonts = subprocess.run(
        ["pdffonts", download.value.path()], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    faces = {line.split()[0].split("+")[-1] for line in fonts}
    assert faces and all(face.startswith("Liberation-Serif") for face in faces), faces
