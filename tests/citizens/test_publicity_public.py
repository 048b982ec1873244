"""The public page of what a commune publicised (/cong-khai/<unit>/): no sign-in, good on phones, searched by words
without accents and by period; only what was published, with its channels and its file."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from danvan.citizens import services
from tests.clock import today

from .publicity_fixtures import item, pdf, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(commune_editor, units):
    commune = units["thuc_phan"]
    plan = publish(
        commune_editor,
        commune,
        "ke-hoach-kt-xh",
        "2026",
        on=datetime.date(2026, 1, 20),
        file=pdf("ke-hoach.pdf"),
    )
    budget = publish(
        commune_editor, commune, "thuc-hien-ngan-sach-quy", "2026Q1", on=datetime.date(2026, 4, 10)
    )
    services.record_publication(
        commune_editor,
        unit=commune,
        item=item("thu-hoi-dat"),
        decision_on=today(),
        title="Thu hồi đất chưa công khai",
    )
    return plan, budget


def url(units, **query):
    return reverse("citizens_public:public_publicity", args=[units["thuc_phan"].pk]), query


def test_anyone_sees_what_the_commune_published_and_nothing_else(
    published, units, django_assert_max_num_queries
):
    path, _query = url(units)
    with django_assert_max_num_queries(8):
        response = Client().get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="viewport"' in html
    assert "Kế hoạch phát triển kinh tế - xã hội" in html and "Niêm yết tại trụ sở UBND xã" in html
    assert "20/01/2026" in html and "ke-hoach.pdf" in html
    assert "Thu hồi đất chưa công khai" not in html


def test_the_search_ignores_accents_and_the_period_keeps_its_days(published, units):
    client = Client()
    path, _query = url(units)
    html = client.get(path, {"q": "ngan sach"}).content.decode()
    assert "Tình hình thực hiện dự toán ngân sách xã hằng quý" in html and "Kế hoạch phát triển" not in html
    html = client.get(path, {"period": "2026Q1"}).content.decode()
    assert "Kế hoạch phát triển" in html and "ngân sách xã hằng quý" not in html
    html = client.get(path, {"period": "2026Q9"}).content.decode()
    assert "không hợp lệ" in html


def test_the_file_of_a_published_item_downloads_without_sign_in(published):
    plan, budget = published
    response = Client().get(reverse("citizens_public:public_publication_file", args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert (
        Client().get(reverse("citizens_public:public_publication_file", args=[budget.pk])).status_code == 404
    )


def test_a_unit_that_is_no_commune_has_no_public_page(units):
    response = Client().get(reverse("citizens_public:public_publicity", args=[units["cao_bang"].pk]))
    assert response.status_code == 404
