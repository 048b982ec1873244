"""A unit's week: its entries, the meetings it organises or hosts, the inspections it makes or receives, read from
their records (a meeting moved moves in the week); a leader's week; the pages (week, add, change with a reason,
cancel, history, copy, print, Word) through the user's scope."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from danvan.accounts.scope import Role
from danvan.activities import selectors, services
from danvan.activities.models import Attendance, CalendarEntry, InspectionMember, Meeting
from danvan.core.models import ChangeLog
from tests import factories

from .calendar_records import at, inspection, meeting

MONDAY = datetime.date(2026, 11, 30)
WEEK = "2026-W49"


@pytest.fixture
def week(units, commune_editor):
    """Phường Thục Phán's week 49: an entry, a meeting it organises, one the province holds there (host), an
    inspection of the province in the commune, and things outside the week or of another unit."""
    unit = units["thuc_phan"]
    leader = factories.person(unit, "Hoàng Văn Thụ", "Bí thư Đảng ủy")
    entry = services.add_entry(
        commune_editor, unit=unit, starts_at=at(MONDAY, 14), title="Tiếp xúc cử tri", person=leader
    )
    own = meeting(
        unit,
        "Giao ban khối Dân vận",
        at(MONDAY + datetime.timedelta(days=1), 8),
        place="Hội trường phường",
        attendees=[(leader, Attendance.Role.CHAIR)],
    )
    hosted = meeting(
        units["cao_bang"], "Hội nghị chuyên đề", at(MONDAY + datetime.timedelta(days=3), 7, 30), host=unit
    )
    checked = inspection(
        units["cao_bang"],
        "Kiểm tra thực hiện Quy chế dân chủ",
        MONDAY + datetime.timedelta(days=2),
        ends_on=MONDAY + datetime.timedelta(days=10),
        inspected=[unit],
        members=[(leader, InspectionMember.Role.MEMBER)],
    )
    meeting(unit, "Hội nghị của tuần 50", at(MONDAY + datetime.timedelta(days=7), 8))
    meeting(units["nung_tri_cao"], "Họp của xã khác", at(MONDAY, 8))
    return {
        "unit": unit,
        "leader": leader,
        "entry": entry,
        "own": own,
        "hosted": hosted,
        "inspection": checked,
    }


def _titles(items):
    return [(item.kind, item.title) for item in items]


def test_a_units_week_holds_its_entries_meetings_and_inspections_by_day_and_time(week, commune_editor):
    items = selectors.unit_week(commune_editor, week["unit"], MONDAY)
    assert _titles(items) == [
        ("entry", "Tiếp xúc cử tri"),
        ("meeting", "Giao ban khối Dân vận"),
        ("inspection", "Kiểm tra thực hiện Quy chế dân chủ"),
        ("meeting", "Hội nghị chuyên đề"),
    ]
    own = items[1]
    assert own.participants == "Chủ trì: Hoàng Văn Thụ" and own.place == "Hội trường phường"
    checked = items[2]
    assert checked.all_day and checked.day == MONDAY + datetime.timedelta(days=2)
    assert checked.last_day == MONDAY + datetime.timedelta(days=6)


def test_a_meeting_moved_moves_in_the_week(week, commune_editor):
    Meeting.objects.filter(pk=week["own"].pk).update(starts_at=at(MONDAY + datetime.timedelta(days=4), 15))
    items = selectors.unit_week(commune_editor, week["unit"], MONDAY)
    moved = next(item for item in items if item.pk == week["own"].pk and item.kind == "meeting")
    assert moved.day == MONDAY + datetime.timedelta(days=4) and moved.session == "afternoon"
    Meeting.objects.filter(pk=week["own"].pk).update(starts_at=at(MONDAY + datetime.timedelta(days=8), 8))
    assert week["own"].pk not in [
        i.pk for i in selectors.unit_week(commune_editor, week["unit"], MONDAY) if i.kind == "meeting"
    ]


def test_a_leaders_week_holds_their_entries_meetings_and_inspection_teams(week, commune_editor):
    items = selectors.leader_week(commune_editor, week["leader"], MONDAY)
    assert _titles(items) == [
        ("entry", "Tiếp xúc cử tri"),
        ("meeting", "Giao ban khối Dân vận"),
        ("inspection", "Kiểm tra thực hiện Quy chế dân chủ"),
    ]


def test_the_table_has_the_official_layout(week, commune_editor):
    days = selectors.week_table(selectors.unit_week(commune_editor, week["unit"], MONDAY), MONDAY)
    assert [day.weekday for day in days] == ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu"]
    wednesday = days[2]
    assert [part.label for part in wednesday.sessions] == ["Cả ngày", "Sáng", "Chiều"]
    assert (
        days[4].sessions[0].items[0].title == "Kiểm tra thực hiện Quy chế dân chủ"
    )  # shown on each of its days


@pytest.mark.parametrize("value", ["2026-W49", "2026-12-03", "03/12/2026", "2026w49"])
def test_a_week_is_named_by_its_iso_code_or_a_day(value):
    assert selectors.parse_week(value) == MONDAY


@pytest.mark.parametrize("value", ["2026-W60", "hôm nay", "0001-01-01", "9" * 40, "31/02/2026"])
def test_a_bad_week_is_refused(value):
    assert selectors.parse_week(value) is None


# --- pages -----------------------------------------------------------------------------------------------------------


def _week_url(unit, **extra):
    query = "&".join(f"{key}={value}" for key, value in {"unit": unit.pk, "week": WEEK, **extra}.items())
    return reverse("activities:calendar_week") + "?" + query


def test_the_week_page_shows_the_table_with_links_to_meetings_and_inspections(
    week, commune_editor, client_for, django_assert_max_num_queries
):
    client = client_for(commune_editor)
    with django_assert_max_num_queries(16):
        response = client.get(_week_url(week["unit"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lịch công tác tuần 49" in page and "từ ngày 30/11/2026 đến ngày 06/12/2026" in page
    assert f'href="/hoat-dong/hoi-nghi/{week["own"].pk}/"' in page
    assert f'href="/hoat-dong/kiem-tra/{week["inspection"].pk}/"' in page
    assert "Họp của xã khác" not in page and "Hội nghị của tuần 50" not in page
    assert "Sao chép tuần trước" in page
    assert "week=2026-W48" in page and "week=2026-W50" in page


def test_the_week_page_costs_the_same_queries_whatever_the_number_of_items(
    week, commune_editor, client_for, django_assert_num_queries
):
    client = client_for(commune_editor)
    client.get(_week_url(week["unit"]))
    with CaptureQueriesContext(connection) as few:
        client.get(_week_url(week["unit"]))
    assert 5 < len(few.captured_queries) <= 16
    for hour in range(7, 17):
        services.add_entry(
            commune_editor, unit=week["unit"], starts_at=at(MONDAY, hour), title=f"Việc {hour}"
        )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(_week_url(week["unit"]))


def test_another_communes_unit_is_404(week, other_commune_editor, client_for):
    client = client_for(other_commune_editor)
    assert client.get(_week_url(week["unit"])).status_code == 404
    assert client.get(reverse("activities:calendar_print") + f"?unit={week['unit'].pk}").status_code == 404
    entry = week["entry"]
    for name in ("calendar_entry_edit", "calendar_entry_cancel", "calendar_entry_history"):
        assert client.get(reverse(f"activities:{name}", args=[entry.pk])).status_code == 404
    assert client.get(_week_url(week["unit"], person=week["leader"].pk)).status_code == 404


def test_a_bad_week_or_unit_in_the_address_is_answered_cleanly(week, commune_editor, client_for):
    client = client_for(commune_editor)
    response = client.get(_week_url(week["unit"], week="W99"), follow=True)
    assert response.status_code == 200 and "Tuần không hợp lệ" in response.content.decode()
    assert client.get(reverse("activities:calendar_week") + "?unit=abc").status_code == 404
    assert client.get(reverse("activities:calendar_week") + "?unit=" + "9" * 30).status_code == 404


def test_a_viewer_reads_the_week_but_cannot_write(week, client_for):
    viewer = factories.user("thucphan_viewer", week["unit"], Role.VIEWER)
    client = client_for(viewer)
    page = client.get(_week_url(week["unit"])).content.decode()
    assert "Tiếp xúc cử tri" in page and "Sao chép tuần trước" not in page
    assert (
        client.get(reverse("activities:calendar_entry_add") + f"?unit={week['unit'].pk}").status_code == 403
    )
    assert client.get(reverse("activities:calendar_entry_edit", args=[week["entry"].pk])).status_code == 403


def test_an_editor_adds_an_entry_through_the_form(week, commune_editor, client_for):
    client = client_for(commune_editor)
    url = reverse("activities:calendar_entry_add") + f"?unit={week['unit'].pk}&week={WEEK}"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "day": "02/12/2026",
            "start": "14:00",
            "end": "16:30",
            "title": "Làm việc với Mặt trận phường",
            "participants": "Thường trực Đảng ủy",
            "place": "Trụ sở Mặt trận",
            "preparation": "Mặt trận phường",
            "person": "",
        },
    )
    assert response.status_code == 302 and "week=2026-W49" in response["Location"]
    entry = CalendarEntry.objects.get(title="Làm việc với Mặt trận phường")
    assert entry.starts_at == at(datetime.date(2026, 12, 2), 14) and entry.ends_at == at(
        datetime.date(2026, 12, 2), 16, 30
    )


def test_the_form_names_the_bad_fields(week, commune_editor, client_for):
    client = client_for(commune_editor)
    url = reverse("activities:calendar_entry_add") + f"?unit={week['unit'].pk}"
    response = client.post(url, {"day": "31/02/2026", "start": "25:00", "title": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in page and "Giờ không hợp lệ" in page
    assert not CalendarEntry.objects.exclude(pk=week["entry"].pk).exists()


def test_a_change_through_the_form_needs_a_reason(week, commune_editor, client_for):
    client = client_for(commune_editor)
    url = reverse("activities:calendar_entry_edit", args=[week["entry"].pk])
    data = {"day": "30/11/2026", "start": "15:00", "title": "Tiếp xúc cử tri", "person": week["leader"].pk}
    response = client.post(url, data)
    assert response.status_code == 200 and "Hãy nhập lý do thay đổi lịch." in response.content.decode()
    response = client.post(url, {**data, "reason": "Cử tri xin lùi giờ"})
    assert response.status_code == 302
    history = client.get(
        reverse("activities:calendar_entry_history", args=[week["entry"].pk])
    ).content.decode()
    assert "Cử tri xin lùi giờ" in history


def test_cancelling_through_the_page_strikes_the_entry_in_the_week(week, commune_editor, client_for):
    client = client_for(commune_editor)
    url = reverse("activities:calendar_entry_cancel", args=[week["entry"].pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "Hoãn do mưa bão"}).status_code == 302
    page = client.get(_week_url(week["unit"])).content.decode()
    assert "<del>Tiếp xúc cử tri</del>" in page and "Hoãn do mưa bão" in page


def test_copy_last_week_through_the_button(week, commune_editor, client_for):
    client = client_for(commune_editor)
    url = reverse("activities:calendar_copy") + f"?unit={week['unit'].pk}&week=2026-W50"
    response = client.post(url, follow=True)
    assert "Đã sao chép 1 mục lịch của tuần trước." in response.content.decode()
    response = client.post(url, follow=True)
    assert "các mục đã được sao chép rồi" in response.content.decode()
    assert CalendarEntry.objects.filter(title="Tiếp xúc cử tri").count() == 2
    assert client.get(url).status_code == 405


def test_the_print_view_and_the_word_file(week, commune_editor, client_for):
    client = client_for(commune_editor)
    page = client.get(
        reverse("activities:calendar_print") + f"?unit={week['unit'].pk}&week={WEEK}"
    ).content.decode()
    assert "LỊCH CÔNG TÁC TUẦN 49" in page and "PHƯỜNG THỤC PHÁN" in page
    assert "/activities/calendar-print." in page  # hashed in production: calendar-print.<hash>.css
    response = client.get(reverse("activities:calendar_docx") + f"?unit={week['unit'].pk}&week={WEEK}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="lich-cong-tac-2026-tuan-49.docx"'
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "LỊCH CÔNG TÁC TUẦN 49" in text and "(từ ngày 30/11/2026 đến ngày 06/12/2026)" in text
    cells = {cell.text for row in document.tables[0].rows for cell in row.cells}
    assert {"Nội dung", "Đơn vị chuẩn bị", "Giao ban khối Dân vận", "Hoàng Văn Thụ: Tiếp xúc cử tri"} <= cells
    assert "Thứ Ba\n01/12/2026" in cells


def test_reading_the_pages_writes_nothing(week, commune_editor, client_for):
    client = client_for(commune_editor)
    logged = ChangeLog.objects.count()
    for name in ("calendar_week", "calendar_print", "calendar_docx", "calendar_feeds"):
        assert client.get(reverse(f"activities:{name}") + f"?unit={week['unit'].pk}").status_code == 200
    assert ChangeLog.objects.count() == logged


def test_a_leaders_week_page_print_and_word_file(week, commune_editor, client_for):
    client = client_for(commune_editor)
    page = client.get(_week_url(week["unit"], person=week["leader"].pk)).content.decode()
    assert "Lịch của đồng chí Hoàng Văn Thụ (Phường Thục Phán)" in page
    assert (
        "Tiếp xúc cử tri" in page and "Hội nghị chuyên đề" not in page
    )  # the province's meeting: not theirs
    assert "Sao chép tuần trước" not in page
    query = f"?unit={week['unit'].pk}&person={week['leader'].pk}&week={WEEK}"
    printed = client.get(reverse("activities:calendar_print") + query).content.decode()
    assert "CỦA ĐỒNG CHÍ HOÀNG VĂN THỤ" in printed
    document = Document(io.BytesIO(client.get(reverse("activities:calendar_docx") + query).content))
    assert "LỊCH CÔNG TÁC TUẦN 49 CỦA ĐỒNG CHÍ HOÀNG VĂN THỤ" in [p.text for p in document.paragraphs]
