"""The citizens' API: `router` under /api/v1/citizens/, `public_router` under /api/v1/public/ (no sign-in)."""

from ninja import Router

from . import receptions

router = Router(tags=["citizens"])
public_router = Router(tags=["public"])
for topic in (receptions,):
    router.add_router("/", topic.router)

__all__ = ["public_router", "router"]
