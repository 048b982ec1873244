"""A ward fills its half-year report offline: it downloads the form from the grid as an Excel file, fills it
without a connection, uploads it; a wrong figure is named by sheet, row and indicator and nothing is saved; corrected,
the file is taken and its figures and texts are on the grid."""

import openpyxl
import pytest
from playwright.sync_api import expect

from danvan.demo.reporting import define_demo_form
from danvan.reporting.models import Indicator, Submission, Value

pytestmark = pytest.mark.e2e

TEXT = "Chính quyền phường tổ chức bảy cuộc đối thoại với Nhân dân về chỉnh trang đô thị."


def test_ward_fills_its_report_in_excel_offline_and_uploads_it(page, log_in, shot, units, tmp_path):
    form = define_demo_form(units["cao_bang"])
    thuc_phan = units["thuc_phan"]
    # Read before the browser starts: the live server shares the test's SQLite connection.
    ids = dict(Indicator.objects.values_list("code", "pk"))
    names = dict(Indicator.objects.values_list("code", "name"))
    grid = f"/bao-cao/bieu-mau/{form.pk}/{thuc_phan.pk}/2026H1/"

    log_in("thucphan")
    page.goto(grid)
    with page.expect_download() as started:
        page.get_by_role("link", name="Tải biểu Excel").click()
    download = started.value
    assert download.suggested_filename.endswith("-2026H1.xlsx")
    downloaded = tmp_path / download.suggested_filename
    download.save_as(downloaded)
    workbook = openpyxl.load_workbook(downloaded)
    sheet = workbook["Số liệu"]
    rows = {row[1].value: row[0].row for row in sheet.iter_rows() if row[1].value}
    dialogues, visits = rows[names["dcs_doi_thoai"]], rows[names["dcs_luot_tiep"]]
    sheet.cell(dialogues, 4).value = 7
    sheet.cell(visits, 4).value = "bốn mươi"  # a slip the upload must catch
    workbook["Phần lời"]["B9"] = TEXT  # "Công tác dân vận của chính quyền"
    filled = tmp_path / "bao-cao.xlsx"
    workbook.save(filled)

    page.get_by_role("link", name="Nhập từ Excel").click()
    expect(page.locator("h1")).to_have_text("Nhập báo cáo từ tệp Excel")
    page.locator("#offline-file").set_input_files(filled)
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    errors = page.locator("#offline-errors")
    expect(errors).to_contain_text("Số liệu")
    expect(errors).to_contain_text(str(visits))
    expect(errors).to_contain_text("“Số lượt công dân được tiếp”: “bốn mươi” không phải là số.")
    shot(page, "refused")
    assert not Value.objects.filter(unit=thuc_phan, period="2026H1", indicator__code="dcs_doi_thoai").exists()

    sheet.cell(visits, 4).value = "1.040"  # written the Vietnamese way
    workbook.save(filled)
    page.locator("#offline-file").set_input_files(filled)
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    expect(page).to_have_url(f"{page.url.split('/bao-cao/')[0]}{grid}")
    expect(page.locator("main")).to_contain_text("Đã nhập từ tệp Excel: 2 ô số liệu, 1 mục phần lời.")
    expect(page.locator(f"#v-c{ids['dcs_doi_thoai']}")).to_have_value("7")
    expect(page.locator(f"#v-c{ids['dcs_luot_tiep']}")).to_have_value("1.040")
    shot(page, "on-the-grid")
    page.get_by_role("link", name="Phần lời").click()
    expect(page.get_by_label("Công tác dân vận của chính quyền")).to_have_value(TEXT)
    assert Submission.objects.get(form=form, unit=thuc_phan, period="2026H1").narrative["2.2"] == TEXT
