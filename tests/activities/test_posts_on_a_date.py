"""A person is shown with the posts they held on the day of the record that names them."""

import datetime

from danvan.activities.models import Person, Post
from danvan.activities.selectors import people_pickable_by, titles_on

from .. import factories


def _person(unit, name="Vũ Văn Minh"):
    return Person.objects.create(name=name, unit=unit, unit_path=unit.path, search_key=name, sort_key=name)


def test_several_posts_held_at_once_are_joined_in_their_order(units):
    minh = _person(units["tp_cao_bang"])
    Post.objects.create(person=minh, title="Chủ tịch UBMTTQ thành phố", position=3)
    Post.objects.create(person=minh, title="UV BTV Thành ủy", position=1)
    Post.objects.create(person=minh, title="Trưởng Ban Dân vận", position=2)

    titles = titles_on([minh.pk], datetime.date(2021, 7, 22))

    assert titles == {minh.pk: "UV BTV Thành ủy, Trưởng Ban Dân vận, Chủ tịch UBMTTQ thành phố"}


def test_the_title_shown_is_the_one_held_on_that_day_not_today(units):
    phuong = _person(units["cao_bang"], "Trần Thị Bích Phượng")
    Post.objects.create(
        person=phuong, title="Phó Trưởng Ban Dân vận Tỉnh ủy", valid_to=datetime.date(2025, 6, 30)
    )
    Post.objects.create(
        person=phuong,
        title="Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
        valid_from=datetime.date(2025, 7, 1),
    )
    nobody = _person(units["cao_bang"], "Người chưa giữ chức vụ")

    assert titles_on([phuong.pk, nobody.pk], datetime.date(2022, 6, 14)) == {
        phuong.pk: "Phó Trưởng Ban Dân vận Tỉnh ủy"
    }
    assert titles_on([phuong.pk], datetime.date(2025, 7, 1)) == {
        phuong.pk: "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy"
    }
    # The last day of a post still holds it.
    assert titles_on([phuong.pk], datetime.date(2025, 6, 30)) == {phuong.pk: "Phó Trưởng Ban Dân vận Tỉnh ủy"}


def test_a_commune_officer_may_name_the_people_of_their_commune_and_of_the_units_above_it_only(units):
    commune = units["thuc_phan"]
    officer = factories.user("picker", commune, "editor")
    own = factories.person(commune, "Nông Thị Hà", "Chủ tịch Ủy ban MTTQ phường")
    leader = factories.person(units["cao_bang"], "Hoàng Văn Bắc", "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy")
    elsewhere = factories.person(factories.other_province_commune(units["cao_bang"]), "Lê Văn Nam")

    assert set(people_pickable_by(officer)) == {own, leader}
    assert elsewhere not in people_pickable_by(officer)
