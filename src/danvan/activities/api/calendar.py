"""API of the activities: calendar."""

from ninja import Router

router = Router()
