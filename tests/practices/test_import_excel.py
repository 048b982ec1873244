"""Excel import of "Dân vận khéo" models: every row checked first, then all registered or none (DESIGN §4.5)."""

import datetime
import decimal
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.scope import Role
from danvan.core import excel
from danvan.core.errors import NotAllowed
from danvan.core.excel_export import XLSX_CONTENT_TYPE
from danvan.core.models import ChangeLog
from danvan.practices.import_template import template_workbook
from danvan.practices.imports import import_practices_workbook
from danvan.practices.models import (
    Field,
    Level,
    Practice,
    PracticeEvent,
    PracticeYear,
    PracticeYearField,
    Status,
)
from tests import factories, workbooks
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

HEADERS = [
    "Tên mô hình, điển hình",
    "Loại",
    "Đơn vị thực hiện",
    "Lĩnh vực",
    "Năm đăng ký",
    "Họ tên (điển hình)",
    "Chức vụ",
    "Tóm tắt",
    "Cách làm",
    "Lực lượng tham gia",
    "Ngày bắt đầu",
    "Ngày kết thúc",
    "Người liên hệ",
    "Điện thoại",
    "Kết quả",
]
MODEL = "Mô hình tập thể"
EXEMPLAR = "Điển hình cá nhân"
YEAR = timezone.localdate().year


def upload(*rows, name="mo-hinh.xlsx", headers=HEADERS, title="Mô hình") -> SimpleUploadedFile:
    return workbooks.xlsx_upload(*rows, name=name, headers=headers, title=title)


def row(name, kind=MODEL, owner="", fields="Kinh tế", year=YEAR, **extra):
    values = dict(zip(HEADERS, [name, kind, owner, fields, year] + [None] * 10, strict=True))
    columns = {
        "person_name": "Họ tên (điển hình)",
        "person_position": "Chức vụ",
        "summary": "Tóm tắt",
        "method": "Cách làm",
        "participants": "Lực lượng tham gia",
        "start": "Ngày bắt đầu",
        "end": "Ngày kết thúc",
        "contact": "Người liên hệ",
        "phone": "Điện thoại",
        "results": "Kết quả",
    }
    for key, value in extra.items():
        values[columns[key]] = value
    return [values[header] for header in HEADERS]


def import_url(unit):
    return f"{reverse('practices:import_practices')}?unit={unit.pk}"


@pytest.fixture
def hamlet3(units):
    return factories.hamlet(units["thuc_phan"], "Tổ dân phố 30", code="01273-TDP30")


# -------------------------------------------------------------------------------------------- the service


def test_valid_rows_are_all_registered_with_fields_results_and_dates(units, commune_editor, hamlet3, fields):
    thuc_phan = units["thuc_phan"]
    report = import_practices_workbook(
        commune_editor,
        thuc_phan,
        upload(
            row(
                "Tuyến đường hoa",
                owner="01273-TDP30",
                fields="Văn hóa – xã hội; Kinh tế",
                summary="Trồng hoa hai bên đường.\nMỗi hộ chăm một đoạn.",
                method="Chi hội Phụ nữ vận động từng hộ.",
                participants="Chi hội Phụ nữ, Đoàn Thanh niên",
                start="15/02/" + str(YEAR),
                contact="Nông Thị Hoa",
                phone="0206385123",
                results="Hộ thoát nghèo: 12 hộ; Đường được hiến đất: 3,5 km",
            ),
            row(
                "Gương mẫu hiến đất làm đường",
                kind=EXEMPLAR,
                fields="Kinh tế",
                person_name="Hoàng Văn Thành",
                person_position="Trưởng xóm",
                start=datetime.datetime(YEAR, 3, 1),
                end=datetime.datetime(YEAR, 9, 30),
                results="Đất được hiến: 1.200 m²",
            ),
        ),
    )
    assert report.ok, report.messages
    assert len(report.created) == 2
    road = Practice.objects.get(name="Tuyến đường hoa", owner=hamlet3)
    assert (road.kind, road.level, road.status, road.registration_year) == (
        Practice.Kind.MODEL,
        Level.HAMLET,
        Status.REGISTERED,
        YEAR,
    )
    assert sorted(road.fields.values_list("code", flat=True)) == ["kinh-te", "van-hoa-xa-hoi"]
    assert road.summary == "Trồng hoa hai bên đường.\nMỗi hộ chăm một đoạn."
    assert (road.start_date, road.contact_name, road.contact_phone) == (
        datetime.date(YEAR, 2, 15),
        "Nông Thị Hoa",
        "0206385123",
    )
    assert [(r.indicator, r.value, r.unit_of_measure) for r in road.results.all()] == [
        ("Hộ thoát nghèo", decimal.Decimal("12"), "hộ"),
        ("Đường được hiến đất", decimal.Decimal("3.5"), "km"),
    ]
    assert road.owner_path == hamlet3.path and road.province_code == thuc_phan.province_code
    assert road.search_key == "tuyen duong hoa to dan pho 30"
    exemplar = Practice.objects.get(name="Gương mẫu hiến đất làm đường")
    assert (exemplar.owner, exemplar.kind, exemplar.person_name, exemplar.person_position) == (
        thuc_phan,
        Practice.Kind.EXEMPLAR,
        "Hoàng Văn Thành",
        "Trưởng xóm",
    )
    assert (exemplar.start_date, exemplar.end_date) == (datetime.date(YEAR, 3, 1), datetime.date(YEAR, 9, 30))
    assert exemplar.results.get().value == decimal.Decimal("1200")
    # Registered through the service: counted in its year, with its timeline and change log.
    year_row = PracticeYear.objects.get(practice=road)
    assert (year_row.year, year_row.level, year_row.owner_id) == (YEAR, Level.HAMLET, hamlet3.pk)
    assert PracticeYearField.objects.filter(practice_year=year_row).count() == 2
    assert PracticeEvent.objects.filter(practice=road, action="register").exists()
    assert ChangeLog.objects.filter(
        content_type__model="practice", object_id=str(road.pk), user=commune_editor
    )


def test_import_with_one_bad_row_saves_nothing_and_names_the_row(units, commune_editor):
    before = Practice.objects.count()
    report = import_practices_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(row("Camera an ninh"), row("Hũ gạo tình thương"), row("Tổ tự quản", fields="Thể thao")),
    )
    assert not report.ok and report.created == []
    assert Practice.objects.count() == before
    assert report.messages == [
        "Dòng 4, cột «Lĩnh vực»: Không có lĩnh vực «Thể thao»: hãy ghi một trong: Kinh tế; Văn hóa – xã hội; "
        "Quốc phòng – an ninh; Xây dựng hệ thống chính trị."
    ]


def test_every_bad_row_is_reported_at_once(units, commune_editor):
    report = import_practices_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(
            row("", fields="Kinh tế"),
            row("Camera an ninh", kind="Phong trào"),
            row("Hũ gạo tình thương", year="năm nay"),
            row("Gương sáng", kind=EXEMPLAR),
            row("Tuyến đường hoa", start="31/02/2026"),
            row("Chợ không rác", start="01/05/2026", end="01/04/2026"),
            row("Phân loại rác", results="Hộ tham gia mười hộ"),
            row("Tổ tự quản", owner="Tổ dân phố 99"),
            row("Đường cũ", year=1990),
            row("Tên " + "x" * 300),
            row("Mô hình không năm", year=None),
        ),
    )
    assert report.messages == [
        "Dòng 2, cột «Tên mô hình, điển hình»: Tên mô hình, điển hình không được để trống.",
        "Dòng 3, cột «Loại»: Không có loại «Phong trào»: hãy ghi “Mô hình tập thể” hoặc “Điển hình cá nhân”.",
        "Dòng 4, cột «Năm đăng ký»: Năm «năm nay» không hợp lệ: hãy ghi năm có 4 chữ số, ví dụ 2026.",
        "Dòng 5, cột «Họ tên (điển hình)»: Điển hình cá nhân cần họ và tên người được nêu gương.",
        "Dòng 6, cột «Ngày bắt đầu»: Ngày «31/02/2026» không hợp lệ: hãy ghi dạng dd/mm/yyyy, ví dụ 15/02/2026.",
        "Dòng 7, cột «Ngày kết thúc»: Ngày kết thúc phải sau ngày bắt đầu.",
        "Dòng 8, cột «Kết quả»: «Hộ tham gia mười hộ» không đúng dạng “tên chỉ tiêu: số đơn vị tính”, "
        "ví dụ “Hộ thoát nghèo: 12 hộ” hoặc “Đường được hiến đất: 3,5 km”.",
        "Dòng 9, cột «Đơn vị thực hiện»: Không tìm thấy «Tổ dân phố 99» trong Phường Thục Phán: hãy ghi mã hoặc "
        "tên chính xác của một đơn vị thuộc Phường Thục Phán.",
        f"Dòng 10, cột «Năm đăng ký»: Năm đăng ký phải từ 2000 đến {YEAR + 1}.",
        "Dòng 11, cột «Tên mô hình, điển hình»: Dài quá 300 ký tự.",
        "Dòng 12, cột «Năm đăng ký»: Hãy ghi năm đăng ký, ví dụ 2026.",
    ]
    assert not Practice.objects.filter(owner=units["thuc_phan"]).exists()


def test_labels_and_headers_match_without_accents_or_case(units, commune_editor, hamlet3):
    headers = ["TEN MO HINH, DIEN HINH*", "loai*", "don vi thuc hien", "LINH VUC*", "nam dang ky*", "ho ten"]
    report = import_practices_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(
            ["Camera an ninh", "mo hinh tap the", "Tổ dân phố 30", "quoc phong an ninh"],
            ["Người giữ lửa", "dien hinh ca nhan", "", "van hoa xa hoi;KINH TE", YEAR, "Lục Thị Mai"],
            ["Hũ gạo tình thương", "Mô hình", "", "xay-dung-he-thong-chinh-tri", str(YEAR)],
            headers=headers,
        ),
    )
    # The year of the first row is missing: the only error, and nothing is saved.
    assert report.messages == ["Dòng 2, cột «Năm đăng ký»: Hãy ghi năm đăng ký, ví dụ 2026."]
    report = import_practices_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(
            ["Camera an ninh", "mo hinh tap the", "Tổ dân phố 30", "quoc phong an ninh", float(YEAR)],
            ["Người giữ lửa", "dien hinh ca nhan", "", "van hoa xa hoi;KINH TE", YEAR, "Lục Thị Mai"],
            ["Hũ gạo tình thương", "Mô hình", "", "xay-dung-he-thong-chinh-tri", str(YEAR)],
            headers=headers,
        ),
    )
    assert report.ok, report.messages
    camera, keeper, rice = report.created
    assert (camera.owner, [f.code for f in camera.fields.all()]) == (hamlet3, ["quoc-phong-an-ninh"])
    assert keeper.kind == Practice.Kind.EXEMPLAR and keeper.person_name == "Lục Thị Mai"
    assert sorted(f.code for f in keeper.fields.all()) == ["kinh-te", "van-hoa-xa-hoi"]
    assert rice.kind == Practice.Kind.MODEL and rice.registration_year == YEAR


def test_blank_rows_are_skipped_and_errors_keep_excel_row_numbers(units, commune_editor):
    report = import_practices_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(row("Camera an ninh"), [None, "  ", None], [], row("Tổ hòa giải", fields="")),
    )
    assert report.rows == 2
    assert [(error.row, error.column) for error in report.errors] == [(5, "Lĩnh vực")]


def test_duplicates_in_the_file_and_a_second_import_are_refused(units, commune_editor):
    rows = [row("Camera an ninh"), row("Hũ gạo tình thương")]
    report = import_practices_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(*rows, row("CAMERA AN NINH", fields="Quốc phòng – an ninh")),
    )
    assert report.messages == [
        "Dòng 4, cột «Tên mô hình, điển hình»: Trùng với dòng 2: cùng tên, cùng đơn vị thực hiện, cùng năm đăng ký."
    ]
    assert import_practices_workbook(commune_editor, units["thuc_phan"], upload(*rows)).ok
    again = import_practices_workbook(commune_editor, units["thuc_phan"], upload(*rows))
    assert again.messages == [
        f"Dòng 2, cột «Tên mô hình, điển hình»: Phường Thục Phán đã có mô hình «Camera an ninh» đăng ký năm {YEAR} "
        "(tệp này đã được nhập rồi?).",
        f"Dòng 3, cột «Tên mô hình, điển hình»: Phường Thục Phán đã có mô hình «Hũ gạo tình thương» đăng ký năm "
        f"{YEAR} (tệp này đã được nhập rồi?).",
    ]
    assert Practice.objects.filter(owner=units["thuc_phan"]).count() == 2


def test_province_imports_for_its_units_by_code_or_name_and_local_fields_apply(
    units, province_admin, hamlet3
):
    cao_bang, thuc_phan, nung_tri_cao = units["cao_bang"], units["thuc_phan"], units["nung_tri_cao"]
    rural = Field.objects.create(code="xay-dung-nong-thon-moi", name="Xây dựng nông thôn mới", owner=cao_bang)
    ward_only = Field.objects.create(code="do-thi-van-minh", name="Đô thị văn minh", owner=nung_tri_cao)
    report = import_practices_workbook(
        province_admin,
        cao_bang,
        upload(
            row("Tuyến đường hoa", owner=thuc_phan.code, fields="Xây dựng nông thôn mới; Kinh tế"),
            row("Camera an ninh", owner="Phường Nùng Trí Cao", fields="Đô thị văn minh"),
            row("Chính quyền thân thiện", owner="Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng"),
            row("Tổ tự quản", owner="Tổ dân phố 1", fields="Đô thị văn minh"),
        ),
    )
    assert report.messages == [
        "Dòng 5, cột «Đơn vị thực hiện»: Có 2 đơn vị mang tên «Tổ dân phố 1» trong Tỉnh Cao Bằng: "
        "hãy ghi mã đơn vị để phân biệt."
    ]
    report = import_practices_workbook(
        province_admin,
        cao_bang,
        upload(
            row("Tuyến đường hoa", owner=thuc_phan.code, fields="Xây dựng nông thôn mới; Kinh tế"),
            row("Camera an ninh", owner="Phường Nùng Trí Cao", fields="Đô thị văn minh"),
            row("Tổ tự quản", owner="01273-TDP01", fields="Đô thị văn minh"),
        ),
    )
    assert report.messages == [
        "Dòng 4, cột «Lĩnh vực»: Lĩnh vực “Đô thị văn minh” chỉ dùng trong Phường Nùng Trí Cao."
    ]
    report = import_practices_workbook(
        province_admin,
        cao_bang,
        upload(
            row("Tuyến đường hoa", owner=thuc_phan.code, fields="Xây dựng nông thôn mới; Kinh tế"),
            row("Camera an ninh", owner="Phường Nùng Trí Cao", fields="do thi van minh"),
            row("Chính quyền thân thiện", owner="Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng"),
        ),
    )
    assert report.ok, report.messages
    road, camera, friendly = report.created
    assert road.owner == thuc_phan and rural in road.fields.all()
    assert camera.owner == nung_tri_cao and list(camera.fields.all()) == [ward_only]
    assert friendly.level == Level.PROVINCE


def test_owner_closed_in_the_year_is_explained_in_the_owner_column(units, superuser):
    tp_cao_bang = units["tp_cao_bang"]
    report = import_practices_workbook(
        superuser,
        tp_cao_bang,
        upload(row("Dân vận khéo trong cải cách hành chính", owner="Phường Hợp Giang", year=YEAR)),
    )
    assert report.messages == [
        f"Dòng 2, cột «Đơn vị thực hiện»: Phường Hợp Giang không hoạt động trong năm {YEAR}."
    ]
    report = import_practices_workbook(
        superuser,
        tp_cao_bang,
        upload(row("Dân vận khéo trong cải cách hành chính", owner="Phường Hợp Giang", year=2021)),
    )
    assert report.ok, report.messages
    assert report.created[0].level == Level.COMMUNE


def test_commune_editor_cannot_import_into_or_through_another_commune(units, commune_editor, client_for):
    other = units["nung_tri_cao"]
    with pytest.raises(NotAllowed):
        import_practices_workbook(commune_editor, other, upload(row("Camera an ninh")))
    report = import_practices_workbook(
        commune_editor, units["thuc_phan"], upload(row("Camera an ninh", owner=other.code))
    )
    assert report.messages == [
        f"Dòng 2, cột «Đơn vị thực hiện»: Không tìm thấy «{other.code}» trong Phường Thục Phán: hãy ghi mã "
        "hoặc tên chính xác của một đơn vị thuộc Phường Thục Phán."
    ]
    client = client_for(commune_editor)
    assert client.get(import_url(other)).status_code == 404
    assert client.post(import_url(other), {"file": upload(row("Camera an ninh"))}).status_code == 404
    assert not Practice.objects.filter(owner=other).exists()


def test_viewer_cannot_import(units, client_for):
    viewer = make_user("thucphan_viewer", units["thuc_phan"], Role.VIEWER)
    with pytest.raises(NotAllowed):
        import_practices_workbook(viewer, units["thuc_phan"], upload(row("Camera an ninh")))
    client = client_for(viewer)
    assert client.get(import_url(units["thuc_phan"])).status_code == 403
    response = client.post(import_url(units["thuc_phan"]), {"file": upload(row("Camera an ninh"))})
    assert response.status_code == 403
    assert not Practice.objects.filter(owner=units["thuc_phan"]).exists()


# ------------------------------------------------------------------------------------------- file checks


def refused(commune_editor, units, uploaded) -> str:
    report = import_practices_workbook(commune_editor, units["thuc_phan"], uploaded)
    assert not report.ok and report.row_errors == []
    return report.messages[0]


def test_a_file_that_is_not_xlsx_is_refused(units, commune_editor):
    assert refused(commune_editor, units, SimpleUploadedFile("mo-hinh.csv", b"a;b")).startswith(
        "Tệp không phải bảng tính Excel .xlsx hợp lệ: tên tệp phải có đuôi .xlsx"
    )
    assert "tệp hỏng" in refused(commune_editor, units, SimpleUploadedFile("mo-hinh.xlsx", b"not a zip"))
    assert refused(commune_editor, units, SimpleUploadedFile("mo-hinh.xlsx", b"")).endswith("tệp rỗng.")


def test_a_file_over_5_mb_is_refused(units, commune_editor):
    big = SimpleUploadedFile("mo-hinh.xlsx", b"0" * (5 * 1024 * 1024 + 1))
    assert refused(commune_editor, units, big) == (
        "Tệp lớn 5,0 MB, vượt quá giới hạn 5 MB: hãy chia thành nhiều tệp nhỏ hơn."
    )


def test_more_rows_than_allowed_are_refused(units, commune_editor, monkeypatch):
    monkeypatch.setattr(excel, "MAX_ROWS", 3)  # the shared reader checks the limit
    message = refused(commune_editor, units, upload(*[row(f"Mô hình {n}") for n in range(4)]))
    assert message == "Tệp có hơn 3 dòng dữ liệu: hãy chia thành nhiều tệp, mỗi tệp tối đa 3 dòng."


def test_the_limit_is_five_thousand_rows_and_5_mb():
    from danvan.practices.imports import MAX_BYTES, MAX_ROWS

    assert (MAX_ROWS, MAX_BYTES) == (5000, 5 * 1024 * 1024)


def test_missing_headers_and_empty_sheets_are_refused(units, commune_editor):
    assert refused(commune_editor, units, upload(["Camera an ninh"], headers=["Tên mô hình, điển hình"])) == (
        "Thiếu cột «Loại», «Lĩnh vực», «Năm đăng ký» ở dòng tiêu đề (dòng 1). "
        "Hãy dùng tệp mẫu hoặc giữ nguyên tên cột."
    )
    assert refused(commune_editor, units, upload()).startswith("Bảng tính không có dòng dữ liệu nào")
    assert refused(commune_editor, units, upload(headers=None)).startswith("Bảng tính trống: dòng 1")


# ----------------------------------------------------------------------------------------------- template


@pytest.mark.parametrize("key", ["thuc_phan", "cao_bang", "tp_cao_bang"])
def test_template_has_guide_dropdowns_and_example_rows_that_import_cleanly(units, superuser, key):
    root = units[key]
    content = template_workbook(root)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Mô hình", "Ví dụ", "Hướng dẫn"]
    sheet = workbook["Mô hình"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    validated = {str(v.sqref).split(":")[0] for v in sheet.data_validations.dataValidation}
    assert {"B2", "C2", "D2"} <= validated  # Loại, Đơn vị thực hiện, Lĩnh vực
    examples = workbook["Ví dụ"]
    assert [cell.value for cell in examples[1]] == HEADERS and examples.max_row == 3
    guide = workbook["Hướng dẫn"]
    assert guide["A1"].value.startswith("Hướng dẫn nhập mô hình")
    assert [guide.cell(row=5 + i, column=1).value for i in range(len(HEADERS))] == HEADERS
    assert guide["E5"].value == MODEL and guide["E6"].value == EXEMPLAR
    kept = workbooks.copy_examples_into_the_data_sheet(content, "Mô hình")
    report = import_practices_workbook(superuser, root, SimpleUploadedFile("mau.xlsx", kept))
    assert report.ok, report.messages
    assert {p.kind for p in report.created} == {Practice.Kind.MODEL, Practice.Kind.EXEMPLAR}


def test_the_templates_examples_are_not_imported_with_the_users_rows(units, commune_editor):
    """The examples are on a sheet of their own: a user who fills the template and forgets them registers only
    their own rows."""
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook(units["thuc_phan"])))
    workbook["Mô hình"].append(["Bếp ăn tình thương", MODEL, "", "Văn hóa – xã hội", YEAR])
    out = io.BytesIO()
    workbook.save(out)
    report = import_practices_workbook(
        commune_editor, units["thuc_phan"], SimpleUploadedFile("mau.xlsx", out.getvalue())
    )
    assert report.ok, report.messages
    assert [p.name for p in report.created] == ["Bếp ăn tình thương"]
    empty = import_practices_workbook(
        commune_editor,
        units["thuc_phan"],
        SimpleUploadedFile("mau.xlsx", template_workbook(units["thuc_phan"])),
    )
    assert not empty.ok and not Practice.objects.filter(name="Tuyến đường hoa").exists()


def test_the_templates_field_column_takes_several_fields(units):
    """Lĩnh vực holds several values separated by «;»: the column offers the list as help, it does not hold the
    cell to one item of it (a list dropdown keeps one value and replaces it with the next one picked)."""
    sheet = openpyxl.load_workbook(io.BytesIO(template_workbook(units["thuc_phan"])))["Mô hình"]
    on_fields = [v for v in sheet.data_validations.dataValidation if str(v.sqref).startswith("D2")]
    assert len(on_fields) == 1
    assert on_fields[0].type != "list"
    assert "dấu ;" in on_fields[0].prompt and "Hướng dẫn" in on_fields[0].prompt
    on_kind = [v for v in sheet.data_validations.dataValidation if str(v.sqref).startswith("B2")]
    assert on_kind[0].type == "list"  # a single-valued column keeps its dropdown


# ------------------------------------------------------------------------------------------------- views


def test_import_page_lists_columns_and_links_the_template(units, commune_editor, client_for):
    response = client_for(commune_editor).get(import_url(units["thuc_phan"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nhập mô hình, điển hình từ Excel" in html
    assert f"{reverse('practices:import_template')}?unit={units['thuc_phan'].pk}" in html
    for header in HEADERS:
        assert header in html


def test_import_page_shows_each_row_error_and_saves_nothing(units, commune_editor, client_for):
    response = client_for(commune_editor).post(
        import_url(units["thuc_phan"]),
        {"file": upload(row("Camera an ninh"), row("Tổ tự quản", kind="Phong trào"))},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không có dòng nào được lưu: tệp có 1 lỗi." in html
    assert "Không có loại «Phong trào»" in html and "<td>3</td>" in html
    assert not Practice.objects.filter(owner=units["thuc_phan"]).exists()


def test_import_page_refuses_a_bad_file_next_to_the_input(units, commune_editor, client_for):
    client = client_for(commune_editor)
    response = client.post(import_url(units["thuc_phan"]), {"file": SimpleUploadedFile("a.xls", b"x")})
    assert "import-file-errors" in response.content.decode()
    response = client.post(import_url(units["thuc_phan"]), {})
    assert "Hãy chọn tệp Excel (.xlsx) để nhập." in response.content.decode()


def test_a_valid_file_is_imported_and_leads_to_the_register(units, commune_editor, client_for):
    response = client_for(commune_editor).post(
        import_url(units["thuc_phan"]), {"file": upload(row("Camera an ninh"), row("Hũ gạo tình thương"))}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('practices:practice_list')}?unit={units['thuc_phan'].pk}"
    assert Practice.objects.filter(owner=units["thuc_phan"]).count() == 2


def test_import_without_a_unit_uses_the_current_unit_or_is_a_404(units, commune_editor, client_for):
    response = client_for(commune_editor).get(reverse("practices:import_practices"))
    assert response.status_code == 302 and response["Location"].endswith(f"?unit={units['thuc_phan'].pk}")
    nobody = make_user("nobody")
    assert client_for(nobody).get(reverse("practices:import_practices")).status_code == 404
    assert client_for(nobody).get(f"{reverse('practices:import_practices')}?unit=abc").status_code == 404


def test_the_register_offers_the_import_only_with_a_unit_to_receive_it(
    units, superuser, commune_editor, client_for
):
    # A system administrator without a unit of their own was offered "Nhập Excel", which answered 404.
    page = client_for(superuser).get(reverse("practices:practice_list")).content.decode()
    assert f'href="{reverse("practices:import_practices")}"' not in page
    chosen = client_for(superuser).get(reverse("practices:practice_list"), {"unit": units["thuc_phan"].pk})
    assert f"{reverse('practices:import_practices')}?unit={units['thuc_phan'].pk}" in chosen.content.decode()
    own = client_for(commune_editor).get(reverse("practices:practice_list")).content.decode()
    assert f"{reverse('practices:import_practices')}?unit={units['thuc_phan'].pk}" in own


def test_template_download_and_login_required(units, commune_editor, client_for, client):
    response = client_for(commune_editor).get(
        f"{reverse('practices:import_template')}?unit={units['thuc_phan'].pk}"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert "mau-nhap-mo-hinh" in response["Content-Disposition"]
    assert (
        client_for(commune_editor)
        .get(f"{reverse('practices:import_template')}?unit={units['nung_tri_cao'].pk}")
        .status_code
        == 404
    )
    for name in ("practices:import_practices", "practices:import_template", "practices:export_practices"):
        assert client.get(reverse(name)).status_code == 302
