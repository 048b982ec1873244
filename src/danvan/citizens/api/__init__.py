"""The citizens' API: `router` under /api/v1/citizens/, `public_router` under /api/v1/public/ (no sign-in). Each
topic's module defines its operations on a router of its own, added here."""

from ninja import Router

from . import petitions

router = Router(tags=["citizens"])
public_router = Router(tags=["public"])
for topic in (petitions,):
    router.add_router("/", topic.router)

__all__ = ["public_router", "router"]
