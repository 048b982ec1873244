"""The citizens' API: `router` under /api/v1/citizens/, `public_router` under /api/v1/public/ (no sign-in), each
topic's operations in its own module, added here."""

from ninja import Router

from . import feedback

router = Router(tags=["citizens"])
public_router = Router(tags=["public"])
public_router.add_router("/", feedback.router)

__all__ = ["public_router", "router"]
