"""The newsroom (issue #13's acceptance): the province's editor drafts a story from a held meeting ("Viết tin") and
sends it for review; the province's approver publishes it; a visitor finds it by searching without accents and by
date, rates it, and finds it in the site's RSS feed."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.accounts.scope import Role
from danvan.activities import services as activity_services
from tests import factories
from tests.conftest import make_user
from tests.e2e.test_accessibility import serious_violations
from tests.portal import factories as portal

pytestmark = pytest.mark.e2e

TITLE = "Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng sơ kết công tác dân vận 6 tháng đầu năm"


def _so_ket(actor, units, day: datetime.date):
    """The province's half-year review, held a month ago, chaired by the Ban's head."""
    ban = units["ban_tgdv_cao_bang"]
    chair = factories.person(ban, "Hoàng Thị Thu Hà", "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy")
    meeting = factories.meeting(
        actor,
        units["cao_bang"],
        f"Hội nghị sơ kết công tác dân vận 6 tháng đầu năm {day.year}",
        type="so_ket",
        host=ban,
        period=f"{day.year}H1",
        starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0))),
        place="Hội trường Tỉnh ủy Cao Bằng",
        conclusions="Tiếp tục nắm chắc tình hình nhân dân; nhân rộng các mô hình “Dân vận khéo”",
    )
    activity_services.set_attendance(actor, meeting, [{"role": "chair", "person": chair}])
    activity_services.meeting_transition(actor, meeting, "hold")
    return meeting


def test_a_story_drafted_from_a_meeting_is_reviewed_published_found_without_accents_rated_and_in_the_feed(
    page, log_in, log_out, shot, units, users
):
    today = timezone.localdate()
    site = portal.site(
        units["cao_bang"], slug="btgdv-cao-bang", name="Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng"
    )
    portal.category(site, "Tin hoạt động", "tin-hoat-dong")
    make_user("bientap", units["cao_bang"], Role.EDITOR, full_name="Lương Thu Hà")
    meeting = _so_ket(users["admin"], units, today - datetime.timedelta(days=30))
    title = f"{TITLE} {meeting.starts_at.year}"

    # 1. The editor: "Viết tin" on the meeting's page, the draft composed from the record, sent for review.
    log_in("bientap")
    page.goto(f"/hoat-dong/hoi-nghi/{meeting.pk}/")
    stories = page.locator("#tin-bai")
    expect(stories).to_contain_text("Chưa có tin, bài nào viết từ hồ sơ này.")
    stories.get_by_role("link", name="Viết tin").click()
    expect(page.locator("#draft-title")).to_have_text(title)
    expect(page.locator("article")).to_contain_text(
        "Đồng chí Hoàng Thị Thu Hà, Trưởng Ban Tuyên giáo và Dân vận"
    )
    assert serious_violations(page) == []
    shot(page, "viet-tin")
    page.get_by_role("button", name="Tạo bản nháp").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã tạo bản nháp")
    expect(page.locator("h1")).to_contain_text(title)
    story_url = page.url
    page.get_by_role("button", name="Gửi duyệt").click()
    expect(page.locator("h1")).to_contain_text("Chờ duyệt")
    page.goto(f"/hoat-dong/hoi-nghi/{meeting.pk}/")
    expect(stories).to_contain_text(title)
    expect(stories).to_contain_text("Đã có 1 tin từ hồ sơ này")
    log_out()

    # 2. The approver publishes it.
    log_in("caobang")
    page.goto(story_url)
    page.get_by_role("button", name="Duyệt và xuất bản").click()
    expect(page.locator("h1")).to_contain_text("Đang hiển thị")
    log_out()

    # 3. A visitor searches without accents and by date, reads it, rates it, and finds it in the RSS feed.
    page.goto("/trang/btgdv-cao-bang/tim-kiem/")
    page.get_by_label("Nội dung").fill("so ket cong tac dan van")
    page.get_by_label("Từ ngày").fill((today - datetime.timedelta(days=1)).strftime("%d/%m/%Y"))
    page.get_by_label("Đến ngày").fill(today.strftime("%d/%m/%Y"))
    page.locator("form.dv-search-form").get_by_role("button", name="Tìm").click()
    expect(page.get_by_role("status")).to_contain_text("Tìm thấy 1 tin bài.")
    shot(page, "search")
    page.get_by_role("link", name=title).click()
    expect(page.locator("h1")).to_have_text(title)
    page.locator("label[for=stars-5]").click()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_text("Cảm ơn bạn đã đánh giá bài viết.")).to_be_visible()
    feed = page.request.get("/trang/btgdv-cao-bang/rss/")
    assert feed.ok and title in feed.text()
