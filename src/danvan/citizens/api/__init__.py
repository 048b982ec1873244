"""The citizens' API: `router` under /api/v1/citizens/, `public_router` under /api/v1/public/ (no sign-in), each
topic's module adding its operations."""

from ninja import Router

from . import clocks

router = Router(tags=["citizens"])
public_router = Router(tags=["public"])
for topic in (clocks,):
    router.add_router("/", topic.router)

__all__ = ["public_router", "router"]
