"""The citizens' API: `router` under /api/v1/citizens/, `public_router` under /api/v1/public/ (no sign-in)."""

from ninja import Router

from . import consultations, publicity

router = Router(tags=["citizens"])
public_router = Router(tags=["public"])
for topic in (publicity, consultations):
    router.add_router("/", topic.router)
    public_router.add_router("/", topic.public_router)

__all__ = ["public_router", "router"]
