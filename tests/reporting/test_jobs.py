"""A document job lost to a worker killed mid-way: its task result and its document stay RUNNING. The page shows the
truth at once (interrupted, no progress bar, no polling) without writing; `recover_stuck` (run by the worker before
each document and by each new request) marks both failed with a message, and the user can ask again."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from danvan.reporting import documents, jobs
from danvan.reporting.models import ReportDocument
from danvan.reporting.tasks import generate_report_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(demo_form, commune_editor, units):
    return documents.prepare_document(commune_editor, demo_form, units["thuc_phan"], "2026H1")


def killed_mid_way(
    document, started_ago: datetime.timedelta, requested_ago: datetime.timedelta
) -> DBTaskResult:
    """The rows a worker leaves when it is killed while making the document (SIGKILL: no `except` runs)."""
    now = timezone.now()
    ReportDocument.objects.filter(pk=document.pk).update(
        state=ReportDocument.State.RUNNING,
        progress=50,
        progress_note="Đang tạo tệp Word…",
        requested_at=now - requested_ago,
    )
    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [document.pk], "kwargs": {}},
        task_path=generate_report_document.module_path,
        backend_name="default",
        run_after=now - requested_ago,
        started_at=now - started_ago,
        worker_ids=["worker-killed"],
    )


def progress(client, document):
    url = reverse("reporting:document_progress", args=[document.form_id, document.unit_id, document.period])
    return client.get(url, headers={"HX-Request": "true"}).content.decode()


def test_the_task_path_is_the_documents_task():
    assert generate_report_document.module_path == jobs.TASK_PATH


def test_a_job_killed_mid_way_shows_as_interrupted_at_once_without_a_write(
    client_for, commune_editor, document
):
    killed_mid_way(
        document, started_ago=datetime.timedelta(minutes=11), requested_ago=datetime.timedelta(minutes=11)
    )
    html = progress(client_for(commune_editor), document)
    assert "bị gián đoạn" in html and "tạo lại" in html
    assert "every 1s" not in html and "progress-bar" not in html  # no eternal progress bar
    document.refresh_from_db()
    assert document.state == ReportDocument.State.RUNNING  # reading wrote nothing


def test_a_stuck_job_and_its_document_are_marked_failed_and_can_be_asked_again(commune_editor, document):
    job = killed_mid_way(
        document, started_ago=datetime.timedelta(minutes=11), requested_ago=datetime.timedelta(minutes=11)
    )
    assert jobs.recover_stuck() == 1
    document.refresh_from_db()
    job.refresh_from_db()
    assert document.state == ReportDocument.State.FAILED
    assert "gián đoạn" in document.progress_note and "dừng giữa chừng" in document.error
    assert job.status == "FAILED" and job.finished_at is not None
    assert jobs.recover_stuck() == 0  # idempotent
    again = documents.request_generation(commune_editor, document)
    assert again.state in (ReportDocument.State.QUEUED, ReportDocument.State.DONE)


def test_a_new_request_recovers_the_stuck_job_first(commune_editor, document):
    job = killed_mid_way(
        document, started_ago=datetime.timedelta(minutes=30), requested_ago=datetime.timedelta(minutes=30)
    )
    documents.request_generation(commune_editor, document)
    job.refresh_from_db()
    assert job.status == "FAILED"


def test_a_job_that_waited_in_the_queue_but_started_recently_is_still_running(
    client_for, commune_editor, document
):
    # Asked for 20 minutes ago behind other work, started 2 minutes ago: still being made, not lost.
    killed_mid_way(
        document, started_ago=datetime.timedelta(minutes=2), requested_ago=datetime.timedelta(minutes=20)
    )
    document.refresh_from_db()
    assert documents.is_busy(document)
    assert jobs.recover_stuck() == 0
    html = progress(client_for(commune_editor), document)
    assert "every 1s" in html and "gián đoạn" not in html
