"""The lists beside the news: the home page's blocks (featured, hot, latest, the latest of each menu category with its
sub-categories) and the story's surroundings (related, newer, older) hold the right stories in the right order, read
in a fixed number of statements however many categories the site has (`portal.selectors.items`)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from danvan.portal.models import Article, Topic
from danvan.portal.selectors import public

from . import factories


@pytest.fixture
def site(units):
    return factories.site(units["ban_tgdv_cao_bang"], slug="dv-cao-bang")


def story(site, category, title, hours_ago, **fields):
    return factories.published_article(
        site, category, title, published=timezone.now() - datetime.timedelta(hours=hours_ago), **fields
    )


def titles(articles):
    return [a.title for a in articles]


def test_the_home_blocks_hold_each_blocks_newest_live_stories_in_two_statements(site):
    activity = factories.category(site, "Tin hoạt động", "tin-hoat-dong", position=1)
    kheo = factories.category(site, "Dân vận khéo", "dan-van-kheo", position=2)
    hamlets = factories.category(site, "Ở thôn, xóm", "o-thon-xom", parent=kheo)
    hidden = factories.category(site, "Tin nội bộ", "noi-bo", position=3, in_menu=False)
    for n in range(7):
        story(site, activity, f"Hoạt động {n}", hours_ago=n + 1)
    story(site, hamlets, "Mô hình ở xóm Nà Rị", hours_ago=0.5, is_featured=True)
    story(site, kheo, "Điển hình Dân vận khéo", hours_ago=30, is_hot=True)
    story(site, hidden, "Tin nội bộ mới nhất", hours_ago=0.1)
    withdrawn = story(site, kheo, "Tin đã gỡ", hours_ago=0.2, is_featured=True)
    Article.objects.filter(pk=withdrawn.pk).update(status=Article.Status.WITHDRAWN)
    for n in range(4):  # more categories cost no more statements
        factories.category(site, f"Chuyên mục {n}", f"chuyen-muc-{n}", position=10 + n)

    with CaptureQueriesContext(connection) as statements:
        blocks = public.home_blocks(site)

    assert len(statements) == 2
    assert titles(blocks["featured"]) == ["Mô hình ở xóm Nà Rị"]
    assert titles(blocks["hot"]) == ["Điển hình Dân vận khéo"]
    assert titles(blocks["latest"]) == [
        "Tin nội bộ mới nhất",
        "Mô hình ở xóm Nà Rị",
        "Hoạt động 0",
        "Hoạt động 1",
        "Hoạt động 2",
    ]
    assert [(category.name, titles(stories)) for category, stories in blocks["by_category"]] == [
        ("Tin hoạt động", [f"Hoạt động {n}" for n in range(5)]),
        ("Dân vận khéo", ["Mô hình ở xóm Nà Rị", "Điển hình Dân vận khéo"]),  # with its sub-category's
    ]
    assert blocks["latest"][0].category.name == "Tin nội bộ"  # read with the story


def test_the_story_lists_its_topics_stories_else_its_categorys_and_the_newer_and_older_of_its_category(site):
    activity = factories.category(site, "Tin hoạt động", "tin-hoat-dong")
    other = factories.category(site, "Tin khác", "tin-khac")
    stories = [story(site, activity, f"Hoạt động {n}", hours_ago=10 - n) for n in range(9)]  # 0 oldest
    story(site, other, "Tin chuyên mục khác", hours_ago=5)
    middle = public.public_article(site, stories[4].slug)

    around = public.around_story(middle)

    assert titles(around.newer) == [f"Hoạt động {n}" for n in (5, 6, 7, 8)]  # the nearest first
    assert titles(around.older) == [f"Hoạt động {n}" for n in (3, 2, 1, 0)]
    assert titles(around.related) == [f"Hoạt động {n}" for n in (8, 7, 6, 5, 3)]

    topic = Topic.objects.create(site=site, name="Đối thoại với Nhân dân", slug="doi-thoai")
    middle.topics.add(topic)
    tagged = story(site, other, "Đối thoại ở phường Thục Phán", hours_ago=20)
    tagged.topics.add(topic)
    assert titles(public.around_story(middle).related) == ["Đối thoại ở phường Thục Phán"]


def test_the_hand_written_live_condition_finds_the_stories_live_finds(site):
    activity = factories.category(site, "Tin hoạt động", "tin-hoat-dong")
    now = timezone.now()
    story(site, activity, "Đang hiện", hours_ago=2)
    story(site, activity, "Hết hạn hôm qua", hours_ago=48, expire_at=now - datetime.timedelta(days=1))
    story(site, activity, "Hết hạn tuần sau", hours_ago=3, expire_at=now + datetime.timedelta(days=7))
    story(site, activity, "Hẹn giờ ngày mai", hours_ago=-24)
    factories.published_article(site, activity, "Đúng lúc này", published=now)
    withdrawn = story(site, activity, "Đã gỡ", hours_ago=1)
    Article.objects.filter(pk=withdrawn.pk).update(status=Article.Status.WITHDRAWN)
    draft = story(site, activity, "Bản nháp", hours_ago=1)
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.DRAFT, publish_at=None)

    condition, params = Article.live_sql("a", now)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT a.title FROM {Article._meta.db_table} a WHERE {condition}", params)
        by_hand = {title for (title,) in cursor.fetchall()}

    assert by_hand == set(Article.objects.live(now).values_list("title", flat=True))
    assert by_hand == {"Đang hiện", "Hết hạn tuần sau", "Đúng lúc này"}
