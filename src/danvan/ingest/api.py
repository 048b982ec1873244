"""POST /api/v1/ingest: a news file in, the structured event out."""

from ninja import Router

router = Router(tags=["ingest"])
