"""Working offline in Excel: a commune downloads its report's form, fills it without a connection and uploads it
back; the upload passes the grid's checks (format, scope, status, conflicts) all or nothing, naming sheet, row and
indicator, and refuses a file of another unit, period or form, an outdated form and hostile files."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.core.excel_export import XLSX_CONTENT_TYPE
from danvan.core.models import ChangeLog
from danvan.reporting import services
from danvan.reporting.models import Indicator, Submission, Value, ValueChange

pytestmark = pytest.mark.django_db

PERIOD = "2026H1"


def url(name, form, unit, period=PERIOD):
    return reverse(f"reporting:{name}", args=[form.pk, unit.pk, period])


def download(client, form, unit, period=PERIOD):
    response = client.get(url("offline_download", form, unit, period))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    return openpyxl.load_workbook(io.BytesIO(response.content))


def row_of(sheet, name: str) -> int:
    """The row of the indicator named `name` on the grid sheet."""
    for row in sheet.iter_rows():
        if row[1].value == name:
            return row[0].row
    raise AssertionError(f"no row {name}")


def as_upload(workbook, name="bao-cao.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)


def upload(client, form, unit, file, period=PERIOD):
    return client.post(url("offline_upload", form, unit, period), {"file": file})


def figure(unit, code, category="", period=PERIOD):
    value = Value.objects.filter(unit=unit, period=period, indicator__code=code, category=category).first()
    return None if value is None else (value.number if value.text == "" else value.text)


def name(code):
    return Indicator.objects.get(code=code).name


@pytest.fixture
def thuc_phan(units):
    return units["thuc_phan"]


def test_the_downloaded_form_is_the_grid_with_locked_labels_and_validation(
    client_for, commune_editor, demo_form, thuc_phan
):
    workbook = download(client_for(commune_editor), demo_form, thuc_phan)
    sheet = workbook["Số liệu"]
    assert sheet["A1"].value == demo_form.name
    assert "Phường Thục Phán" in sheet["A2"].value and "6 tháng đầu năm 2026" in sheet["A2"].value
    assert "10/07/2026" in sheet["A2"].value  # the deadline, dd/mm/yyyy
    assert sheet.protection.sheet
    dialogues = row_of(sheet, name("dcs_doi_thoai"))
    assert sheet.cell(dialogues, 2).protection.locked  # the label
    assert not sheet.cell(dialogues, 4).protection.locked  # the input cell
    rate = row_of(sheet, name("dcs_ty_le_giai_quyet") + " (tự tính)")
    assert sheet.cell(rate, 4).protection.locked
    registered = row_of(sheet, name("dvk_mh_dang_ky"))
    assert sheet.cell(registered, 4).protection.locked  # bound to the register: shown, not typed
    assert (
        sheet.cell(registered - 1, 4).value == "Cấp xã, phường, đặc khu"
    )  # the category options are the columns
    kinds = {v.type: v for v in sheet.data_validations.dataValidation}
    assert kinds["list"].formula1 == '"Có,Không"'
    assert sheet.cell(row_of(sheet, name("dcs_so_ket")), 4).coordinate in kinds["list"].sqref
    assert sheet.cell(dialogues, 4).coordinate in kinds["whole"].sqref
    texts = workbook["Phần lời"]
    assert texts["A4"].value == "I. TÌNH HÌNH CHUNG"
    assert workbook["dinh_danh"].sheet_state == "veryHidden"


def test_downloading_writes_nothing(client_for, commune_editor, demo_form, thuc_phan):
    logged = ChangeLog.objects.count()
    download(client_for(commune_editor), demo_form, thuc_phan)
    assert not Submission.objects.filter(unit=thuc_phan).exists()
    assert not Value.objects.filter(unit=thuc_phan).exists()
    assert ChangeLog.objects.count() == logged


def test_a_filled_form_round_trips_to_the_grid(client_for, commune_editor, demo_form, thuc_phan):
    client = client_for(commune_editor)
    workbook = download(client, demo_form, thuc_phan)
    sheet = workbook["Số liệu"]
    sheet.cell(row_of(sheet, name("dcs_doi_thoai")), 4).value = 4
    sheet.cell(row_of(sheet, name("dcs_nguoi_du_doi_thoai")), 4).value = "1.759"  # typed the Vietnamese way
    sheet.cell(row_of(sheet, name("asxh_gia_tri_qua")), 4).value = "2,5"
    sheet.cell(row_of(sheet, name("dcs_so_ket")), 4).value = "Có"
    workbook["Phần lời"]["B5"] = "Tư tưởng cán bộ, đảng viên ổn định.\nNhân dân tin tưởng."
    response = upload(client, demo_form, thuc_phan, as_upload(workbook))
    assert response.status_code == 302
    assert response["Location"] == url("entry", demo_form, thuc_phan)
    submission = Submission.objects.get(unit=thuc_phan, period=PERIOD)  # the upload began the report
    assert figure(thuc_phan, "dcs_doi_thoai") == 4
    assert figure(thuc_phan, "dcs_nguoi_du_doi_thoai") == 1759
    assert figure(thuc_phan, "asxh_gia_tri_qua") == 2.5
    assert figure(thuc_phan, "dcs_so_ket") == 1
    assert submission.narrative["1.1"] == "Tư tưởng cán bộ, đảng viên ổn định.\nNhân dân tin tưởng."
    change = ValueChange.objects.get(unit=thuc_phan, period=PERIOD, indicator__code="dcs_nguoi_du_doi_thoai")
    assert (change.old_value, change.new_value, change.user) == ("", "1.759", commune_editor)
    html = client.get(response["Location"]).content.decode()
    assert "Đã nhập từ tệp Excel: 4 ô số liệu, 1 mục phần lời." in html
    assert 'value="1.759"' in html
    # Downloaded again, the form holds what was uploaded.
    again = download(client, demo_form, thuc_phan)["Số liệu"]
    assert again.cell(row_of(again, name("dcs_nguoi_du_doi_thoai")), 4).value == 1759


def test_a_file_of_another_unit_or_period_is_refused(client_for, province_admin, demo_form, thuc_phan, units):
    client = client_for(province_admin)
    for other_unit, period, message in (
        (
            thuc_phan,
            "2025H2",
            "Tệp này là báo cáo kỳ 6 tháng cuối năm 2025, không phải kỳ 6 tháng đầu năm 2026",
        ),
        (
            units["nung_tri_cao"],
            PERIOD,
            "Tệp này là báo cáo của Phường Nùng Trí Cao, không phải của Phường Thục Phán",
        ),
    ):
        workbook = download(client, demo_form, other_unit, period)
        sheet = workbook["Số liệu"]
        sheet.cell(row_of(sheet, name("dcs_doi_thoai")), 4).value = 4
        html = upload(client, demo_form, thuc_phan, as_upload(workbook)).content.decode()
        assert message in html
    assert not Value.objects.filter(indicator__code="dcs_doi_thoai").exists()


def test_a_bad_value_names_sheet_row_and_indicator_and_saves_nothing(
    client_for, commune_editor, demo_form, thuc_phan
):
    client = client_for(commune_editor)
    workbook = download(client, demo_form, thuc_phan)
    sheet = workbook["Số liệu"]
    sheet.cell(row_of(sheet, name("dcs_doi_thoai")), 4).value = 4
    bad = row_of(sheet, name("dcs_luot_tiep"))
    sheet.cell(bad, 4).value = "mười"
    response = upload(client, demo_form, thuc_phan, as_upload(workbook))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không có số liệu nào được nhập: tệp có 1 lỗi." in html
    assert f"<td>{bad}</td>" in html
    assert "“Số lượt công dân được tiếp”: “mười” không phải là số." in html
    assert not Value.objects.filter(unit=thuc_phan).exists()
    assert not Submission.objects.filter(unit=thuc_phan).exists()


def test_a_submitted_report_takes_no_file(client_for, commune_editor, demo_form, thuc_phan):
    client = client_for(commune_editor)
    submission = services.open_submission(commune_editor, demo_form, thuc_phan, PERIOD)
    workbook = download(client, demo_form, thuc_phan)
    services.submit(commune_editor, submission)
    sheet = workbook["Số liệu"]
    sheet.cell(row_of(sheet, name("dcs_doi_thoai")), 4).value = 4
    html = upload(client, demo_form, thuc_phan, as_upload(workbook)).content.decode()
    assert "Báo cáo đã nộp, đang chờ duyệt" in html
    assert figure(thuc_phan, "dcs_doi_thoai") is None


def test_a_cell_changed_on_the_grid_since_the_download_is_not_overwritten(
    client_for, commune_editor, demo_form, thuc_phan
):
    client = client_for(commune_editor)
    submission = services.open_submission(commune_editor, demo_form, thuc_phan, PERIOD)
    workbook = download(client, demo_form, thuc_phan)
    dialogues = Indicator.objects.get(code="dcs_doi_thoai")
    services.save_value(commune_editor, submission, dialogues, "", "2")
    sheet = workbook["Số liệu"]
    sheet.cell(row_of(sheet, dialogues.name), 4).value = 5
    sheet.cell(row_of(sheet, name("dcs_luot_tiep")), 4).value = 30
    html = upload(client, demo_form, thuc_phan, as_upload(workbook)).content.decode()
    assert "Ô này vừa được Hoàng Thị Phường sửa thành “2”" in html
    assert figure(thuc_phan, "dcs_doi_thoai") == 2
    assert figure(thuc_phan, "dcs_luot_tiep") is None  # all or nothing


def test_a_changed_system_figure_is_refused(client_for, commune_editor, demo_form, thuc_phan):
    client = client_for(commune_editor)
    workbook = download(client, demo_form, thuc_phan)
    sheet = workbook["Số liệu"]
    sheet.protection.sheet = False
    sheet.cell(row_of(sheet, name("dvk_don_vi_dang_ky")), 4).value = 99
    html = upload(client, demo_form, thuc_phan, as_upload(workbook)).content.decode()
    assert "Số liệu này lấy từ hệ thống, không sửa được trong tệp Excel" in html
    assert not Value.objects.filter(unit=thuc_phan).exists()


def test_a_form_changed_since_the_download_is_refused(client_for, commune_editor, demo_form, thuc_phan):
    client = client_for(commune_editor)
    workbook = download(client, demo_form, thuc_phan)
    section = demo_form.sections.first()
    section.items.last().delete()
    html = upload(client, demo_form, thuc_phan, as_upload(workbook)).content.decode()
    assert "Biểu mẫu đã được sửa sau khi tệp này được tải về" in html


def test_a_workbook_not_downloaded_from_the_grid_is_refused(client_for, commune_editor, demo_form, thuc_phan):
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Số cuộc đối thoại"
    workbook.active["B1"] = 4
    html = upload(client_for(commune_editor), demo_form, thuc_phan, as_upload(workbook)).content.decode()
    assert "Tệp này không phải biểu Excel tải từ trang nhập liệu" in html


def test_a_renamed_sheet_is_named_in_the_refusal(client_for, commune_editor, demo_form, thuc_phan):
    client = client_for(commune_editor)
    workbook = download(client, demo_form, thuc_phan)
    workbook["Số liệu"].title = "Bieu 1"
    html = upload(client, demo_form, thuc_phan, as_upload(workbook)).content.decode()
    assert "Tệp không còn trang «Số liệu» (bị xoá hoặc đổi tên)" in html


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4 not a workbook", "Tệp không phải bảng tính Excel .xlsx hợp lệ"),
        (b"", "tệp rỗng"),
    ],
)
def test_a_file_that_is_not_xlsx_is_refused(
    client_for, commune_editor, demo_form, thuc_phan, content, message
):
    file = SimpleUploadedFile("bao-cao.xlsx", content, content_type=XLSX_CONTENT_TYPE)
    response = upload(client_for(commune_editor), demo_form, thuc_phan, file)
    assert response.status_code == 200
    assert message in response.content.decode()


def _rezipped(data: bytes, replace: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry, replace.get(entry.filename, source.read(entry.filename)))
    return buffer.getvalue()


def _sheet_part(data: bytes, title: str) -> str:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return f"xl/worksheets/sheet{workbook.sheetnames.index(title) + 1}.xml"


def test_hostile_files_are_refused_cleanly(client_for, commune_editor, demo_form, thuc_phan):
    client = client_for(commune_editor)
    data = client.get(url("offline_download", demo_form, thuc_phan)).content
    part = _sheet_part(data, "Số liệu")
    xml = zipfile.ZipFile(io.BytesIO(data)).read(part)
    # A sparse sheet: one value far beyond the real rows, which openpyxl would pad every row to.
    sparse = xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'
    )
    # A zip bomb: a part that unzips to far more than the file.
    bomb = xml.replace(b"</sheetData>", b"</sheetData>" + b" " * (210 * 1024 * 1024))
    # A NUL byte in a text of the sheet's XML.
    nul = xml.replace(b"<t>", b"<t>\x00", 1) if b"<t>" in xml else xml.replace(b"<v>", b"<v>\x00", 1)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["Số liệu"]
    sheet.cell(row_of(sheet, name("dcs_doi_thoai")), 4).value = 10**20
    huge = io.BytesIO()
    workbook.save(huge)
    cases = {
        "sparse": (_rezipped(data, {part: sparse}), "nằm ngoài vùng đọc được"),
        "bomb": (_rezipped(data, {part: bomb}), "Nội dung tệp quá lớn khi giải nén"),
        "nul": (_rezipped(data, {part: nul}), "không đọc được nội dung trang tính"),
        "huge": (
            huge.getvalue(),
            "“Số cuộc đối thoại của người đứng đầu cấp ủy, chính quyền với Nhân dân”: số quá lớn.",
        ),
    }
    for case, (content, message) in cases.items():
        file = SimpleUploadedFile("bao-cao.xlsx", content, content_type=XLSX_CONTENT_TYPE)
        response = upload(client, demo_form, thuc_phan, file)
        assert response.status_code == 200, case
        assert message in response.content.decode(), case
    assert not Value.objects.filter(unit=thuc_phan).exists()
    assert not Submission.objects.filter(unit=thuc_phan).exists()


def test_the_grid_links_to_the_excel_form(client_for, commune_editor, demo_form, thuc_phan):
    html = client_for(commune_editor).get(url("entry", demo_form, thuc_phan)).content.decode()
    assert url("offline_download", demo_form, thuc_phan) in html
    assert url("offline_upload", demo_form, thuc_phan) in html


def test_a_viewer_downloads_but_cannot_upload(client_for, demo_form, thuc_phan, units):
    from danvan.accounts.scope import Role
    from tests.conftest import make_user

    viewer = make_user("xem", thuc_phan, Role.VIEWER)
    client = client_for(viewer)
    workbook = download(client, demo_form, thuc_phan)
    sheet = workbook["Số liệu"]
    sheet.cell(row_of(sheet, name("dcs_doi_thoai")), 4).value = 4
    html = upload(client, demo_form, thuc_phan, as_upload(workbook)).content.decode()
    assert "Bạn không có quyền nhập báo cáo của Phường Thục Phán." in html
    assert not Value.objects.filter(unit=thuc_phan).exists()


def test_another_communes_editor_gets_404(client_for, other_commune_editor, demo_form, thuc_phan):
    client = client_for(other_commune_editor)
    assert client.get(url("offline_download", demo_form, thuc_phan)).status_code == 404
    assert client.get(url("offline_upload", demo_form, thuc_phan)).status_code == 404


def test_a_broken_rule_is_shown_after_the_upload_as_on_the_grid(
    client_for, commune_editor, demo_form, thuc_phan
):
    """As a grid save does, the upload keeps the figures and says which rule they break; submitting is what a
    blocking rule stops."""
    client = client_for(commune_editor)
    workbook = download(client, demo_form, thuc_phan)
    sheet = workbook["Số liệu"]
    sheet.cell(row_of(sheet, name("dcs_don_tiep_nhan")), 4).value = 4
    sheet.cell(row_of(sheet, name("dcs_don_giai_quyet")), 4).value = 6
    response = upload(client, demo_form, thuc_phan, as_upload(workbook))
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Số đơn thư đã giải quyết không được lớn hơn số đơn thư tiếp nhận" in html
    assert figure(thuc_phan, "dcs_don_giai_quyet") == 6


def test_downloading_the_form_costs_a_fixed_number_of_queries(
    client_for, province_admin, demo_reports, units, django_assert_max_num_queries
):
    """As many as the grid: the session and scope, the form's structure, the report, its cells and rules; a report
    not begun reads the register's counts of its four bound indicators instead of its cells, and the activities'
    four sets of counts (meetings, inspections, tasks, hotspots: one query each, and one for the unit's lineage)
    behind its eleven bound activity indicators, and the citizens' three (petitions in one aggregate, receptions,
    dialogues) behind its seven bound citizens' indicators."""
    client = client_for(province_admin)
    with django_assert_max_num_queries(15):
        download(client, demo_reports, units["nung_tri_cao"])
    with django_assert_max_num_queries(29):
        download(client, demo_reports, units["thuc_phan"])
