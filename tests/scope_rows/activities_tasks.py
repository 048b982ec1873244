"""Scope rows of the activities: tasks."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.scope import Role
from danvan.activities import services

from .. import factories
from .common import LOGIN, PRIVATE, row

IN_COMMUNE = "unit=@commune"
TASK = {"pk": "task"}  # assigned by the commune (to its hamlet): the assigner's pages
LED = {"pk": "task_led"}  # assigned to the commune by its province: the lead unit's pages
NEW_TASK = {
    "assigner": "@commune",
    "lead_unit": "@hamlet",
    "title": "Nhiệm vụ giao qua API",
    "deadline": "2030-12-31",
}
PROGRESS = {"percent": 30, "text": "Đã làm"}

# fmt: off
ROWS: list = [
    row("activities:task_board",            "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:task_export",           "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:task_create",           "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:task_create",           "POST", LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:task_detail",           "GET",  LOGIN, 404, 200, **TASK),
    row("activities:task_edit",             "GET",  LOGIN, 404, 200, **TASK),
    row("activities:task_edit",             "POST", LOGIN, 404, 200, **TASK),
    row("activities:task_progress",         "GET",  LOGIN, 404, 200, **LED),
    row("activities:task_progress",         "POST", LOGIN, 404, 200, **LED),
    row("activities:task_extension",        "GET",  LOGIN, 404, 200, **LED),
    row("activities:task_extension",        "POST", LOGIN, 404, 200, **LED),
    row("activities:task_cancel",           "POST", LOGIN, 404, 200, **TASK),
    row("activities:task_reopen",           "POST", LOGIN, 404, 200, **TASK),
    row("activities:task_extension_decide", "POST", LOGIN, 404, 200, pk="task_extension"),
    row("activities:task_evidence",         "GET",  LOGIN, 404, 200, pk="task_evidence"),
    row("activities:task_bulk",             "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:task_bulk",             "POST", LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:task_bulk_workbook",    "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:task_bulk_confirm",     "POST", LOGIN, 404, 302, query=IN_COMMUNE),
    row("api:list_tasks",                   "GET",  401, 404, 200, query=IN_COMMUNE),
    row("api:task_stats",                   "GET",  401, 404, 200, query="unit=@commune&period=2026"),
    row("api:get_task",                     "GET",  401, 404, 200, task_id="task"),
    row("api:create_task",                  "POST", 401, 404, 201, data=NEW_TASK),
    row("api:report_task_progress",         "POST", 401, 404, 201, task_id="task_led", data=PROGRESS),
]
# fmt: on


def build(world: dict) -> dict:
    """The objects these rows name, owned by the world's commune (names carry PRIVATE)."""
    owner, commune, hamlet = world["owner"], world["commune"], world["hamlet"]
    province = commune.parent
    province_user = factories.user("matrix_tasks_province", province, Role.ADMIN)
    hamlet_editor = factories.user("matrix_tasks_hamlet", hamlet, Role.EDITOR)
    task = factories.task(
        owner,
        commune,
        hamlet,
        title=f"Nhiệm vụ {PRIVATE}",
        deadline=datetime.date(2030, 9, 30),
        assigned_on=datetime.date(2026, 6, 1),
    )
    led = factories.task(
        province_user,
        province,
        commune,
        title=f"Nhiệm vụ được giao {PRIVATE}",
        deadline=datetime.date(2030, 9, 30),
        assigned_on=datetime.date(2026, 6, 1),
    )
    report = services.report_progress(
        owner,
        led,
        percent=20,
        text=f"Tiến độ {PRIVATE}",
        reported_on=datetime.date(2026, 6, 2),
        evidence=[SimpleUploadedFile(f"minh-chung {PRIVATE}.pdf", b"%PDF-1.4\n%%EOF\n")],
    )
    extension = services.request_extension(
        hamlet_editor, task, requested_deadline=datetime.date(2030, 12, 31), reason=f"Lý do {PRIVATE}"
    )
    return {
        "task": task,
        "task_led": led,
        "task_extension": extension,
        "task_evidence": report.evidence.get(),
    }
