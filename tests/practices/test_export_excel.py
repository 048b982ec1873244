"""Excel export of the register: the list page's filters, the user's scope, a fixed number of queries."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.accounts.scope import Role
from danvan.practices import services
from danvan.practices.exports import COLUMNS
from danvan.practices.imports import import_practices_workbook
from danvan.practices.models import Practice
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def register(actor, owner, fields, name, **extra):
    data = {"registration_year": 2025, "kind": Practice.Kind.MODEL, **extra}
    return services.register_practice(actor, owner=owner, fields=fields, name=name, **data)


def sheet_rows(response) -> list[dict]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    headers = rows[0]
    return [dict(zip(headers, values, strict=True)) for values in rows[1:]]


@pytest.fixture
def register_data(units, commune_editor, other_commune_editor, fields):
    approver = make_user("ban_tgdv", units["cao_bang"], Role.APPROVER)
    road = register(
        commune_editor,
        units["thuc_phan"],
        [fields["van-hoa-xa-hoi"], fields["kinh-te"]],
        "Tuyến đường hoa",
        start_date=datetime.date(2025, 8, 1),
        contact_name="Nông Thị Hoa",
        contact_phone="0206385123",
        results=[
            {"indicator": "Hộ thoát nghèo", "unit_of_measure": "hộ", "value": "12"},
            {"indicator": "Đường được hiến đất", "unit_of_measure": "km", "value": "3,5"},
        ],
    )
    road = services.transition(
        approver,
        road,
        "recognise",
        date=datetime.date(2025, 12, 10),
        decision="125-QĐ/BTGDVTU",
        recognised_by=units["ban_tgdv_cao_bang"],
    )
    services.reconfirm(commune_editor, road, 2026)
    camera = register(commune_editor, units["thuc_phan"], [fields["quoc-phong-an-ninh"]], "Camera an ninh")
    theirs = register(other_commune_editor, units["nung_tri_cao"], [fields["kinh-te"]], "Hũ gạo tình thương")
    return {"road": road, "camera": camera, "theirs": theirs}


def test_export_has_every_column_and_the_practices_values(units, commune_editor, client_for, register_data):
    response = client_for(commune_editor).get(
        reverse("practices:export_practices"), {"unit": units["thuc_phan"].pk}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="mo-hinh-dan-van-kheo.xlsx"' in response["Content-Disposition"]
    rows = sheet_rows(response)
    assert list(rows[0]) == [str(header) for _key, header, _width in COLUMNS]
    road = next(r for r in rows if r["Tên mô hình, điển hình"] == "Tuyến đường hoa")
    assert road["Loại"] == "Mô hình tập thể"
    assert road["Đơn vị thực hiện"] == "Phường Thục Phán" and road["Mã đơn vị"] == "01273"
    assert road["Cấp"] == "Cấp xã, phường"
    assert road["Lĩnh vực"] == "Kinh tế; Văn hóa – xã hội"
    assert (road["Năm đăng ký"], road["Các năm được tính"]) == (2025, "2025, 2026")
    assert road["Tình trạng"] == "Được công nhận"
    assert road["Kết quả"] == "Hộ thoát nghèo: 12 hộ; Đường được hiến đất: 3,5 km"
    assert road["Ngày bắt đầu"] == datetime.datetime(2025, 8, 1)
    assert (road["Người liên hệ"], road["Điện thoại"]) == ("Nông Thị Hoa", "0206385123")
    assert road["Đơn vị công nhận"] == "Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng"
    assert road["Số quyết định công nhận"] == "125-QĐ/BTGDVTU"
    assert road["Ngày công nhận"] == datetime.datetime(2025, 12, 10)
    assert road["Cấp công nhận"] == "Cấp tỉnh"


def test_export_keeps_to_the_users_scope(units, commune_editor, client_for, register_data):
    names = {
        r["Tên mô hình, điển hình"]
        for r in sheet_rows(client_for(commune_editor).get(reverse("practices:export_practices")))
    }
    assert names == {"Tuyến đường hoa", "Camera an ninh"}
    # Naming the other commune in the filter does not open it.
    response = client_for(commune_editor).get(
        reverse("practices:export_practices"), {"unit": units["nung_tri_cao"].pk}
    )
    assert sheet_rows(response) == []


def test_export_follows_the_list_filters(units, province_admin, client_for, register_data, fields):
    client = client_for(province_admin)
    url = reverse("practices:export_practices")

    def names(**params):
        return [r["Tên mô hình, điển hình"] for r in sheet_rows(client.get(url, params))]

    assert sorted(names(unit=units["cao_bang"].pk)) == [
        "Camera an ninh",
        "Hũ gạo tình thương",
        "Tuyến đường hoa",
    ]
    assert names(q="duong hoa") == ["Tuyến đường hoa"]
    assert names(status="registered", sort="name") == ["Camera an ninh", "Hũ gạo tình thương"]
    assert names(field=fields["quoc-phong-an-ninh"].pk) == ["Camera an ninh"]
    assert names(year=2026) == ["Tuyến đường hoa"]
    assert names(unit=units["nung_tri_cao"].pk) == ["Hũ gạo tình thương"]
    assert names(unit=999999) == []  # an invalid filter exports nothing, like the list shows nothing


def test_export_query_count_does_not_grow_with_rows(units, commune_editor, client_for, fields, register_data):
    client = client_for(commune_editor)
    url = reverse("practices:export_practices")
    client.get(url)  # warm the session and the user's scope

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for number in range(12):
        register(
            commune_editor,
            units["thuc_phan"],
            [fields["kinh-te"], fields["van-hoa-xa-hoi"]],
            f"Mô hình số {number}",
            results=[{"indicator": "Hộ tham gia", "unit_of_measure": "hộ", "value": "5"}],
        )
    assert count() == few


def test_an_exported_file_imports_again(units, commune_editor, client_for, register_data):
    response = client_for(commune_editor).get(
        reverse("practices:export_practices"), {"unit": units["thuc_phan"].pk}
    )
    before = {
        p.name: (sorted(f.code for f in p.fields.all()), [str(r) for r in p.results.all()])
        for p in Practice.objects.filter(owner=units["thuc_phan"])
    }
    Practice.objects.filter(owner=units["thuc_phan"]).delete()
    report = import_practices_workbook(
        commune_editor, units["thuc_phan"], SimpleUploadedFile("xuat.xlsx", response.content)
    )
    assert report.ok, report.messages
    after = {
        p.name: (sorted(f.code for f in p.fields.all()), [str(r) for r in p.results.all()])
        for p in Practice.objects.filter(owner=units["thuc_phan"])
    }
    assert after == before
