"""GET /healthz: for monitors and load balancers, without login, session or secrets; never writes."""

import datetime
import json
import os
import subprocess
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

pytestmark = pytest.mark.django_db


def ready_task(waiting: datetime.timedelta) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="danvan.reporting.tasks.build_document",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - waiting)
    return task


def test_healthz_answers_ok_to_an_anonymous_monitor_without_a_session(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert body["worker"] == {"status": "ok", "waiting_tasks": 0, "oldest_waiting_seconds": 0}
    assert body["disk"]["status"] == "ok" and body["disk"]["free_mb"] > 0
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reads_only_and_cheaply(client):
    with CaptureQueriesContext(connection) as queries:
        client.get("/healthz")
    assert len(queries) == 2
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)


def test_healthz_tells_no_secret(client, settings):
    text = client.get("/healthz").content.decode()
    assert settings.SECRET_KEY not in text
    assert str(settings.DATABASES["default"]["NAME"]) not in text


def test_healthz_is_degraded_when_a_task_waits_too_long_for_the_worker(client, settings):
    settings.HEALTH_QUEUE_MAX_WAIT_SECONDS = 300
    ready_task(datetime.timedelta(seconds=30))
    assert client.get("/healthz").status_code == 200

    ready_task(datetime.timedelta(minutes=20))
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["worker"]["status"] == "late"
    assert body["worker"]["waiting_tasks"] == 2
    assert body["worker"]["oldest_waiting_seconds"] >= 20 * 60


def test_healthz_is_degraded_when_the_data_directory_runs_out_of_space(client, settings):
    settings.HEALTH_MIN_FREE_MB = 10**12
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "degraded"
    assert response.json()["disk"]["status"] == "low"


def test_healthz_is_degraded_when_the_database_does_not_answer(tmp_path):
    """A real server process whose database is unreachable (nothing listens on port 9)."""
    script = (
        "from django.test import Client; r = Client(HTTP_HOST='localhost').get('/healthz'); "
        "import json; print(r.status_code, json.dumps(r.json()))"
    )
    env = {
        **os.environ,
        "DANVAN_TESTING": "1",
        "DANVAN_DATA_DIR": str(tmp_path),
        "DANVAN_DATABASE_URL": "postgres://nobody@127.0.0.1:9/none?connect_timeout=2",
    }
    result = subprocess.run(
        [sys.executable, "-m", "danvan.cli", "shell", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    status, body = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert status == "503"
    body = json.loads(body)
    assert body["status"] == "degraded"
    assert body["database"] == {"status": "error"}
    assert body["worker"] == {"status": "unknown"}
    assert "nobody" not in result.stdout


def test_healthz_accepts_only_reads(client):
    assert client.post("/healthz").status_code == 405
