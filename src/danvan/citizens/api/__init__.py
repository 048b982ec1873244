"""The citizens' API: `router` under /api/v1/citizens/, `public_router` under /api/v1/public/ (no sign-in)."""

from ninja import Router

router = Router(tags=["citizens"])
public_router = Router(tags=["public"])

__all__ = ["public_router", "router"]
