"""The citizens' API: `router` under /api/v1/citizens/, `public_router` under /api/v1/public/ (no sign-in). Each
topic's module defines its operations on a router of its own, added here."""

from ninja import Router

from . import clocks, consultations, feedback, petitions, publicity, receptions

router = Router(tags=["citizens"])
public_router = Router(tags=["public"])
for topic in (clocks, consultations, petitions, publicity, receptions):
    router.add_router("/", topic.router)
for topic in (consultations, publicity):
    public_router.add_router("/", topic.public_router)
public_router.add_router("/", feedback.router)

__all__ = ["public_router", "router"]
