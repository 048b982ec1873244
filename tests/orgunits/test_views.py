"""The unit pages: what each user sees, the forms, scope and fixed query counts."""

import re

import pytest
from django.urls import reverse

from danvan.core.text import vietnamese_sorted
from danvan.orgunits.models import OrgUnit
from tests import factories

pytestmark = pytest.mark.django_db


def test_anonymous_user_is_sent_to_login(client, units):
    response = client.get(reverse("orgunits:detail", args=[units["thuc_phan"].pk]))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("tab", ["details", "children", "lineage", "groups", "users", "history"])
def test_commune_editor_opens_every_tab_of_their_commune(units, commune_editor, client_for, tab):
    response = client_for(commune_editor).get(
        reverse("orgunits:detail", args=[units["thuc_phan"].pk]), {"tab": tab}
    )
    assert response.status_code == 200
    assert "Phường Thục Phán" in response.content.decode()


@pytest.mark.parametrize(
    "name",
    ["orgunits:detail", "orgunits:edit", "orgunits:close", "orgunits:tree_children", "orgunits:group_create"],
)
def test_commune_editor_cannot_open_another_communes_pages(units, commune_editor, client_for, name):
    response = client_for(commune_editor).get(reverse(name, args=[units["nung_tri_cao"].pk]))
    assert response.status_code == 404


def test_commune_editor_cannot_edit_their_commune_itself(units, commune_editor, client_for):
    response = client_for(commune_editor).get(reverse("orgunits:edit", args=[units["thuc_phan"].pk]))
    assert response.status_code == 403


def test_search_is_accent_insensitive_and_scoped(units, superuser, commune_editor, client_for):
    found = client_for(superuser).get(reverse("orgunits:search"), {"q": "cau ke"}).content.decode()
    assert "Huyện Cầu Kè" in found
    assert (
        "Phường Thục Phán"
        in client_for(commune_editor).get(reverse("orgunits:search"), {"q": "thuc phan"}).content.decode()
    )
    hidden = (
        client_for(commune_editor).get(reverse("orgunits:search"), {"q": "nung tri cao"}).content.decode()
    )
    assert "Nùng Trí Cao" not in hidden


def test_tree_as_of_a_date_shows_the_units_open_then(units, province_admin, client_for):
    client = client_for(province_admin)
    cao_bang = units["cao_bang"]
    before = client.get(
        reverse("orgunits:tree_children", args=[cao_bang.pk]), {"as_of": "2025-06-30"}
    ).content.decode()
    after = client.get(
        reverse("orgunits:tree_children", args=[cao_bang.pk]), {"as_of": "2026-01-01"}
    ).content.decode()
    assert "Thành phố Cao Bằng" in before and "Phường Thục Phán" not in before
    assert "Phường Thục Phán" in after and "Thành phố Cao Bằng" not in after


def without_kind(name: str) -> str:
    return re.sub(r"^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn|Đặc khu) ", "", name)


def test_tree_sorts_provinces_and_cities_together_in_vietnamese_order(units, superuser, client_for):
    """«Thành phố Hà Nội» stands between «Tỉnh Gia Lai» and «Tỉnh Hà Tĩnh», not before every «Tỉnh …»."""
    html = client_for(superuser).get(reverse("orgunits:tree"), {"as_of": "01/01/2026"}).content.decode()
    names = re.findall(r'class="dv-unit-name">([^<]+)</a>', html)
    assert len(names) == 34
    assert names == vietnamese_sorted(names, key=without_kind)
    assert names.index("Tỉnh Gia Lai") < names.index("Thành phố Hà Nội") < names.index("Tỉnh Hà Tĩnh")
    assert names[0] == "Tỉnh An Giang" and names[-1] == "Tỉnh Vĩnh Long"


def test_tree_shows_closed_units_apart_after_the_open_ones(units, province_admin, client_for):
    html = (
        client_for(province_admin)
        .get(reverse("orgunits:tree_children", args=[units["cao_bang"].pk]))
        .content.decode()
    )
    heading = html.index("Đã kết thúc hoạt động (giải thể, sáp nhập)")
    open_part, closed_part = html[:heading], html[heading:]
    assert "Phường Thục Phán" in open_part and "Thành phố Cao Bằng" not in open_part
    assert "Thành phố Cao Bằng" in closed_part and "Phường Thục Phán" not in closed_part
    assert "Đã kết thúc" in closed_part.split("Thành phố Cao Bằng", 1)[1].split("</li>", 1)[0]
    children_tab = client_for(province_admin).get(
        reverse("orgunits:detail", args=[units["cao_bang"].pk]), {"tab": "children"}
    )
    rows = [child.valid_to is None for child in children_tab.context["page_obj"].object_list]
    assert rows == sorted(rows, reverse=True)


def test_bad_as_of_date_answers_a_vietnamese_message(units, province_admin, client_for):
    response = client_for(province_admin).get(reverse("orgunits:tree"), {"as_of": "31/02/2025"})
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in response.content.decode()


def test_list_is_sorted_in_vietnamese_order_and_paginated(units, province_admin, client_for):
    response = client_for(province_admin).get(
        reverse("orgunits:unit_list"), {"kind": "commune", "as_of": "2026-01-01"}
    )
    names = [unit.name for unit in response.context["page_obj"].object_list]
    assert names == vietnamese_sorted(names, key=without_kind)
    assert {name.split()[0] for name in names} == {"Phường", "Xã"}  # interleaved by their own names
    assert (
        response.context["page_obj"].paginator.count
        == units["cao_bang"].children.filter(kind="commune", valid_to__isnull=True).count()
    )


def test_list_query_count_does_not_grow_with_rows(
    units, province_admin, client_for, django_assert_max_num_queries
):
    for n in range(60):
        factories.hamlet(units["thuc_phan"], f"Thôn {n}")
    client = client_for(province_admin)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("orgunits:unit_list"), {"kind": "hamlet"}).status_code == 200
    with django_assert_max_num_queries(14):
        assert (
            client.get(
                reverse("orgunits:detail", args=[units["thuc_phan"].pk]), {"tab": "children"}
            ).status_code
            == 200
        )


def test_create_form_shows_vietnamese_errors_next_to_fields(units, commune_editor, client_for):
    response = client_for(commune_editor).post(
        reverse("orgunits:create"),
        {
            "kind": "hamlet",
            "name": "",
            "division_type": "to_dan_pho",
            "parent": units["thuc_phan"].pk,
            "valid_from": "01/07/2026",
            "valid_to": "01/01/2026",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "name" in form.errors
    response = client_for(commune_editor).post(
        reverse("orgunits:create"),
        {
            "kind": "hamlet",
            "name": "Tổ dân phố 20",
            "division_type": "to_dan_pho",
            "parent": units["thuc_phan"].pk,
            "valid_from": "01/07/2026",
            "valid_to": "01/01/2026",
        },
    )
    assert (
        "Ngày kết thúc hiệu lực phải từ ngày bắt đầu hiệu lực (01/07/2026)"
        in response.context["form"].errors["valid_to"][0]
    )
    assert not OrgUnit.objects.filter(name="Tổ dân phố 20").exists()


def test_create_form_rejects_forged_parent_of_another_commune(units, commune_editor, client_for):
    response = client_for(commune_editor).post(
        reverse("orgunits:create"),
        {
            "kind": "hamlet",
            "name": "Tổ giả",
            "division_type": "to_dan_pho",
            "parent": units["nung_tri_cao"].pk,
        },
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert not OrgUnit.objects.filter(name="Tổ giả").exists()


def test_edit_and_close_a_hamlet_through_the_pages(units, commune_editor, client_for, hamlet):
    client = client_for(commune_editor)
    response = client.post(
        reverse("orgunits:edit", args=[hamlet.pk]),
        {
            "name": "Tổ dân phố Hòa Bình 2",
            "division_type": "to_dan_pho",
            "parent": units["thuc_phan"].pk,
            "valid_from": "01/07/2025",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("orgunits:close", args=[hamlet.pk]), {"valid_to": "31/12/2026", "note": "Sáp nhập"}
    )
    assert response.status_code == 302
    hamlet.refresh_from_db()
    assert hamlet.name == "Tổ dân phố Hòa Bình 2" and hamlet.valid_to.isoformat() == "2026-12-31"
    history = client.get(reverse("orgunits:detail", args=[hamlet.pk]), {"tab": "history"}).content.decode()
    assert "Tổ dân phố Hòa Bình 2" in history and "31/12/2026" in history


def test_lineage_tab_of_a_dissolved_district_lists_its_successor_communes(units, province_admin, client_for):
    page = (
        client_for(province_admin)
        .get(reverse("orgunits:detail", args=[units["tp_cao_bang"].pk]), {"tab": "lineage"})
        .content.decode()
    )
    assert "Phường Thục Phán" in page
    # Districts were not dissolved one by one: the level ended on 1/7/2025 (Nghị quyết 203/2025/QH15).
    assert "Kết thúc hoạt động của đơn vị hành chính cấp huyện" in page and "giải thể" not in page


def test_english_ui_keeps_vietnamese_dates(units, province_admin, client_for):
    client = client_for(province_admin)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("orgunits:detail", args=[units["tp_cao_bang"].pk])).content.decode()
    assert "30/06/2025" in page
