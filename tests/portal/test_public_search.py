"""Search by words without accents, category and date range: one selector for the page and the API, the same
results on PostgreSQL (the GIN index) and SQLite (word by word)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from danvan.core.errors import ValidationError
from danvan.portal.models import Article
from danvan.portal.selectors.search import parse_search, search_articles
from danvan.portal.services.articles import search_key_of

from . import factories


def day(d, m, y, hour=9):
    return timezone.make_aware(datetime.datetime(y, m, d, hour))


@pytest.fixture
def sites(units):
    province = factories.site(units["ban_tgdv_cao_bang"], slug="dv-cao-bang")
    commune = factories.site(units["thuc_phan"], slug="thuc-phan")
    activity = factories.category(province, "Tin hoạt động", "tin-hoat-dong")
    plain = "<p>Nội dung tin.</p>"
    models = factories.category(province, "Dân vận khéo", "dan-van-kheo")
    factories.published_article(
        province, models, "Hội nghị biểu dương điển hình Dân vận khéo", body=plain, published=day(5, 6, 2025)
    )
    factories.published_article(
        province, activity, "Giao ban công tác dân vận quý II", body=plain, published=day(10, 7, 2025)
    )
    factories.published_article(
        province,
        activity,
        "Tập huấn nghiệp vụ",
        body="<p>Phong trào <b>Dân vận khéo</b> lan tỏa.</p>",
        published=day(2, 1, 2026),
    )
    draft = factories.published_article(province, activity, "Dân vận khéo: bản nháp", body=plain)
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.DRAFT)
    factories.published_article(
        commune,
        factories.category(commune),
        "Xã Thục Phán làm Dân vận khéo",
        body=plain,
        published=day(1, 8, 2025),
    )
    return province, commune


def titles(found):
    return [article.title for article in found[:50]]


def test_words_without_accents_find_the_stories_holding_them_all_newest_first(sites):
    province, _commune = sites
    assert titles(search_articles(province, "dan van kheo")) == [
        "Tập huấn nghiệp vụ",
        "Hội nghị biểu dương điển hình Dân vận khéo",
    ]
    assert titles(search_articles(province, "DÂN VẬN quý")) == ["Giao ban công tác dân vận quý II"]
    assert titles(search_articles(province, "van")) != []
    assert titles(search_articles(province, "kheo vanh")) == []  # whole words: "vanh" is not "van"


def test_category_and_date_range_narrow_the_search_and_all_sites_widen_it(sites):
    province, _commune = sites
    category = province.categories.get(slug="tin-hoat-dong")
    assert titles(search_articles(province, "dan van kheo", category=category)) == ["Tập huấn nghiệp vụ"]
    in_2025 = search_articles(
        province, "", date_from=datetime.date(2025, 6, 5), date_to=datetime.date(2025, 7, 10)
    )
    assert titles(in_2025) == [
        "Giao ban công tác dân vận quý II",
        "Hội nghị biểu dương điển hình Dân vận khéo",
    ]
    assert titles(search_articles(None, "dan van kheo", date_to=datetime.date(2025, 12, 31))) == [
        "Xã Thục Phán làm Dân vận khéo",
        "Hội nghị biểu dương điển hình Dân vận khéo",
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored words exist on PostgreSQL only")
def test_on_postgresql_the_words_stored_at_each_save_are_searched(sites):
    province, _commune = sites
    with CaptureQueriesContext(connection) as queries:
        search_articles(province, "dan van kheo")[:20]
    assert "a.search_vector @@ plainto_tsquery('simple'" in queries[0]["sql"]

    story = Article.objects.get(title="Tập huấn nghiệp vụ")
    story.title, story.body = "Tập huấn báo cáo viên", "<p>Nội dung mới.</p>"
    story.search_key = search_key_of(story)
    story.save()
    assert titles(search_articles(province, "bao cao vien")) == ["Tập huấn báo cáo viên"]
    assert "Tập huấn báo cáo viên" not in titles(search_articles(province, "dan van kheo"))


def test_bad_input_is_named_by_field(db):
    with pytest.raises(ValidationError) as error:
        parse_search(None, {"from": "31/02/2025", "to": "01/01/2025", "category": "khong-co"})
    assert set(error.value.message_dict) == {"from", "category"}
    with pytest.raises(ValidationError) as error:
        parse_search(None, {"from": "02/01/2025", "to": "01/01/2025"})
    assert "Đến ngày phải sau" in error.value.message_dict["to"][0]


def test_the_search_page_finds_by_words_category_and_dates_and_explains_a_bad_day(client, sites):
    province, _commune = sites
    page = reverse("portal_public:search", args=[province.slug])
    found = client.get(page, {"q": "dan van kheo", "from": "01/06/2025", "to": "30/06/2025"}).content.decode()
    assert "Hội nghị biểu dương điển hình Dân vận khéo" in found and "Tập huấn nghiệp vụ" not in found
    assert "Tìm thấy 1 tin bài" in found
    wrong = client.get(page, {"q": "dan van", "from": "32/13/2025"})
    assert wrong.status_code == 200 and "Từ ngày không hợp lệ" in wrong.content.decode()


def test_the_last_word_of_a_paragraph_is_found_as_a_word_of_its_own(units):
    site = factories.site(units["cao_bang"], slug="doan-van")
    factories.published_article(
        site, title="Tin về phường", body="<p>Phường tổ chức hội nghị sơ kết.</p><p>Đại biểu phát biểu.</p>"
    )
    # The paragraphs' words do not run together: PostgreSQL's parser would read "ket.dai" as one token.
    assert titles(search_articles(site, "so ket")) == ["Tin về phường"]
    assert titles(search_articles(site, "dai bieu")) == ["Tin về phường"]


def test_a_search_of_every_site_names_each_storys_own_site(sites):
    found = search_articles(None, "dan van kheo", date_to=datetime.date(2025, 12, 31))
    assert [(story.site.slug, story.category.name, story.title) for story in found[:20]] == [
        ("thuc-phan", "Tin hoạt động", "Xã Thục Phán làm Dân vận khéo"),
        ("dv-cao-bang", "Dân vận khéo", "Hội nghị biểu dương điển hình Dân vận khéo"),
    ]


def test_the_results_are_counted_once_and_read_a_page_at_a_time(units):
    site = factories.site(units["ban_tgdv_cao_bang"], slug="dv-cao-bang")
    for n in range(23):
        factories.published_article(
            site, title=f"Giao ban tuần {n}", published=day(1, 1, 2026) + datetime.timedelta(hours=n)
        )
    found = search_articles(site, "giao ban")

    with CaptureQueriesContext(connection) as statements:
        assert found.count() == len(found) == 23
        last_page = found[20:40]
    assert len(statements) == 2  # the count, then the page: no cover among them to read
    assert titles(last_page) == ["Giao ban tuần 2", "Giao ban tuần 1", "Giao ban tuần 0"]
    assert found[5:5] == []
    # A search of every site may find tens of thousands: it is read by pages, never whole by accident.
    with pytest.raises(TypeError):
        list(found)
    with pytest.raises(TypeError):
        found[3]
