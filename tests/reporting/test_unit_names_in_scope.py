"""Pages that list the units reporting a form name only the units in the user's scope: a commune user sees its own
line (the counts of all may show, not the other communes' names); a province user sees every commune."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PERIOD = "2026H1"


def units_tab(form) -> str:
    return reverse("reporting:form_detail", args=[form.pk]) + f"?tab=units&period={PERIOD}"


def progress(form) -> str:
    return reverse("reporting:completeness", args=[form.pk]) + f"?period={PERIOD}"


def test_a_commune_user_sees_only_its_own_name_among_the_units_of_a_form(
    client_for, commune_editor, demo_reports
):
    html = client_for(commune_editor).get(units_tab(demo_reports)).content.decode()
    assert "Phường Thục Phán" in html
    assert "Phường Nùng Trí Cao" not in html
    assert "56 đơn vị phải báo cáo" in html  # the count covers every commune…
    assert "55 đơn vị ngoài phạm vi của bạn không hiện tên" in html  # …and says why the names are missing
    assert "Hiển thị 50 trên" not in html


def test_a_province_user_sees_every_unit_of_a_form(client_for, province_approver, demo_reports):
    html = client_for(province_approver).get(units_tab(demo_reports)).content.decode()
    assert "Phường Thục Phán" in html and "Phường Nùng Trí Cao" in html
    assert "ngoài phạm vi" not in html


def test_a_commune_user_sees_only_its_own_line_of_the_progress(
    client_for, commune_editor, demo_reports, units
):
    for params in ("", f"&unit={units['thuc_phan'].pk}", "&show=missing", "&show=submitted"):
        response = client_for(commune_editor).get(progress(demo_reports) + params)
        assert response.status_code == 200
        rows = response.content.decode().count("<tr data-unit=")
        assert rows <= 1
        assert "Phường Nùng Trí Cao" not in response.content.decode()
        assert all(row["unit"] == units["thuc_phan"] for row in response.context["rows"])


def test_a_province_user_sees_every_line_of_the_progress(client_for, province_approver, demo_reports):
    response = client_for(province_approver).get(progress(demo_reports))
    html = response.content.decode()
    assert "Phường Thục Phán" in html and "Phường Nùng Trí Cao" in html
    assert response.context["hidden_count"] == 0
