"""Importing a news event: the five seed articles' answers (the events a careful reader takes from them) become held
meetings with their attendees, posts, tasks and figures, and archived stories on a Cao Bằng site; old units are
found as the tree stood on the event's date; an event recorded before (the demo's) is linked, not duplicated; the
same article twice adds nothing."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from danvan.accounts.scope import Role
from danvan.activities.models import Attendance, Meeting, Person, Task
from danvan.activities.selectors.people import titles_on
from danvan.core.errors import NotAllowed
from danvan.demo.activities import load_demo_activities
from danvan.demo.portal import SEEDS  # the five seed articles, with their answers
from danvan.ingest.importing import import_event
from danvan.ingest.models import ImportedEvent
from danvan.ingest.units import successors_today
from danvan.orgunits.models import OrgUnit
from danvan.portal.models import Article
from tests import factories
from tests.portal import factories as portal_factories


def seed(prefix: str) -> tuple[dict, str]:
    (answer,) = SEEDS.glob(f"seed-{prefix}.json")
    return json.loads(answer.read_text()), answer.with_suffix(".txt").read_text()


@pytest.fixture
def cao_bang_site(units):
    site = portal_factories.site(
        units["cao_bang"], slug="dan-van-cao-bang", name="Ban Tuyên giáo và Dân vận Cao Bằng"
    )
    portal_factories.category(site, "Tin hoạt động")
    return site


@pytest.fixture
def quang_yen():
    return OrgUnit.objects.get(external_id="vn2024:district:206")


def test_the_five_seeds_become_meetings_with_attendees_tasks_figures_and_archived_stories(
    superuser, units, cao_bang_site, quang_yen
):
    records = {}
    for prefix in ("000", "001", "002", "003", "004"):
        event, text = seed(prefix)
        # 001 names only "Thường trực Thị ủy": the user chooses the unit on the page (Thị xã Quảng Yên).
        chosen = quang_yen if prefix == "001" else None
        records[prefix] = import_event(
            superuser, event, text=text, site=cao_bang_site, organizer=chosen, context_unit=units["cao_bang"]
        )
    assert all(record.created for record in records.values())

    sơ_kết = records["000"].meeting
    assert sơ_kết.organizer == units["tp_cao_bang_ban"]
    assert (sơ_kết.type, sơ_kết.status, sơ_kết.period) == ("so_ket", "held", "2021H1")
    assert timezone.localtime(sơ_kết.starts_at).date() == datetime.date(2021, 7, 22)
    assert "Ban Dân vận Thành ủy triển khai nhiệm vụ" in sơ_kết.source_note
    # The figures in the minutes, and kept with the event record.
    assert "Số liệu:" in sơ_kết.minutes and "cấp tổ, xóm): 200" in sơ_kết.minutes
    assert [row["count"] for row in records["000"].model_counts] == [14, 200]
    assert records["000"].other_figures[2]["value"] == "100%"
    # Attendees with the posts they held that day.
    people = {row.person.name: row.person for row in sơ_kết.attendances.select_related("person")}
    assert set(people) == {"Vũ Văn Minh", "Nguyễn Thị Huệ Chi", "Tô Vũ Ninh"}
    titles = titles_on([p.pk for p in people.values()], datetime.date(2021, 7, 22))
    assert (
        titles[people["Vũ Văn Minh"].pk] == "UV BTV Thành ủy, Trưởng Ban Dân vận, Chủ tịch UBMTTQ thành phố"
    )
    assert titles_on([people["Vũ Văn Minh"].pk], datetime.date(2026, 1, 1)) == {}
    # The directed tasks: the organiser's, from the meeting, due at the end of the coming half-year.
    tasks = list(sơ_kết.tasks.order_by("id"))
    assert len(tasks) == 5
    assert {(t.assigner, t.lead_unit, t.source, t.deadline) for t in tasks} == {
        (units["tp_cao_bang_ban"], units["tp_cao_bang_ban"], Task.Source.MEETING, datetime.date(2021, 12, 31))
    }
    assert tasks[0].title.startswith("Đẩy mạnh tuyên truyền")
    # The story: archived, published at the time the page gives, linked to the meeting.
    story = records["000"].article
    assert (story.site, story.origin, story.status) == (cao_bang_site, "imported", "published")
    assert (story.record_kind, story.record_id) == ("meeting", sơ_kết.pk)
    assert timezone.localtime(story.publish_at).strftime("%d/%m/%Y %H:%M") == "22/07/2021 17:13"
    assert story.author == "Long Huyền - Đình Trung"
    assert story.summary.startswith("Sáng 22/7, Ban Dân vận Thành ủy Cao Bằng sơ kết")
    assert "Sáng 22/7, Ban Dân vận Thành ủy Cao Bằng" in story.body and "Tổng số điểm" not in story.body
    assert Article.objects.live().filter(site=cao_bang_site).count() == 5

    # A year-end review's tasks are due at the end of the next year; the organiser of 002, "Ban Dân vận Tỉnh ủy",
    # is Cao Bằng's (the importing unit's); the Trà Vinh inspection is a meeting of type "khác".
    assert records["004"].meeting.tasks.first().deadline == datetime.date(2020, 12, 31)
    assert records["002"].meeting.organizer.name == "Ban Dân vận Tỉnh ủy Cao Bằng"
    assert records["003"].meeting.type == Meeting.Type.KHAC
    assert records["001"].meeting.organizer == quang_yen
    assert records["001"].meeting.attendances.count() == 3


def test_an_old_district_of_2022_is_the_district_of_then(superuser, units):
    event, text = seed("004")
    record = import_event(superuser, event, text=text)
    assert record.organizer == units["duy_tien_ban"]
    assert record.organizer.valid_to == datetime.date(2025, 6, 30)
    assert record.article is None
    assert "Không có trang tin" in record.note

    cau_ke = {
        **event,
        "title": "Huyện ủy Cầu Kè sơ kết công tác dân vận 6 tháng đầu năm 2022",
        "event_date": "2022-07-05",
        "organizer": "Huyện ủy Cầu Kè",
        "organizer_level": "huyen",
        "period_reviewed": {"year": 2022, "half": "H1"},
        "people": [],
    }
    record = import_event(superuser, cau_ke, text="Huyện ủy Cầu Kè sơ kết, ngày 05/7/2022.")
    assert record.organizer == units["cau_ke"]
    assert record.organizer.kind == OrgUnit.Kind.DISTRICT and record.organizer.valid_to == datetime.date(
        2025, 6, 30
    )


def test_the_same_article_again_adds_nothing(superuser, units, cao_bang_site):
    event, text = seed("000")
    first = import_event(superuser, event, text=text, site=cao_bang_site)
    counts = (Meeting.objects.count(), Person.objects.count(), Task.objects.count(), Article.objects.count())
    again = import_event(superuser, event, text=text + "\n", site=cao_bang_site)
    assert (again.pk, again.created) == (first.pk, False)
    assert "đã được nhập" in again.notes[0]
    assert (
        Meeting.objects.count(),
        Person.objects.count(),
        Task.objects.count(),
        Article.objects.count(),
    ) == counts
    # The same address with another copy of the text is the same article too.
    url_event = {**seed("004")[0], "source_url": "https://dvduytien.gov.vn/tin/tong-ket-2019"}
    first = import_event(superuser, url_event, text="bản thứ nhất")
    assert import_event(superuser, url_event, text="bản lưu lại lần hai").pk == first.pk


def test_a_meeting_recorded_by_hand_of_the_same_organiser_day_and_type_is_linked(units, cao_bang_site):
    """An editor recorded the Thành phố Cao Bằng sơ kết without naming the article: the same organiser, day and type
    make it the same event. Importing the article adds the story and the figures to that meeting, and no second
    meeting, person, attendance or task."""
    admin = factories.user("demo_admin", units["cao_bang"], Role.ADMIN)
    vu_van_minh = factories.person(units["tp_cao_bang"], "Vũ Văn Minh", "Trưởng Ban Dân vận", valid_to=None)
    recorded = factories.meeting(
        admin,
        units["tp_cao_bang_ban"],
        title="Sơ kết công tác Dân vận 6 tháng đầu năm, triển khai nhiệm vụ trọng tâm 6 tháng cuối năm 2021",
        type="so_ket",
        period="2021H1",
        status="held",
    )
    factories.task(
        admin,
        units["tp_cao_bang_ban"],
        units["tp_cao_bang_ban"],
        source="meeting",
        meeting=recorded,
        assigned_on=datetime.date(2021, 7, 22),
        deadline=datetime.date(2021, 12, 31),
    )
    counts = (
        Meeting.objects.count(),
        Person.objects.count(),
        Task.objects.count(),
        Attendance.objects.count(),
    )
    event, text = seed("000")
    record = import_event(admin, event, text=text)
    assert (record.meeting, record.linked) == (recorded, True)
    assert (
        Meeting.objects.count(),
        Person.objects.count(),
        Task.objects.count(),
        Attendance.objects.count(),
    ) == counts
    recorded.refresh_from_db()
    assert "Số liệu:" in recorded.minutes
    assert record.article.site == cao_bang_site and (
        record.article.record_kind,
        record.article.record_id,
    ) == (
        "meeting",
        recorded.pk,
    )
    assert vu_van_minh.attendances.count() == 0


def test_an_unknown_organiser_is_refused_naming_it_and_an_editor_imports_only_in_scope(
    superuser, units, commune_editor
):
    event, text = seed("001")
    with pytest.raises(ValidationError) as refused:
        import_event(superuser, event, text=text)
    assert "Thường trực Thị ủy" in refused.value.message_dict["organizer"][0]
    assert not ImportedEvent.objects.exists()
    event, text = seed("000")
    with pytest.raises(NotAllowed):
        import_event(commune_editor, event, text=text)
    with pytest.raises(ValidationError) as refused:
        import_event(superuser, {**event, "event_date": "22/07/2021"}, text=text)
    assert "event_date" in refused.value.message_dict


def test_the_demos_seed_events_are_linked_by_their_source_notes(superuser, units, cao_bang_site):
    """`danvan demo` records the seeds' events (meetings and the Cầu Kè inspection) with source notes naming the
    articles: importing the articles links to them and adds no meeting, person or task."""
    load_demo_activities(superuser)
    counts = (Meeting.objects.count(), Person.objects.count(), Task.objects.count())
    linked = {}
    for prefix in ("000", "003", "004"):
        event, text = seed(prefix)
        linked[prefix] = import_event(
            superuser, event, text=text, site=cao_bang_site, context_unit=units["cao_bang"]
        )
    assert (Meeting.objects.count(), Person.objects.count(), Task.objects.count()) == counts
    assert all(record.linked for record in linked.values())
    assert linked["000"].meeting.organizer == units["tp_cao_bang_ban"]
    assert linked["003"].inspection is not None and linked["003"].meeting is None
    assert (linked["003"].article.record_kind, linked["003"].article.record_id) == (
        "inspection",
        linked["003"].inspection.pk,
    )
    # The Ban that inspected Cầu Kè in 2022 is the one of then, which lineage links to today's.
    assert linked["003"].organizer.name == "Ban Dân vận Tỉnh ủy Trà Vinh"
    assert [unit.name for unit in successors_today(linked["003"].organizer, datetime.date(2026, 1, 1))] == [
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Long"
    ]
    linked["004"].meeting.refresh_from_db()
    assert "Số liệu:" in linked["004"].meeting.minutes


def test_the_command_imports_a_news_file_as_the_user_it_is_told_and_a_second_time_adds_nothing(
    units, cao_bang_site, capsys
):
    editor = factories.user("bientap_tp", units["tp_cao_bang_ban"], Role.EDITOR)
    (path,) = SEEDS.glob("seed-000.txt")
    call_command("ingest", str(path), "--import", "--user", editor.username)
    record = ImportedEvent.objects.get()
    assert record.meeting.organizer == units["tp_cao_bang_ban"] and record.imported_by == editor
    assert "đã nhập" in capsys.readouterr().err

    call_command("ingest", str(path), "--import", "--user", editor.username)
    assert ImportedEvent.objects.count() == 1 and Meeting.objects.filter(pk=record.meeting_id).count() == 1
    assert "đã nhập trước đây" in capsys.readouterr().err


def test_the_command_refuses_to_import_without_a_user_or_as_a_user_who_may_not_record_the_meeting(
    units, cao_bang_site, capsys
):
    (path,) = SEEDS.glob("seed-000.txt")
    with pytest.raises(SystemExit):
        call_command("ingest", str(path), "--import")
    assert "--user" in capsys.readouterr().err
    outsider = factories.user("ngoai", factories.other_province_commune(units["cao_bang"]), Role.ADMIN)
    with pytest.raises(SystemExit):
        call_command("ingest", str(path), "--import", "--user", outsider.username)
    assert "không có quyền" in capsys.readouterr().err
    assert not ImportedEvent.objects.exists()
