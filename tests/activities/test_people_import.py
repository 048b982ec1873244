"""Excel import of people and their posts: one row per post, the rows of one person grouped, every row checked,
then all saved or nothing (DESIGN §4.5)."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.accounts.models import Role
from danvan.activities.models import Person, Post
from danvan.activities.people_excel import template_workbook
from danvan.activities.people_import import import_people_workbook
from danvan.core.errors import NotAllowed
from danvan.core.excel_export import XLSX_CONTENT_TYPE
from danvan.core.models import ChangeLog
from tests import factories, workbooks
from tests.clock import today

HEADERS = [
    "Họ và tên",
    "Giới tính",
    "Năm sinh",
    "Điện thoại",
    "Thư điện tử",
    "Mã đơn vị quản lý",
    "Chức vụ",
    "Mã đơn vị giữ chức vụ",
    "Từ ngày",
    "Đến ngày",
]


def upload(*rows, headers=HEADERS, name="can-bo.xlsx", title="Cán bộ"):
    return workbooks.xlsx_upload(*rows, name=name, headers=headers, title=title)


@pytest.fixture
def province_editor(units):
    return factories.user("tinh_editor", units["cao_bang"], Role.EDITOR)


def _rows(units, keeper="cao_bang"):
    district = units["tp_cao_bang"]
    province = units[keeper]
    return [
        [
            "Vũ Văn Minh",
            "Nam",
            1972,
            "0206 3852 123",
            "",
            province.code,
            "UV BTV Thành ủy",
            district.code,
            "15/10/2020",
            "",
        ],
        [
            "vu van minh",
            "",
            "",
            "",
            "",
            province.code,
            "Trưởng Ban Dân vận",
            district.code,
            datetime.date(2020, 10, 15),
            None,
        ],
        [
            "Nông Thị Hoa",
            "nữ",
            "",
            "",
            "hoa@caobang.gov.vn",
            province.code,
            "Phó Trưởng Ban Dân vận Tỉnh ủy",
            "",
            "01/03/2019",
            "30/06/2025",
        ],
    ]


def test_two_people_and_three_posts_are_imported_and_logged(units, province_editor):
    report = import_people_workbook(province_editor, units["cao_bang"], upload(*_rows(units)))

    assert report.ok, report.messages
    hoa, minh = Person.objects.order_by("sort_key")
    assert (hoa.name, hoa.gender, hoa.email) == ("Nông Thị Hoa", "female", "hoa@caobang.gov.vn")
    assert (minh.name, minh.birth_year, minh.phone) == ("Vũ Văn Minh", 1972, "0206 3852 123")
    assert list(minh.posts.values_list("title", "unit__code", "valid_from", "position")) == [
        ("UV BTV Thành ủy", units["tp_cao_bang"].code, datetime.date(2020, 10, 15), 1),
        ("Trưởng Ban Dân vận", units["tp_cao_bang"].code, datetime.date(2020, 10, 15), 2),
    ]
    assert Post.objects.count() == 3
    logged = ChangeLog.objects.filter(action="create", content_type__app_label="activities")
    assert logged.count() == 5


def test_importing_the_same_file_twice_adds_nobody_and_no_post(units, province_editor):
    for _attempt in range(2):
        assert import_people_workbook(province_editor, units["cao_bang"], upload(*_rows(units))).ok
    assert (Person.objects.count(), Post.objects.count()) == (2, 3)


def _refused(units, actor, *rows, **kwargs) -> list[str]:
    report = import_people_workbook(actor, units["cao_bang"], upload(*rows, **kwargs))
    assert not report.ok
    assert not Person.objects.exists() and not Post.objects.exists()
    return report.messages


def test_a_bad_row_saves_nothing_and_each_error_names_its_row_and_column(units, province_editor):
    good = _rows(units)
    bad_date = [*good[2][:8], "31/02/2019", ""]
    unknown = ["Lò Văn Sáu", "", "", "", "", "KHONG-CO", "Ủy viên", "", "", ""]
    outside = factories.other_province_commune(units["cao_bang"])
    foreign_post = ["Hà Thị Bảy", "", "", "", "", units["cao_bang"].code, "Bí thư", outside.code, "", ""]
    backwards = [
        "Tô Vũ Ninh",
        "",
        "",
        "",
        "",
        units["cao_bang"].code,
        "Phó Bí thư",
        "",
        "01/07/2021",
        "01/01/2021",
    ]
    future = ["Trẻ Mãi", "", 2999, "", "", units["cao_bang"].code, "", "", "", ""]

    messages = _refused(units, province_editor, *good[:2], bad_date, unknown, foreign_post, backwards, future)

    assert messages == [
        "Dòng 4, cột «Từ ngày»: Ngày «31/02/2019» không hợp lệ: hãy ghi dạng dd/mm/yyyy, ví dụ 22/07/2021.",
        "Dòng 5, cột «Mã đơn vị quản lý»: Không tìm thấy đơn vị «KHONG-CO» trong Tỉnh Cao Bằng: hãy ghi mã của "
        "Tỉnh Cao Bằng hoặc một đơn vị trực thuộc.",
        f"Dòng 6, cột «Mã đơn vị giữ chức vụ»: Đơn vị «{outside.code}» nằm ngoài phạm vi của bạn và không phải "
        "cấp trên của đơn vị quản lý.",
        "Dòng 7, cột «Đến ngày»: Ngày thôi giữ chức vụ (01/01/2021) trước ngày bắt đầu (01/07/2021).",
        f"Dòng 8, cột «Năm sinh»: Năm sinh phải từ 1900 đến {today().year}.",
    ]


def test_rows_of_one_person_must_not_contradict_each_other(units, province_editor):
    first, second, _third = _rows(units)
    second[2] = 1980
    assert _refused(units, province_editor, first, second) == [
        "Dòng 3, cột «Năm sinh»: Khác với dòng 2 của cùng người (cùng họ tên, cùng đơn vị quản lý)."
    ]


def test_a_unit_outside_the_users_scope_is_refused_as_unknown(units, commune_editor):
    rows = [["Vũ Văn Minh", "", "", "", "", units["cao_bang"].code, "Trưởng Ban", "", "", ""]]
    report = import_people_workbook(commune_editor, units["thuc_phan"], upload(*rows))
    assert report.messages[0].startswith("Dòng 2, cột «Mã đơn vị quản lý»: Không tìm thấy đơn vị")
    with pytest.raises(NotAllowed):
        import_people_workbook(commune_editor, units["cao_bang"], upload(*rows))


@pytest.mark.parametrize(
    ("upload_file", "start"),
    [
        (
            SimpleUploadedFile("can-bo.xlsx", b"PK\x03\x04 not really a zip", content_type=XLSX_CONTENT_TYPE),
            "Tệp không phải bảng tính Excel .xlsx hợp lệ",
        ),
        (
            SimpleUploadedFile("can-bo.csv", b"Ho va ten\nAn", content_type="text/csv"),
            "Tệp không phải bảng tính",
        ),
        (SimpleUploadedFile("can-bo.xlsx", b"", content_type=XLSX_CONTENT_TYPE), "Tệp không phải bảng tính"),
    ],
)
def test_a_malformed_file_is_refused_in_one_sentence(units, province_editor, upload_file, start):
    report = import_people_workbook(province_editor, units["cao_bang"], upload_file)
    assert report.messages[0].startswith(start) and report.file_errors


def test_missing_headers_are_named(units, province_editor):
    messages = _refused(units, province_editor, ["Vũ Văn Minh"], headers=["Họ và tên"])
    assert messages == [
        "Thiếu cột «Mã đơn vị quản lý» ở dòng tiêu đề (dòng 1). Hãy dùng tệp mẫu hoặc giữ nguyên tên cột."
    ]


def test_a_huge_sparse_sheet_is_refused_before_it_is_read(units, province_editor):
    """A few bytes zipped, a million rows declared: the real extent is measured within hard limits first."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Cán bộ"
    sheet.append(HEADERS)
    sheet.append(_rows(units)[0])
    sheet["A1048576"] = "Người cuối cùng"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert len(buffer.getvalue()) < 20_000
    report = import_people_workbook(
        province_editor, units["cao_bang"], SimpleUploadedFile("can-bo.xlsx", buffer.getvalue())
    )
    assert report.file_errors and "dòng" in report.messages[0]
    assert not Person.objects.exists()


def test_the_template_imports_as_it_is_once_its_examples_are_copied(units, province_editor):
    content = workbooks.copy_examples_into_the_data_sheet(template_workbook(units["cao_bang"]), "Cán bộ")
    report = import_people_workbook(
        province_editor, units["cao_bang"], SimpleUploadedFile("mau.xlsx", content)
    )
    assert report.ok, report.messages
    assert (Person.objects.count(), Post.objects.count()) == (2, 3)
    untouched = import_people_workbook(
        province_editor,
        units["thuc_phan"],
        SimpleUploadedFile("mau.xlsx", template_workbook(units["thuc_phan"])),
    )
    assert not untouched.ok  # the data sheet of a fresh template is empty: its examples are not imported


def test_the_import_page_saves_and_shows_errors(client, units, province_editor):
    client.force_login(province_editor)
    url = f"{reverse('activities:person_import')}?unit={units['cao_bang'].pk}"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"file": upload(["Vũ Văn Minh", "", "", "", "", "KHONG-CO", "", "", "", ""])})
    assert "Không tìm thấy đơn vị «KHONG-CO»" in bad.content.decode() and not Person.objects.exists()
    done = client.post(url, {"file": upload(*_rows(units))})
    assert done.status_code == 302 and Person.objects.count() == 2
    template = client.get(f"{reverse('activities:person_import_template')}?unit={units['cao_bang'].pk}")
    assert template["Content-Type"] == XLSX_CONTENT_TYPE
    sheets = openpyxl.load_workbook(io.BytesIO(template.content)).sheetnames
    assert sheets == ["Cán bộ", "Ví dụ", "Hướng dẫn"]


def test_the_export_reimports_one_row_per_post_and_hides_contacts_it_may_not_show(
    client, units, province_editor
):
    rows = _rows(units, keeper="thuc_phan")
    assert import_people_workbook(province_editor, units["cao_bang"], upload(*rows)).ok
    viewer = factories.user("tinh_xem", units["cao_bang"], Role.VIEWER)
    approver = factories.user("tinh_duyet", units["cao_bang"], Role.APPROVER)
    url = f"{reverse('activities:person_export')}?unit={units['cao_bang'].pk}"

    def exported(user):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return [row for row in sheet.iter_rows(min_row=2, values_only=True)]

    approver_rows = exported(approver)
    assert [row[6] for row in approver_rows] == [
        "Phó Trưởng Ban Dân vận Tỉnh ủy",
        "UV BTV Thành ủy",
        "Trưởng Ban Dân vận",
    ]
    assert {row[3] for row in approver_rows} == {None, "0206 3852 123"}
    assert {row[3] for row in exported(viewer)} == {None} and {row[4] for row in exported(viewer)} == {None}
