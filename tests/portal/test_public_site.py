"""A visitor on a unit's public site: the home page and its blocks, the lists, the story page (view count, rating,
print), the unit's pages (calendar, showcase, documents, organisation, administrative units), the cache and its
invalidation, the site at the root of its own host name."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.models import Role
from danvan.activities.models import CalendarEntry, CalendarFeed
from danvan.portal.cache import site_changed
from danvan.portal.models import Article, LinkedWebsite, PublicDocument, Rating, SitePage, Topic
from danvan.portal.services import create_article
from danvan.portal.services.workflow import transition
from tests import factories as test_factories

from . import factories


@pytest.fixture
def site(units):
    site = factories.site(
        units["ban_tgdv_cao_bang"],
        slug="dv-cao-bang",
        name="Trang tin Dân vận Cao Bằng",
        responsible="Đồng chí Trưởng ban",
        licence="Giấy phép số 12/GP-STTTT",
        address="Số 1 Hoàng Đình Giong",
        phone="0206 3852 000",
        email="bandanvan@caobang.gov.vn",
    )
    factories.category(site, "Tin hoạt động", "tin-hoat-dong")
    factories.category(site, "Dân vận khéo", "dan-van-kheo")
    return site


def url(site, name, *args):
    return reverse(f"portal_public:{name}", args=[site.slug, *args])


def test_without_featured_or_hot_stories_the_home_page_says_it_shows_the_latest(client, site):
    factories.published_article(site, site.categories.first(), "Tin thường ngày")
    page = client.get(url(site, "home")).content.decode()
    assert "Tin thường ngày" in page and "Tin mới" in page and "Tin mới cập nhật" in page
    assert "Tin tiêu điểm" not in page and "Tin nóng" not in page


def test_the_home_page_shows_hot_featured_and_latest_by_category_with_the_sites_furniture(client, site):
    activity, showcase = site.categories.order_by("pk")
    factories.published_article(site, activity, "Hội nghị giao ban Dân vận quý III", is_featured=True)
    factories.published_article(site, showcase, "Mô hình Dân vận khéo ở Thục Phán", is_hot=True)
    draft = factories.published_article(site, activity, "Tin chưa duyệt")
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.DRAFT)
    LinkedWebsite.objects.create(site=site, name="Cổng thông tin tỉnh", url="https://caobang.gov.vn")

    page = client.get(url(site, "home")).content.decode()

    assert "Tin tiêu điểm" in page and "Hội nghị giao ban Dân vận quý III" in page
    assert "Tin nóng" in page and "Mô hình Dân vận khéo ở Thục Phán" in page
    assert "Tin chưa duyệt" not in page
    assert "Cổng thông tin tỉnh" in page and url(site, "calendar") in page and url(site, "showcase") in page
    # TT 22/2023 layout: the unit's name in the banner, categories in the menu, the footer's particulars
    assert "Ban Tuyên giáo và Dân vận" in page and url(site, "category", "dan-van-kheo") in page
    for particular in (
        "Đồng chí Trưởng ban",
        "Giấy phép số 12/GP-STTTT",
        "0206 3852 000",
        "bandanvan@caobang.gov.vn",
    ):
        assert particular in page


def test_category_topic_and_tag_pages_list_live_stories_newest_first_paginated(client, site):
    activity = site.categories.get(slug="tin-hoat-dong")
    now = timezone.now()
    for n in range(17):
        factories.published_article(
            site, activity, f"Tin số {n}", published=now - datetime.timedelta(days=n), tags=["Dân vận khéo"]
        )
    topic = Topic.objects.create(site=site, name="Sơ kết 6 tháng", slug="so-ket")
    Article.objects.get(title="Tin số 3").topics.add(topic)

    first = client.get(url(site, "category", "tin-hoat-dong")).content.decode()
    second = client.get(url(site, "category", "tin-hoat-dong") + "?page=2").content.decode()

    assert first.index("Tin số 0<") < first.index("Tin số 1<") and "Tin số 16<" not in first
    assert "Tin số 16<" in second
    assert "Tin số 3<" in client.get(url(site, "topic", "so-ket")).content.decode()
    assert "Tin số 16<" in client.get(url(site, "tag", "dan-van-kheo") + "?page=2").content.decode()
    assert client.get(url(site, "category", "khong-co")).status_code == 404


def test_the_story_page_shows_the_story_and_counts_each_reading_even_when_cached(client, site):
    activity = site.categories.get(slug="tin-hoat-dong")
    older = factories.published_article(
        site, activity, "Tin cũ hơn hôm trước", published=timezone.now() - datetime.timedelta(days=2)
    )
    article = factories.published_article(
        site,
        activity,
        "Hội nghị sơ kết Dân vận khéo",
        summary="Sáng 05/6, Ban tổ chức hội nghị.",
        author="Tin, ảnh: Thu Hà",
        source="Báo Cao Bằng",
        published=timezone.make_aware(datetime.datetime(2026, 6, 5, 9, 30)),
    )

    first = client.get(url(site, "article", article.slug))
    second = client.get(url(site, "article", article.slug)).content.decode()

    assert first.status_code == 200
    article.refresh_from_db()
    assert article.view_count == 2
    assert "2 lượt xem" in second
    for shown in (
        "Hội nghị sơ kết Dân vận khéo",
        "Sáng 05/6, Ban tổ chức hội nghị.",
        "Tin, ảnh: Thu Hà",
        "Báo Cao Bằng",
        "05/06/2026 09:30",
    ):
        assert shown in second
    assert "Tin cũ hơn" in second and older.title in second
    assert "Tổng số điểm của bài viết là: 0 trong 0 đánh giá" in second
    assert '"@type": "NewsArticle"' in second and 'property="og:title"' in second
    assert f'rel="canonical" href="http://127.0.0.1:8000{url(site, "article", article.slug)}"' in second
    printed = client.get(url(site, "article_print", article.slug)).content.decode()
    assert "Hội nghị sơ kết Dân vận khéo" in printed and "Tổng số điểm" not in printed


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.WITHDRAWN, "future", "expired"])
def test_a_story_that_is_not_live_is_a_404(client, site, status):
    article = factories.published_article(site)
    now = timezone.now()
    if status == "future":
        Article.objects.filter(pk=article.pk).update(publish_at=now + datetime.timedelta(days=1))
    elif status == "expired":
        Article.objects.filter(pk=article.pk).update(expire_at=now - datetime.timedelta(minutes=1))
    else:
        Article.objects.filter(pk=article.pk).update(status=status)
    assert client.get(url(site, "article", article.slug)).status_code == 404


def test_a_visitor_rates_a_story_once_and_only_a_hash_of_their_cookie_is_kept(client, site):
    article = factories.published_article(site)
    client.get(url(site, "article", article.slug))  # the visitor's cookie is set on the first page
    cookie = client.cookies["dv_visitor"].value

    client.post(url(site, "rate", article.slug), {"stars": "4"})
    again = client.post(url(site, "rate", article.slug), {"stars": "1"}, follow=True).content.decode()
    bad = Client().post(url(site, "rate", article.slug), {"stars": "9"}, follow=True).content.decode()

    article.refresh_from_db()
    assert (article.rating_sum, article.rating_count) == (4, 1)
    assert "Bạn đã đánh giá bài viết này rồi" in again
    assert "Tổng số điểm của bài viết là: 4 trong 1 đánh giá" in again
    assert "Hãy chọn từ 1 đến 5 sao" in bad
    assert cookie not in Rating.objects.get().visitor


def test_publishing_a_story_shows_it_on_the_cached_home_page_at_once(
    client, site, django_capture_on_commit_callbacks
):
    factories.published_article(site, title="Tin thứ nhất")
    assert "Tin thứ nhất" in client.get(url(site, "home")).content.decode()
    approver = test_factories.user("duyet_tin", site.unit, Role.APPROVER)
    draft = create_article(
        None, site=site, category=site.categories.first(), title="Tin vừa xuất bản", body="<p>Nội dung.</p>"
    )
    # The review's publish: the story goes live and the site's version is bumped when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        transition(approver, draft, "publish")
    assert "Tin vừa xuất bản" in client.get(url(site, "home")).content.decode()
    # Without a bump the cached home page is served: a write behind the services' back is not seen.
    Article.objects.filter(title="Tin vừa xuất bản").update(title="Không qua dịch vụ")
    assert "Không qua dịch vụ" not in client.get(url(site, "home")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        site_changed(site.pk)
    assert "Không qua dịch vụ" in client.get(url(site, "home")).content.decode()


def test_a_cached_home_page_costs_the_site_and_the_visit_counter_only(
    client, site, django_assert_max_num_queries
):
    for n in range(6):
        factories.published_article(site, site.categories.first(), f"Tin {n}", is_hot=n % 2 == 0)
    client.get(url(site, "home"))
    with django_assert_max_num_queries(2):  # the site's row, the day's visit counter
        assert "Tin 5" in client.get(url(site, "home")).content.decode()


def test_the_calendar_shows_the_units_week_only_when_the_unit_published_it(client, site):
    entry_time = timezone.make_aware(datetime.datetime(2026, 12, 1, 8, 0))
    CalendarEntry.objects.create(
        unit=site.unit,
        unit_path=site.unit.path,
        starts_at=entry_time,
        title="Giao ban công tác Dân vận",
        place="Hội trường",
    )
    week = url(site, "calendar") + "?tuan=2026-W49"
    assert "Giao ban công tác Dân vận" not in client.get(week).content.decode()
    CalendarFeed.objects.create(unit=site.unit, token="t" * 40, public=True)
    page = client.get(week).content.decode()
    assert "Giao ban công tác Dân vận" in page and "Hội trường" in page and "01/12/2026" in page


def test_documents_are_listed_filtered_and_downloaded(client, site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan = PublicDocument.objects.create(
        site=site,
        number="15-KH/BDVTU",
        kind="Kế hoạch",
        title="Kế hoạch thi đua Dân vận khéo",
        issued_on=datetime.date(2025, 3, 1),
        signer="Nguyễn Văn A",
        search_key="15-kh/bdvtu ke hoach thi dua dan van kheo",
    )
    plan.file.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4 test"))
    PublicDocument.objects.create(
        site=site,
        number="02-NQ/TU",
        kind="Nghị quyết",
        title="Nghị quyết về công tác dân vận",
        issued_on=datetime.date(2024, 5, 1),
        search_key="02-nq/tu nghi quyet ve cong tac dan van",
    )
    PublicDocument.objects.create(
        site=site,
        number="99-KH",
        kind="Kế hoạch",
        title="Chưa công bố",
        issued_on=datetime.date(2025, 1, 1),
        is_published=False,
        search_key="chua cong bo",
    )

    everything = client.get(url(site, "documents")).content.decode()
    searched = client.get(url(site, "documents") + "?q=thi dua dan van kheo&nam=2025").content.decode()
    by_kind = client.get(url(site, "documents") + "?loai=Nghị quyết").content.decode()

    assert "15-KH/BDVTU" in everything and "02-NQ/TU" in everything and "Chưa công bố" not in everything
    assert "01/03/2025" in everything and "Nguyễn Văn A" in everything
    assert "15-KH/BDVTU" in searched and "02-NQ/TU" not in searched
    assert "02-NQ/TU" in by_kind and "15-KH/BDVTU" not in by_kind
    download = client.get(url(site, "document_file", plan.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"


def test_organisation_pages_and_administrative_units(client, site, units):
    SitePage.objects.create(site=site, slug="chuc-nang", title="Chức năng, nhiệm vụ", body="<p>Tham mưu</p>")
    organisation = client.get(url(site, "organisation")).content.decode()
    assert "Chức năng, nhiệm vụ" in organisation and "Số 1 Hoàng Đình Giong" in organisation
    assert "Tham mưu" in client.get(url(site, "page", "chuc-nang")).content.decode()
    administrative = client.get(url(site, "units")).content.decode()
    assert "Cao Bằng" in administrative and units["thuc_phan"].name in administrative


def test_the_showcase_and_publicity_pages_answer(client, site):
    assert client.get(url(site, "showcase")).status_code == 200
    assert "cấp xã" in client.get(url(site, "publicity")).content.decode()


def test_a_site_with_its_own_host_name_is_served_at_the_root(site, settings):
    settings.ALLOWED_HOSTS = ["dvcaobang.gov.vn", "testserver"]
    site.host = "dvcaobang.gov.vn"
    site.save(update_fields=["host"])
    article = factories.published_article(site, title="Tin trên tên miền riêng")
    visitor = Client(HTTP_HOST="dvcaobang.gov.vn")

    home = visitor.get("/").content.decode()
    story = visitor.get(f"/tin/{article.slug}/").content.decode()

    assert "Tin trên tên miền riêng" in home and f'href="/tin/{article.slug}/"' in home
    assert f'rel="canonical" href="https://dvcaobang.gov.vn/tin/{article.slug}/"' in story
    assert visitor.get("/tin/khong-co/").status_code == 404
    assert Client().get(url(site, "home")).status_code == 200  # the platform's path still works
