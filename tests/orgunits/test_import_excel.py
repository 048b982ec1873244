"""Excel import of hamlets and agencies: every row checked first, then all saved or none (DESIGN §4.5)."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.accounts.models import UnitRole
from danvan.accounts.scope import Role
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.models import ChangeLog
from danvan.orgunits import imports, services
from danvan.orgunits.imports import import_units_workbook
from danvan.orgunits.models import OrgUnit

from .. import factories, workbooks
from ..conftest import make_user

HEADERS = [
    "Tên đơn vị",
    "Loại",
    "Loại hình / loại cơ quan",
    "Mã",
    "Đơn vị cấp trên",
    "Hiệu lực từ ngày",
    "Địa chỉ",
    "Điện thoại",
    "Ghi chú",
]
HAMLET = "Thôn, tổ dân phố"
AGENCY = "Cơ quan, tổ chức"
MASS_ORG = "Đoàn thể chính trị – xã hội, hội quần chúng"


def xlsx_bytes(*rows, headers=HEADERS, title="Đơn vị") -> bytes:
    return workbooks.xlsx_bytes(*rows, headers=headers, title=title)


def upload(*rows, name="don-vi.xlsx", headers=HEADERS, title="Đơn vị") -> SimpleUploadedFile:
    return workbooks.xlsx_upload(*rows, name=name, headers=headers, title=title)


def import_url(unit):
    return f"{reverse('orgunits:import_units')}?unit={unit.pk}"


def children_named(parent, *names):
    return OrgUnit.objects.filter(parent=parent, name__in=names)


# -------------------------------------------------------------------------------------------- the service


def test_valid_rows_are_all_created_with_their_fields(units, commune_editor):
    thuc_phan = units["thuc_phan"]
    report = import_units_workbook(
        commune_editor,
        thuc_phan,
        upload(
            [
                "Tổ dân phố 9",
                HAMLET,
                "Tổ dân phố",
                "01273-TDP09",
                "",
                "01/07/2025",
                "Số 3 Vườn Cam",
                "0206385",
                "",
            ],
            [
                "Thôn Nà Cáp",
                HAMLET,
                "Thôn",
                None,
                "01273",
                datetime.datetime(2025, 8, 1),
                None,
                None,
                "Tách từ tổ 8",
            ],
            ["Hội Người cao tuổi phường", AGENCY, MASS_ORG, None, None, None, None, None, None],
        ),
    )
    assert report.ok, report.messages
    assert len(report.created) == 3
    tdp9 = OrgUnit.objects.get(code="01273-TDP09")
    assert (tdp9.parent, tdp9.kind, tdp9.division_type) == (thuc_phan, OrgUnit.Kind.HAMLET, "to_dan_pho")
    assert (tdp9.valid_from, tdp9.address, tdp9.phone) == (
        datetime.date(2025, 7, 1),
        "Số 3 Vườn Cam",
        "0206385",
    )
    assert tdp9.path == f"{thuc_phan.path}{tdp9.pk}/" and tdp9.province_code == thuc_phan.province_code
    na_cap = OrgUnit.objects.get(name="Thôn Nà Cáp")
    assert (na_cap.parent, na_cap.division_type, na_cap.valid_from) == (
        thuc_phan,
        "thon",
        datetime.date(2025, 8, 1),
    )
    agency = OrgUnit.objects.get(name="Hội Người cao tuổi phường")
    assert (agency.kind, agency.agency_type, agency.valid_from) == (OrgUnit.Kind.AGENCY, "mass_org", None)


def test_import_with_one_bad_row_saves_nothing_and_names_the_row(units, commune_editor):
    before = OrgUnit.objects.count()
    report = import_units_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(
            ["Tổ dân phố 10", HAMLET, "Tổ dân phố"],
            ["Tổ dân phố 11", HAMLET, "Tổ dân phố"],
            ["Tổ dân phố 12", HAMLET, "Phòng ban"],
        ),
    )
    assert not report.ok and report.created == []
    assert OrgUnit.objects.count() == before
    assert len(report.errors) == 1
    assert report.messages[0].startswith(
        "Dòng 4, cột «Loại hình / loại cơ quan»: «Phòng ban» không phải loại hình"
    )


def test_every_bad_row_is_reported_at_once(units, commune_editor):
    report = import_units_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(
            ["", HAMLET, "Thôn"],
            ["Tổ dân phố 13", "Làng nghề", "Thôn"],
            ["Tổ dân phố 14", HAMLET, "Tổ dân phố", None, None, "31/02/2025"],
            ["Hội Khuyến học", AGENCY, ""],
            ["Tổ dân phố 15", HAMLET, "Tổ dân phố", "X" * 40],
        ),
    )
    assert report.messages == [
        "Dòng 2, cột «Tên đơn vị»: Tên đơn vị không được để trống.",
        "Dòng 3, cột «Loại»: Không có loại «Làng nghề»: hãy ghi “Thôn, tổ dân phố” hoặc “Cơ quan, tổ chức”.",
        "Dòng 4, cột «Hiệu lực từ ngày»: Ngày «31/02/2025» không hợp lệ: "
        "hãy ghi dạng dd/mm/yyyy, ví dụ 01/07/2025.",
        "Dòng 5, cột «Loại hình / loại cơ quan»: Hãy chọn loại cơ quan, tổ chức.",
        "Dòng 6, cột «Mã»: Dài quá 32 ký tự.",
    ]
    assert (
        not OrgUnit.objects.filter(name__startswith="Tổ dân phố 1", parent=units["thuc_phan"])
        .exclude(name="Tổ dân phố 1")
        .exists()
    )


def test_labels_and_headers_match_without_accents_or_case(units, commune_editor):
    headers = ["TEN DON VI", "loai", "Loai hinh", "ma", "don vi cap tren", "hieu luc tu ngay"]
    report = import_units_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(
            ["Tổ dân phố 16", "thon, to dan pho", "to dan pho"],
            ["Bản Giới", "hamlet", "ban"],
            ["Chi bộ Tổ dân phố 16", "co quan, to chuc", "chi bo, dang bo co so"],
            ["Ban Công tác Mặt trận", "agency", "MTTQ"],
            ["Ấp Mới", "", "Ấp"],
            headers=headers,
        ),
    )
    assert report.ok, report.messages
    types = dict(
        children_named(units["thuc_phan"], "Tổ dân phố 16", "Bản Giới", "Ấp Mới").values_list("name", "kind")
    )
    assert types == {"Tổ dân phố 16": "hamlet", "Bản Giới": "hamlet", "Ấp Mới": "hamlet"}
    assert OrgUnit.objects.get(name="Chi bộ Tổ dân phố 16").agency_type == "party_cell"
    assert OrgUnit.objects.get(name="Ban Công tác Mặt trận").agency_type == "front"


def test_blank_rows_are_skipped_and_errors_keep_excel_row_numbers(units, commune_editor):
    report = import_units_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(
            ["Tổ dân phố 17", HAMLET, "Tổ dân phố"],
            [None, "  ", None],
            [],
            ["Tổ dân phố 18", HAMLET, "Tỉnh"],
        ),
    )
    assert report.rows == 2
    assert [(error.row, error.column) for error in report.errors] == [(5, "Loại hình / loại cơ quan")]


def test_commune_editor_cannot_import_into_another_commune(units, commune_editor, client_for):
    other = units["nung_tri_cao"]
    with pytest.raises(NotAllowed):
        import_units_workbook(commune_editor, other, upload(["Tổ dân phố 9", HAMLET, "Tổ dân phố"]))
    client = client_for(commune_editor)
    assert client.get(import_url(other)).status_code == 404
    response = client.post(import_url(other), {"file": upload(["Tổ dân phố 9", HAMLET, "Tổ dân phố"])})
    assert response.status_code == 404
    assert not children_named(other, "Tổ dân phố 9").exists()


def test_commune_editor_cannot_reach_another_commune_through_the_parent_column(units, commune_editor):
    report = import_units_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(["Tổ dân phố 9", HAMLET, "Tổ dân phố", None, units["nung_tri_cao"].code]),
    )
    assert report.messages == [
        f"Dòng 2, cột «Đơn vị cấp trên»: Không tìm thấy «{units['nung_tri_cao'].code}» "
        "trong Phường Thục Phán: "
        "hãy ghi mã hoặc tên chính xác của một đơn vị đang hoạt động."
    ]


def test_viewer_cannot_import(units, client_for):
    viewer = make_user("thucphan_viewer", units["thuc_phan"], Role.VIEWER)
    with pytest.raises(NotAllowed):
        import_units_workbook(viewer, units["thuc_phan"], upload(["Tổ dân phố 9", HAMLET, "Tổ dân phố"]))
    client = client_for(viewer)
    assert client.get(import_url(units["thuc_phan"])).status_code == 403
    response = client.post(
        import_url(units["thuc_phan"]), {"file": upload(["Tổ dân phố 9", HAMLET, "Tổ dân phố"])}
    )
    assert response.status_code == 403
    assert not children_named(units["thuc_phan"], "Tổ dân phố 9").exists()


def test_province_admin_imports_into_communes_named_by_code_or_name(units, province_admin):
    cao_bang, thuc_phan, nung_tri_cao = units["cao_bang"], units["thuc_phan"], units["nung_tri_cao"]
    report = import_units_workbook(
        province_admin,
        cao_bang,
        upload(
            ["Tổ dân phố 20", HAMLET, "Tổ dân phố", None, thuc_phan.code],
            ["Tổ dân phố 21", HAMLET, "Tổ dân phố", None, nung_tri_cao.name],
            ["Hội Doanh nhân trẻ tỉnh", AGENCY, "Khác"],
        ),
    )
    assert report.ok, report.messages
    assert OrgUnit.objects.get(name="Tổ dân phố 20").parent == thuc_phan
    assert OrgUnit.objects.get(name="Tổ dân phố 21").parent == nung_tri_cao
    assert OrgUnit.objects.get(name="Hội Doanh nhân trẻ tỉnh").parent == cao_bang


def test_parent_can_be_a_row_earlier_in_the_file(units, commune_editor):
    report = import_units_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(
            ["Hội Khuyến học phường", AGENCY, MASS_ORG, "KH-TP"],
            ["Chi hội Khuyến học tổ 1", AGENCY, MASS_ORG, None, "KH-TP"],
            ["Chi hội Khuyến học tổ 2", AGENCY, MASS_ORG, None, "Hội Khuyến học phường"],
        ),
    )
    assert report.ok, report.messages
    parent = OrgUnit.objects.get(code="KH-TP")
    assert set(parent.children.values_list("name", flat=True)) == {
        "Chi hội Khuyến học tổ 1",
        "Chi hội Khuyến học tổ 2",
    }
    assert all(child.path.startswith(parent.path) for child in parent.children.all())


def test_parent_written_below_its_child_is_explained(units, commune_editor):
    report = import_units_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(
            ["Chi hội Khuyến học tổ 1", AGENCY, MASS_ORG, None, "KH-TP"],
            ["Hội Khuyến học phường", AGENCY, MASS_ORG, "KH-TP"],
        ),
    )
    assert report.messages == [
        "Dòng 2, cột «Đơn vị cấp trên»: «KH-TP» ở dòng 3, phía dưới dòng này: "
        "hãy ghi đơn vị cấp trên ở dòng phía trên."
    ]


def test_ambiguous_parent_name_asks_for_the_code(units, province_admin):
    factories.agency(units["thuc_phan"], "Hội Khuyến học")
    factories.agency(units["nung_tri_cao"], "Hội Khuyến học")
    report = import_units_workbook(
        province_admin,
        units["cao_bang"],
        upload(["Chi hội Khuyến học tổ 1", AGENCY, MASS_ORG, None, "Hội Khuyến học"]),
    )
    assert report.messages == [
        "Dòng 2, cột «Đơn vị cấp trên»: Có 2 đơn vị mang mã hoặc tên «Hội Khuyến học»: "
        "hãy ghi mã của đơn vị cấp trên để phân biệt."
    ]


def test_hamlet_must_sit_under_a_commune(units, province_admin):
    report = import_units_workbook(province_admin, units["cao_bang"], upload(["Thôn Mới", HAMLET, "Thôn"]))
    assert report.messages == [
        "Dòng 2, cột «Đơn vị cấp trên»: Đơn vị cấp trên của thôn, tổ dân phố phải là: "
        "xã, phường, đặc khu, thị trấn."
    ]


def test_hamlet_under_closed_commune_refused(units, province_admin):
    closed = OrgUnit.objects.get(external_id="vn2024:district:040").children.filter(kind="commune").first()
    assert closed.valid_to == datetime.date(2025, 6, 30)
    report = import_units_workbook(
        province_admin, units["cao_bang"], upload(["Thôn Mới", HAMLET, "Thôn", None, closed.name])
    )
    assert report.messages == [
        f"Dòng 2, cột «Đơn vị cấp trên»: {closed.name} (hiệu lực … – 30/06/2025) không còn hoạt động: "
        "chỉ chọn được đơn vị đang hoạt động."
    ]
    # Importing into the closed commune itself is refused for the whole file.
    report = import_units_workbook(province_admin, closed, upload(["Thôn Mới", HAMLET, "Thôn"]))
    assert report.messages == [
        f"{closed.name} đã hết hiệu lực sau ngày 30/06/2025: không thể nhập đơn vị mới vào đơn vị này."
    ]
    assert not OrgUnit.objects.filter(name="Thôn Mới").exists()


def test_hamlet_starting_before_its_commune_refused(units, commune_editor):
    report = import_units_workbook(
        commune_editor, units["thuc_phan"], upload(["Thôn Cũ", HAMLET, "Thôn", None, None, "01/01/2020"])
    )
    assert report.messages == [
        "Dòng 2, cột «Đơn vị cấp trên»: Phường Thục Phán chưa có hiệu lực vào ngày 01/01/2020 "
        "(hiệu lực 01/07/2025 – …)."
    ]


def test_duplicate_code_in_file_refused(units, commune_editor):
    report = import_units_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(
            ["Tổ dân phố 22", HAMLET, "Tổ dân phố", "TP-22"],
            ["Tổ dân phố 23", HAMLET, "Tổ dân phố", "TP-23"],
            ["Tổ dân phố 24", HAMLET, "Tổ dân phố", "TP-22"],
        ),
    )
    assert report.messages == ["Dòng 4, cột «Mã»: Mã «TP-22» trùng với dòng 2 trong tệp."]
    assert not OrgUnit.objects.filter(code__in=["TP-22", "TP-23"]).exists()


def test_code_of_an_open_unit_refused(units, commune_editor):
    report = import_units_workbook(
        commune_editor, units["thuc_phan"], upload(["Tổ dân phố 25", HAMLET, "Tổ dân phố", "01273-TDP01"])
    )
    assert report.messages == [
        "Dòng 2, cột «Mã»: Mã 01273-TDP01 đã được dùng cho Tổ dân phố 1 trong cùng thời gian hiệu lực."
    ]


def test_same_file_imported_twice_is_refused_the_second_time(units, commune_editor):
    rows = (["Tổ dân phố 26", HAMLET, "Tổ dân phố"], ["Hội Khuyến học phường", AGENCY, MASS_ORG])
    assert import_units_workbook(commune_editor, units["thuc_phan"], upload(*rows)).ok
    report = import_units_workbook(commune_editor, units["thuc_phan"], upload(*rows))
    assert [(error.row, error.column) for error in report.errors] == [(2, "Tên đơn vị"), (3, "Tên đơn vị")]
    assert "Phường Thục Phán đã có đơn vị «Tổ dân phố 26» đang hoạt động" in report.messages[0]
    assert children_named(units["thuc_phan"], "Tổ dân phố 26").count() == 1


def test_successful_import_is_in_change_log(units, commune_editor):
    report = import_units_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(["Tổ dân phố 27", HAMLET, "Tổ dân phố", "TP-27"], ["Hội Khuyến học phường", AGENCY, MASS_ORG]),
    )
    assert report.ok, report.messages
    for unit in report.created:
        entry = ChangeLog.objects.get(object_id=str(unit.pk), content_type__model="orgunit")
        assert (entry.action, entry.user, entry.unit) == ("create", commune_editor, unit)
        assert entry.before is None and entry.after["name"] == unit.name
    assert ChangeLog.objects.get(object_id=str(report.created[0].pk), content_type__model="orgunit").after[
        "code"
    ] == ("TP-27")


def test_a_failure_while_saving_rolls_back_every_row(units, commune_editor, monkeypatch):
    real_create = services.create_unit
    calls = []

    def create_then_fail(actor, **fields):
        calls.append(fields["name"])
        if len(calls) == 2:
            raise ValidationError({"code": "Mã vừa bị đơn vị khác dùng."})
        return real_create(actor, **fields)

    monkeypatch.setattr(services, "create_unit", create_then_fail)
    log_before = ChangeLog.objects.count()
    report = import_units_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(["Tổ dân phố 28", HAMLET, "Tổ dân phố"], ["Tổ dân phố 29", HAMLET, "Tổ dân phố", "TP-29"]),
    )
    assert report.messages == ["Dòng 3, cột «Mã»: Mã vừa bị đơn vị khác dùng."]
    assert report.created == []
    assert not children_named(units["thuc_phan"], "Tổ dân phố 28", "Tổ dân phố 29").exists()
    assert ChangeLog.objects.count() == log_before


# -------------------------------------------------------------------------------------------- bad files


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    return buffer.getvalue()


def _broken_sheet() -> bytes:
    """A real .xlsx whose sheet XML is cut short."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(["Tổ dân phố 30", HAMLET, "Tổ dân phố"])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry in source.infolist():
            data = source.read(entry)
            archive.writestr(entry, data[: len(data) // 2] if entry.filename.endswith("sheet1.xml") else data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("don-vi.xlsx", b"Ten don vi;Loai\nTo 1;Thon\n"),
        ("don-vi.xlsx", _zip_without_workbook()),
        ("don-vi.xlsx", xlsx_bytes(["Tổ dân phố 30", HAMLET, "Tổ dân phố"])[:2000]),
        ("don-vi.xlsx", _broken_sheet()),
        ("don-vi.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500),
        ("don-vi.csv", b"Ten don vi,Loai\n"),
        ("don-vi.xlsx", b""),
    ],
    ids=["text", "zip-without-workbook", "truncated", "broken-sheet", "xls", "csv", "empty"],
)
def test_malformed_file_answers_vietnamese_message(units, commune_editor, client_for, name, content):
    thuc_phan = units["thuc_phan"]
    report = import_units_workbook(commune_editor, thuc_phan, SimpleUploadedFile(name, content))
    assert len(report.errors) == 1 and report.errors[0].row is None
    assert report.messages[0].startswith("Tệp không phải bảng tính Excel .xlsx hợp lệ")
    response = client_for(commune_editor).post(
        import_url(thuc_phan), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert "Tệp không phải bảng tính Excel .xlsx hợp lệ" in response.content.decode()


def test_oversized_file_refused(units, commune_editor, client_for):
    big = SimpleUploadedFile("don-vi.xlsx", b"x" * (5 * 1024 * 1024 + 1))
    report = import_units_workbook(commune_editor, units["thuc_phan"], big)
    assert report.messages == ["Tệp lớn 5,0 MB, vượt quá giới hạn 5 MB: hãy chia thành nhiều tệp nhỏ hơn."]
    big.seek(0)
    response = client_for(commune_editor).post(import_url(units["thuc_phan"]), {"file": big})
    assert response.status_code == 200 and "vượt quá giới hạn 5 MB" in response.content.decode()


def test_more_than_5000_rows_refused(units, commune_editor):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Đơn vị")
    sheet.append(HEADERS)
    for number in range(5001):
        sheet.append([f"Tổ dân phố {number}", HAMLET, "Tổ dân phố"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = import_units_workbook(
        commune_editor, units["thuc_phan"], SimpleUploadedFile("a.xlsx", buffer.getvalue())
    )
    assert report.messages == [
        "Tệp có hơn 5.000 dòng dữ liệu: hãy chia thành nhiều tệp, mỗi tệp tối đa 5.000 dòng."
    ]


def test_missing_required_header_refused(units, commune_editor):
    report = import_units_workbook(
        commune_editor,
        units["thuc_phan"],
        upload(["Tổ dân phố 31", "Tổ dân phố"], headers=["Tên đơn vị", "Loại hình"]),
    )
    assert report.messages == [
        "Thiếu cột «Loại» ở dòng tiêu đề (dòng 1). Hãy dùng tệp mẫu hoặc giữ nguyên tên cột."
    ]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (None, "Bảng tính trống: dòng 1 của trang «Đơn vị» phải là dòng tiêu đề"),
        (HEADERS, "Bảng tính không có dòng dữ liệu nào"),
    ],
    ids=["no-header", "header-only"],
)
def test_empty_sheet_refused(units, commune_editor, headers, expected):
    report = import_units_workbook(commune_editor, units["thuc_phan"], upload(headers=headers))
    assert len(report.messages) == 1 and report.messages[0].startswith(expected)


def test_sheet_named_don_vi_is_read_even_when_not_first(units, commune_editor):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Ghi chú"
    workbook.active["A1"] = "Trang này bị bỏ qua"
    sheet = workbook.create_sheet("Don vi")
    sheet.append(HEADERS)
    sheet.append(["Tổ dân phố 32", HAMLET, "Tổ dân phố"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = import_units_workbook(
        commune_editor, units["thuc_phan"], SimpleUploadedFile("a.xlsx", buffer.getvalue())
    )
    assert report.ok, report.messages
    assert children_named(units["thuc_phan"], "Tổ dân phố 32").exists()


# -------------------------------------------------------------------------------------------- the template


def test_template_downloads_and_reimports_cleanly(units, commune_editor, client_for):
    thuc_phan = units["thuc_phan"]
    client = client_for(commune_editor)
    response = client.get(f"{reverse('orgunits:import_template')}?unit={thuc_phan.pk}")
    assert response.status_code == 200
    assert response["Content-Type"] == imports.XLSX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Đơn vị", "Ví dụ", "Hướng dẫn"]
    sheet = workbook["Đơn vị"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.column_dimensions["A"].width >= 30
    assert sheet.max_row == 1  # the examples are on «Ví dụ», which the import does not read
    assert [cell.value for cell in workbook["Ví dụ"][1]] == HEADERS and workbook["Ví dụ"].max_row == 3
    lists = {validation.formula1 for validation in sheet.data_validations.dataValidation}
    assert lists == {"'Hướng dẫn'!$E$5:$E$6", "'Hướng dẫn'!$G$5:$G$24"}
    guide = workbook["Hướng dẫn"]
    assert [guide.cell(row=r, column=5).value for r in (5, 6)] == [HAMLET, AGENCY]
    allowed = [guide.cell(row=r, column=7).value for r in range(5, 25)]
    assert "Tổ dân phố" in allowed and MASS_ORG in allowed
    assert {guide.cell(row=r, column=1).value for r in range(5, 14)} == set(HEADERS)

    untouched = client.post(
        import_url(thuc_phan), {"file": SimpleUploadedFile("mau-nhap-don-vi.xlsx", response.content)}
    )
    assert untouched.status_code == 200 and not children_named(thuc_phan, "Tổ dân phố Hòa Bình").exists()
    kept = workbooks.copy_examples_into_the_data_sheet(response.content, "Đơn vị")
    posted = client.post(import_url(thuc_phan), {"file": SimpleUploadedFile("mau-nhap-don-vi.xlsx", kept)})
    assert posted.status_code == 302
    assert posted["Location"].startswith(reverse("orgunits:detail", args=[thuc_phan.pk]))
    assert (
        children_named(thuc_phan, "Tổ dân phố Hòa Bình", "Hội Người cao tuổi phường Thục Phán").count() == 2
    )


def test_province_template_examples_import_into_the_province(units, province_admin, client_for):
    cao_bang = units["cao_bang"]
    client = client_for(province_admin)
    response = client.get(f"{reverse('orgunits:import_template')}?unit={cao_bang.pk}")
    kept = workbooks.copy_examples_into_the_data_sheet(response.content, "Đơn vị")
    report = import_units_workbook(province_admin, cao_bang, SimpleUploadedFile("mau.xlsx", kept))
    assert report.ok, report.messages
    hamlet, agency = report.created
    assert hamlet.parent.kind == OrgUnit.Kind.COMMUNE and hamlet.parent.path.startswith(cao_bang.path)
    assert agency.parent == cao_bang


def test_template_for_a_unit_outside_scope_is_not_found(units, commune_editor, client_for):
    url = f"{reverse('orgunits:import_template')}?unit={units['nung_tri_cao'].pk}"
    assert client_for(commune_editor).get(url).status_code == 404


# -------------------------------------------------------------------------------------------- the page


def test_import_page_shows_the_upload_form(units, commune_editor, client_for):
    response = client_for(commune_editor).get(import_url(units["thuc_phan"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file"' in html and 'accept=".xlsx"' in html and 'for="import-file"' in html
    assert 'enctype="multipart/form-data"' in html
    assert f"{reverse('orgunits:import_template')}?unit={units['thuc_phan'].pk}" in html
    assert "Loại hình / loại cơ quan" in html
    assert "Phường Thục Phán" in html and "Tỉnh Cao Bằng" in html  # breadcrumbs


def test_import_page_lists_row_errors_and_saves_nothing(units, commune_editor, client_for):
    response = client_for(commune_editor).post(
        import_url(units["thuc_phan"]),
        {"file": upload(["Tổ dân phố 33", HAMLET, "Tổ dân phố"], ["Tổ dân phố 34", "Xóm", "Tổ dân phố"])},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không có dòng nào được lưu" in html
    assert 'id="import-errors"' in html and "Không có loại «Xóm»" in html
    assert not children_named(units["thuc_phan"], "Tổ dân phố 33").exists()


def test_successful_upload_redirects_with_message(units, commune_editor, client_for):
    client = client_for(commune_editor)
    response = client.post(
        import_url(units["thuc_phan"]),
        {"file": upload(["Tổ dân phố 35", HAMLET, "Tổ dân phố"], ["Tổ dân phố 36", HAMLET, "Tổ dân phố"])},
        follow=True,
    )
    assert response.status_code == 200
    assert "Đã nhập 2 đơn vị" in response.content.decode()
    assert children_named(units["thuc_phan"], "Tổ dân phố 35", "Tổ dân phố 36").count() == 2


def test_post_without_a_file_asks_for_one(units, commune_editor, client_for):
    response = client_for(commune_editor).post(import_url(units["thuc_phan"]), {})
    assert response.status_code == 200
    assert "Hãy chọn tệp Excel (.xlsx) để nhập." in response.content.decode()


@pytest.mark.parametrize("query", ["", "?unit=", "?unit=abc", "?unit=999999999"])
def test_import_page_without_a_valid_unit_is_not_found(units, commune_editor, client_for, query):
    assert client_for(commune_editor).get(reverse("orgunits:import_units") + query).status_code == 404


def test_links_made_with_parent_still_open_the_import_page_and_the_create_form(
    units, commune_editor, client_for
):
    """The unit parameter is ?unit= as in every app; bookmarks made with the old ?parent= keep working."""
    client, thuc_phan = client_for(commune_editor), units["thuc_phan"]
    assert client.get(f"{reverse('orgunits:import_units')}?parent={thuc_phan.pk}").status_code == 200
    template = client.get(f"{reverse('orgunits:import_template')}?parent={thuc_phan.pk}")
    assert template.status_code == 200
    create = client.get(f"{reverse('orgunits:create')}?parent={thuc_phan.pk}")
    assert create.status_code == 200 and create.context["parent"] == thuc_phan


def test_anonymous_user_is_sent_to_login(units, client):
    response = client.get(import_url(units["thuc_phan"]))
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


def test_detail_page_offers_import_to_editors_of_open_communes(units, commune_editor, client_for):
    client = client_for(commune_editor)
    thuc_phan = units["thuc_phan"]
    assert (
        import_url(thuc_phan) in client.get(reverse("orgunits:detail", args=[thuc_phan.pk])).content.decode()
    )
    hamlet = thuc_phan.children.filter(kind="hamlet").first()
    assert "Nhập từ Excel" not in client.get(reverse("orgunits:detail", args=[hamlet.pk])).content.decode()
    viewer = make_user("viewer2", thuc_phan, Role.VIEWER)
    assert (
        "Nhập từ Excel"
        not in client_for(viewer).get(reverse("orgunits:detail", args=[thuc_phan.pk])).content.decode()
    )


def test_province_admin_sees_no_import_button_on_a_closed_commune(units, province_admin, client_for):
    closed = OrgUnit.objects.get(external_id="vn2024:district:040").children.filter(kind="commune").first()
    assert UnitRole.objects.filter(user=province_admin).exists()
    html = client_for(province_admin).get(reverse("orgunits:detail", args=[closed.pk])).content.decode()
    assert "Nhập từ Excel" not in html
