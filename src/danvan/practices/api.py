"""API of the "Dân vận khéo" register under /api/v1/practices."""

from ninja import Router

router = Router(tags=["Dân vận khéo"])
