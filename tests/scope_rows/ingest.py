"""Scope rows of the archive reader (/doc-lai-tin/): a batch of the commune's, read, with one extraction."""

from danvan.ingest.models import ImportBatch, ImportItem

from .common import LOGIN, PRIVATE, row

BATCH = {"pk": "ingest_batch"}

# fmt: off
ROWS: list = [
    row("ingest:archive",                 "GET",   LOGIN, 200, 200),
    row("ingest:archive",                 "POST",  LOGIN, 200, 200, data={"unit": "@commune"}),
    row("ingest:batch_detail",            "GET",   LOGIN, 404, 200, **BATCH),
    row("ingest:batch_progress",          "GET",   LOGIN, 404, 200, **BATCH),
    row("ingest:item_save",               "POST",  LOGIN, 404, 422, **BATCH, item_pk="ingest_item"),
    row("ingest:batch_import",            "POST",  LOGIN, 404, 302, **BATCH),
    row("ingest:batch_resume",            "POST",  LOGIN, 404, 302, **BATCH),
]
# fmt: on


def build(world: dict) -> dict:
    commune = world["commune"]
    batch = ImportBatch.objects.create(
        unit=commune,
        unit_path=commune.path,
        uploaded_by=world["owner"],
        name=f"Tin {PRIVATE}.zip",
        state=ImportBatch.State.READY,
        total=1,
        progress=1,
    )
    item = ImportItem.objects.create(
        batch=batch,
        position=1,
        filename=f"tin-{PRIVATE}.txt",
        text=f"Hội nghị {PRIVATE}",
        state=ImportItem.State.READ,
        event={"title": f"Hội nghị {PRIVATE}", "event_date": "2026-03-20", "event_type": "giao_ban"},
    )
    return {"ingest_batch": batch, "ingest_item": item}
