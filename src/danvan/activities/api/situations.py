"""API of the activities: situations."""

from ninja import Router

router = Router()
