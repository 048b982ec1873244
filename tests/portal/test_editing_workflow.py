"""A story's review: an editor writes and submits, an approver returns (with a reason the author reads) or publishes
(now or at a time ahead, never at a time past), withdraws and reopens; who may do which, unit by unit; who is told."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from danvan.core.errors import NotAllowed
from danvan.core.models import ChangeLog
from danvan.notifications.models import Kind, Notification
from danvan.portal.cache import site_version
from danvan.portal.models import Article
from danvan.portal.services import create_article, transition, update_article

from .editing import newsroom


@pytest.fixture
def room(units):
    return newsroom(units)


def draft(room, actor=None, category=None, **fields):
    return create_article(
        actor or room.editor,
        site=room.site,
        category=category or room.news,
        title=fields.pop("title", "Ra quân Ngày Chủ nhật xanh"),
        body=fields.pop("body", "<p>Sáng 12/7, hơn 200 đoàn viên tham gia dọn vệ sinh.</p>"),
        **fields,
    )


def test_a_story_goes_from_draft_through_review_to_the_site_and_people_are_told(
    room, django_capture_on_commit_callbacks
):
    story = draft(room)
    assert story.status == Article.Status.DRAFT
    assert not Article.objects.live().filter(pk=story.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        transition(room.editor, story, "submit")
    waiting = Notification.objects.filter(kind=Kind.ARTICLE_SUBMITTED).first()
    assert set(
        Notification.objects.filter(kind=Kind.ARTICLE_SUBMITTED).values_list("recipient", flat=True)
    ) == {
        room.approver.pk,
        room.admin.pk,
    }
    assert "Ra quân Ngày Chủ nhật xanh" in waiting.title

    with django_capture_on_commit_callbacks(execute=True):
        transition(room.approver, story, "return", reason="Thiếu ảnh và tên tác giả.")
    story.refresh_from_db()
    assert story.status == Article.Status.RETURNED
    told = Notification.objects.get(kind=Kind.ARTICLE_RETURNED)
    assert told.recipient == room.editor and "Thiếu ảnh và tên tác giả." in told.body

    transition(room.editor, story, "submit")
    version = site_version(room.site.pk)
    with django_capture_on_commit_callbacks(execute=True):
        transition(room.approver, story, "publish")
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED and story.approved_by == room.approver
    assert story.rejection_reason == ""
    assert Article.objects.live().filter(pk=story.pk).exists()
    assert Notification.objects.get(kind=Kind.ARTICLE_PUBLISHED).recipient == room.editor
    assert site_version(room.site.pk) > version, "the public pages are drawn again"
    statuses = [
        entry.after["status"]
        for entry in ChangeLog.objects.filter(
            object_id=str(story.pk), content_type__model="article"
        ).order_by("id")
    ]
    assert statuses == ["draft", "submitted", "returned", "submitted", "published"]


def test_an_editor_cannot_publish_return_or_withdraw(room):
    story = draft(room)
    transition(room.editor, story, "submit")
    for action in ("publish", "return"):
        with pytest.raises(NotAllowed):
            transition(room.editor, story, action, reason="x")
    transition(room.approver, story, "publish")
    with pytest.raises(NotAllowed):
        transition(room.editor, story, "withdraw", reason="x")


def test_returning_and_withdrawing_need_a_reason(room):
    story = draft(room)
    transition(room.editor, story, "submit")
    with pytest.raises(ValidationError) as refused:
        transition(room.approver, story, "return", reason="  ")
    assert "reason" in refused.value.message_dict
    transition(room.approver, story, "publish")
    with pytest.raises(ValidationError):
        transition(room.approver, story, "withdraw")
    transition(room.approver, story, "withdraw", reason="Thông tin chưa chính xác")
    story.refresh_from_db()
    assert story.status == Article.Status.WITHDRAWN and story.rejection_reason == "Thông tin chưa chính xác"
    assert not Article.objects.live().filter(pk=story.pk).exists()
    with pytest.raises(ValidationError):
        update_article(room.editor, story, title="Sửa khi đã gỡ")
    transition(room.editor, story, "reopen")
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT


def test_a_scheduled_story_appears_at_its_time_and_a_time_past_is_refused_naming_the_field(room):
    ahead = timezone.now() + datetime.timedelta(days=2)
    story = draft(room, publish_at=ahead)
    transition(room.editor, story, "submit")
    transition(room.approver, story, "publish")
    assert not Article.objects.live().filter(pk=story.pk).exists()
    assert Article.objects.live(ahead + datetime.timedelta(minutes=1)).filter(pk=story.pk).exists()

    with pytest.raises(ValidationError) as refused:
        draft(room, title="Hẹn giờ đã qua", publish_at=timezone.now() - datetime.timedelta(hours=1))
    assert "Thời điểm xuất bản đã qua" in refused.value.message_dict["publish_at"][0]

    # A time that was ahead when written but has passed while the story waited for review.
    late = draft(room, title="Chờ duyệt quá lâu", publish_at=timezone.now() + datetime.timedelta(days=1))
    transition(room.editor, late, "submit")
    Article.objects.filter(pk=late.pk).update(publish_at=timezone.now() - datetime.timedelta(minutes=5))
    with pytest.raises(ValidationError) as refused:
        transition(room.approver, late, "publish")
    assert "publish_at" in refused.value.message_dict
    late.refresh_from_db()
    assert late.status == Article.Status.SUBMITTED


def test_an_editor_writes_only_in_the_categories_of_their_unit(room):
    with pytest.raises(NotAllowed):
        draft(room, actor=room.outsider)
    with pytest.raises(NotAllowed):
        draft(room, actor=room.front_editor)
    front_story = draft(room, actor=room.front_editor, category=room.front_news, title="Mặt trận ra quân")
    assert front_story.category == room.front_news
    with pytest.raises(ValidationError) as refused:
        update_article(room.front_editor, front_story, category=room.news)
    assert "category" in refused.value.message_dict
    # The commune's editors write in the category opened to its Front too: the Front is part of the commune.
    update_article(room.editor, front_story, summary="Bổ sung sapo")
    with pytest.raises(NotAllowed):
        update_article(room.outsider, front_story, summary="Không được")
    with pytest.raises(NotAllowed):
        transition(room.outsider, front_story, "submit")


def test_an_editors_edit_of_a_published_story_goes_back_to_review_an_approvers_stays_live(
    room, django_capture_on_commit_callbacks
):
    story = draft(room)
    transition(room.editor, story, "submit")
    transition(room.approver, story, "publish")

    update_article(room.approver, story, title="Ra quân Ngày Chủ nhật xanh năm 2026")
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED and story.title.endswith("2026")

    with django_capture_on_commit_callbacks(execute=True):
        update_article(room.editor, story, summary="Thêm sapo sau khi đăng")
    story.refresh_from_db()
    assert story.status == Article.Status.SUBMITTED
    assert not Article.objects.live().filter(pk=story.pk).exists()
    assert Notification.objects.filter(kind=Kind.ARTICLE_SUBMITTED, recipient=room.approver).exists()
