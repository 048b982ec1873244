"""Recording people and their posts: who may, what is refused (in Vietnamese, naming the field), what is logged."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from danvan.accounts.models import Role
from danvan.activities import services
from danvan.activities.models import Person, Post
from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.core.models import ChangeLog

from .. import factories


def _errors(call, *args, **kwargs) -> dict:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return messages_of(caught.value)


def _log(obj):
    return ChangeLog.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).order_by("id")


def test_an_editor_records_a_person_with_three_posts_held_at_once(units, commune_editor):
    commune = units["thuc_phan"]
    person = services.create_person(
        commune_editor,
        unit=commune,
        name="  Nông   Thị Hà ",
        gender="female",
        birth_year=1980,
        phone="0206 385 123",
    )
    for title in ("Bí thư Đảng ủy phường", "Trưởng Ban Dân vận", "Chủ tịch UBMTTQ phường"):
        services.add_post(
            commune_editor, person, title=title, unit=commune, valid_from=datetime.date(2025, 7, 1)
        )

    person.refresh_from_db()
    assert (person.name, person.search_key, person.unit_path) == ("Nông Thị Hà", "nong thi ha", commune.path)
    assert list(person.posts.values_list("title", "position")) == [
        ("Bí thư Đảng ủy phường", 1),
        ("Trưởng Ban Dân vận", 2),
        ("Chủ tịch UBMTTQ phường", 3),
    ]
    assert [entry.action for entry in _log(person)] == ["create"]
    assert all(_log(post).get().action == "create" for post in person.posts.all())


def test_nfc_is_stored_whatever_the_keyboard_sent(units, commune_editor):
    decomposed = "Vu\u0303 Va\u0306n Minh"
    person = services.create_person(commune_editor, unit=units["thuc_phan"], name=decomposed)
    assert person.name == "Vũ Văn Minh"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": "   "}, "name", "Hãy nhập họ và tên."),
        ({"name": "Tên\x00NUL"}, "name", "Có ký tự không hợp lệ (ký tự điều khiển)."),
        ({"name": "A" * 151}, "name", "Dài quá 150 ký tự."),
        ({"birth_year": 2999}, "birth_year", "Năm sinh phải từ 1900"),
        ({"birth_year": 1899}, "birth_year", "Năm sinh phải từ 1900"),
        ({"birth_year": "năm"}, "birth_year", "Năm sinh phải là một năm có 4 chữ số"),
        ({"gender": "other"}, "gender", "Giới tính phải là Nam hoặc Nữ."),
        ({"phone": "gọi tôi"}, "phone", "Số điện thoại chỉ gồm chữ số"),
        ({"email": "khong-phai-thu"}, "email", "Thư điện tử không hợp lệ"),
        ({"note": "x" * 2001}, "note", "Dài quá 2000 ký tự."),
        ({"note": "ghi\x00chú"}, "note", "Có ký tự không hợp lệ"),
    ],
)
def test_bad_input_is_refused_naming_the_field(units, commune_editor, fields, field, message):
    values = {"name": "Vũ Văn Minh", **fields}
    errors = _errors(services.create_person, commune_editor, unit=units["thuc_phan"], **values)
    assert errors[field][0].startswith(message)
    assert not Person.objects.exists()


def test_only_editors_of_the_unit_or_above_record_its_people(units, commune_editor, other_commune_editor):
    viewer = factories.user("xem", units["thuc_phan"], Role.VIEWER)
    for actor in (viewer, other_commune_editor, None):
        with pytest.raises(NotAllowed):
            services.create_person(actor, unit=units["thuc_phan"], name="Vũ Văn Minh")
    province_editor = factories.user("tinh", units["cao_bang"], Role.EDITOR)
    assert services.create_person(province_editor, unit=units["thuc_phan"], name="Vũ Văn Minh").pk


def test_a_post_that_ends_before_it_starts_is_refused(units, commune_editor):
    person = services.create_person(commune_editor, unit=units["thuc_phan"], name="Vũ Văn Minh")
    errors = _errors(
        services.add_post,
        commune_editor,
        person,
        title="Trưởng Ban Dân vận",
        valid_from=datetime.date(2021, 7, 22),
        valid_to=datetime.date(2021, 7, 1),
    )
    assert errors == {"valid_to": ["Ngày thôi giữ chức vụ (01/07/2021) trước ngày bắt đầu (22/07/2021)."]}
    assert _errors(services.add_post, commune_editor, person, title="") == {"title": ["Hãy nhập chức vụ."]}
    assert _errors(services.add_post, commune_editor, person, title="x", valid_from="31/02/2021") == {
        "valid_from": ["Ngày không hợp lệ: hãy ghi dạng dd/mm/yyyy, ví dụ 22/07/2021."]
    }
    assert "valid_from" in _errors(
        services.add_post, commune_editor, person, title="x", valid_from=datetime.date(1800, 1, 1)
    )
    assert "position" in _errors(services.add_post, commune_editor, person, title="x", position=10**9)
    assert not Post.objects.exists()


def test_a_post_at_a_unit_closed_before_it_starts_is_refused(units):
    editor = factories.user("tinh", units["cao_bang"], Role.EDITOR)
    person = services.create_person(editor, unit=units["cao_bang"], name="Vũ Văn Minh")
    errors = _errors(
        services.add_post,
        editor,
        person,
        title="Trưởng Ban Dân vận",
        unit=units["tp_cao_bang"],
        valid_from=datetime.date(2025, 8, 1),
    )
    assert errors["valid_from"] == [
        "Thành phố Cao Bằng đã kết thúc hoạt động từ 30/06/2025, trước ngày bắt đầu giữ chức vụ."
    ]


def test_a_post_at_a_unit_of_another_province_is_refused(units, commune_editor, other_commune_editor):
    person = services.create_person(commune_editor, unit=units["thuc_phan"], name="Vũ Văn Minh")
    elsewhere = factories.other_province_commune(units["cao_bang"])
    errors = _errors(services.add_post, commune_editor, person, title="Bí thư", unit=elsewhere)
    assert errors["unit"] == [f"{elsewhere.name} nằm ngoài phạm vi của bạn."]
    # The province above the commune is fine: a commune officer may sit on its committee.
    assert services.add_post(commune_editor, person, title="Tỉnh ủy viên", unit=units["cao_bang"]).pk


def test_updates_and_deletes_are_logged_and_contacts_are_masked_in_the_log(units, commune_editor):
    person = services.create_person(
        commune_editor,
        unit=units["thuc_phan"],
        name="Vũ Văn Minh",
        phone="0912345678",
        email="minh@caobang.gov.vn",
    )
    services.update_person(commune_editor, person, phone="0912000111")
    post = services.add_post(commune_editor, person, title="Trưởng Ban", valid_from=datetime.date(2020, 1, 1))
    services.update_post(commune_editor, post, title="Trưởng Ban Dân vận")
    services.end_post(commune_editor, post, valid_to=datetime.date(2025, 6, 30))
    services.delete_post(commune_editor, post)

    created, updated = _log(person)
    assert created.after["phone"] == "•••678" and created.after["email"] == "m•••@caobang.gov.vn"
    assert (updated.before["phone"], updated.after["phone"]) == ("•••678", "•••111")
    assert "0912345678" not in str(list(ChangeLog.objects.values_list("before", "after")))
    assert [entry.action for entry in _log(post)] == ["create", "update", "update", "delete"]
    assert _log(post).last().before["valid_to"] == "2025-06-30"
    assert not Post.objects.exists()
    # Nothing changed, nothing logged.
    services.update_person(commune_editor, person, name="Vũ Văn Minh")
    assert _log(person).count() == 2


def test_another_commune_cannot_change_or_end_a_post(units, commune_editor, other_commune_editor):
    person = services.create_person(commune_editor, unit=units["thuc_phan"], name="Vũ Văn Minh")
    post = services.add_post(commune_editor, person, title="Trưởng Ban")
    with pytest.raises(NotAllowed):
        services.update_post(other_commune_editor, post, title="Phó")
    with pytest.raises(NotAllowed):
        services.delete_post(other_commune_editor, post)
    with pytest.raises(NotAllowed):
        services.update_person(other_commune_editor, person, name="Khác")
    assert _errors(services.update_person, commune_editor, person, search_key="x") == {
        "search_key": ["Trường không sửa được."]
    }
