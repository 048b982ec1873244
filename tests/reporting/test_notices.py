"""Nobody is left waiting (issue #10, Deliver 6): a report submitted, returned, approved or reopened tells the people
concerned in the app and by e-mail — through a real SMTP server —, each as they chose; deadlines are reminded of
once by `danvan send_reminders`; and the province's *Nhắc nhở* reaches exactly the units that have not reported."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from danvan.accounts.scope import Role
from danvan.accounts.services import update_user
from danvan.core.models import ChangeLog
from danvan.core.periods import Period
from danvan.notifications.models import Kind, Notification, Nudge, SentReminder
from danvan.notifications.services import notify, set_email_preferences
from danvan.reporting import services
from danvan.reporting.models import Submission
from tests import factories
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PERIOD = "2026H1"
COMMENT = "Bổ sung số cuộc đối thoại của tổ dân phố số 3."


@pytest.fixture
def form(units):
    """A half-year form of Tỉnh Cao Bằng for its communes, due 10 days after the period (10/07/2026 for 2026H1)."""
    return factories.report_form(
        units["cao_bang"], "nhac-han", ["nh_doi_thoai"], name="Báo cáo thử nhắc hạn", deadline_days=10
    )


@pytest.fixture
def editor(units):
    return make_user("tp_nhaplieu", units["thuc_phan"], Role.EDITOR, email="nhaplieu@thucphan.example.vn")


@pytest.fixture
def approver(units):
    return make_user(
        "cb_pheduyet",
        units["cao_bang"],
        Role.APPROVER,
        email="pheduyet@caobang.example.vn",
        full_name="Lãnh đạo Ban",
    )


def submitted(form, unit, editor) -> Submission:
    return factories.submission(
        form, unit, status=Submission.Status.SUBMITTED, submitted_at=timezone.now(), submitted_by=editor
    )


def test_a_returned_report_reaches_the_communes_editor_by_email_and_in_the_app(
    form, units, editor, approver, smtp_inbox, client_for, django_capture_on_commit_callbacks
):
    submission = submitted(form, units["thuc_phan"], editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(approver, submission, "return", comment=COMMENT)

    link = f"https://danvan.example.vn/bao-cao/bieu-mau/{form.pk}/{units['thuc_phan'].pk}/{PERIOD}/"
    [mail] = smtp_inbox.messages
    assert mail.to == ["nhaplieu@thucphan.example.vn"]
    assert "Bị trả lại" in mail.subject and "Phường Thục Phán" in mail.subject
    assert "6 tháng đầu năm 2026" in mail.subject
    assert COMMENT in mail.body and link in mail.body and "Lãnh đạo Ban" in mail.body

    note = Notification.objects.get(recipient=editor)
    assert note.kind == Kind.REPORT_RETURNED and COMMENT in note.body
    assert not Notification.objects.filter(recipient=approver).exists()  # the one who returned it is not told
    client = client_for(editor)
    page = client.get(reverse("home:dashboard")).content.decode()
    assert 'class="badge rounded-pill text-bg-danger dv-bell-count">1<' in page
    inbox = client.get(reverse("notifications:inbox") + "?state=unread").content.decode()
    assert note.title in inbox and COMMENT in inbox


def test_a_submitted_report_tells_the_approvers_of_the_parent_unit(
    form, units, editor, approver, smtp_inbox, django_capture_on_commit_callbacks
):
    other_province = make_user(
        "hg_pheduyet",
        factories.other_province_commune(units["cao_bang"]).parent,
        Role.APPROVER,
        email="x@hg.vn",
    )
    draft = factories.submission(form, units["thuc_phan"])
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(editor, draft, "submit")
    assert [m.to for m in smtp_inbox.messages] == [["pheduyet@caobang.example.vn"]]
    assert "Chờ duyệt" in smtp_inbox.messages[0].subject
    assert Notification.objects.filter(kind=Kind.REPORT_SUBMITTED).get().recipient == approver
    assert not Notification.objects.filter(recipient__in=[editor, other_province]).exists()


def test_approval_and_reopening_tell_the_unit(
    form, units, editor, approver, smtp_inbox, django_capture_on_commit_callbacks
):
    submission = submitted(form, units["thuc_phan"], editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(approver, submission, "approve")
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(approver, submission, "reopen", comment="Sửa số liệu tiếp công dân")
    subjects = [m.subject for m in smtp_inbox.to("nhaplieu@thucphan.example.vn")]
    assert len(subjects) == 2
    assert "Đã duyệt" in subjects[0] and "Được mở lại" in subjects[1]
    assert "Sửa số liệu tiếp công dân" in smtp_inbox.messages[1].body
    editor.refresh_from_db()
    assert editor.unread_notifications == 2


def test_with_email_turned_off_no_mail_comes_but_the_in_app_notification_stays(
    form, units, editor, approver, smtp_inbox, client_for, django_capture_on_commit_callbacks
):
    response = client_for(editor).post(reverse("notifications:preferences"), {"report_approved": "on"})
    assert response.status_code == 302
    submission = submitted(form, units["thuc_phan"], editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(approver, submission, "return", comment=COMMENT)
    assert smtp_inbox.messages == []
    assert Notification.objects.filter(recipient=editor, kind=Kind.REPORT_RETURNED).count() == 1
    # The choice is the user's own and logged; turned on again, mail comes again.
    assert ChangeLog.objects.filter(object_id=str(editor.pk), user=editor).exists()
    set_email_preferences(editor, {Kind.REPORT_RETURNED: True})
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(editor, submission, "submit")
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(approver, submission, "return", comment="Lần hai")
    assert len(smtp_inbox.to("nhaplieu@thucphan.example.vn")) == 1


def test_marking_read_empties_the_count_and_only_the_recipient_can(
    form, units, editor, approver, client_for, django_capture_on_commit_callbacks
):
    submission = submitted(form, units["thuc_phan"], editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(approver, submission, "return", comment=COMMENT)
    note = Notification.objects.get(recipient=editor)
    assert client_for(approver).post(reverse("notifications:mark_read", args=[note.pk])).status_code == 404
    assert client_for(editor).post(reverse("notifications:mark_read", args=[note.pk])).status_code == 302
    note.refresh_from_db()
    editor.refresh_from_db()
    assert note.read_at is not None and editor.unread_notifications == 0
    page = client_for(editor).get(reverse("notifications:inbox") + "?state=read").content.decode()
    assert note.title in page and "dv-bell-count" not in page


def test_the_reminder_command_reminds_each_unit_once_before_and_after_the_deadline(
    form, units, editor, smtp_inbox, django_capture_on_commit_callbacks
):
    nung_tri_cao = make_user("ntc_nhaplieu", units["nung_tri_cao"], Role.EDITOR, email="ntc@example.vn")
    submitted(form, units["nung_tri_cao"], nung_tri_cao)  # has reported: never reminded

    call_command("send_reminders", date="2026-07-05")  # 5 days before 10/07/2026: nothing yet
    assert smtp_inbox.messages == []
    for _run in range(2):
        call_command("send_reminders", date="2026-07-08")  # 2 days before
    [soon] = smtp_inbox.messages
    assert soon.to == ["nhaplieu@thucphan.example.vn"] and "Sắp đến hạn" in soon.subject
    assert "10/07/2026" in soon.body

    for day in ("2026-07-11", "2026-07-11", "2026-07-20"):
        call_command("send_reminders", date=day)
    assert [m.subject.split(":")[0] for m in smtp_inbox.messages] == [
        "[Dân vận số] Sắp đến hạn",
        "[Dân vận số] Quá hạn",
    ]
    assert Notification.objects.filter(recipient=editor).count() == 2
    assert not Notification.objects.filter(recipient=nung_tri_cao).exists()
    key = f"{form.pk}:{units['thuc_phan'].pk}:{PERIOD}"
    assert set(SentReminder.objects.filter(key=key).values_list("kind", flat=True)) == {
        Kind.DEADLINE_SOON,
        Kind.DEADLINE_PASSED,
    }


def test_a_report_returned_to_its_unit_is_reminded_of_the_deadline(form, units, editor, smtp_inbox):
    """A returned report is not with its approver: its unit has not submitted, and is reminded like one that has not
    begun (completeness lists it apart, as *Bị trả lại*)."""
    factories.submission(form, units["thuc_phan"], status=Submission.Status.RETURNED)
    call_command("send_reminders", date="2026-07-08")  # 2 days before 10/07/2026
    assert [m.to for m in smtp_inbox.messages] == [["nhaplieu@thucphan.example.vn"]]
    assert Notification.objects.filter(recipient=editor, kind=Kind.DEADLINE_SOON).exists()


def test_nhac_nho_notifies_exactly_the_units_that_have_not_reported(
    form, units, editor, smtp_inbox, client_for, django_capture_on_commit_callbacks
):
    province_editor = make_user("cb_chuyenvien", units["cao_bang"], Role.EDITOR, full_name="Chuyên viên tỉnh")
    communes = list(services.units_to_nudge(form, Period.parse(PERIOD), units["cao_bang"]))
    reported, drafting, returned = communes[0], communes[1], communes[2]
    people = {
        unit.pk: make_user(f"nl_{unit.pk}", unit, Role.EDITOR, email=f"nl{unit.pk}@example.vn")
        for unit in (reported, drafting, returned)
    }
    submitted(form, reported, people[reported.pk])
    factories.submission(form, drafting)
    factories.submission(form, returned, status=Submission.Status.RETURNED)

    client = client_for(province_editor)
    completeness = reverse("reporting:completeness", args=[form.pk])
    page = client.get(f"{completeness}?unit={units['cao_bang'].pk}&period={PERIOD}").content.decode()
    assert "Nhắc nhở" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:completeness_nudge", args=[form.pk]),
            {"unit": units["cao_bang"].pk, "period": PERIOD},
        )
    assert response.status_code == 302

    told = set(Notification.objects.filter(kind=Kind.NUDGE).values_list("recipient__username", flat=True))
    assert told == {people[drafting.pk].username, people[returned.pk].username, editor.username}
    assert {tuple(m.to) for m in smtp_inbox.messages} == {
        (people[drafting.pk].email,),
        (people[returned.pk].email,),
        (editor.email,),
    }
    nudge = Nudge.objects.get()
    assert len(nudge.units) == len(communes) - 1 and reported.name not in nudge.units
    logged = ChangeLog.objects.get(object_id=str(nudge.pk), content_type__model="nudge")
    assert logged.user == province_editor and logged.unit == units["cao_bang"]

    sheet = client.get(
        reverse("reporting:completeness_missing_export", args=[form.pk]),
        {"unit": units["cao_bang"].pk, "period": PERIOD},
    )
    names = [
        row[1]
        for row in load_workbook(io.BytesIO(sheet.content)).active.iter_rows(min_row=2, values_only=True)
    ]
    assert drafting.name in names and returned.name in names and reported.name not in names
    assert len(names) == len(communes) - 1


def test_only_the_province_or_parent_editors_may_nudge(form, units, client_for):
    viewer = make_user("cb_xem", units["cao_bang"], Role.VIEWER)
    response = client_for(viewer).post(
        reverse("reporting:completeness_nudge", args=[form.pk]),
        {"unit": units["cao_bang"].pk, "period": PERIOD},
    )
    assert response.status_code == 403
    assert not Nudge.objects.exists() and not Notification.objects.exists()


def test_a_mail_server_that_is_down_stops_nothing_and_the_notification_stays(
    form, units, editor, approver, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},  # nothing listens on the discard port
        }
    }
    submission = submitted(form, units["thuc_phan"], editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(approver, submission, "return", comment=COMMENT)
    assert Submission.objects.get(pk=submission.pk).status == Submission.Status.RETURNED
    assert Notification.objects.filter(recipient=editor, kind=Kind.REPORT_RETURNED).exists()


def test_saving_a_user_read_earlier_keeps_the_unread_count(form, units, editor, approver, province_admin):
    stale = type(editor).objects.get(pk=editor.pk)
    notify([editor], Kind.NUDGE, "Nhắc thử")
    update_user(province_admin, stale, full_name="Tên mới")
    editor.refresh_from_db()
    assert editor.full_name == "Tên mới" and editor.unread_notifications == 1
