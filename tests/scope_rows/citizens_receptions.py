"""Scope rows of the citizens: receptions (with their schedule, duties and compliance table) and dialogues."""

import datetime

from danvan.citizens import services

from .. import factories
from .common import LOGIN, PRIVATE, row

IN_COMMUNE = "unit=@commune"
RECEPTION = {"pk": "reception"}
DIALOGUE = {"pk": "dialogue"}
NEW_RECEPTION = {"unit": "@commune", "date": "2026-06-05", "kind": "ad_hoc", "mode": "in_person"}
NEW_DIALOGUE = {"unit": "@commune", "title": "Đối thoại qua API", "date": "2026-06-05", "status": "held"}

# fmt: off
ROWS: list = [
    row("citizens:reception_list",         "GET",  LOGIN, 200, 200),
    row("citizens:reception_export",       "GET",  LOGIN, 200, 200),
    row("citizens:reception_create",       "GET",  LOGIN, 200, 200),
    row("citizens:reception_create",       "POST", LOGIN, 200, 200),
    row("citizens:reception_schedule",     "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("citizens:reception_schedule",     "POST", LOGIN, 404, 200, query=IN_COMMUNE),
    row("citizens:reception_compliance",   "GET",  LOGIN, 404, 200, query=IN_COMMUNE + "&year=2026"),
    row("citizens:reception_detail",       "GET",  LOGIN, 404, 200, **RECEPTION),
    row("citizens:reception_edit",         "GET",  LOGIN, 404, 200, **RECEPTION),
    row("citizens:reception_edit",         "POST", LOGIN, 404, 200, **RECEPTION),
    row("citizens:reception_commitment",   "POST", LOGIN, 404, 200, **RECEPTION),
    row("citizens:reception_petition",     "POST", LOGIN, 404, 200, **RECEPTION),
    row("citizens_public:reception_schedule", "GET", 200, 200, 200, unit_id="commune"),
    row("citizens:dialogue_list",          "GET",  LOGIN, 200, 200),
    row("citizens:dialogue_export",        "GET",  LOGIN, 200, 200),
    row("citizens:dialogue_create",        "GET",  LOGIN, 200, 200),
    row("citizens:dialogue_create",        "POST", LOGIN, 200, 200),
    row("citizens:dialogue_counts",        "GET",  LOGIN, 404, 200, query=IN_COMMUNE),
    row("citizens:dialogue_detail",        "GET",  LOGIN, 404, 200, **DIALOGUE),
    row("citizens:dialogue_edit",          "GET",  LOGIN, 404, 200, **DIALOGUE),
    row("citizens:dialogue_edit",          "POST", LOGIN, 404, 200, **DIALOGUE),
    row("citizens:dialogue_question",      "POST", LOGIN, 404, 200, **DIALOGUE),
    row("citizens:dialogue_commitment",    "POST", LOGIN, 404, 200, **DIALOGUE),
    row("api:list_receptions",             "GET",  401, 404, 200, query=IN_COMMUNE),
    row("api:get_reception",               "GET",  401, 404, 200, reception_id="reception"),
    row("api:create_reception",            "POST", 401, 404, 201, data=NEW_RECEPTION),
    row("api:list_dialogues",              "GET",  401, 404, 200, query=IN_COMMUNE),
    row("api:get_dialogue",                "GET",  401, 404, 200, dialogue_id="dialogue"),
    row("api:create_dialogue",             "POST", 401, 404, 201, data=NEW_DIALOGUE),
]
# fmt: on


def build(world: dict) -> dict:
    """A reception and a dialogue of the world's commune (names carry PRIVATE); a schedule kept unpublished, so the
    public page, open to everyone, shows none of it."""
    owner, commune = world["owner"], world["commune"]
    leader = factories.person(commune, f"Lãnh đạo {PRIVATE}", f"Chủ tịch {PRIVATE}")
    reception = services.save_reception(
        owner,
        unit=commune,
        data={
            "kind": "regular",
            "mode": "in_person",
            "date": datetime.date(2026, 6, 4),
            "leader": leader,
            "leader_role": "chu_tich_ubnd_xa",
            "place": f"Trụ sở {PRIVATE}",
        },
        citizens=[{"name": f"Công dân {PRIVATE}", "matter": f"Nội dung {PRIVATE}"}],
    )
    services.add_commitment(
        owner, reception=reception, text=f"Cam kết {PRIVATE}", deadline=datetime.date(2030, 1, 1)
    )
    dialogue = services.save_dialogue(
        owner,
        unit=commune,
        data={"title": f"Đối thoại {PRIVATE}", "date": datetime.date(2026, 5, 20), "status": "held"},
        leaders=[leader],
    )
    services.save_schedule(owner, unit=commune, data={"days": f"Thứ Năm {PRIVATE}", "published": False})
    services.save_duty(
        owner,
        unit=commune,
        data={"person": leader, "leader_role": "chu_tich_ubnd_xa", "valid_from": datetime.date(2026, 1, 1)},
    )
    return {"reception": reception, "dialogue": dialogue}
