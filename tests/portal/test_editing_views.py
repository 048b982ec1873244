"""The back office's pages: the list in the user's scope with its filters (search without accents, scheduled), the
story form, the review buttons, revisions; another unit's editor gets a 404; bad input a message, never a 500."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.portal.models import Article
from danvan.portal.services import create_article, transition, update_article

from .editing import newsroom


@pytest.fixture
def room(units):
    return newsroom(units)


def story(room, title, **fields):
    return create_article(
        room.editor, site=room.site, category=room.news, title=title, body="<p>Nội dung bài.</p>", **fields
    )


def test_the_list_shows_the_stories_in_scope_and_filters_them(room, client_for):
    plain = story(room, "Hội nghị Dân vận khéo năm 2026")
    scheduled = story(
        room, "Tập huấn công tác dân vận", publish_at=timezone.now() + datetime.timedelta(days=3)
    )
    transition(room.editor, scheduled, "submit")
    transition(room.approver, scheduled, "publish")
    client = client_for(room.editor)
    url = reverse("portal:article_list")

    page = client.get(url).content.decode()
    assert plain.title in page and scheduled.title in page and "Hẹn giờ xuất bản" in page
    found = client.get(url, {"q": "dan van kheo"}).content.decode()
    assert plain.title in found and scheduled.title not in found
    only_scheduled = client.get(url, {"status": "scheduled"}).content.decode()
    assert scheduled.title in only_scheduled and plain.title not in only_scheduled
    mine = client.get(url, {"mine": "on"}).content.decode()
    assert plain.title in mine and scheduled.title not in mine

    assert plain.title not in client_for(room.outsider).get(url).content.decode()
    assert client_for(room.outsider).get(reverse("portal:article_detail", args=[plain.pk])).status_code == 404
    assert (
        client_for(room.outsider).get(reverse("portal:site_detail", args=[room.site.pk])).status_code == 404
    )


def test_an_editor_writes_a_story_on_the_form_and_sends_it_for_review(room, client_for):
    front_form = client_for(room.front_editor).get(reverse("portal:article_create")).content.decode()
    assert "Mặt trận</option>" in front_form and "Tin hoạt động</option>" not in front_form
    client = client_for(room.editor)
    form = client.get(reverse("portal:article_create")).content.decode()
    assert 'data-editor-for="id_body"' in form and "Tin hoạt động</option>" in form
    answer = client.post(
        reverse("portal:article_create"),
        {
            "category": room.news.pk,
            "title": "Ra quân hè",
            "body": "<p>Đoàn viên ra quân.</p><script>steal()</script>",
            "tags": "Thanh niên, tình nguyện",
            "publish_at": (timezone.localtime() - datetime.timedelta(hours=2)).strftime("%d/%m/%Y %H:%M"),
        },
    )
    assert answer.status_code == 200
    assert "Thời điểm xuất bản đã qua" in answer.content.decode()

    answer = client.post(
        reverse("portal:article_create"),
        {
            "category": room.news.pk,
            "title": "Ra quân hè",
            "body": "<p>Đoàn viên ra quân.</p><script>steal()</script>",
        },
    )
    saved = Article.objects.get(title="Ra quân hè")
    assert answer.url == reverse("portal:article_detail", args=[saved.pk])
    assert saved.body == "<p>Đoàn viên ra quân.</p>" and saved.created_by == room.editor

    detail = client.get(answer.url).content.decode()
    assert "Gửi duyệt" in detail and "Duyệt và xuất bản" not in detail
    client.post(reverse("portal:article_transition", args=[saved.pk, "submit"]))
    saved.refresh_from_db()
    assert saved.status == Article.Status.SUBMITTED

    approver_page = client_for(room.approver).get(answer.url).content.decode()
    assert "Duyệt và xuất bản" in approver_page and "Lý do trả lại" in approver_page
    refused = client_for(room.approver).post(
        reverse("portal:article_transition", args=[saved.pk, "return"]), {"reason": ""}, follow=True
    )
    assert "Hãy ghi lý do." in refused.content.decode()
    assert client.post(reverse("portal:article_transition", args=[saved.pk, "publish"])).status_code == 403


def test_revisions_are_listed_compared_and_restored_from_their_pages(room, client_for):
    written = story(room, "Bản đầu")
    client = client_for(room.editor)
    client.post(
        reverse("portal:article_edit", args=[written.pk]),
        {"category": room.news.pk, "title": "Bản sửa", "body": "<p>Nội dung bài.</p>", "note": "Sửa tít"},
    )
    listing = client.get(reverse("portal:revision_list", args=[written.pk])).content.decode()
    assert "Sửa tít" in listing and "#2" in listing
    compared = client.get(
        reverse("portal:revision_compare", args=[written.pk]), {"a": 1, "b": 2}
    ).content.decode()
    assert "Bản đầu" in compared and "Bản sửa" in compared
    client.post(reverse("portal:revision_restore", args=[written.pk, 1]))
    written.refresh_from_db()
    assert written.title == "Bản đầu" and written.revision_number == 3
    history = client.get(reverse("portal:article_detail", args=[written.pk])).content.decode()
    assert "Bản sửa" in history, "the story's page shows its change log"


def test_a_title_of_ten_megabytes_is_refused_without_a_crash(room, client_for):
    answer = client_for(room.editor).post(
        reverse("portal:article_create"),
        {"category": room.news.pk, "title": "T" * 10_000_000, "body": "<p>x</p>"},
    )
    assert answer.status_code == 400
    assert not Article.objects.filter(site=room.site).exists()


def test_an_approver_acting_on_what_the_page_showed_is_told_when_the_story_has_moved_on(room, client_for):
    """Two approvers have the same story open; one returns it, the other then presses "publish" on the page that
    still shows it under review. The editor then fixes the story while an approver reads the old text."""
    written = story(room, "Hội nghị đối thoại")
    transition(room.editor, written, "submit")
    page_seen = {"expected_status": "submitted", "expected_revision": written.revision_number}
    transition(room.admin, written, "return", reason="Thiếu ảnh.")

    stale = client_for(room.approver).post(
        reverse("portal:article_transition", args=[written.pk, "publish"]), page_seen, follow=True
    )
    assert "Bài vừa chuyển sang tình trạng “Trả lại” trong lúc bạn xem" in stale.content.decode()
    written.refresh_from_db()
    assert written.status == Article.Status.RETURNED

    transition(room.editor, written, "submit")
    page_seen = {"expected_status": "submitted", "expected_revision": written.revision_number}
    update_article(room.editor, written, title="Hội nghị đối thoại với Nhân dân", note="Sửa tên")
    stale = client_for(room.approver).post(
        reverse("portal:article_transition", args=[written.pk, "publish"]), page_seen, follow=True
    )
    assert "Bài vừa được sửa (lần sửa" in stale.content.decode()
    written.refresh_from_db()
    assert written.status != Article.Status.PUBLISHED

    page = client_for(room.approver).get(reverse("portal:article_detail", args=[written.pk])).content.decode()
    assert f'name="expected_revision" value="{written.revision_number}"' in page
    fresh = {"expected_status": written.status, "expected_revision": written.revision_number}
    client_for(room.approver).post(reverse("portal:article_transition", args=[written.pk, "publish"]), fresh)
    written.refresh_from_db()
    assert written.status == Article.Status.PUBLISHED
