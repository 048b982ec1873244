import pytest
from django.urls import reverse

from danvan.orgunits import services

pytestmark = pytest.mark.django_db


def test_change_log_page_is_scoped_and_filterable(units, commune_editor, other_commune_editor, client_for):
    mine = services.create_unit(
        commune_editor,
        name="Tổ dân phố Mới",
        kind="hamlet",
        division_type="to_dan_pho",
        parent=units["thuc_phan"],
    )
    theirs = services.create_unit(
        other_commune_editor,
        name="Tổ dân phố Khác",
        kind="hamlet",
        division_type="to_dan_pho",
        parent=units["nung_tri_cao"],
    )
    page = client_for(commune_editor).get(reverse("home:changelog"))
    assert mine.name in page.content.decode()
    assert theirs.name not in page.content.decode()
    filtered = client_for(commune_editor).get(reverse("home:changelog"), {"object": "không có"})
    assert mine.name not in filtered.content.decode()
    bad = client_for(commune_editor).get(reverse("home:changelog"), {"since": "31/02/2026"})
    assert bad.status_code == 200 and "Ngày không hợp lệ" in bad.content.decode()


def test_change_log_page_query_count_is_fixed(
    units, commune_editor, client_for, django_assert_max_num_queries
):
    for n in range(30):
        services.create_unit(
            commune_editor,
            name=f"Tổ {n}",
            kind="hamlet",
            division_type="to_dan_pho",
            parent=units["thuc_phan"],
        )
    client = client_for(commune_editor)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("home:changelog")).status_code == 200
