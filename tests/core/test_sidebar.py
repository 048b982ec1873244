"""The sidebar marks the item of the app a page belongs to, found from the URL rather than passed by each view."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SIDEBAR = re.compile(r'<aside class="dv-sidebar.*?</aside>', re.S)
ACTIVE = re.compile(r'<a class="nav-link active" href="([^"]+)" aria-current="page">')


def active_items(page) -> list[str]:
    assert page.status_code == 200
    return ACTIVE.findall(SIDEBAR.search(page.content.decode()).group())


@pytest.mark.parametrize(
    ("page", "item"),
    [
        ("home:dashboard", "home:dashboard"),
        ("home:changelog", "home:changelog"),
        ("orgunits:tree", "orgunits:tree"),
        ("orgunits:unit_list", "orgunits:tree"),
        ("practices:practice_list", "practices:practice_list"),
        ("practices:campaigns", "practices:practice_list"),
        ("practices:stats", "practices:practice_list"),
        ("reporting:home", "reporting:home"),
        ("reporting:form_list", "reporting:home"),
        ("reporting:analytics", "reporting:home"),
        ("accounts:user_list", "accounts:user_list"),
    ],
)
def test_the_sidebar_marks_the_item_of_the_pages_app(superuser, client_for, page, item):
    assert active_items(client_for(superuser).get(reverse(page))) == [reverse(item)]


def test_a_unit_page_marks_the_units_item(units, superuser, client_for):
    page = client_for(superuser).get(reverse("orgunits:detail", args=[units["thuc_phan"].pk]))
    assert active_items(page) == [reverse("orgunits:tree")]


def test_a_users_page_marks_the_users_item(superuser, commune_editor, client_for):
    page = client_for(superuser).get(reverse("accounts:user_detail", args=[commune_editor.pk]))
    assert active_items(page) == [reverse("accounts:user_list")]


@pytest.mark.parametrize("page", ["accounts:profile", "accounts:tokens", "accounts:password_change"])
def test_a_users_own_pages_mark_no_item(superuser, client_for, page):
    assert active_items(client_for(superuser).get(reverse(page))) == []
