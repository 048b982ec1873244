import datetime
import re

import pytest
from django.urls import reverse

from danvan.orgunits import services
from danvan.practices import services as practice_services
from danvan.practices.models import Practice

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


def test_change_log_reads_in_words(units, commune_editor, fields, client_for):
    """Field labels, the choices' labels and dd/mm/yyyy dates, and Vietnamese names of what changed."""
    practice = practice_services.register_practice(
        commune_editor,
        owner=units["thuc_phan"],
        fields=[fields["kinh-te"]],
        name="Tuyến đường hoa tự quản",
        registration_year=2026,
        kind=Practice.Kind.MODEL,
    )
    practice_services.transition(commune_editor, practice, "implement")
    hamlet = services.create_unit(
        commune_editor,
        name="Tổ dân phố Mới",
        kind="hamlet",
        division_type="to_dan_pho",
        parent=units["thuc_phan"],
    )
    services.close_unit(commune_editor, hamlet, datetime.date(2026, 12, 31))
    html = client_for(commune_editor).get(reverse("home:changelog")).content.decode()
    text = re.sub(r"<[^>]+>", "", html)
    assert "Tình trạng: Đăng ký → Đang thực hiện" in text
    assert "Hiệu lực đến ngày: — → 31/12/2026" in text
    assert "2026-12-31" not in html and "<code>status</code>" not in html
    assert "practice event" not in html and "Dân vận khéo | diễn biến của mô hình" in html  # the type filter
    assert '<td class="small text-nowrap">Mô hình, điển hình</td>' in html
    history = (
        client_for(commune_editor)
        .get(reverse("orgunits:detail", args=[hamlet.pk]), {"tab": "history"})
        .content.decode()
    )
    assert "Hiệu lực đến ngày: — → 31/12/2026" in re.sub(r"<[^>]+>", "", history)
