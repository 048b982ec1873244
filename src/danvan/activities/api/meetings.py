"""API of the activities: meetings."""

from ninja import Router

router = Router()
