"""The public showcase: anyone may open it, it lists recognised models only, and never personal contact data."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from danvan.accounts.scope import Role
from danvan.orgunits.models import OrgUnit
from danvan.practices import services
from danvan.practices.models import Commendation, Practice, Status
from tests import factories
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

CONTACTS = ("Nông Thị Liên Hệ", "0912345678", "lienhe@example.vn")


def register(actor, owner, fields, name, **extra):
    data = {
        "registration_year": 2025,
        "kind": Practice.Kind.MODEL,
        "start_date": datetime.date(2025, 8, 1),
        "contact_name": CONTACTS[0],
        "contact_phone": CONTACTS[1],
        "contact_email": CONTACTS[2],
        **extra,
    }
    return services.register_practice(actor, owner=owner, fields=fields, name=name, **data)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def approver(units):
    return make_user("ban_tgdv", units["cao_bang"], Role.APPROVER)


@pytest.fixture
def showcase_data(units, commune_editor, other_commune_editor, approver, fields):
    ban = units["ban_tgdv_cao_bang"]
    hamlet = factories.hamlet(units["thuc_phan"], "Tổ dân phố 31")

    def recognise(practice, decision, day):
        return services.transition(
            approver, practice, "recognise", date=day, decision=decision, recognised_by=ban
        )

    road = register(
        commune_editor,
        hamlet,
        [fields["van-hoa-xa-hoi"]],
        "Tuyến đường hoa",
        summary="Nhân dân góp công trồng hoa hai bên đường liên tổ.",
        method="Mỗi hộ nhận chăm sóc một đoạn đường.",
        participants="Chi hội Phụ nữ, Đoàn Thanh niên",
        results=[{"indicator": "Đường trồng hoa", "unit_of_measure": "km", "value": "3,5"}],
    )
    road = recognise(road, "125-QĐ/BTGDVTU", datetime.date(2025, 12, 10))
    services.add_commendation(
        approver,
        road,
        stage=Commendation.Stage.AWARDED,
        form=Commendation.Form.CERTIFICATE_OF_MERIT,
        awarding_body="Ủy ban nhân dân tỉnh Cao Bằng",
        decision="88/QĐ-UBND",
        date=datetime.date(2026, 1, 15),
    )
    replica = services.replicate(approver, road, owner=units["nung_tri_cao"], registration_year=2026)
    hero = register(
        commune_editor,
        units["thuc_phan"],
        [fields["kinh-te"]],
        "Gương mẫu hiến đất làm đường",
        kind=Practice.Kind.EXEMPLAR,
        person_name="Hoàng Văn Thành",
        person_position="Trưởng xóm",
    )
    hero = recognise(hero, "130-QĐ/BTGDVTU", datetime.date(2026, 3, 2))
    camera = register(
        other_commune_editor, units["nung_tri_cao"], [fields["quoc-phong-an-ninh"]], "Camera an ninh"
    )
    camera = services.transition(
        approver,
        camera,
        "recognise",
        date=datetime.date(2026, 4, 1),
        decision="140-QĐ/BTGDVTU",
        recognised_by=ban,
    )
    registered = register(commune_editor, units["thuc_phan"], [fields["kinh-te"]], "Hũ gạo tình thương")
    implementing = services.transition(
        commune_editor,
        register(commune_editor, units["thuc_phan"], [fields["kinh-te"]], "Chợ không rác thải nhựa"),
        "implement",
    )
    refused = services.transition(
        approver,
        register(commune_editor, units["thuc_phan"], [fields["kinh-te"]], "Mô hình bị từ chối"),
        "not_recognise",
        note="Chưa có kết quả",
    )
    stopped = services.transition(
        commune_editor,
        recognise(
            register(commune_editor, units["thuc_phan"], [fields["kinh-te"]], "Mô hình đã dừng"),
            "99-QĐ/BTGDVTU",
            datetime.date(2025, 11, 1),
        ),
        "stop",
        note="Hết kinh phí",
    )
    return {
        "road": Practice.objects.get(pk=road.pk),
        "replica": replica,
        "hero": hero,
        "camera": camera,
        "hidden": [registered, implementing, refused, stopped, replica],
    }


def test_anonymous_visitor_opens_the_showcase_without_logging_in(client, showcase_data):
    response = client.get(reverse("practices:showcase"))
    assert response.status_code == 200
    assert reverse("practices:showcase") == "/dan-van-kheo/cong-khai/"
    html = response.content.decode()
    assert "Dân vận khéo" in html and "mô hình, điển hình tiêu biểu" in html
    assert "Đăng nhập" in html and reverse("accounts:login") in html
    assert 'id="dv-sidebar"' not in html  # its own public frame, not the logged-in one
    detail = client.get(reverse("practices:showcase_detail", args=[showcase_data["road"].pk]))
    assert detail.status_code == 200


def test_only_recognised_and_replicated_models_appear(client, showcase_data):
    html = client.get(reverse("practices:showcase")).content.decode()
    for name in ("Tuyến đường hoa", "Gương mẫu hiến đất làm đường", "Camera an ninh"):
        assert name in html
    for name in ("Hũ gạo tình thương", "Chợ không rác thải nhựa", "Mô hình bị từ chối", "Mô hình đã dừng"):
        assert name not in html
    assert showcase_data["road"].status == Status.REPLICATED
    assert "3 mô hình, điển hình" in html


def test_no_personal_contact_data_in_the_html(client, showcase_data):
    pages = [client.get(reverse("practices:showcase")).content.decode()]
    for key in ("road", "hero", "camera"):
        pages.append(
            client.get(reverse("practices:showcase_detail", args=[showcase_data[key].pk])).content.decode()
        )
    for html in pages:
        for contact in CONTACTS:
            assert contact not in html


def test_search_ignores_accents_and_case(client, showcase_data):
    for q in ("duong hoa", "ĐƯỜNG HOA", "tuyen duong"):
        html = client.get(reverse("practices:showcase"), {"q": q}).content.decode()
        assert "Tuyến đường hoa" in html and "Camera an ninh" not in html, q
    html = client.get(reverse("practices:showcase"), {"q": "hoang van thanh"}).content.decode()
    assert "Gương mẫu hiến đất làm đường" in html and "Tuyến đường hoa" not in html
    html = client.get(reverse("practices:showcase"), {"q": "không có gì"}).content.decode()
    assert "Không có mô hình, điển hình nào khớp" in html


def test_an_anonymous_search_with_a_nul_byte_answers_the_page(client, showcase_data):
    # On PostgreSQL a NUL reaching the query was a 500 for anyone, without logging in.
    response = client.get(reverse("practices:showcase"), {"q": "duong\x00hoa"})
    assert response.status_code == 200 and "Tuyến đường hoa" in response.content.decode()


def test_field_and_kind_filters(client, showcase_data, fields):
    url = reverse("practices:showcase")
    html = client.get(url, {"field": fields["quoc-phong-an-ninh"].pk}).content.decode()
    assert "Camera an ninh" in html and "Tuyến đường hoa" not in html and "Gương mẫu" not in html
    html = client.get(url, {"kind": "exemplar"}).content.decode()
    assert "Gương mẫu hiến đất làm đường" in html and "Camera an ninh" not in html
    for bad in ({"field": "999999"}, {"field": "abc"}):
        assert "Camera an ninh" not in client.get(url, bad).content.decode()
    assert client.get(url, {"page": "xyz", "kind": "nonsense"}).status_code == 200


def test_detail_is_a_404_for_any_model_not_recognised(client, showcase_data):
    for practice in showcase_data["hidden"]:
        assert practice.status not in (Status.RECOGNISED, Status.REPLICATED)
        assert client.get(reverse("practices:showcase_detail", args=[practice.pk])).status_code == 404
    assert client.get(reverse("practices:showcase_detail", args=[999999])).status_code == 404


def test_detail_shows_recognition_results_replicas_and_the_exemplars_name(client, showcase_data):
    road = showcase_data["road"]
    html = client.get(reverse("practices:showcase_detail", args=[road.pk])).content.decode()
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng" in html
    assert "125-QĐ/BTGDVTU" in html and "10/12/2025" in html
    assert "Tổ dân phố 31" in html and "Phường Thục Phán, Tỉnh Cao Bằng" in html
    assert "Mỗi hộ nhận chăm sóc một đoạn đường." in html and "Chi hội Phụ nữ, Đoàn Thanh niên" in html
    assert "Đường trồng hoa" in html and "3,5" in html
    assert "Phường Nùng Trí Cao" in html  # replicated there
    assert "Bằng khen – Ủy ban nhân dân tỉnh Cao Bằng" in html and "88/QĐ-UBND" in html
    hero = client.get(reverse("practices:showcase_detail", args=[showcase_data["hero"].pk])).content.decode()
    assert "Hoàng Văn Thành" in hero and "Trưởng xóm" in hero


def test_logged_in_reader_in_scope_gets_a_link_to_the_register(client_for, commune_editor, showcase_data):
    road = showcase_data["road"]
    camera = showcase_data["camera"]
    client = client_for(commune_editor)
    assert (
        reverse("practices:detail", args=[road.pk])
        in client.get(reverse("practices:showcase_detail", args=[road.pk])).content.decode()
    )
    assert (
        reverse("practices:detail", args=[camera.pk])
        not in client.get(reverse("practices:showcase_detail", args=[camera.pk])).content.decode()
    )


def test_showcase_query_count_does_not_grow_with_the_page(client, showcase_data, units, approver, fields):
    url = reverse("practices:showcase")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for number in range(8):
        hamlet = factories.hamlet(units["nung_tri_cao"], f"Tổ dân phố {40 + number}")
        practice = services.register_practice(
            approver,
            owner=hamlet,
            fields=[fields["kinh-te"], fields["van-hoa-xa-hoi"]],
            name=f"Hũ gạo tình thương {number}",
            registration_year=2026,
            start_date=datetime.date(2026, 2, 1),
            results=[{"indicator": "Gạo quyên góp", "unit_of_measure": "kg", "value": "120"}],
        )
        services.transition(
            approver,
            practice,
            "recognise",
            date=datetime.date(2026, 5, 1),
            decision=f"{200 + number}-QĐ/BTGDVTU",
            recognised_by=units["ban_tgdv_cao_bang"],
        )
    assert count() == few


def photo_upload(name="anh.png", colour=(200, 30, 30)):
    image = Image.new("RGB", (1200, 800), colour)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_showcase_shows_photos_of_the_models_as_thumbnails(client, showcase_data, commune_editor, media):
    road = showcase_data["road"]
    photo = services.add_attachment(commune_editor, road, photo_upload())
    services.add_attachment(
        commune_editor,
        road,
        SimpleUploadedFile("quyet-dinh.pdf", b"%PDF-1.4 bien ban", content_type="application/pdf"),
    )
    hidden = services.add_attachment(commune_editor, showcase_data["hidden"][0], photo_upload("an.png"))
    thumbnail = reverse("practices:showcase_photo", args=[photo.pk])
    for page in (reverse("practices:showcase"), reverse("practices:showcase_detail", args=[road.pk])):
        html = client.get(page).content.decode()
        assert f'src="{thumbnail}"' in html and 'alt="Ảnh: Tuyến đường hoa"' in html
        assert "quyet-dinh.pdf" not in html
    response = client.get(thumbnail)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    served = Image.open(
        io.BytesIO(b"".join(response.streaming_content if response.streaming else [response.content]))
    )
    assert max(served.size) <= 640  # a thumbnail, not the 1200 px original
    document = road.attachments.exclude(pk=photo.pk).get()
    assert client.get(reverse("practices:showcase_photo", args=[document.pk])).status_code == 404
    assert client.get(reverse("practices:showcase_photo", args=[hidden.pk])).status_code == 404


def test_showcase_filters_by_province_and_commune(client, showcase_data, units):
    showcase = reverse("practices:showcase")
    cao_bang, nung_tri_cao = units["cao_bang"], units["nung_tri_cao"]
    html = client.get(showcase, {"province": cao_bang.pk}).content.decode()
    assert all(name in html for name in ("Tuyến đường hoa", "Gương mẫu hiến đất làm đường", "Camera an ninh"))
    assert f'<option value="{nung_tri_cao.pk}">Phường Nùng Trí Cao</option>' in html  # its communes offered
    html = client.get(showcase, {"province": cao_bang.pk, "commune": nung_tri_cao.pk}).content.decode()
    assert "Camera an ninh" in html and "Tuyến đường hoa" not in html and "Gương mẫu hiến đất" not in html
    ha_noi = OrgUnit.objects.get(name="Thành phố Hà Nội", valid_to__isnull=True)
    html = client.get(showcase, {"province": ha_noi.pk}).content.decode()
    assert "Camera an ninh" not in html and "Không có mô hình, điển hình nào khớp" in html
    # A commune outside the chosen province, or nonsense, finds nothing rather than failing.
    html = client.get(showcase, {"province": ha_noi.pk, "commune": nung_tri_cao.pk}).content.decode()
    assert "Camera an ninh" not in html
    assert client.get(showcase, {"province": "x", "commune": "../1"}).status_code == 200


def test_login_page_links_to_the_showcase(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert f'href="{reverse("practices:showcase")}"' in html
