""" "Viết tin": a story drafted from a work record in news style — the posts people held that day, the figures, the
conclusions as a list — linked back to the record, whose page lists its stories; the record's scope and the
categories' editors decide who may write what, where."""

import datetime

import pytest
from django.urls import reverse

from danvan.accounts.scope import Role
from danvan.activities import services as activity_services
from danvan.core.models import ChangeLog
from danvan.portal.drafting import default_category, record_for
from danvan.portal.models import Article
from danvan.portal.selectors.editing import writable_categories

from .. import factories
from . import factories as portal

pytestmark = pytest.mark.django_db

VN = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def newsroom(units):
    """The province's site, its categories, and its editor; a category opened to the province's Front."""
    site = portal.site(
        units["cao_bang"], slug="btgdv-cao-bang", name="Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng"
    )
    news = portal.category(site, "Tin hoạt động", "tin-hoat-dong", position=1)
    showcase = portal.category(site, "Dân vận khéo", "dan-van-kheo", position=2)
    front_unit = units["cao_bang"].children.get(name="Ủy ban MTTQ Việt Nam tỉnh Cao Bằng")
    front = portal.category(site, "Mặt trận và các đoàn thể", "mat-tran", position=3, editor_unit=front_unit)
    editor = factories.user("bientap_test", units["cao_bang"], Role.EDITOR, full_name="Lương Thu Hà")
    return {"site": site, "news": news, "showcase": showcase, "front": front, "editor": editor}


@pytest.fixture
def so_ket(units, superuser):
    """The province's sơ kết of 2026H1, held on the afternoon of 10/7/2026: chaired by the Ban's head (a post she
    left later), with a member, a guest, conclusions and two tasks."""
    ban = units["ban_tgdv_cao_bang"]
    chair = factories.person(ban, "Hoàng Thị Thu Hà")
    factories.post(
        chair,
        "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
        ban,
        datetime.date(2025, 3, 1),
        datetime.date(2026, 9, 30),
    )
    factories.post(chair, "Phó Bí thư Tỉnh ủy", units["cao_bang"], datetime.date(2026, 10, 1))
    member = factories.person(ban, "Nông Văn Dũng", "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy")
    meeting = factories.meeting(
        superuser,
        units["cao_bang"],
        "Hội nghị sơ kết công tác dân vận 6 tháng đầu năm 2026",
        type="so_ket",
        host=ban,
        period="2026H1",
        starts_at=datetime.datetime(2026, 7, 10, 14, 0, tzinfo=VN),
        place="Hội trường Tỉnh ủy",
        minutes="Toàn tỉnh có 1.250 mô hình “Dân vận khéo” được đăng ký.",
        conclusions="Đồng chí Trưởng Ban kết luận: tiếp tục nắm chắc tình hình nhân dân; "
        "nhân rộng các mô hình “Dân vận khéo” hiệu quả",
    )
    activity_services.set_attendance(
        superuser,
        meeting,
        [
            {"role": "chair", "person": chair},
            {"role": "member", "person": member},
            {"role": "guest", "name": "Lê Văn Khách", "title": "Phó Trưởng Ban Dân vận Trung ương"},
        ],
    )
    activity_services.meeting_transition(superuser, meeting, "hold")
    activity_services.conclusion_to_tasks(
        superuser,
        meeting,
        [
            {
                "lead_unit": units["thuc_phan"],
                "title": "Báo cáo tình hình nhân dân quý III",
                "deadline": datetime.date(2026, 9, 30),
            }
        ],
    )
    return meeting


def test_an_editor_drafts_a_story_from_a_held_meeting_in_news_style(newsroom, so_ket, client_for):
    editor = newsroom["editor"]
    url = reverse("portal:write_story", args=["hoi-nghi", so_ket.pk])
    page = client_for(editor).get(url)
    assert page.status_code == 200
    assert (
        page.context["form"]["category"].value() == newsroom["news"].pk
    )  # the province's site, "Tin hoạt động"

    answer = client_for(editor).post(url, {"category": newsroom["news"].pk})

    assert answer.status_code == 302
    story = Article.objects.get(record_kind="meeting", record_id=so_ket.pk)
    assert (story.status, story.origin, story.site, story.created_by) == (
        "draft",
        "record",
        newsroom["site"],
        editor,
    )
    assert (
        story.title
        == "Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng sơ kết công tác dân vận 6 tháng đầu năm 2026"
    )
    assert story.summary == (
        "Chiều ngày 10/07/2026, tại Hội trường Tỉnh ủy, Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng tổ chức hội nghị "
        "sơ kết công tác dân vận 6 tháng đầu năm 2026."
    )
    # The posts held on the meeting's day, not today's.
    assert (
        "Đồng chí Hoàng Thị Thu Hà, Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì hội nghị." in story.body
    )
    assert "Phó Bí thư Tỉnh ủy" not in story.body
    assert "Lê Văn Khách, Phó Trưởng Ban Dân vận Trung ương; Nông Văn Dũng, Phó Trưởng Ban" in story.body
    assert "1.250 mô hình" in story.body
    assert "<li>Tiếp tục nắm chắc tình hình nhân dân.</li><li>Nhân rộng các mô hình" in story.body
    assert (
        "Báo cáo tình hình nhân dân quý III – Phường Thục Phán chủ trì, hoàn thành trước ngày 30/09/2026."
        in story.body
    )
    assert story.author == "Tin: Lương Thu Hà"
    assert ChangeLog.objects.filter(object_id=str(story.pk), action="create", user=editor).exists()


def test_the_record_page_lists_its_stories_and_says_one_exists(newsroom, so_ket, client_for, units):
    editor = newsroom["editor"]
    block = reverse("portal:record_stories", args=["hoi-nghi", so_ket.pk])
    empty = client_for(editor).get(block).content.decode()
    assert "Chưa có tin, bài nào" in empty and "Viết tin" in empty

    client_for(editor).post(
        reverse("portal:write_story", args=["hoi-nghi", so_ket.pk]), {"category": newsroom["news"].pk}
    )

    listed = client_for(editor).get(block).content.decode()
    assert "sơ kết công tác dân vận 6 tháng đầu năm 2026" in listed and "Bản nháp" in listed
    assert "Viết tin" in listed and "Đã có 1 tin từ hồ sơ này" in listed
    viewer = factories.user("xem_tin", units["cao_bang"], Role.VIEWER)
    read_only = client_for(viewer).get(block).content.decode()
    assert "Bản nháp" in read_only and "Viết tin" not in read_only
    assert (
        f'hx-get="{block}"'
        in client_for(editor).get(reverse("activities:meeting_detail", args=[so_ket.pk])).content.decode()
    )


def test_a_record_outside_the_scope_is_a_404_and_a_foreign_category_is_refused(
    newsroom, so_ket, client_for, commune_editor, units
):
    outsider = factories.user("ngoai_tinh", factories.other_province_commune(units["cao_bang"]), Role.EDITOR)
    for name in ("portal:write_story", "portal:record_stories"):
        assert client_for(outsider).get(reverse(name, args=["hoi-nghi", so_ket.pk])).status_code == 404
    # The ward's editor sees the province's meeting (its tasks concern the ward) but writes only on the ward's site.
    ward_site = portal.site(units["thuc_phan"], slug="thuc-phan", name="Phường Thục Phán")
    ward_news = portal.category(ward_site, "Tin hoạt động", "tin-hoat-dong")
    assert list(writable_categories(commune_editor)) == [ward_news]
    meeting_of_ward = factories.meeting(
        commune_editor, units["thuc_phan"], "Giao ban tháng 7", period="2021M07"
    )
    activity_services.meeting_transition(commune_editor, meeting_of_ward, "hold")
    answer = client_for(commune_editor).post(
        reverse("portal:write_story", args=["hoi-nghi", meeting_of_ward.pk]),
        {"category": newsroom["news"].pk},
    )
    assert (
        answer.status_code == 200
        and "Bạn không được viết tin trong chuyên mục này" in answer.content.decode()
    )
    # The Front's editors write in the category opened to the Front, and nowhere else on the province's site.
    front_editor = factories.user("mattran", newsroom["front"].editor_unit, Role.EDITOR)
    assert list(writable_categories(front_editor)) == [newsroom["front"]]
    assert not Article.objects.exists()


def test_a_planned_meeting_has_no_story_yet(newsroom, superuser, units, client_for):
    planned = factories.meeting(superuser, units["cao_bang"], "Hội nghị dự kiến")
    answer = client_for(newsroom["editor"]).post(
        reverse("portal:write_story", args=["hoi-nghi", planned.pk]), {"category": newsroom["news"].pk}
    )
    assert "Chỉ viết tin từ hội nghị đã tổ chức." in answer.content.decode() and not Article.objects.exists()


def test_an_inspection_story_names_the_team_the_units_the_findings_and_the_recommendations(
    newsroom, superuser, units, client_for
):
    leader = factories.person(
        units["ban_tgdv_cao_bang"], "Nông Văn Dũng", "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy"
    )
    inspection = factories.inspection(
        superuser,
        units["cao_bang"],
        [units["nung_tri_cao"]],
        leader,
        title="Kiểm tra việc thực hiện Quy chế dân chủ ở cơ sở tại Phường Nùng Trí Cao",
        starts_on=datetime.date(2026, 9, 24),
        ends_on=datetime.date(2026, 9, 26),
        decision_number="112-QĐ/BTGDVTU",
        decision_date=datetime.date(2026, 9, 14),
    )
    activity_services.conclude_inspection(
        superuser,
        inspection,
        findings="Phường đã công khai các thủ tục hành chính.",
        conclusion="Phường thực hiện cơ bản tốt Quy chế dân chủ ở cơ sở.",
        recommendations="- Hoàn thiện biên bản lấy ý kiến nhân dân.\n- Niêm yết công khai kết quả.",
        conclusion_date=datetime.date(2026, 10, 4),
        conclusion_number="27-TB/BTGDVTU",
        tasks=[],
    )
    client_for(newsroom["editor"]).post(
        reverse("portal:write_story", args=["kiem-tra", inspection.pk]), {"category": newsroom["news"].pk}
    )
    story = Article.objects.get(record_kind="inspection", record_id=inspection.pk)
    assert story.title == (
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng kiểm tra việc thực hiện Quy chế dân chủ ở cơ sở tại "
        "Phường Nùng Trí Cao"
    )
    assert story.summary.startswith(
        "Thực hiện Quyết định số 112-QĐ/BTGDVTU ngày 14/09/2026 của Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng, "
        "từ ngày 24/09/2026 đến ngày 26/09/2026, Đoàn kiểm tra"
    )
    assert (
        "do đồng chí Nông Văn Dũng, Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy làm Trưởng đoàn"
        in story.summary
    )
    assert "<p>Đơn vị được kiểm tra: Phường Nùng Trí Cao.</p>" in story.body
    assert "Tại Thông báo kết luận số 27-TB/BTGDVTU ngày 04/10/2026" in story.body
    assert "<li>Hoàn thiện biên bản lấy ý kiến nhân dân.</li>" in story.body


def test_a_recognised_practice_story_gives_its_field_level_year_and_recognition(
    newsroom, units, commune_editor, province_admin, client_for
):
    practice = factories.recognised_practice(
        commune_editor, province_admin, units["thuc_phan"], units["cao_bang"], name="Bữa cơm nghĩa tình"
    )
    record = record_for(newsroom["editor"], "practice", practice.pk)
    assert default_category(record, list(writable_categories(newsroom["editor"]))) == newsroom["showcase"]
    client_for(newsroom["editor"]).post(
        reverse("portal:write_story", args=["mo-hinh", practice.pk]), {"category": newsroom["showcase"].pk}
    )
    story = Article.objects.get(record_kind="practice")
    assert (
        story.title
        == "Mô hình “Bữa cơm nghĩa tình” của Phường Thục Phán được công nhận “Dân vận khéo” cấp tỉnh"
    )
    assert story.summary == (
        "Ngày 01/06/2026, Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng ban hành Quyết định số QĐ 1 công nhận mô hình "
        "“Bữa cơm nghĩa tình” của Phường Thục Phán là mô hình “Dân vận khéo” cấp tỉnh năm 2026."
    )
    assert "thuộc lĩnh vực kinh tế" in story.body.lower()
    registered = factories.practice(commune_editor, units["thuc_phan"], "Mới đăng ký")
    refused = client_for(newsroom["editor"]).get(
        reverse("portal:write_story", args=["mo-hinh", registered.pk])
    )
    assert "Chỉ viết tin về mô hình, điển hình đã được công nhận." in refused.content.decode()
