"""What the lead unit and the assigner can do with a task: report progress (with evidence) until done, ask for a
later deadline and have it decided, cancel and reopen — each checked, logged and told to the right people."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.scope import Role
from danvan.activities import selectors, services
from danvan.activities.models import Task, TaskExtension, TaskProgress
from danvan.activities.selectors import Status
from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed
from danvan.notifications.models import Kind, Notification
from tests import factories
from tests.clock import days, today

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def province_editor(units):
    return factories.user("tinh_bdv", units["cao_bang"], Role.EDITOR, full_name="Cán bộ Ban Dân vận tỉnh")


@pytest.fixture
def open_task(units, province_admin, commune_editor):
    return factories.task(
        province_admin, units["cao_bang"], units["thuc_phan"], deadline=days(10), assigned_on=days(-20)
    )


def pdf(name="bien-ban.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_the_lead_unit_reports_progress_with_evidence_then_completes(
    open_task, commune_editor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    report = services.report_progress(
        commune_editor, open_task, percent=50, text="Đã tổ chức 3 hội nghị", evidence=[pdf()]
    )
    open_task.refresh_from_db()
    assert (open_task.progress, open_task.state) == (50, Task.State.OPEN)
    assert [e.original_name for e in report.evidence.all()] == ["bien-ban.pdf"]
    assert report.evidence.get().content_type == "application/pdf"

    services.report_progress(
        commune_editor, open_task, percent=80, text="Hoàn thành", reported_on=days(-1), completes=True
    )
    open_task.refresh_from_db()
    assert (open_task.state, open_task.progress, open_task.completed_on) == (Task.State.DONE, 100, days(-1))
    assert selectors.status_of(open_task, today()) == Status.DONE_ON_TIME
    assert TaskProgress.objects.filter(task=open_task).count() == 2
    assert [entry.action for entry in history_for(open_task)][:2] == ["update", "update"]


def test_only_the_lead_units_editors_report_progress(open_task, units, other_commune_editor, province_admin):
    viewer = factories.user("xem", units["thuc_phan"], Role.VIEWER)
    # The province's role covers the commune, but the assigner does not report its own task done.
    for outsider in (other_commune_editor, viewer, province_admin):
        with pytest.raises(NotAllowed):
            services.report_progress(outsider, open_task, percent=10, text="x")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"percent": 101, "text": "x"}, "percent"),
        ({"percent": -1, "text": "x"}, "percent"),
        ({"percent": "nhiều", "text": "x"}, "percent"),
        ({"percent": 10, "text": "  "}, "text"),
        ({"percent": 10, "text": "a\x00b"}, "text"),
        ({"percent": 10, "text": "x" * 10_001}, "text"),
        (
            {"percent": 10, "text": "x", "reported_on": 1},
            "reported_on",
        ),  # in days from today, read when the test runs
        ({"percent": 10, "text": "x", "reported_on": -30}, "reported_on"),
        (
            {"percent": 10, "text": "x", "evidence": [SimpleUploadedFile("a.pdf", b"MZ not a pdf")]},
            "evidence",
        ),
    ],
)
def test_bad_progress_is_refused_naming_the_field(open_task, commune_editor, fields, field):
    if "reported_on" in fields:
        fields = {**fields, "reported_on": days(fields["reported_on"])}
    with pytest.raises(ValidationError) as refused:
        services.report_progress(commune_editor, open_task, **fields)
    assert field in refused.value.message_dict
    assert not TaskProgress.objects.exists()


def test_a_cancelled_or_done_task_takes_no_more_progress(open_task, province_admin, commune_editor):
    services.cancel_task(province_admin, open_task, reason="Trùng với nhiệm vụ khác")
    with pytest.raises(ValidationError):
        services.report_progress(commune_editor, open_task, percent=10, text="x")


def test_an_extension_moves_the_deadline_and_keeps_the_original(open_task, province_editor, commune_editor):
    late_day = days(15)  # after the first deadline (days(10))
    assert selectors.status_of(open_task, late_day) == Status.OVERDUE
    extension = services.request_extension(
        commune_editor, open_task, requested_deadline=days(30), reason="Chờ kinh phí"
    )
    with pytest.raises(ValidationError):  # one pending request at a time
        services.request_extension(commune_editor, open_task, requested_deadline=days(40), reason="Lần nữa")
    with pytest.raises(NotAllowed):  # the lead unit does not decide its own request
        services.decide_extension(commune_editor, extension, grant=True, decision_reference="CV 1")
    with pytest.raises(ValidationError) as refused:
        services.decide_extension(province_editor, extension, grant=True)
    assert "decision_reference" in refused.value.message_dict

    services.decide_extension(province_editor, extension, grant=True, decision_reference="Công văn 12-CV/BDV")
    open_task.refresh_from_db()
    extension.refresh_from_db()
    assert (open_task.deadline, open_task.original_deadline) == (days(30), days(10))
    assert extension.decision == TaskExtension.Decision.GRANTED
    assert selectors.status_of(open_task, late_day) == Status.IN_PROGRESS
    # Completed after the first deadline but within the extended one: on time.
    services.report_progress(commune_editor, open_task, percent=100, text="Xong", completes=True)
    open_task.refresh_from_db()
    assert selectors.status_of(open_task, days(20)) == Status.DONE_ON_TIME


def test_a_refused_extension_leaves_the_deadline(open_task, province_editor, commune_editor):
    extension = services.request_extension(
        commune_editor, open_task, requested_deadline=days(30), reason="Chờ kinh phí"
    )
    services.decide_extension(province_editor, extension, grant=False, note="Cần làm ngay")
    open_task.refresh_from_db()
    assert open_task.deadline == days(10)
    with pytest.raises(ValidationError):  # decided once
        services.decide_extension(province_editor, extension, grant=True, decision_reference="CV 2")


def test_an_extension_must_be_later_than_the_deadline(open_task, commune_editor):
    with pytest.raises(ValidationError) as refused:
        services.request_extension(commune_editor, open_task, requested_deadline=days(5), reason="x")
    assert "requested_deadline" in refused.value.message_dict


def test_cancel_and_reopen_change_the_status_on_a_day(open_task, province_admin, commune_editor):
    with pytest.raises(NotAllowed):
        services.cancel_task(commune_editor, open_task, reason="Không làm")
    with pytest.raises(ValidationError) as refused:
        services.cancel_task(province_admin, open_task, reason="")
    assert "reason" in refused.value.message_dict
    services.cancel_task(province_admin, open_task, reason="Trùng nhiệm vụ")
    open_task.refresh_from_db()
    assert selectors.status_of(open_task, days(15)) == Status.CANCELLED
    assert selectors.four_counts(Task.objects.all(), days(15)) == {
        "done_on_time": 0,
        "done_late": 0,
        "in_progress": 0,
        "overdue": 0,
    }
    services.reopen_task(province_admin, open_task, reason="Cần làm tiếp")
    open_task.refresh_from_db()
    assert selectors.status_of(open_task, days(15)) == Status.OVERDUE
    assert open_task.reopen_reason == "Cần làm tiếp"


def test_reopening_a_done_task_undoes_its_completion(open_task, province_admin, commune_editor):
    services.report_progress(commune_editor, open_task, percent=100, text="Xong", completes=True)
    services.reopen_task(province_admin, open_task, reason="Kết quả chưa đạt")
    open_task.refresh_from_db()
    assert (open_task.state, open_task.completed_on) == (Task.State.OPEN, None)
    assert open_task.progress < 100
    assert selectors.status_of(open_task, today()) == Status.IN_PROGRESS
    with pytest.raises(ValidationError):
        services.reopen_task(province_admin, open_task, reason="Lần nữa")


def test_update_task_corrects_and_logs(open_task, province_admin, units, commune_editor):
    services.update_task(province_admin, open_task, title="Nắm tình hình tôn giáo", deadline=days(12))
    open_task.refresh_from_db()
    assert (open_task.title, open_task.deadline, open_task.original_deadline) == (
        "Nắm tình hình tôn giáo",
        days(12),
        days(12),
    )
    assert history_for(open_task).filter(action="update").exists()
    with pytest.raises(NotAllowed):
        services.update_task(commune_editor, open_task, title="Sửa")
    elsewhere = factories.other_province_commune(units["cao_bang"])
    with pytest.raises(ValidationError) as refused:
        services.update_task(province_admin, open_task, lead_unit=elsewhere)
    assert "lead_unit" in refused.value.message_dict


def _told(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_the_right_people_are_told(
    units,
    province_admin,
    province_editor,
    commune_editor,
    other_commune_editor,
    django_capture_on_commit_callbacks,
):
    supporter = factories.user("phoi_hop", units["tp_cao_bang"], Role.EDITOR)
    with django_capture_on_commit_callbacks(execute=True):
        task = factories.task(
            province_admin,
            units["cao_bang"],
            units["thuc_phan"],
            supporting_units=[units["tp_cao_bang"]],
            deadline=days(10),
            assigned_on=days(-5),
        )
    assert _told(Kind.TASK_ASSIGNED) == sorted([commune_editor.username, supporter.username])
    with django_capture_on_commit_callbacks(execute=True):
        services.report_progress(commune_editor, task, percent=40, text="Đang làm")
    assert _told(Kind.TASK_PROGRESS) == sorted([province_admin.username, province_editor.username])
    with django_capture_on_commit_callbacks(execute=True):
        extension = services.request_extension(commune_editor, task, requested_deadline=days(20), reason="x")
    assert _told(Kind.TASK_EXTENSION) == sorted([province_admin.username, province_editor.username])
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_extension(province_editor, extension, grant=True, decision_reference="CV 3")
    assert _told(Kind.TASK_EXTENSION) == sorted(
        [province_admin.username, province_editor.username, commune_editor.username]
    )
    assert not Notification.objects.filter(recipient=other_commune_editor).exists()
