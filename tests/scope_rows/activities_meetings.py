"""Scope rows of the activities: meetings."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.activities.services import meetings as services

from .. import factories
from .common import LOGIN, PRIVATE, row

M = {"pk": "meeting"}
EDIT = {
    "organizer": "@commune",
    "type": "giao_ban",
    "title": "Giao ban đã sửa",
    "day": "22/07/2026",
    "start_time": "08:00",
}
PEOPLE = {
    "people-TOTAL_FORMS": "1",
    "people-INITIAL_FORMS": "0",
    "people-MIN_NUM_FORMS": "0",
    "people-MAX_NUM_FORMS": "300",
    "people-0-role": "guest",
    "people-0-name": "Khách mời",
}
TASKS = {
    "tasks-TOTAL_FORMS": "1",
    "tasks-INITIAL_FORMS": "0",
    "tasks-MIN_NUM_FORMS": "0",
    "tasks-MAX_NUM_FORMS": "100",
    "tasks-0-title": "Nắm tình hình",
    "tasks-0-lead_unit": "@hamlet",
    "tasks-0-deadline": "30/09/2026",
}
NEW_MEETING = {
    "organizer": "@commune",
    "type": "giao_ban",
    "title": "Giao ban qua API",
    "starts_at": "2026-08-01T08:00:00+07:00",
}

# fmt: off
ROWS: list = [
    row("activities:meeting_list",            "GET",  LOGIN, 200, 200),
    row("activities:meeting_export",          "GET",  LOGIN, 200, 200),
    row("activities:meeting_create",          "GET",  LOGIN, 200, 200),
    row("activities:meeting_create",          "POST", LOGIN, 200, 302, data=EDIT),
    row("activities:meeting_detail",          "GET",  LOGIN, 404, 200, **M),
    row("activities:meeting_edit",            "GET",  LOGIN, 404, 200, **M),
    row("activities:meeting_edit",            "POST", LOGIN, 404, 302, **M, data=EDIT),
    row("activities:meeting_attendance",      "GET",  LOGIN, 404, 200, **M),
    row("activities:meeting_attendance",      "POST", LOGIN, 404, 302, **M, data=PEOPLE),
    row("activities:meeting_tasks",           "GET",  LOGIN, 404, 200, **M),
    row("activities:meeting_tasks",           "POST", LOGIN, 404, 302, **M, data=TASKS),
    row("activities:meeting_document_upload", "POST", LOGIN, 404, 302, **M),
    row("activities:meeting_document",        "GET",  LOGIN, 404, 200, **M, document_pk="meeting_document"),
    row("activities:meeting_document_delete", "POST", LOGIN, 404, 302, **M, document_pk="meeting_document"),
    row("activities:meeting_transition",      "POST", LOGIN, 404, 302, **M, action="meeting_hold"),
    row("activities:meeting_minutes",         "GET",  LOGIN, 404, 200, **M, extension="meeting_pdf"),
    row("activities:meeting_notice",          "GET",  LOGIN, 404, 200, **M, extension="meeting_docx"),
    row("activities:meeting_ics",             "GET",  LOGIN, 404, 200, **M),
    row("api:list_meetings",                  "GET",  401, 404, 200, query="unit=@commune"),
    row("api:get_meeting",                    "GET",  401, 404, 200, meeting_id="meeting"),
    row("api:create_meeting",                 "POST", 401, 404, 201, data=NEW_MEETING),
]
# fmt: on


def build(world: dict) -> dict:
    """The objects these rows name, owned by the world's commune (names carry PRIVATE)."""
    commune, owner = world["commune"], world["owner"]
    meeting = factories.meeting(
        owner,
        commune,
        f"Giao ban {PRIVATE}",
        starts_at=datetime.datetime(2026, 7, 22, 1, 0, tzinfo=datetime.UTC),
        conclusions=f"Kết luận {PRIVATE}",
    )
    chair = factories.person(commune, f"Chủ trì {PRIVATE}", "Bí thư Đảng ủy phường")
    services.set_attendance(owner, meeting, [{"role": "chair", "person": chair}])
    document = services.add_document(
        owner, meeting, SimpleUploadedFile("tai-lieu.pdf", b"%PDF-1.4 ma tran"), f"Tài liệu {PRIVATE}"
    )
    return {
        "meeting": meeting,
        "meeting_document": document,
        "meeting_hold": "hold",
        "meeting_pdf": "pdf",
        "meeting_docx": "docx",
    }
