"""GET /healthz for monitors and load balancers: the database, the background worker and the disk, cheaply.

No login, no session, no secrets, never writes: one `SELECT 1`, one aggregate over the worker's waiting tasks (a
partial index covers them) and the free space of the data directory. 200 when all is well, 503 otherwise.
"""

import logging
import shutil

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Case, Count, F, Min, When
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)


def database_state() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return {"status": "error"}
    return {"status": "ok", "vendor": connection.vendor}


def worker_state() -> dict:
    """Late when a task has been ready to run for longer than DANVAN_HEALTH_QUEUE_SECONDS: no worker takes them."""
    waiting_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    try:
        queue = DBTaskResult.objects.ready().aggregate(waiting=Count("pk"), since=Min(waiting_since))
    except DatabaseError:
        logger.exception("Health check: cannot read the task queue")
        return {"status": "unknown"}
    oldest = int((timezone.now() - queue["since"]).total_seconds()) if queue["since"] else 0
    late = oldest > settings.HEALTH_QUEUE_MAX_WAIT_SECONDS
    return {
        "status": "late" if late else "ok",
        "waiting_tasks": queue["waiting"],
        "oldest_waiting_seconds": oldest,
    }


def disk_state() -> dict:
    """Low when the data directory (SQLite file, uploads, documents) has less than DANVAN_HEALTH_MIN_FREE_MB."""
    free_mb = shutil.disk_usage(settings.DATA_DIR).free // (1024 * 1024)
    return {"status": "low" if free_mb < settings.HEALTH_MIN_FREE_MB else "ok", "free_mb": free_mb}


@never_cache
@require_safe
def healthz(request):
    database = database_state()
    worker = worker_state() if database["status"] == "ok" else {"status": "unknown"}
    disk = disk_state()
    healthy = database["status"] == "ok" and worker["status"] == "ok" and disk["status"] == "ok"
    body = {"status": "ok" if healthy else "degraded", "database": database, "worker": worker, "disk": disk}
    return JsonResponse(body, status=200 if healthy else 503)
