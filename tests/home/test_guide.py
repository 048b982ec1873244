"""The user guide (docs/huong-dan/): every page opens from the help menu, for anyone, with its links and
screenshots pointing inside the guide."""

import re

import pytest
from django.urls import reverse

from danvan.home.guide import GUIDE_DIR, IMAGE_DIR, guide_slugs

ROLE_PAGES = {"can-bo-xa", "chuyen-vien-tinh", "quan-tri-don-vi"}


def test_the_guide_has_a_page_for_each_kind_of_user():
    assert set(guide_slugs()) >= ROLE_PAGES
    assert guide_slugs()[0] == ""


@pytest.mark.django_db
def test_every_page_opens_without_logging_in_with_its_title_and_the_list_of_pages(client):
    for slug in guide_slugs():
        url = reverse("home:guide_page", args=[slug]) if slug else reverse("home:guide")
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<h1>" in html
        for other in ROLE_PAGES:
            assert reverse("home:guide_page", args=[other]) in html


@pytest.mark.django_db
def test_links_between_pages_and_screenshots_point_at_the_guide_s_own_urls(client):
    html = client.get(reverse("home:guide")).content.decode()
    assert f'href="{reverse("home:guide_page", args=["can-bo-xa"])}"' in html
    assert not re.search(r'href="[^"]*\.md', html)
    page = client.get(reverse("home:guide_page", args=["can-bo-xa"])).content.decode()
    assert f'src="{reverse("home:guide_image", args=["nhap-bao-cao.png"])}"' in page


def test_every_screenshot_the_guide_shows_exists():
    referenced = set()
    for path in GUIDE_DIR.glob("*.md"):
        referenced |= set(re.findall(r"\]\(anh/([^)]+)\)", path.read_text(encoding="utf-8")))
    missing = sorted(name for name in referenced if not (IMAGE_DIR / name).is_file())
    assert not missing, (
        f"Ảnh chưa có trong docs/huong-dan/anh/ (chạy tests/e2e/test_user_guide.py): {missing}"
    )


@pytest.mark.django_db
def test_a_screenshot_is_served_as_png_and_nothing_else_of_the_folder(client):
    response = client.get(reverse("home:guide_image", args=["dang-nhap.png"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    for name in ("README.md", "khong-co.png", "..%2FREADME.md"):
        assert (
            client.get(reverse("home:guide_image", args=["x.png"]).replace("x.png", name)).status_code == 404
        )


@pytest.mark.django_db
def test_an_unknown_page_is_not_found(client):
    assert client.get(reverse("home:guide_page", args=["khong-co"])).status_code == 404


@pytest.mark.django_db
def test_the_help_link_is_in_the_top_bar_of_every_page(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert f'href="{reverse("home:guide")}"' in html
