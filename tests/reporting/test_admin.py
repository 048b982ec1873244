"""The Django admin (superusers' last resort) changes definitions the way the pages do: the forms' cached structure
follows, so the grid never draws a section that is gone."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_section_deleted_in_the_admin_is_gone_from_the_grid_at_once(
    client_for, superuser, commune_editor, demo_form, units
):
    grid = reverse("reporting:entry", args=[demo_form.pk, units["thuc_phan"].pk, "2026H1"])
    editor = client_for(commune_editor)
    section = demo_form.sections.get(title="II. Thực hiện dân chủ ở cơ sở")
    assert section.title in editor.get(grid).content.decode()  # drawn once: the structure is cached
    response = client_for(superuser).post(
        reverse("admin:reporting_section_delete", args=[section.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert section.title not in editor.get(grid).content.decode()
