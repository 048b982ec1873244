"""One definition of "a model registered / recognised in year Y" everywhere: the dashboard, the counts page, the list
behind each count and the report cells bound to the register agree, and where the by-field counts exceed the total
(a model of several fields) the page says why."""

import datetime

import pytest
from django.urls import reverse

from danvan.core.periods import Period
from danvan.demo.reporting import define_demo_form
from danvan.practices import services
from danvan.practices.selectors import year_summary
from danvan.reporting.models import Indicator
from danvan.reporting.services.system import system_values
from tests.factories import practice, recognised_practice

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def register(units, province_admin, fields):
    """In Tỉnh Cao Bằng, 2026: one model recognised (two fields), one recognised then replicated to another ward (the
    replica registered), one only registered: 4 registered, 2 recognised (one of them replicated)."""
    thuc_phan, cao_bang = units["thuc_phan"], units["cao_bang"]
    recognised_practice(
        province_admin,
        province_admin,
        thuc_phan,
        cao_bang,
        "Hũ gạo tình thương",
        fields=[fields["kinh-te"], fields["van-hoa-xa-hoi"]],
    )
    spread = recognised_practice(province_admin, province_admin, thuc_phan, cao_bang, "Camera an ninh")
    services.replicate(province_admin, spread, owner=units["nung_tri_cao"], registration_year=YEAR)
    practice(province_admin, thuc_phan, "Tuyến đường hoa")


def test_the_register_counts_a_replicated_model_as_recognised(register, units):
    assert year_summary(units["cao_bang"], YEAR) == {"total": 4, "recognised": 2, "replicated": 1}


def test_dashboard_counts_page_list_and_report_cell_say_the_same(
    register, units, province_admin, client_for, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: datetime.date(YEAR, 12, 2))
    client = client_for(province_admin)
    cao_bang = units["cao_bang"]
    dashboard = client.get("/").context["practices"]
    assert (dashboard["unit"], dashboard["year"]) == (cao_bang, YEAR)
    assert (dashboard["total"], dashboard["recognised"], dashboard["replicated"]) == (4, 2, 1)

    page = client.get(reverse("practices:stats"), {"unit": cao_bang.pk, "year": YEAR})
    cards = {label: cell for label, cell, _icon in page.context["cards"]}
    recognised = cards["Được công nhận (cả đã nhân rộng)"]
    assert (page.context["total"], recognised.count, cards["Đã nhân rộng"].count) == (4, 2, 1)
    # The list behind the card holds the same two models.
    listed = client.get(recognised.url)
    assert listed.status_code == 200
    assert {p.name for p in listed.context["page_obj"].object_list} == {
        "Hũ gạo tình thương",
        "Camera an ninh",
    }

    define_demo_form(cao_bang)
    cell = Indicator.objects.get(code="dvk_mh_cong_nhan")
    assert cell.source == "practices.recognised"
    assert sum(system_values(cell, cao_bang, Period.parse(f"{YEAR}H1")).values()) == 2


def test_the_counts_page_says_why_the_fields_add_up_to_more_than_the_total(
    register, units, province_admin, client_for
):
    page = client_for(province_admin).get(
        reverse("practices:stats"), {"unit": units["cao_bang"].pk, "year": YEAR}
    )
    table = page.context["table"]
    assert sum(cell.count for cell in table.column_totals) == 5 and table.total.count == 4
    assert (
        "Cộng các cột lĩnh vực (5) lớn hơn tổng số mô hình (4) vì một mô hình có thể thuộc nhiều lĩnh vực"
        in (page.content.decode())
    )
