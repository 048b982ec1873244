"""Scope rows of the activities: people."""

import datetime

from danvan.activities import services

from .common import LOGIN, PRIVATE, row

IN_COMMUNE = "unit=@commune"
NEW_PERSON = {"unit": "@commune", "name": "Người mới"}
POST = {"title": "Phó Bí thư", "valid_from": "01/07/2025"}

# fmt: off
ROWS: list = [
    row("activities:person_list",            "GET",  LOGIN, 200, 200, query=IN_COMMUNE),
    row("activities:person_create",          "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:person_create",          "POST", LOGIN, 200, 302, data=NEW_PERSON),
    row("activities:person_export",          "GET",  LOGIN, 200, 200, query=IN_COMMUNE),
    row("activities:person_import",          "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:person_import",          "POST", LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:person_import_template", "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("activities:person_detail",          "GET",  LOGIN, 404, 200, pk="person"),
    row("activities:person_edit",            "GET",  LOGIN, 404, 200, pk="person"),
    row("activities:person_edit",            "POST", LOGIN, 404, 200, pk="person"),
    row("activities:post_add",               "POST", LOGIN, 404, 302, pk="person", data={"post-title": "Ủy viên"}),
    row("activities:post_edit",              "GET",  LOGIN, 404, 200, pk="person_post"),
    row("activities:post_edit",              "POST", LOGIN, 404, 302, pk="person_post", data=POST),
    row("activities:post_end",               "GET",  LOGIN, 404, 200, pk="person_post"),
    row("activities:post_end",               "POST", LOGIN, 404, 302, pk="person_post", data={"valid_to": "31/12/2025"}),
    row("activities:post_delete",            "POST", LOGIN, 404, 302, pk="person_post"),
    row("api:list_people",                   "GET",  401, 404, 200, query=IN_COMMUNE),
    row("api:get_person",                    "GET",  401, 404, 200, person_id="person"),
    row("api:create_person_record",          "POST", 401, 404, 201, data={"unit": "@commune", "name": "Người API"}),
]
# fmt: on


def build(world: dict) -> dict:
    """The objects these rows name, owned by the world's commune (names carry PRIVATE)."""
    person = services.create_person(
        world["owner"], unit=world["commune"], name=f"Cán bộ {PRIVATE}", phone="0206 385 000"
    )
    post = services.add_post(
        world["owner"],
        person,
        title=f"Chủ tịch {PRIVATE}",
        unit=world["commune"],
        valid_from=datetime.date(2025, 7, 1),
    )
    return {"person": person, "person_post": post}
