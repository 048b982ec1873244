"""The publicity pages: a commune's checklist with each item's deadline and status, the province's communes × items
with the missing in red, recording a publication and its channels, each out-of-scope page a 404."""

import datetime

import pytest
from django.urls import reverse

from danvan.citizens.models import Publication
from tests.clock import today

from .publicity_fixtures import item, pdf, publish

pytestmark = pytest.mark.django_db
CHECKLIST = reverse("citizens:publicity_checklist")


def test_the_checklist_shows_each_item_due_its_deadline_and_status(client_for, commune_editor, units):
    commune = units["thuc_phan"]
    publish(commune_editor, commune, "thuc-hien-ngan-sach-quy", "2026Q1", on=datetime.date(2026, 4, 20))
    response = client_for(commune_editor).get(CHECKLIST, {"unit": commune.pk, "period": "2026Q2"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-item="thuc-hien-ngan-sach-quy" data-status="late"' in html
    assert "15/04/2026" in html and "20/04/2026" in html
    assert "Niêm yết tại trụ sở UBND xã" in html


def test_the_checklist_takes_a_fixed_number_of_queries(
    client_for, commune_editor, units, django_assert_max_num_queries
):
    commune = units["thuc_phan"]
    client = client_for(commune_editor)
    client.get(CHECKLIST, {"unit": commune.pk, "period": "2026"})
    for quarter in ("2026Q1", "2026Q2", "2026Q3"):
        publish(commune_editor, commune, "thuc-hien-ngan-sach-quy", quarter, on=datetime.date(2026, 10, 1))
    with django_assert_max_num_queries(16):
        response = client.get(CHECKLIST, {"unit": commune.pk, "period": "2026"})
    assert response.content.decode().count('data-status="late"') == 2


def test_a_bad_period_is_named_and_the_page_still_answers(client_for, commune_editor, units):
    response = client_for(commune_editor).get(CHECKLIST, {"unit": units["thuc_phan"].pk, "period": "2026X9"})
    assert response.status_code == 200
    assert "không hợp lệ" in response.content.decode()


def test_the_province_view_marks_the_communes_missing_items_in_red(
    client_for, province_admin, commune_editor, units, django_assert_max_num_queries
):
    publish(
        commune_editor, units["thuc_phan"], "thuc-hien-ngan-sach-quy", "2026Q1", on=datetime.date(2026, 4, 2)
    )
    client = client_for(province_admin)
    with django_assert_max_num_queries(14):
        response = client.get(CHECKLIST, {"unit": units["cao_bang"].pk, "period": "2026Q2"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-unit="{units["nung_tri_cao"].pk}"' in html
    assert "table-danger" in html


def test_an_editor_records_a_decision_then_adds_its_loudspeaker_days(client_for, commune_editor, units):
    commune = units["thuc_phan"]
    client = client_for(commune_editor)
    url = reverse("citizens:publicity_record") + f"?unit={commune.pk}"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "item": item("thu-hoi-dat").pk,
            "decision_on": (today() - datetime.timedelta(days=5)).strftime("%d/%m/%Y"),
            "title": "Phương án bồi thường đường tránh",
            "reference": "20/QĐ-UBND",
            "file": pdf("phuong-an.pdf"),
        },
    )
    publication = Publication.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "citizens:publication_detail", args=[publication.pk]
    )
    days = [today() - datetime.timedelta(days=offset) for offset in (4, 3, 2)]
    response = client.post(
        reverse("citizens:publication_channel_add", args=[publication.pk]),
        {
            "channel": "loa",
            "started_on": days[0].strftime("%d/%m/%Y"),
            "second_on": days[1].strftime("%d/%m/%Y"),
            "third_on": days[2].strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.published_on == days[0]
    detail = client.get(reverse("citizens:publication_detail", args=[publication.pk])).content.decode()
    assert "Hệ thống loa truyền thanh" in detail and "phuong-an.pdf" in detail
    download = client.get(reverse("citizens:publication_file", args=[publication.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_channel_with_bad_days_shows_the_message_next_to_the_field(client_for, commune_editor, units):
    publication = publish(
        commune_editor, units["thuc_phan"], "quy-dong-gop", "2026H1", on=datetime.date(2026, 7, 10)
    )
    response = client_for(commune_editor).post(
        reverse("citizens:publication_channel_add", args=[publication.pk]),
        {"channel": "niem_yet", "started_on": "01/07/2026", "ended_on": "10/07/2026"},
    )
    assert response.status_code == 200
    assert "Niêm yết tại trụ sở ít nhất 30 ngày (Điều 13)." in response.content.decode()


def test_another_commune_s_editor_gets_404_and_cannot_record_here(
    client_for, commune_editor, other_commune_editor, units
):
    publication = publish(
        commune_editor, units["thuc_phan"], "quy-dong-gop", "2026H1", on=datetime.date(2026, 7, 10)
    )
    client = client_for(other_commune_editor)
    assert client.get(reverse("citizens:publication_detail", args=[publication.pk])).status_code == 404
    assert client.get(CHECKLIST, {"unit": units["thuc_phan"].pk}).status_code == 404
    assert (
        client.get(reverse("citizens:publicity_record"), {"unit": units["thuc_phan"].pk}).status_code == 404
    )
