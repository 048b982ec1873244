"""The portal's public API: /api/v1/portal/sites and each site's stories (no sign-in: what a visitor sees)."""

from ninja import Router

router = Router(tags=["portal"])
