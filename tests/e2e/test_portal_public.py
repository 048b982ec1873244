"""A visitor on the Cao Bằng site, in the browser: the home page, a story (with its cover), the rating, the search
without accents and by date, the work calendar, the RSS; axe-core finds no serious or critical WCAG 2.1 AA
violation on the home, story, search and calendar pages, on a laptop and on a phone (screenshots)."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from danvan.activities.models import CalendarEntry, CalendarFeed
from danvan.portal.models import Image
from tests.e2e.test_accessibility import PHONE, serious_violations
from tests.portal import factories

pytestmark = pytest.mark.e2e


def cover_image(site) -> Image:
    from PIL import Image as Picture

    data = io.BytesIO()
    Picture.new("RGB", (640, 360), (170, 40, 40)).save(data, "JPEG")
    image = Image(site=site, alt="Quang cảnh hội nghị", caption="Quang cảnh hội nghị biểu dương")
    image.file.save("hoi-nghi.jpg", ContentFile(data.getvalue()), save=False)
    image.width, image.height = 640, 360
    image.save()
    return image


@pytest.fixture
def site(units, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    site = factories.site(
        units["ban_tgdv_cao_bang"],
        slug="dv-cao-bang",
        name="Trang tin Dân vận Cao Bằng",
        responsible="Trưởng Ban Tuyên giáo và Dân vận",
        address="Số 1 Hoàng Đình Giong, Cao Bằng",
        phone="0206 3852 000",
        email="bandanvan@caobang.gov.vn",
    )
    activity = factories.category(site, "Tin hoạt động", "tin-hoat-dong")
    models = factories.category(site, "Dân vận khéo", "dan-van-kheo")
    factories.published_article(
        site,
        models,
        "Biểu dương điển hình Dân vận khéo năm 2025",
        summary="Sáng 05/6, Ban Tuyên giáo và Dân vận Tỉnh ủy tổ chức hội nghị biểu dương.",
        body="<p>Hội nghị biểu dương 25 mô hình, điển hình.</p><h2>Kết quả</h2><p>Nhiều cách làm hay.</p>",
        author="Tin, ảnh: Thu Hà",
        cover=cover_image(site),
        is_featured=True,
        published=timezone.make_aware(datetime.datetime(2025, 6, 5, 9, 30)),
    )
    for n in range(4):
        factories.published_article(
            site,
            activity,
            f"Giao ban công tác dân vận tháng {n + 1}",
            is_hot=True,
            body="<p>Nội dung giao ban.</p>",
        )
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    CalendarEntry.objects.create(
        unit=site.unit,
        unit_path=site.unit.path,
        starts_at=timezone.make_aware(datetime.datetime.combine(monday, datetime.time(8))),
        title="Họp giao ban Ban Tuyên giáo và Dân vận",
        place="Phòng họp số 1",
    )
    CalendarFeed.objects.create(unit=site.unit, token="cong-khai-" + "x" * 30, public=True)
    return site


def test_a_visitor_reads_rates_searches_and_follows_the_site(page, site, shot):
    checked = {}
    page.goto("/trang/dv-cao-bang/")
    expect(page.get_by_role("heading", name="Tin tiêu điểm")).to_be_visible()
    checked["home"] = serious_violations(page)
    shot(page, "home")

    page.get_by_role("link", name="Biểu dương điển hình Dân vận khéo năm 2025").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Biểu dương điển hình Dân vận khéo năm 2025")
    expect(page.get_by_text("05/06/2025 09:30")).to_be_visible()
    expect(page.get_by_text("Quang cảnh hội nghị biểu dương")).to_be_visible()
    checked["story"] = serious_violations(page)
    page.get_by_label("4 sao").check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_text("Cảm ơn bạn đã đánh giá bài viết.")).to_be_visible()
    expect(page.get_by_text("Tổng số điểm của bài viết là: 4 trong 1 đánh giá")).to_be_visible()
    shot(page, "story")

    page.get_by_label("Tìm kiếm tin bài").fill("dan van kheo")
    page.get_by_label("Tìm kiếm tin bài").press("Enter")
    page.get_by_label("Từ ngày").fill("01/06/2025")
    page.get_by_label("Đến ngày").fill("30/06/2025")
    page.locator("#main").get_by_role("button", name="Tìm").click()
    expect(page.get_by_text("Tìm thấy 1 tin bài.")).to_be_visible()
    expect(page.get_by_role("link", name="Biểu dương điển hình Dân vận khéo năm 2025")).to_be_visible()
    checked["search"] = serious_violations(page)

    page.get_by_role("link", name="Lịch công tác").first.click()
    expect(page.get_by_text("Họp giao ban Ban Tuyên giáo và Dân vận")).to_be_visible()
    checked["calendar"] = serious_violations(page)

    rss = page.request.get("/trang/dv-cao-bang/rss/")
    assert rss.ok and "Biểu dương điển hình Dân vận khéo năm 2025" in rss.text()

    page.set_viewport_size(PHONE)
    page.goto("/trang/dv-cao-bang/")
    checked["home on a phone"] = serious_violations(page)
    shot(page, "home-phone")
    page.get_by_role("link", name="Biểu dương điển hình Dân vận khéo năm 2025").first.click()
    checked["story on a phone"] = serious_violations(page)
    shot(page, "story-phone")
    problems = {name: found for name, found in checked.items() if found}
    assert not problems, "axe-core (WCAG 2.1 AA):\n" + "\n".join(f"{k}: {v}" for k, v in problems.items())
