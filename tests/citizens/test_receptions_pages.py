"""The receptions' and dialogues' pages: the lists (a fixed number of queries), a reception recorded through the form
with its citizens, the refusal of an online reception before 1/7/2026 shown on the field, the compliance table red
where short, the schedule published without signing in, the Excel exports, and the scope (404 outside it)."""

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import Role
from danvan.citizens.models import Reception
from tests import factories

from .receptions_fixtures import D, chair, duty, reception


@pytest.fixture
def approver(units):
    return factories.user("duyet_xa", units["thuc_phan"], Role.APPROVER)


@pytest.fixture
def leader(units):
    return chair(units["thuc_phan"])


def test_the_list_shows_the_receptions_with_the_leaders_titles_in_few_queries(
    units, commune_editor, leader, client_for, django_assert_max_num_queries
):
    for day in range(1, 13):
        other = chair(units["thuc_phan"], f"Lãnh đạo {day}")
        reception(commune_editor, units["thuc_phan"], D(2026, 3, day), other)
    client = client_for(commune_editor)
    client.get(reverse("citizens:reception_list"))
    with django_assert_max_num_queries(16):
        response = client.get(reverse("citizens:reception_list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Lãnh đạo 12" in page and "Chủ tịch UBND" in page and "12/03/2026" in page


def test_a_reception_recorded_through_the_form_with_its_citizens(units, commune_editor, leader, client_for):
    client = client_for(commune_editor)
    assert client.get(reverse("citizens:reception_create")).status_code == 200
    response = client.post(
        reverse("citizens:reception_create"),
        {
            "unit": units["thuc_phan"].pk,
            "date": "04/06/2026",
            "kind": "regular",
            "mode": "in_person",
            "leader": leader.pk,
            "leader_role": "chu_tich_ubnd_xa",
            "place": "Trụ sở",
            "citizens-TOTAL_FORMS": "2",
            "citizens-INITIAL_FORMS": "0",
            "citizens-0-name": "Lục Văn Dân",
            "citizens-0-matter": "Đường ngõ hỏng",
            "citizens-0-answer": "Xã sẽ sửa",
            "citizens-1-name": "",
        },
    )
    saved = Reception.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "citizens:reception_detail", args=[saved.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert "Lục Văn Dân" in page and "Đường ngõ hỏng" in page and "Nông Văn Chủ, Chủ tịch UBND" in page


def test_an_online_reception_before_july_2026_is_refused_on_the_mode_field(units, commune_editor, client_for):
    response = client_for(commune_editor).post(
        reverse("citizens:reception_create"),
        {
            "unit": units["thuc_phan"].pk,
            "date": "04/06/2026",
            "kind": "regular",
            "mode": "online",
            "citizens-TOTAL_FORMS": "0",
            "citizens-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "01/07/2026" in response.content.decode()
    assert "01/07/2026" in response.context["form"].errors["mode"][0]
    assert not Reception.objects.exists()


def test_a_commitment_and_a_petition_are_recorded_from_the_reception_page(units, commune_editor, client_for):
    saved = reception(commune_editor, units["thuc_phan"], D(2026, 6, 4))
    client = client_for(commune_editor)
    refused = client.post(reverse("citizens:reception_commitment", args=[saved.pk]), {"text": "Sửa đường"})
    assert refused.status_code == 200 and "Hãy nhập hạn" in refused.content.decode()
    client.post(
        reverse("citizens:reception_commitment", args=[saved.pk]),
        {"text": "Sửa đường", "deadline": "30/08/2026"},
    )
    client.post(
        reverse("citizens:reception_petition", args=[saved.pk]),
        {
            "kind": "kien_nghi",
            "field": "dat_dai",
            "subject": "Cấp sổ đỏ",
            "content": "Đề nghị",
            "sender_name": "Bà Mai",
        },
    )
    page = client.get(reverse("citizens:reception_detail", args=[saved.pk])).content.decode()
    assert "Sửa đường" in page and "30/08/2026" in page and "Cấp sổ đỏ" in page


def test_another_commune_gets_404_on_the_reception_and_cannot_post(
    units, commune_editor, other_commune_editor, client_for
):
    saved = reception(commune_editor, units["thuc_phan"], D(2026, 6, 4))
    client = client_for(other_commune_editor)
    assert client.get(reverse("citizens:reception_detail", args=[saved.pk])).status_code == 404
    assert (
        client.post(reverse("citizens:reception_commitment", args=[saved.pk]), {"text": "x"}).status_code
        == 404
    )


def test_the_compliance_page_marks_a_short_month_red_with_a_legend(
    units, commune_editor, approver, leader, client_for, django_assert_max_num_queries
):
    duty(approver, units["thuc_phan"], leader)
    reception(commune_editor, units["thuc_phan"], D(2026, 7, 3), leader)
    client = client_for(approver)
    url = reverse("citizens:reception_compliance") + f"?unit={units['thuc_phan'].pk}&year=2026"
    client.get(url)
    with django_assert_max_num_queries(20):
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chú giải" in page and "Nông Văn Chủ" in page
    assert page.count("data-short") >= 1 and ">1/2<" in page


def test_an_approver_publishes_the_schedule_read_without_signing_in(units, approver, leader, client_for):
    client = client_for(approver)
    url = reverse("citizens:reception_schedule") + f"?unit={units['thuc_phan'].pk}"
    client.post(
        url,
        {"schedule-days": "thứ Năm hằng tuần", "schedule-hours": "7h30–11h00", "schedule-published": "on"},
    )
    client.post(url, {"person": leader.pk, "leader_role": "chu_tich_ubnd_xa", "valid_from": "01/01/2026"})
    staff = client.get(url).content.decode()
    assert "7h30–11h00" in staff and "Nông Văn Chủ" in staff
    public = Client().get(reverse("citizens_public:reception_schedule", args=[units["thuc_phan"].pk]))
    assert public.status_code == 200 and "7h30–11h00" in public.content.decode()
    assert Client().get(reverse("citizens_public:reception_schedule", args=[999999])).status_code == 404


def test_an_editor_cannot_set_the_schedule(units, commune_editor, client_for):
    url = reverse("citizens:reception_schedule") + f"?unit={units['thuc_phan'].pk}"
    assert client_for(commune_editor).post(url, {"schedule-days": "thứ Hai"}).status_code == 403


def test_the_excel_export_lists_the_receptions(units, commune_editor, leader, client_for):
    reception(commune_editor, units["thuc_phan"], D(2026, 6, 4), leader, place="Nhà văn hóa")
    response = client_for(commune_editor).get(reverse("citizens:reception_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Nhà văn hóa" in values and "Nông Văn Chủ" in values


def test_the_dialogue_pages(units, commune_editor, leader, client_for, province_admin):
    client = client_for(commune_editor)
    response = client.post(
        reverse("citizens:dialogue_create"),
        {
            "unit": units["thuc_phan"].pk,
            "title": "Đối thoại về đất đai",
            "date": "20/05/2026",
            "status": "held",
            "leaders": [leader.pk],
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert "Nông Văn Chủ, Chủ tịch UBND" in detail.content.decode()
    pk = detail.context["dialogue"].pk
    client.post(
        reverse("citizens:dialogue_question", args=[pk]),
        {
            "asked_by": "Ông Dân",
            "question": "Bao giờ làm đường?",
            "answer": "Quý III",
            "answered_by": leader.pk,
        },
    )
    assert "Bao giờ làm đường?" in client.get(reverse("citizens:dialogue_detail", args=[pk])).content.decode()
    assert "Đối thoại về đất đai" in client.get(reverse("citizens:dialogue_list")).content.decode()
    counts = client_for(province_admin).get(
        reverse("citizens:dialogue_counts") + f"?unit={units['cao_bang'].pk}"
    )
    page = counts.content.decode()
    assert (
        counts.status_code == 200 and f"?unit={units['thuc_phan'].pk}&amp;year=2026&amp;status=held" in page
    )
    cancelled = client.post(
        reverse("citizens:dialogue_edit", args=[pk]),
        {"title": "Đối thoại về đất đai", "date": "20/05/2026", "status": "cancelled"},
    )
    assert cancelled.status_code == 200 and "lý do hủy" in cancelled.content.decode()
