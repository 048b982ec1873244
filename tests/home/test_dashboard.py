import pytest

pytestmark = pytest.mark.django_db


def test_dashboard_shows_the_current_units_dan_van_kheo_figures(units, province_admin, client_for, fields):
    from django.utils import timezone

    from danvan.practices import services

    year = timezone.localdate().year
    services.register_practice(
        province_admin,
        owner=units["thuc_phan"],
        fields=[fields["kinh-te"]],
        name="Hũ gạo tình thương",
        registration_year=year,
    )
    page = client_for(province_admin).get("/")
    assert page.context["practices"]["total"] == 1
    assert "Dân vận khéo" in page.content.decode()
