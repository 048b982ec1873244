"""API of the activities: oversight."""

from ninja import Router

router = Router()
