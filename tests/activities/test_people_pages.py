"""The people's pages: the list with its accent-insensitive search, a person's page with posts, dates and the
records naming them, the forms, and scope (another commune's ids are a 404)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.models import Role
from danvan.activities.models import Attendance, Meeting, Person, Post

from .. import factories


@pytest.fixture
def minh(units):
    person = factories.person(units["thuc_phan"], "Vũ Văn Minh", phone="0206 385 123")
    for position, title in enumerate(
        ("UV BTV Thành ủy", "Trưởng Ban Dân vận", "Chủ tịch UBMTTQ thành phố"), 1
    ):
        factories.post(
            person,
            title,
            unit=units["tp_cao_bang"],
            valid_from=datetime.date(2020, 10, 15),
            position=position,
        )
    factories.post(
        person,
        "Chủ tịch UBMTTQ phường",
        unit=units["thuc_phan"],
        valid_from=datetime.date(2025, 7, 1),
        position=4,
    )
    return person


def test_searching_without_accents_finds_the_person_with_the_titles_held_today(
    client, units, commune_editor, minh
):
    factories.person(units["thuc_phan"], "Nông Thị Hà")
    client.force_login(commune_editor)
    page = client.get(reverse("activities:person_list"), {"q": "vu van minh"}).content.decode()
    assert "Vũ Văn Minh" in page and "Nông Thị Hà" not in page
    assert "Chủ tịch UBMTTQ phường" in page and "từ 01/07/2025" in page
    assert "UV BTV Thành ủy" not in page  # held at the district, which closed on 30/06/2025
    assert "0206 385 123" in page  # the commune's own user reads the contact
    assert (
        "Không tìm thấy ai"
        in client.get(reverse("activities:person_list"), {"q": "khong co ai"}).content.decode()
    )


def test_the_list_costs_a_fixed_number_of_queries(
    client, units, commune_editor, django_assert_max_num_queries
):
    for index in range(30):
        person = factories.person(units["thuc_phan"], f"Cán bộ {index}")
        factories.post(person, "Ủy viên", valid_from=datetime.date(2025, 7, 1))
    client.force_login(commune_editor)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("activities:person_list")).status_code == 200


def test_a_province_viewer_sees_names_and_posts_but_not_contacts(client, units, minh):
    client.force_login(factories.user("tinh", units["cao_bang"], Role.VIEWER))
    page = client.get(reverse("activities:person_detail", args=[minh.pk])).content.decode()
    assert "Vũ Văn Minh" in page and "Trưởng Ban Dân vận" in page
    assert "0206 385 123" not in page
    assert "Chỉ đơn vị quản lý và lãnh đạo cấp trên xem được." in page


def test_a_person_page_shows_posts_with_dates_and_the_meetings_with_the_title_held_then(
    client, units, commune_editor, minh
):
    meeting = Meeting.objects.create(
        type="so_ket",
        title="Sơ kết công tác Dân vận 6 tháng đầu năm 2021",
        organizer=units["thuc_phan"],
        organizer_path=units["thuc_phan"].path,
        province_code=units["thuc_phan"].province_code,
        starts_at=timezone.make_aware(datetime.datetime(2021, 7, 22, 8)),
        search_key="so ket",
    )
    Attendance.objects.create(meeting=meeting, role="member", person=minh)
    client.force_login(commune_editor)
    page = client.get(reverse("activities:person_detail", args=[minh.pk])).content.decode()
    assert "15/10/2020 – 30/06/2025" in page and "(đơn vị kết thúc)" in page
    assert "Sơ kết công tác Dân vận 6 tháng đầu năm 2021" in page
    assert "UV BTV Thành ủy, Trưởng Ban Dân vận, Chủ tịch UBMTTQ thành phố" in page
    assert "22/07/2021" in page


def test_another_communes_person_and_post_are_a_404(client, units, other_commune_editor, minh):
    client.force_login(other_commune_editor)
    post = minh.posts.first()
    for url in (
        reverse("activities:person_detail", args=[minh.pk]),
        reverse("activities:person_edit", args=[minh.pk]),
        reverse("activities:post_edit", args=[post.pk]),
        reverse("activities:post_end", args=[post.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("activities:post_delete", args=[post.pk])).status_code == 404
    assert "Vũ Văn Minh" not in client.get(reverse("activities:person_list"), {"unit": ""}).content.decode()


def test_an_editor_creates_a_person_then_adds_ends_edits_and_deletes_posts(client, units, commune_editor):
    client.force_login(commune_editor)
    commune = units["thuc_phan"]
    response = client.post(
        f"{reverse('activities:person_create')}?unit={commune.pk}",
        {"unit": commune.pk, "name": "Nông Thị Hà", "gender": "female", "birth_year": "1980"},
    )
    person = Person.objects.get(name="Nông Thị Hà")
    assert response.status_code == 302 and response["Location"] == reverse(
        "activities:person_detail", args=[person.pk]
    )

    add = reverse("activities:post_add", args=[person.pk])
    bad = client.post(
        add, {"post-title": "Trưởng Ban", "post-valid_from": "22/07/2021", "post-valid_to": "01/07/2021"}
    )
    assert bad.status_code == 200
    assert "Ngày thôi giữ chức vụ (01/07/2021) trước ngày bắt đầu (22/07/2021)." in bad.content.decode()
    assert (
        client.post(
            add, {"post-title": "Trưởng Ban", "post-unit": commune.pk, "post-valid_from": "01/07/2025"}
        ).status_code
        == 302
    )
    post = Post.objects.get(person=person)
    assert (
        client.post(reverse("activities:post_end", args=[post.pk]), {"valid_to": "31/12/2025"}).status_code
        == 302
    )
    post.refresh_from_db()
    assert post.valid_to == datetime.date(2025, 12, 31)
    edit = client.post(
        reverse("activities:post_edit", args=[post.pk]),
        {
            "title": "Trưởng Ban Dân vận",
            "unit": commune.pk,
            "valid_from": "01/07/2025",
            "valid_to": "31/12/2025",
            "position": "1",
        },
    )
    assert edit.status_code == 302
    post.refresh_from_db()
    assert post.title == "Trưởng Ban Dân vận"
    assert client.post(reverse("activities:post_delete", args=[post.pk])).status_code == 302
    assert not Post.objects.exists()
    page = client.get(reverse("activities:person_detail", args=[person.pk])).content.decode()
    assert "Chức vụ: Trưởng Ban Dân vận" in page  # the deleted post's history stays on the person's page


def test_a_viewer_cannot_edit(client, units, minh):
    client.force_login(factories.user("xem", units["thuc_phan"], Role.VIEWER))
    assert client.get(reverse("activities:person_edit", args=[minh.pk])).status_code == 403
    assert client.post(reverse("activities:post_add", args=[minh.pk]), {"post-title": "x"}).status_code == 403
    page = client.get(reverse("activities:person_detail", args=[minh.pk])).content.decode()
    assert "Thêm chức vụ" not in page


def test_bad_input_on_the_person_form_is_shown_in_vietnamese(client, units, commune_editor):
    client.force_login(commune_editor)
    response = client.post(
        reverse("activities:person_create"),
        {"unit": units["thuc_phan"].pk, "name": "Tên\x00", "birth_year": "2999", "email": "x" * 300},
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Person.objects.exists()
    assert "Vui lòng sửa các lỗi được đánh dấu bên dưới." in page


def test_a_person_page_costs_a_fixed_number_of_queries(
    client, units, commune_editor, minh, django_assert_max_num_queries
):
    for year in range(2000, 2020):
        factories.post(
            minh,
            f"Ủy viên khóa {year}",
            valid_from=datetime.date(year, 1, 1),
            valid_to=datetime.date(year, 12, 31),
            position=5,
        )
    client.force_login(commune_editor)
    with django_assert_max_num_queries(22):
        assert client.get(reverse("activities:person_detail", args=[minh.pk])).status_code == 200
