"""The shared reader of the Excel imports: which files it refuses, and how, before any app looks at a row."""

import datetime
import io
import re
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from danvan.core import excel, excel_extent
from danvan.core.errors import NotAllowed, ValidationError

from .. import workbooks

COLUMNS = (
    excel.Column("name", "Họ và tên", True, 30, "Bắt buộc.", ("ten",), max_length=10),
    excel.Column("born", "Ngày sinh", True, 14, "dd/mm/yyyy.", number_format=excel.DATE_FORMAT),
    excel.Column("phone", "Điện thoại", False, 16, "Không bắt buộc.", number_format=excel.TEXT_FORMAT),
    excel.Column("note", "Ghi chú", False, 30, "Không bắt buộc.", multiline=True),
)
SHEET = excel.ImportSheet(
    "Người",
    COLUMNS,
    no_header_message="Bảng tính trống: dòng 1 của trang «%(sheet)s» phải là dòng tiêu đề.",
    no_rows_message="Không có dòng dữ liệu nào trong trang «%(sheet)s».",
)
HEADERS = ["Họ và tên", "Ngày sinh", "Điện thoại", "Ghi chú"]


def upload(*rows, headers=HEADERS, title="Người", name="nguoi.xlsx"):
    return workbooks.xlsx_upload(*rows, name=name, headers=headers, title=title)


def refusal(uploaded, sheet=SHEET) -> str:
    with pytest.raises(excel.FileRefused) as refused:
        excel.read_rows(uploaded, sheet)
    return str(refused.value)


# ------------------------------------------------------------------------------------------- refused files


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("nguoi.csv", b"Ho va ten;Ngay sinh\n", "tên tệp phải có đuôi .xlsx"),
        ("nguoi.xlsx", b"Ho va ten;Ngay sinh\n", "tệp hỏng, hoặc là tệp .xls, .csv đổi tên"),
        ("nguoi.xlsx", b"", "tệp rỗng."),
    ],
    ids=["csv-name", "text-renamed", "empty"],
)
def test_a_file_that_is_not_an_xlsx_is_refused(name, content, expected):
    message = refusal(SimpleUploadedFile(name, content))
    assert message.startswith("Tệp không phải bảng tính Excel .xlsx hợp lệ")
    assert expected in message


def test_a_zip_without_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    assert refusal(SimpleUploadedFile("nguoi.xlsx", buffer.getvalue())) == (
        "Tệp không phải bảng tính Excel .xlsx hợp lệ: không tìm thấy nội dung bảng tính trong tệp."
    )


def test_a_file_over_5_mb_is_refused_before_it_is_opened():
    big = SimpleUploadedFile("nguoi.xlsx", b"0" * (excel.MAX_BYTES + 1))
    assert refusal(big) == "Tệp lớn 5,0 MB, vượt quá giới hạn 5 MB: hãy chia thành nhiều tệp nhỏ hơn."


def test_a_file_that_unzips_too_big_is_refused(monkeypatch):
    monkeypatch.setattr(excel, "MAX_UNZIPPED_BYTES", 100)
    assert refusal(upload(["An", "01/01/1990"])) == (
        "Nội dung tệp quá lớn khi giải nén: hãy chia thành nhiều tệp nhỏ hơn."
    )


def test_more_data_rows_than_allowed_are_refused(monkeypatch):
    monkeypatch.setattr(excel, "MAX_ROWS", 2)
    rows = [[f"Người {n}", "01/01/1990"] for n in range(3)]
    assert excel.read_rows(upload(*rows[:2]), SHEET)  # exactly the limit is read
    assert refusal(upload(*rows)) == (
        "Tệp có hơn 2 dòng dữ liệu: hãy chia thành nhiều tệp, mỗi tệp tối đa 2 dòng."
    )


def test_the_limits_are_five_thousand_rows_and_5_mb():
    assert (excel.MAX_ROWS, excel.MAX_BYTES) == (5000, 5 * 1024 * 1024)


def _hostile(*cells, headers=HEADERS, dimension=None, styles=0, strings=0, chain=0) -> bytes:
    """The template's header plus `cells` ((coordinate, value), value None for a styled blank cell) written where
    they say; optionally with a lying <dimension>, `styles` more cell styles, a table of `strings` strings."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Người"
    sheet.append(headers)
    for coordinate, value in cells:
        sheet[coordinate] = value
        if value is None:
            sheet[coordinate].number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    rewritten = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml" and dimension:
                content = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), content
                )
            if entry.filename == "xl/styles.xml" and styles:
                content = re.sub(rb"(<cellXfs[^>]*>)", rb"\1" + b'<xf numFmtId="0"/>' * styles, content)
            if entry.filename == "[Content_Types].xml":
                declared = (SHARED_STRINGS_TYPE if strings else b"") + (CALC_CHAIN_TYPE if chain else b"")
                content = content.replace(b"</Types>", declared + b"</Types>")
            target.writestr(entry.filename, content)
        if strings:
            table = b"<si><t>a</t></si>" * strings
            target.writestr("xl/sharedStrings.xml", b'<sst xmlns="%s">%s</sst>' % (MAIN, table))
        if chain:
            cells = b'<c r="A1" i="1"/>' * chain
            target.writestr("xl/calcChain.xml", b'<calcChain xmlns="%s">%s</calcChain>' % (MAIN, cells))
    return rewritten.getvalue()


MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARED_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)

CALC_CHAIN_TYPE = (
    b'<Override PartName="/xl/calcChain.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>'
)


@pytest.mark.parametrize(("styles", "strings"), [(20_001, 0), (0, 125_001)], ids=["styles", "strings"])
def test_a_small_file_with_too_many_styles_or_strings_is_refused_before_openpyxl_parses_them(styles, strings):
    # 9 KB with 100,000 styles used to take 6 s to open; 130 KB with 3 million strings a minute.
    content = _hostile(("A2", "An"), ("B2", "01/01/1990"), styles=styles, strings=strings)
    assert len(content) < 50_000
    assert refusal(SimpleUploadedFile("nguoi.xlsx", content)) == (
        "Tệp có phần nội dung quá lớn hoặc quá phức tạp (nhiều ô, chuỗi hay định dạng bất thường): hãy chép phần "
        "dữ liệu (chỉ giá trị) sang một tệp mới."
    )


def test_a_file_with_a_few_thousand_styles_and_strings_and_a_long_calculation_chain_is_read():
    # openpyxl does not read the calculation chain: one entry per formula cell, long in a genuine file.
    content = _hostile(("A2", "An"), ("B2", "01/01/1990"), styles=2000, strings=20_000, chain=100_000)
    assert [
        row.text["name"] for row in excel.read_rows(SimpleUploadedFile("nguoi.xlsx", content), SHEET)
    ] == ["An"]


def test_a_small_file_with_one_cell_at_the_last_cell_of_excel_is_refused_at_once():
    # 5 KB that used to cost ~23 CPU-minutes: openpyxl padded a million rows to 16,384 columns.
    content = _hostile(("A2", "An"), ("B2", "01/01/1990"), ("XFD1048576", "x"))
    assert len(content) < 10_000
    assert refusal(SimpleUploadedFile("nguoi.xlsx", content)) == (
        "Ô XFD1048576 có dữ liệu nằm ngoài vùng đọc được (tối đa 100 cột và 20.000 dòng): hãy xoá các ô thừa đó, "
        "hoặc chép phần dữ liệu sang một tệp mới."
    )


def test_a_value_beyond_the_last_row_or_column_read_is_refused_and_named():
    assert refusal(SimpleUploadedFile("a.xlsx", _hostile(("A2", "An"), ("A20001", "x")))).startswith(
        "Ô A20001 có dữ liệu nằm ngoài vùng đọc được"
    )
    assert refusal(SimpleUploadedFile("a.xlsx", _hostile(("A2", "An"), ("CW2", 1)))).startswith(
        "Ô CW2 có dữ liệu nằm ngoài vùng đọc được"
    )


def test_blank_formatted_cells_far_away_do_not_count_and_a_lying_dimension_is_ignored():
    content = _hostile(("A2", "An"), ("B2", "01/01/1990"), ("XFD1048576", None), dimension="A1:A1")
    rows = excel.read_rows(SimpleUploadedFile("nguoi.xlsx", content), SHEET)
    assert [(row.number, row.text["name"], row.text["born"]) for row in rows] == [(2, "An", "01/01/1990")]


def test_more_cells_or_rows_in_the_file_than_allowed_are_refused(monkeypatch):
    monkeypatch.setattr(excel_extent, "MAX_SHEET_CELLS", 5)
    assert refusal(upload(["An", "01/01/1990"], ["Bình", "01/01/1990"])) == (
        "Trang tính có hơn 5 ô: hãy chép phần dữ liệu sang một tệp mới."
    )
    monkeypatch.setattr(excel_extent, "MAX_SHEET_CELLS", 1000)
    monkeypatch.setattr(excel_extent, "MAX_SHEET_ROWS", 2)
    assert refusal(upload(["An", "01/01/1990"], ["Bình", "01/01/1990"])) == (
        "Trang tính có hơn 2 dòng: hãy chép phần dữ liệu sang một tệp mới."
    )


def test_missing_required_headers_are_named_together():
    assert refusal(upload(["An"], headers=["Họ và tên", "Nơi sinh"])) == (
        "Thiếu cột «Ngày sinh» ở dòng tiêu đề (dòng 1). Hãy dùng tệp mẫu hoặc giữ nguyên tên cột."
    )
    assert refusal(upload(["An"], headers=["STT"])).startswith("Thiếu cột «Họ và tên», «Ngày sinh»")


def test_a_header_written_twice_is_refused():
    assert refusal(upload(["An", "01/01/1990", "x"], headers=["Họ và tên", "Ngày sinh", "Tên"])) == (
        "Cột «Họ và tên» xuất hiện hai lần ở dòng tiêu đề."
    )


def test_an_empty_sheet_is_refused_with_the_imports_own_words():
    assert refusal(upload(headers=None)) == (
        "Bảng tính trống: dòng 1 của trang «Người» phải là dòng tiêu đề."
    )
    assert refusal(upload(headers=[None, "  "])).startswith("Bảng tính trống: dòng 1")
    assert refusal(upload()) == "Không có dòng dữ liệu nào trong trang «Người»."
    assert refusal(upload([None, ""], ["  "])) == "Không có dòng dữ liệu nào trong trang «Người»."


# ---------------------------------------------------------------------------------------------- read rows


def test_blank_rows_are_skipped_and_rows_keep_their_excel_numbers():
    rows = excel.read_rows(
        upload(["An", "01/01/1990"], [None, None], ["  ", ""], ["Bình", "02/02/1991"]), SHEET
    )
    assert [(row.number, row.text["name"]) for row in rows] == [(2, "An"), (5, "Bình")]


def test_headers_match_without_accents_case_order_or_a_trailing_star():
    headers = ["GHI CHU", "ngay sinh *", "STT", "Ho va ten"]
    rows = excel.read_rows(upload(["Một dòng", "01/01/1990", 1, "An"], headers=headers), SHEET)
    assert rows[0].text == {"note": "Một dòng", "born": "01/01/1990", "name": "An"}
    assert (
        excel.read_rows(upload(["An", "01/01/1990"], headers=["Tên", "Ngày sinh"]), SHEET)[0].text["name"]
        == "An"
    )


def test_a_row_with_something_only_in_unread_columns_is_skipped_unless_the_import_says_otherwise():
    uploaded = upload(["An", "01/01/1990"], [None, None, None, None, 2], headers=[*HEADERS, "STT"])
    assert [row.number for row in excel.read_rows(uploaded, SHEET)] == [2]
    keeping = excel.ImportSheet(
        SHEET.title,
        COLUMNS,
        SHEET.no_header_message,
        SHEET.no_rows_message,
        skip_rows_blank_in_read_columns=False,
    )
    assert [row.number for row in excel.read_rows(uploaded, keeping)] == [2, 3]


def test_the_sheet_named_like_the_template_is_read_even_when_not_first():
    workbook = openpyxl.Workbook()
    workbook.active.title = "Ghi chú"
    workbook.active.append(["Trang này bị bỏ qua"])
    sheet = workbook.create_sheet("nguoi")
    sheet.append(HEADERS)
    sheet.append(["An", "01/01/1990"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = excel.read_rows(SimpleUploadedFile("a.xlsx", buffer.getvalue()), SHEET)
    assert [row.text["name"] for row in rows] == ["An"]
    # Otherwise the first sheet, whatever its name.
    assert excel.read_rows(upload(["Bình", "01/01/1990"], title="Sheet1"), SHEET)[0].text["name"] == "Bình"


def test_rows_are_built_as_the_imports_row_type():
    class PersonRow(excel.SheetRow):
        checked = False

    rows = excel.read_rows(upload(["An", datetime.datetime(1990, 1, 1), 912345678]), SHEET, PersonRow)
    assert isinstance(rows[0], PersonRow)
    assert rows[0].values["born"] == datetime.datetime(1990, 1, 1)
    assert rows[0].text == {"name": "An", "born": "01/01/1990", "phone": "912345678", "note": ""}


# -------------------------------------------------------------------------------------------------- cells


def test_cell_text_reads_a_cell_as_a_form_would():
    assert excel.cell_text(None) == ""
    assert excel.cell_text(12.0) == "12" and excel.cell_text(3.5) == "3.5" and excel.cell_text(True) == "1"
    assert excel.cell_text(datetime.date(2025, 7, 1)) == "01/07/2025"
    assert excel.cell_text("  Tổ  dân\nphố ") == "Tổ dân phố"
    assert excel.cell_text("Ca\u0300 Mau") == "Cà Mau"
    assert excel.cell_text(" a \r\n\n b ", multiline=True) == "a\nb"
    assert excel.cell_text("\n a \n\n b \n", multiline=True, keep_blank_lines=True) == "a\n\nb"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01/07/2025", datetime.date(2025, 7, 1)),
        ("1-7-2025", datetime.date(2025, 7, 1)),
        ("01.07.2025", datetime.date(2025, 7, 1)),
        ("2025-07-01", datetime.date(2025, 7, 1)),
        (datetime.datetime(2025, 7, 1, 8, 30), datetime.date(2025, 7, 1)),
        (datetime.date(2025, 7, 1), datetime.date(2025, 7, 1)),
        (None, None),
        ("", None),
    ],
)
def test_cell_date_reads_date_cells_and_vietnamese_dates(value, expected):
    assert excel.cell_date(value, excel.cell_text(value)) == expected


@pytest.mark.parametrize("value", ["31/02/2025", "01/07/1899", "hôm qua", 45839])
def test_cell_date_refuses_what_is_not_a_date(value):
    with pytest.raises(ValueError):
        excel.cell_date(value, excel.cell_text(value))


def test_cell_date_reads_excel_day_numbers_only_when_asked():
    assert excel.cell_date(45839, "45839", serial_numbers=True) == datetime.date(2025, 7, 1)
    with pytest.raises(ValueError):
        excel.cell_date(0, "0", serial_numbers=True)


# --------------------------------------------------------------------------------------- report and saving


def test_a_rows_problems_are_reported_in_column_order_then_for_the_row():
    report = excel.ImportReport(root=None)
    problems = excel.RowProblems()
    problems.add("", "Trùng với dòng 2.")
    problems.add("born", "Ngày không hợp lệ.")
    excel.check_lengths(SHEET, {"name": "Nguyễn Văn Thành"}, problems.add)
    report.fail_row(3, problems, SHEET)
    assert report.messages == [
        "Dòng 3, cột «Họ và tên»: Dài quá 10 ký tự.",
        "Dòng 3, cột «Ngày sinh»: Ngày không hợp lệ.",
        "Dòng 3: Trùng với dòng 2.",
    ]
    report.fail("Tệp hỏng.")
    assert (len(report.row_errors), [str(e) for e in report.file_errors], report.ok) == (
        3,
        ["Tệp hỏng."],
        False,
    )


@pytest.mark.django_db
def test_saving_stops_at_the_first_refused_row_and_keeps_nothing():
    rows = [excel.SheetRow(number, {}, {}) for number in (2, 3, 4)]
    saved = []

    def save(row):
        if row.number == 3:
            raise ValidationError({"birth_date": "Ngày sinh sau ngày hôm nay.", "other": "Lỗi khác."})
        saved.append(row.number)
        return row.number

    report = excel.ImportReport(root=None)
    excel.save_all_or_none(report, rows, save, SHEET, {"birth_date": "born"})
    assert saved == [2] and report.created == []
    assert report.messages == [
        "Dòng 3, cột «Ngày sinh»: Ngày sinh sau ngày hôm nay.",
        "Dòng 3: Lỗi khác.",
    ]


@pytest.mark.django_db
def test_saving_explains_a_concurrent_change_and_a_refused_unit():
    rows = [excel.SheetRow(2, {}, {})]

    def clash(row):
        raise IntegrityError

    report = excel.ImportReport(root=None)
    excel.save_all_or_none(report, rows, clash, SHEET, {})
    assert report.messages[0].startswith("Dòng 2 không lưu được vì dữ liệu vừa bị thay đổi đồng thời")

    def refuse(row):
        raise NotAllowed("Bạn không có quyền.")

    with pytest.raises(NotAllowed):
        excel.save_all_or_none(excel.ImportReport(root=None), rows, refuse, SHEET, {})
    report = excel.ImportReport(root=None)
    excel.save_all_or_none(report, rows, refuse, SHEET, {}, not_allowed_column="name")
    assert report.messages == ["Dòng 2, cột «Họ và tên»: Bạn không có quyền."]


# ------------------------------------------------------------------------------------------------ template


def test_template_has_styled_headers_formats_a_guide_and_dropdowns():
    template = excel.TemplateWorkbook(
        SHEET,
        [{"name": "An", "born": datetime.date(1990, 1, 1), "phone": "0912", "note": "Hai\ndòng"}],
        guide_title="Hướng dẫn",
        guide_intro="Mỗi dòng một người.",
        guide_widths={"A": 20, "C": 60},
    )
    names = template.add_list("E", "Tên gợi ý", ["An", "Bình"])
    assert names == "'Hướng dẫn'!$E$5:$E$6"
    template.add_dropdown("name", names, "Tên")
    workbook = openpyxl.load_workbook(io.BytesIO(template.to_bytes()))
    assert workbook.sheetnames == ["Người", "Ví dụ", "Hướng dẫn"]
    sheet, examples, guide = workbook["Người"], workbook["Ví dụ"], workbook["Hướng dẫn"]
    for data_sheet in (sheet, examples):
        assert [cell.value for cell in data_sheet[1]] == HEADERS and all(
            cell.font.b for cell in data_sheet[1]
        )
        assert data_sheet.freeze_panes == "A2" and data_sheet.column_dimensions["A"].width == 30
    assert sheet.max_row == 1  # the import reads this sheet: the example is not on it
    assert sheet.column_dimensions["C"].number_format == excel.TEXT_FORMAT
    assert examples["A2"].value == "An"
    assert (examples["B2"].number_format, examples["C2"].number_format) == (
        excel.DATE_FORMAT,
        excel.TEXT_FORMAT,
    )
    assert examples["D2"].alignment.wrap_text
    (validation,) = sheet.data_validations.dataValidation
    assert (validation.formula1, str(validation.sqref)) == (names, f"A2:A{excel.MAX_ROWS + 1}")
    assert (guide["A1"].value, guide["A2"].value, guide["E4"].value) == (
        "Hướng dẫn",
        "Mỗi dòng một người.",
        "Tên gợi ý",
    )
    assert [guide.cell(row=5 + i, column=1).value for i in range(len(HEADERS))] == HEADERS
    assert [guide.cell(row=5 + i, column=2).value for i in range(2)] == ["Có", "Có"]
