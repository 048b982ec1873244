"""Situation reports: periodic or ad hoc, confidential ones read only by the reporting unit and the approvers above,
a *nguy cơ điểm nóng* escalated at once to the approvers of the two levels above, and its steps timed until
resolved."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from danvan.accounts.scope import Role
from danvan.activities import selectors, services
from danvan.activities.models import HotspotStep, SituationReport
from danvan.activities.selectors.situations import elapsed_text
from danvan.activities.services.situations import escalation_units
from danvan.core.errors import NotAllowed
from danvan.core.models import ChangeLog
from danvan.core.periods import Period
from danvan.notifications.models import Kind, Notification
from tests import factories
from tests.clock import today

SECRET = "Tranh chấp đất rừng ở tổ 7"


@pytest.fixture
def people(units, commune_editor):
    province, commune = units["cao_bang"], units["thuc_phan"]
    hamlet = factories.hamlet(commune, "Tổ dân phố 7")
    return {
        "hamlet": hamlet,
        "reporter": commune_editor,
        "province_approver": factories.user(
            "cb_pheduyet",
            province,
            Role.APPROVER,
            email="pheduyet@caobang.example.vn",
            full_name="Lãnh đạo Ban",
        ),
        "province_editor": factories.user(
            "cb_nhaplieu", province, Role.EDITOR, email="nhaplieu@caobang.example.vn"
        ),
        "province_viewer": factories.user("cb_xem", province, Role.VIEWER),
        "commune_viewer": factories.user("tp_xem", commune, Role.VIEWER),
        "commune_approver": factories.user(
            "tp_pheduyet", commune, Role.APPROVER, email="pd@thucphan.example.vn"
        ),
        "hamlet_editor": factories.user("to7_nhaplieu", hamlet, Role.EDITOR),
        "other_commune": factories.user("ntc_pheduyet", units["nung_tri_cao"], Role.APPROVER),
    }


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_a_periodic_report_keeps_its_period_and_an_ad_hoc_one_none(units, people):
    monthly = factories.situation(
        people["reporter"], units["thuc_phan"], period="2026m03", reported_on=datetime.date(2026, 3, 28)
    )
    assert monthly.period == "2026M03" and monthly.severity == 1 and monthly.hotspot == ""
    ad_hoc = factories.situation(
        people["reporter"], units["thuc_phan"], title="Đột xuất", area=people["hamlet"]
    )
    assert ad_hoc.period == "" and ad_hoc.area == people["hamlet"]


def test_bad_input_is_refused_naming_the_field(units, people):
    reporter, commune = people["reporter"], units["thuc_phan"]
    cases = [
        ({"period": "2026M13"}, "period"),
        ({"period": "2026Q3", "reported_on": datetime.date(2026, 3, 1)}, "period"),
        ({"topic": "weather"}, "topic"),
        ({"severity": 9}, "severity"),
        ({"title": ""}, "title"),
        ({"title": "x\x00"}, "title"),
        ({"text": "y" * 20_001}, "text"),
        ({"reported_on": today() + datetime.timedelta(days=5)}, "reported_on"),
        ({"area": units["nung_tri_cao"]}, "area"),
    ]
    for fields, field in cases:
        with pytest.raises(ValidationError) as excinfo:
            factories.situation(reporter, commune, **fields)
        assert field in _errors(excinfo), fields
    assert not SituationReport.objects.exists()


def test_another_communes_editor_cannot_report_for_this_one(units, people, other_commune_editor):
    with pytest.raises(NotAllowed):
        factories.situation(other_commune_editor, units["thuc_phan"])


def test_a_confidential_report_is_read_by_the_unit_and_the_approvers_above_only(units, people):
    report = factories.situation(people["reporter"], units["thuc_phan"], title=SECRET, confidential=True)
    readers = {
        name
        for name, user in people.items()
        if name != "hamlet" and selectors.situations_visible_to(user).filter(pk=report.pk).exists()
    }
    assert readers == {"reporter", "province_approver", "commune_viewer", "commune_approver"}
    plain = factories.situation(people["reporter"], units["thuc_phan"], title="Bình thường")
    assert selectors.situations_visible_to(people["province_viewer"]).get() == plain


def test_a_confidential_title_and_text_stay_out_of_the_change_log(units, people):
    report = factories.situation(
        people["reporter"], units["thuc_phan"], title=SECRET, text="Chi tiết mật", confidential=True
    )
    entry = ChangeLog.objects.get(object_id=str(report.pk), content_type__model="situationreport")
    assert SECRET not in entry.object_repr and "title" not in entry.after and "text" not in entry.after
    assert entry.object_repr == "Báo cáo mật của Phường Thục Phán"


def test_a_hotspot_goes_to_the_approvers_of_the_two_levels_above_a_hamlet(
    units, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = factories.situation(
            people["hamlet_editor"], people["hamlet"], title="Tụ tập đông người", hotspot=True
        )
    assert report.hotspot == "open" and report.severity == 4
    told = set(Notification.objects.filter(kind=Kind.HOTSPOT).values_list("recipient__username", flat=True))
    assert told == {"tp_pheduyet", "cb_pheduyet"}
    note = Notification.objects.filter(kind=Kind.HOTSPOT).first()
    assert "Tổ dân phố 7" in note.title and "Tụ tập đông người" in note.title
    assert note.link == f"/hoat-dong/tinh-hinh/{report.pk}/"
    assert list(report.hotspot_steps.values_list("action", flat=True)) == ["escalated"]


def test_after_the_reform_a_communes_hotspot_goes_to_its_province_the_one_level_left(
    units, people, django_capture_on_commit_callbacks
):
    assert escalation_units(units["thuc_phan"]) == [units["cao_bang"]]
    with django_capture_on_commit_callbacks(execute=True):
        factories.situation(
            people["reporter"], units["thuc_phan"], title="Khiếu kiện", hotspot=True, topic="mass_complaint"
        )
    told = set(Notification.objects.filter(kind=Kind.HOTSPOT).values_list("recipient__username", flat=True))
    assert told == {"cb_pheduyet"}  # not the province's editor nor viewer, not the commune's own approver


def test_a_confidential_hotspots_notification_names_no_title_nor_text(
    units, people, django_capture_on_commit_callbacks, smtp_inbox
):
    with django_capture_on_commit_callbacks(execute=True):
        factories.situation(
            people["reporter"],
            units["thuc_phan"],
            title=SECRET,
            text="Chi tiết mật",
            confidential=True,
            hotspot=True,
        )
    note = Notification.objects.get(kind=Kind.HOTSPOT)
    assert note.recipient == people["province_approver"]
    assert SECRET not in note.title + note.body and "Chi tiết mật" not in note.body
    assert "báo cáo mật" in note.title
    [mail] = smtp_inbox.messages
    assert mail.to == ["pheduyet@caobang.example.vn"]
    assert SECRET not in mail.subject + mail.body and "Chi tiết mật" not in mail.body


def test_raising_a_report_to_a_hotspot_escalates_it_then(units, people, django_capture_on_commit_callbacks):
    report = factories.situation(people["reporter"], units["thuc_phan"], severity=3)
    assert not Notification.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_situation(people["reporter"], report, hotspot=True)
    report.refresh_from_db()
    assert report.hotspot == "open" and Notification.objects.filter(kind=Kind.HOTSPOT).count() == 1
    with pytest.raises(ValidationError) as excinfo:
        services.update_situation(people["reporter"], report, severity=1)
    assert "severity" in _errors(excinfo)


def test_the_approver_above_acknowledges_acts_and_resolves_every_step_timed(units, people):
    report = factories.situation(people["reporter"], units["thuc_phan"], hotspot=True)
    approver = people["province_approver"]
    with pytest.raises(NotAllowed):
        services.hotspot_step(people["reporter"], report, "acknowledged")
    with pytest.raises(NotAllowed):
        services.hotspot_step(people["province_editor"], report, "acknowledged")
    assert [r.pk for r in selectors.open_hotspots_for(approver)] == [report.pk]
    services.hotspot_step(approver, report, "acknowledged", "Đã nắm, cử cán bộ xuống")
    with pytest.raises(ValidationError):
        services.hotspot_step(approver, report, "acknowledged")
    services.hotspot_step(people["reporter"], report, "action", "Tổ chức đối thoại với các hộ")
    with pytest.raises(ValidationError) as excinfo:
        services.hotspot_step(approver, report, "resolved", "")
    assert "text" in _errors(excinfo)
    services.hotspot_step(approver, report, "resolved", "Các hộ đã đồng thuận")
    report.refresh_from_db()
    assert report.hotspot == "resolved" and report.resolved_at is not None
    steps = selectors.situations.steps_of(report)
    assert [s.action for s in steps] == ["escalated", "acknowledged", "action", "resolved"]
    assert all(s.since_escalated >= datetime.timedelta(0) for s in steps)
    assert [s.by for s in steps] == [people["reporter"], approver, people["reporter"], approver]
    assert selectors.open_hotspots_for(approver) == []
    with pytest.raises(ValidationError):
        services.hotspot_step(approver, report, "action", "Sau khi xong")


def test_a_step_on_a_report_that_is_no_hotspot_is_refused(units, people):
    report = factories.situation(people["reporter"], units["thuc_phan"])
    with pytest.raises(ValidationError):
        services.hotspot_step(people["province_approver"], report, "acknowledged")
    with pytest.raises(ValidationError):
        services.hotspot_step(people["province_approver"], report, "escalated")
    assert not HotspotStep.objects.exists()


def test_the_table_shows_the_worst_severity_of_each_child_and_topic(units, people):
    commune, other = units["thuc_phan"], units["nung_tri_cao"]
    day = datetime.date(2026, 3, 20)
    factories.situation(people["reporter"], commune, severity=2, period="2026M03", reported_on=day)
    factories.situation(people["reporter"], commune, severity=3, reported_on=day)  # ad hoc within the month
    factories.situation(
        people["reporter"], commune, severity=4, period="2026M02", reported_on=day
    )  # another month
    factories.situation(
        people["hamlet_editor"], people["hamlet"], severity=1, topic="religion", reported_on=day
    )
    other_editor = factories.user("ntc_nhaplieu", other, Role.EDITOR)
    factories.situation(other_editor, other, severity=4, topic="ethnic", reported_on=day, confidential=True)

    def table(user):
        rows = selectors.situations.severity_table(
            user, units["cao_bang"], Period.parse("2026M03"), datetime.date(2026, 4, 1)
        )
        return {
            row.unit.pk: {topic: (c["severity"], c["count"]) for topic, c in row.cells.items()}
            for row in rows
        }

    cells = table(people["province_approver"])
    assert cells[commune.pk] == {"people": (3, 2), "religion": (1, 1)}
    assert cells[other.pk] == {"ethnic": (4, 1)}
    # The province's viewer does not read the confidential report: its severity is not in the table either.
    assert table(people["province_viewer"])[other.pk] == {}


def test_elapsed_times_read_as_vietnamese_words():
    minutes = datetime.timedelta(minutes=1)
    assert elapsed_text(datetime.timedelta(seconds=20)) == "dưới 1 phút"
    assert elapsed_text(45 * minutes) == "45 phút"
    assert elapsed_text(125 * minutes) == "2 giờ 5 phút"
    assert elapsed_text((3 * 24 * 60 + 4 * 60 + 7) * minutes) == "3 ngày 4 giờ"


def test_a_provinces_own_hotspot_has_no_level_above_and_is_still_recorded(
    units, people, django_capture_on_commit_callbacks
):
    assert escalation_units(units["cao_bang"]) == []
    with django_capture_on_commit_callbacks(execute=True):
        report = factories.situation(people["province_approver"], units["cao_bang"], hotspot=True)
    assert report.hotspot == "open" and not Notification.objects.exists()
    assert [r.pk for r in selectors.open_hotspots_for(people["province_approver"])] == [report.pk]
    services.hotspot_step(people["province_approver"], report, "resolved", "Đã ổn định")
    assert selectors.open_hotspots_for(people["province_approver"]) == []


def test_the_reporter_learns_when_the_level_above_acknowledges_and_resolves(
    units, people, django_capture_on_commit_callbacks
):
    report = factories.situation(
        people["reporter"], units["thuc_phan"], title=SECRET, confidential=True, hotspot=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.hotspot_step(people["province_approver"], report, "acknowledged", "Chi tiết mật của bước")
        services.hotspot_step(people["reporter"], report, "action", "Đối thoại")
        services.hotspot_step(people["province_approver"], report, "resolved", "Xong")
    told = Notification.objects.filter(recipient=people["reporter"], kind=Kind.HOTSPOT).order_by("id")
    assert [note.title for note in told] == ["Cấp trên đã nắm: báo cáo mật", "Đã giải quyết: báo cáo mật"]
    assert all(SECRET not in note.title + note.body and "Chi tiết mật" not in note.body for note in told)
