"""Which people a user sees, whose contacts, and the title shown on a date, across the 2025 reform."""

import datetime

from danvan.accounts.models import Role
from danvan.activities import selectors, services
from danvan.activities.forms.fields import PersonChoiceField, PersonMultipleChoiceField

from .. import factories

DAY_2021 = datetime.date(2021, 7, 22)
AFTER_REFORM = datetime.date(2025, 8, 1)


def test_a_post_held_at_a_district_closed_on_30_06_2025_is_shown_in_2021_and_not_after(units):
    """Posts keep the unit they were held at; the district's end ends the post even though nobody wrote it."""
    district = units["tp_cao_bang"]
    assert district.valid_to == datetime.date(2025, 6, 30)
    minh = factories.person(units["cao_bang"], "Vũ Văn Minh")
    for position, title in enumerate(
        ("UV BTV Thành ủy", "Trưởng Ban Dân vận", "Chủ tịch UBMTTQ thành phố"), 1
    ):
        factories.post(minh, title, unit=district, valid_from=datetime.date(2020, 10, 15), position=position)
    factories.post(
        minh,
        "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
        unit=units["cao_bang"],
        valid_from=datetime.date(2025, 7, 1),
        position=4,
    )

    assert selectors.titles_on([minh.pk], DAY_2021) == {
        minh.pk: "UV BTV Thành ủy, Trưởng Ban Dân vận, Chủ tịch UBMTTQ thành phố"
    }
    assert selectors.titles_on([minh.pk], AFTER_REFORM) == {
        minh.pk: "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy"
    }
    assert selectors.titles_on([minh.pk], datetime.date(2025, 6, 30))[minh.pk].startswith("UV BTV Thành ủy")
    # The same answer without a query, on the person's page and in the API.
    posts = selectors.posts_of(minh)
    assert (
        selectors.title_from(posts, DAY_2021)
        == "UV BTV Thành ủy, Trưởng Ban Dân vận, Chủ tịch UBMTTQ thành phố"
    )
    assert selectors.title_from(posts, AFTER_REFORM) == "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy"
    assert [selectors.effective_end(post) for post in posts][-3:] == [datetime.date(2025, 6, 30)] * 3


def test_the_list_shows_the_titles_held_today_or_else_the_last_ones_with_their_dates(units):
    district = units["tp_cao_bang"]
    retired = factories.person(units["cao_bang"], "Tô Vũ Ninh")
    factories.post(
        retired, "Phó Bí thư Thường trực Thành ủy", unit=district, valid_from=datetime.date(2020, 10, 1)
    )
    factories.post(
        retired, "Bí thư Chi bộ", valid_from=datetime.date(2010, 1, 1), valid_to=datetime.date(2015, 1, 1)
    )
    serving = factories.person(
        units["cao_bang"], "Nông Thị Hà", "Trưởng Ban", valid_from=datetime.date(2025, 7, 1)
    )

    shown = selectors.shown_titles([retired.pk, serving.pk], AFTER_REFORM)

    assert shown[serving.pk].text == "Trưởng Ban" and shown[serving.pk].current
    last = shown[retired.pk]
    assert (last.text, last.current, last.valid_from, last.valid_to) == (
        "Phó Bí thư Thường trực Thành ủy",
        False,
        datetime.date(2020, 10, 1),
        datetime.date(2025, 6, 30),
    )


def test_people_are_seen_within_scope_and_contacts_only_by_their_unit_and_its_approvers_above(units):
    commune, province = units["thuc_phan"], units["cao_bang"]
    person = factories.person(commune, "Nông Thị Hà", phone="0206 385 123")
    hamlet = factories.hamlet(commune, "Tổ dân phố 1")
    own_viewer = factories.user("own", commune, Role.VIEWER)
    hamlet_editor = factories.user("hamlet", hamlet, Role.EDITOR)
    province_viewer = factories.user("pv", province, Role.VIEWER)
    province_editor = factories.user("pe", province, Role.EDITOR)
    province_approver = factories.user("pa", province, Role.APPROVER)
    stranger = factories.user("other", factories.other_province_commune(province), Role.ADMIN)

    assert list(selectors.people_visible_to(own_viewer)) == [person]
    assert list(selectors.people_visible_to(province_viewer)) == [person]
    assert list(selectors.people_visible_to(stranger)) == []
    assert list(selectors.people_visible_to(hamlet_editor)) == []
    sees = {
        user.username: selectors.can_see_contact(user, person)
        for user in (own_viewer, hamlet_editor, province_viewer, province_editor, province_approver, stranger)
    }
    assert sees == {"own": True, "hamlet": False, "pv": False, "pe": False, "pa": True, "other": False}


def test_the_picker_labels_each_person_with_the_titles_held_on_the_forms_date(units):
    minh = factories.person(units["cao_bang"], "Vũ Văn Minh")
    factories.post(
        minh, "Trưởng Ban Dân vận", unit=units["tp_cao_bang"], valid_from=datetime.date(2020, 10, 15)
    )
    nobody = factories.person(units["cao_bang"], "Hoàng Văn Bắc")
    user = factories.user("pick", units["cao_bang"], Role.EDITOR)
    field = PersonChoiceField(selectors.people_pickable_by(user), on=DAY_2021)

    labels = dict(list(field.choices)[1:])
    assert {str(label) for label in labels.values()} == {
        "Vũ Văn Minh — Trưởng Ban Dân vận",
        "Hoàng Văn Bắc — Tỉnh Cao Bằng",
    }
    field.on = AFTER_REFORM
    assert "Vũ Văn Minh — Tỉnh Cao Bằng" in {label for _value, label in list(field.choices)[1:]}
    html = field.widget.render("chair", None)
    assert "data-picker-search" in html and "/activities/picker." in html  # picker.<hash>.js once collected
    assert nobody.pk in {int(str(value)) for value, _label in list(field.choices)[1:]}


def test_services_and_the_factory_agree(units, commune_editor):
    made = services.create_person(commune_editor, unit=units["thuc_phan"], name="Vũ Văn Minh")
    assert (made.search_key, made.sort_key) == (
        factories.person(units["thuc_phan"], "Vũ Văn Minh").search_key,
        factories.person(units["thuc_phan"], "Vũ Văn Minh").sort_key,
    )


def test_the_multiple_picker_is_a_searchable_list_box_with_the_same_labels(units):
    minh = factories.person(units["cao_bang"], "Vũ Văn Minh", "Trưởng Ban Dân vận", valid_from=DAY_2021)
    user = factories.user("pick", units["cao_bang"], Role.EDITOR)
    field = PersonMultipleChoiceField(selectors.people_pickable_by(user), on=DAY_2021)
    html = field.widget.render("attendees", [minh.pk])
    assert 'size="8"' in html and "multiple" in html and "data-picker-search" in html
    assert "Vũ Văn Minh — Trưởng Ban Dân vận" in html
    assert list(field.clean([str(minh.pk)])) == [minh]
